"""The progress report as an administrative document: what the report says, section by section,
as table-model :class:`Part` s that the Word and HTML writers lay out inside the frame of
Nghị định 30/2020/NĐ-CP (:mod:`tthc_cli.render.frame`).

:func:`report_parts` is the one place that turns the report model (``plan.progress.ReportSet``:
one :class:`~tthc_cli.plan.progress.Report` per plan asked for) into the document's body; a
change of the report's model changes this function, not the writers. The body:

* an opening paragraph: the plans, the day the figures stand on;
* I. results against each target (milestone) of each plan: due date, target, result, how many
  procedures the result is measured on, how many have dated evidence and how many record a fact
  without it, status ("chưa có căn cứ" is its own status, never "đạt"); in a closing report the
  result on the report date too; a time line of the milestones;
* II. results by unit (or field, level, kind, as asked) in Vietnamese order, with the whole
  catalog; bars against the target lines for the groups that have a figure (the groups do not
  depend on the plan: they are shown once);
* III. what is at risk: milestones late, not met, at risk or without evidence, groups below a
  plan's cut target;
* IV. the data's limits: the rules of evidence, each plan's period and choices, how "before" is
  taken, how cuts are counted, what the cost and time figures cover, what is illustrative or
  has no date.

A milestone is named by its content, never by its identifier.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tthc_cli.dates import show_day
from tthc_cli.extras import OFFICE, available
from tthc_cli.messages import text
from tthc_cli.plan.progress import NO_GROUP, GroupProgress, MilestoneStatus, Report, ReportSet
from tthc_cli.render.report_charts import (
    chart_rows,
    milestone_chart,
    milestone_chart_png,
    progress_charts,
    progress_charts_png,
)
from tthc_cli.render.report_table import (
    baseline_line,
    display,
    milestone_notes,
    plan_lines,
    status_label,
    total_label,
)
from tthc_cli.render.tables import Chart, Column, Para, Part, Row, Table

STATUS_ORDER = (
    "met",
    "not_met",
    "missed",
    "at_risk",
    "no_evidence",
    "pending",
    "not_applicable",
    "outside_scope",
)
AT_RISK = ("missed", "not_met", "at_risk")


def group_name(report: Report, group: GroupProgress, lang: str) -> str:
    """A group's name for people: levels and kinds in words, units by their full name,
    procedures without a unit said so."""
    if group.key == NO_GROUP:
        return text("report.doc.no-unit", lang)
    if report.by == "level":
        return text(f"show.level.{group.key}", lang)
    if report.by == "kind":
        return text(f"show.kind.{group.key}", lang)
    return group.label


def _percent(value: float | None, lang: str) -> str:
    return display(None if value is None else round(value, 2), lang)


def plan_name(report: Report, lang: str) -> str:
    """A plan as the document names it: its title and the number of its main document."""
    plan = report.plan
    title = plan.title_en if lang == "en" and plan.title_en else plan.title
    if not plan.decision:
        return title
    return text("report.doc.plan", lang, title=title, decision=plan.decision)


def _per_plan(report: Report, line: str, lang: str) -> str:
    """A line of one of several plans, named by its document's number."""
    if not report.plan.decision:
        return f"{report.plan.title}: {line}"
    return text("report.doc.per-plan", lang, decision=report.plan.decision, line=line)


def _closing(report: Report) -> bool:
    return report.closing and any(s.final_value is not None for s in report.milestones)


def _milestone_row(number: int, status: MilestoneStatus, closing: bool, lang: str) -> Row:
    m = status.milestone
    cells = [
        str(number),
        m.label(lang),
        show_day(m.due, lang),
        display(m.target, lang),
        _percent(status.value, lang),
    ]
    if closing:
        cells.append(_percent(status.final_value, lang))
    counted = text(
        "report.doc.counted-of",
        lang,
        counted=display(status.counted, lang),
        population=display(status.population, lang),
    )
    shown = (  # the long status in full under the table, once
        text("report.chart.outside_scope", lang)
        if status.status == "outside_scope"
        else status_label(status.status, lang)
    )
    cells += [counted, display(status.without_evidence, lang), shown]
    return Row(tuple(cells))


# The targets' widths in millimetres of the decree's 165 mm text at 12 pt, from what each column
# holds (with the cell's margins): "STT" and a date dd/mm/yyyy each on one line, "không tính"
# broken between its words, a status of a few words; the rest goes to the content.
MILESTONE_WIDTHS = {
    "number": 13,
    "due": 24,
    "target": 15,
    "value": 15,
    "final_value": 15,
    "counted": 17,  # its header's "TTHC" on one line
    "without_evidence": 15,
    "status": 18,
}
TEXT_WIDTH = 165


def milestone_table(report: Report, lang: str) -> Table:
    """The targets (widths: :data:`MILESTONE_WIDTHS`, the content takes what is left). Each
    result says how many procedures it is measured on, how many of them have dated evidence
    and how many record a fact without it; a closing report adds the result on the report
    date."""
    closing = _closing(report)
    widths = {k: v for k, v in MILESTONE_WIDTHS.items() if closing or k != "final_value"}
    content = TEXT_WIDTH - sum(widths.values())
    columns = [
        Column(text("table.col.number", lang), widths["number"]),
        Column(text("report.ms.title", lang), content),
        Column(text("report.ms.due", lang), widths["due"]),
        Column(text("report.ms.target", lang), widths["target"]),
        Column(text("report.ms.value", lang), widths["value"]),
    ]
    if closing:
        columns.append(Column(text("report.ms.final_value", lang), widths["final_value"]))
    columns += [
        Column(text("report.doc.col.counted", lang), widths["counted"]),
        Column(text("report.ms.without_evidence", lang), widths["without_evidence"]),
        Column(text("report.ms.status", lang), widths["status"]),
    ]
    rows = tuple(_milestone_row(i, s, closing, lang) for i, s in enumerate(report.milestones, 1))
    return Table(tuple(columns), rows, numbered=True)


GROUP_COLUMNS = (  # millimetres, with the number (13) and the name (43): 165
    ("procedures", 15),
    ("internal", 16),
    ("published", 15),
    ("reviewed", 15),
    ("plan_approved_share", 16),
    ("procedures_cut_share", 16),
    ("cost_cut_share", 16),
)


def _group_cells(group: GroupProgress, lang: str) -> tuple[str, ...]:
    values = {
        "procedures": display(group.procedures, lang),
        "internal": display(group.internal, lang),
        "published": display(group.published, lang),
        "reviewed": display(group.reviewed, lang),
        "plan_approved_share": _percent(group.plan_approved_share, lang),
        "procedures_cut_share": _percent(group.procedures_cut_share, lang),
        "cost_cut_share": _percent(group.cost_cut_share, lang),
    }
    return tuple(values[key] for key, _ in GROUP_COLUMNS)


def group_table(report: Report, names: Sequence[str], lang: str) -> Table:
    columns = (
        Column(text("table.col.number", lang), MILESTONE_WIDTHS["number"]),
        Column(text(f"report.doc.group.{report.by}", lang), 43),
        *(Column(text(f"report.col.{key}", lang), weight) for key, weight in GROUP_COLUMNS),
    )
    rows = [
        Row((str(i), name, *_group_cells(g, lang)))
        for i, (name, g) in enumerate(zip(names, report.groups, strict=True), 1)
    ]
    rows.append(Row(("", total_label(lang), *_group_cells(report.total, lang))))
    return Table(tuple(columns), tuple(rows), numbered=True)


def _status_counts(report: Report, lang: str) -> str:
    counts = {s: sum(1 for m in report.milestones if m.status == s) for s in STATUS_ORDER}
    shown = [
        text("report.doc.status-count", lang, count=count, status=status_label(status, lang))
        for status, count in counts.items()
        if count
    ]
    return text(
        "report.doc.milestones-summary", lang, total=len(report.milestones), counts="; ".join(shown)
    )


def _milestone_risks(report: Report, lang: str) -> list[str]:
    lines = []
    for status in report.milestones:
        m = status.milestone
        common = {
            "title": m.label(lang),
            "due": show_day(m.due, lang),
            "target": display(m.target, lang),
            "status": status_label(status.status, lang),
        }
        if status.status == "no_evidence":
            lines.append(
                text(
                    "report.doc.risk-no-evidence",
                    lang,
                    **common,
                    counted=status.counted,
                    population=status.population,
                    without=status.without_evidence,
                )
            )
        elif status.status in AT_RISK:
            key = (
                "report.doc.risk-milestone" if status.value is not None else "report.doc.risk-none"
            )
            lines.append(text(key, lang, **common, value=_percent(status.value, lang)))
    return lines


def _group_risks(report: Report, names: Sequence[str], lang: str) -> list[str]:
    target = report.plan.procedures_cut_percent
    if target is None:
        return []
    below = [  # the province's own units only: not another level's, not "no unit recorded"
        name
        for name, g in zip(names, report.groups, strict=True)
        if g.key != NO_GROUP
        and g.key not in report.outside_groups
        and g.internal
        and g.procedures_cut_share is not None
        and g.procedures_cut_share < target
    ]
    if not below:
        return []
    return [
        text(
            "report.doc.risk-groups",
            lang,
            count=len(below),
            target=display(target, lang),
            groups="; ".join(below),
        )
    ]


def _at_risk(reports: Sequence[Report], names: Sequence[str], lang: str) -> list[str]:
    lines = []
    for report in reports:
        found = _milestone_risks(report, lang) + _group_risks(report, names, lang)
        if found and len(reports) > 1:
            found = [_per_plan(report, line, lang) for line in found]
        lines += found
    return lines or [text("report.doc.no-risk", lang)]


def limit_lines(reports: Sequence[Report], lang: str, technical: bool = False) -> list[str]:
    """The data's limits: the rules of evidence, each plan's period and choices, how "before"
    is taken, how cuts are counted, what the figures cover (each line once). In plain
    administrative words for the signed document; ``technical``: with the config keys, sources,
    research notes and procedure codes behind them (the workbook's notes sheet, which is data)."""
    plain = not technical
    first = reports[0]
    total = first.total
    cut_key = "report.count-cut-as" if technical else "report.doc.count-cut-as"
    lines = [baseline_line(first, lang, plain), text(f"{cut_key}.{first.count_cut_as}", lang)]
    for report in reports:
        own = [
            line for line in plan_lines(report, lang, plain) if line != _closing_line(report, lang)
        ]
        if len(reports) > 1:
            own = [own[0], *(_per_plan(report, line, lang) for line in own[1:])]
        lines += own
    internal_cuts = ("procedures_cut_share", "cost_cut_share")
    if any(
        m.measure in internal_cuts and m.kind == "internal"
        for report in reports
        for m in report.plan.milestones
    ):
        lines.append(text("report.scope-note", lang))
    if first.hourly is None:
        lines.append(text("report.doc.hourly-none" if plain else "report.hourly-none", lang))
    else:
        lines.append(
            text(
                "report.doc.hourly" if plain else "report.hourly",
                lang,
                amount=display(first.hourly.amount, lang),
                start=show_day(first.hourly.start, lang),
                source=first.hourly.source,
            )
        )
    lines.append(
        text("report.cost-note", lang, counted=total.cost.counted, missing=total.cost.not_computed)
    )
    lines.append(
        text("report.time-note", lang, counted=total.time_counted, hours=f"{total.hours_per_day:g}")
    )
    if total.published_undated:
        lines.append(text("report.doc.undated", lang, count=total.published_undated))
    if total.plans_undated:
        lines.append(text("report.doc.plans-undated", lang, count=total.plans_undated))
    no_unit = next((g for g in first.groups if first.by == "unit" and g.key == NO_GROUP), None)
    if no_unit is not None:
        lines.append(text("report.doc.no-unit-data", lang, count=no_unit.procedures))
    if first.outside_groups:
        lines.append(text("report.doc.outside-groups", lang, count=len(first.outside_groups)))
    if first.illustrative_codes:
        lines.append(
            text(
                "report.doc.illustrative" if plain else "report.illustrative",
                lang,
                count=len(first.illustrative_codes),
                codes=", ".join(first.illustrative_codes),
            )
        )
    for report in reports:
        lines += milestone_notes(report, lang, plain)
    if not total.procedures:
        lines.append(text("report.empty", lang))
    elif not total.internal:
        lines.append(text("report.no-internal", lang))
    return list(dict.fromkeys(lines))


def _chart(caption: str, svg: Callable[[], str], png: Callable[[], list[bytes]]) -> Chart | None:
    """A chart, when matplotlib is there to draw it (an install without it prints none)."""
    if not available("matplotlib"):
        return None
    return Chart(caption, svg, png)


def _closing_line(report: Report, lang: str) -> str | None:
    """That the plan is over and this is its closing report (said under I, not again in IV)."""
    if not _closing(report) or report.plan.end is None:
        return None
    return text("report.closing", lang, end=show_day(report.plan.end, lang))


def _milestone_parts(report: Report, heading: str | None, level: int, lang: str) -> Part:
    if not report.milestones:
        return Part(
            heading, level=level, paragraphs=(Para(text("report.doc.no-milestones", lang)),)
        )
    chart = _chart(
        text("report.doc.chart.milestones", lang),
        lambda: milestone_chart(report, lang),
        lambda: [milestone_chart_png(report, lang)],
    )
    paragraphs: list[str | Para] = [Para(_status_counts(report, lang))]
    if any(s.status == "outside_scope" for s in report.milestones):
        paragraphs.append(Para(text("report.doc.outside-milestones", lang)))
    closing = _closing_line(report, lang)
    if closing is not None:
        paragraphs.append(Para(closing))
    return Part(
        heading,
        level=level,
        paragraphs=tuple(paragraphs),
        table=milestone_table(report, lang),
        chart=chart,
    )


def report_parts(reports: ReportSet, lang: str) -> list[Part]:
    """The body of the report document (see the module documentation)."""
    plans = reports.every_plan()
    report = reports.chosen
    names = [group_name(report, g, lang) for g in report.groups]
    intro = text(
        "report.doc.intro",
        lang,
        plans="; ".join(plan_name(r, lang) for r in plans),
        date=show_day(report.as_of, lang),
    )
    opening = [Para(intro)]
    if not available("matplotlib"):  # an install without tthc[office]: say where the charts went
        opening.append(Para(text("warn.charts-need-extra", lang, extra=OFFICE)))
    parts = [Part(paragraphs=tuple(opening))]
    section = text("report.doc.section.milestones", lang)
    if len(plans) == 1:
        parts.append(_milestone_parts(report, section, 2, lang))
    else:
        parts.append(Part(section))
        parts += [
            _milestone_parts(r, f"{n}. {plan_name(r, lang)}", 3, lang)
            for n, r in enumerate(plans, 1)
        ]
    rows, left_out = chart_rows(report, names, lang)
    bars = None
    if rows:
        caption = text("report.doc.chart.groups", lang)
        if left_out:
            caption = text(
                "report.doc.chart.groups-left-out", lang, caption=caption, count=left_out
            )
        bars = _chart(
            caption,
            lambda: "".join(progress_charts(report, lang, names)),
            lambda: progress_charts_png(report, lang, names),
        )
    parts.append(
        Part(
            text(f"report.doc.section.groups.{report.by}", lang),
            table=group_table(report, names, lang),
            chart=bars,
        )
    )
    parts.append(
        Part(
            text("report.doc.section.risk", lang),
            paragraphs=tuple(Para(f"- {line}") for line in _at_risk(plans, names, lang)),
        )
    )
    parts.append(
        Part(
            text("report.doc.section.limits", lang),
            paragraphs=tuple(Para(f"- {line}") for line in limit_lines(plans, lang)),
        )
    )
    return parts


def report_summary(reports: ReportSet, lang: str) -> str:
    """The trích yếu of the report."""
    plans = reports.every_plan()
    titles = [r.plan.title_en if lang == "en" and r.plan.title_en else r.plan.title for r in plans]
    joined = text("report.doc.and", lang).join(titles)
    return text("report.doc.summary", lang, title=joined, date=show_day(reports.chosen.as_of, lang))

"""The progress report as an administrative document: what the report says, section by section,
as table-model :class:`Part` s that the Word and HTML writers lay out inside the frame of
Nghị định 30/2020/NĐ-CP (:mod:`tthc_cli.render.frame`).

:func:`report_parts` is the one place that turns the report model (``plan.progress.Report``)
into the document's body; a change of the report's model changes this function, not the
writers. The body:

* an opening paragraph: the plan, the day the figures stand on;
* I. results against each target (milestone): due date, target, result, how many procedures
  the result counts, status; a time line of the milestones;
* II. results by unit (or field, level, kind, as asked) in Vietnamese order, with the whole
  catalog; bars against the target line for the groups that have a figure;
* III. what is at risk: milestones late or at risk, groups below the cut targets;
* IV. the data's limits: how "before" is taken, how cuts are counted, what the cost and time
  figures cover, what is illustrative or has no date.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence

from tthc_cli.dates import show_day
from tthc_cli.messages import text
from tthc_cli.plan.progress import NO_GROUP, GroupProgress, MilestoneStatus, Report, ReportSet
from tthc_cli.render.report_charts import (
    chart_rows,
    milestone_chart,
    milestone_chart_png,
    progress_charts,
    progress_charts_png,
)
from tthc_cli.render.report_table import baseline_line, display, status_label, total_label
from tthc_cli.render.tables import Chart, Column, Para, Part, Row, Table

STATUS_ORDER = ("met", "at_risk", "missed", "pending", "not_applicable")


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


def _milestone_row(number: int, status: MilestoneStatus, lang: str) -> Row:
    m = status.milestone
    return Row(
        (
            str(number),
            m.label(lang),
            show_day(m.due, lang),
            display(m.target, lang),
            _percent(status.value, lang),
            display(status.population, lang),
            status_label(status.status, lang),
        )
    )


def milestone_table(report: Report, lang: str) -> Table:
    """The targets: widths in millimetres of the decree's 165 mm text (a date dd/mm/yyyy and
    "STT" each on one line)."""
    columns = (
        Column(text("table.col.number", lang), 13),
        Column(text("report.ms.title", lang), 59),
        Column(text("report.ms.due", lang), 26),
        Column(text("report.ms.target", lang), 16),
        Column(text("report.ms.value", lang), 16),
        Column(text("report.ms.population", lang), 16),
        Column(text("report.ms.status", lang), 19),
    )
    rows = tuple(_milestone_row(i, s, lang) for i, s in enumerate(report.milestones, 1))
    return Table(columns, rows, numbered=True)


GROUP_COLUMNS = (  # millimetres, with the number (13) and the name (44): 165
    ("procedures", 15),
    ("internal", 15),
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
        Column(text("table.col.number", lang), 13),
        Column(text(f"report.doc.group.{report.by}", lang), 44),
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


def _at_risk(report: Report, names: Sequence[str], lang: str) -> list[str]:
    lines = []
    for status in report.milestones:
        if status.status not in ("at_risk", "missed"):
            continue
        m = status.milestone
        key = "report.doc.risk-milestone" if status.value is not None else "report.doc.risk-none"
        lines.append(
            text(
                key,
                lang,
                title=m.label(lang),
                due=show_day(m.due, lang),
                value=_percent(status.value, lang),
                target=display(m.target, lang),
                status=status_label(status.status, lang),
            )
        )
    target = report.plan.procedures_cut_percent
    below = [
        name
        for name, g in zip(names, report.groups, strict=True)
        if g.internal and g.procedures_cut_share is not None and g.procedures_cut_share < target
    ]
    if below:
        lines.append(
            text(
                "report.doc.risk-groups",
                lang,
                count=len(below),
                target=display(target, lang),
                groups="; ".join(below),
            )
        )
    return lines or [text("report.doc.no-risk", lang)]


def limit_lines(report: Report, lang: str) -> list[str]:
    """The data's limits: how "before" is taken, how cuts are counted, what figures cover."""
    total = report.total
    lines = [
        baseline_line(report, lang),
        text(f"report.doc.count-cut-as.{report.count_cut_as}", lang),
        text("report.scope-note", lang),
    ]
    if report.hourly is None:
        lines.append(text("report.hourly-none", lang))
    else:
        lines.append(
            text(
                "report.hourly",
                lang,
                amount=display(report.hourly.amount, lang),
                start=show_day(report.hourly.start, lang),
                source=report.hourly.source,
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
    if report.illustrative_codes:
        lines.append(
            text(
                "report.illustrative",
                lang,
                count=len(report.illustrative_codes),
                codes=", ".join(report.illustrative_codes),
            )
        )
    for status in report.milestones:
        m = status.milestone
        note = m.conflict_note_en if lang == "en" and m.conflict_note_en else m.conflict_note
        if note:
            lines.append(f"{m.label(lang)}: {note}")
    if not total.procedures:
        lines.append(text("report.empty", lang))
    elif not total.internal:
        lines.append(text("report.no-internal", lang))
    return lines


def _chart(caption: str, svg: Callable[[], str], png: Callable[[], list[bytes]]) -> Chart | None:
    """A chart, when matplotlib is there to draw it (an install without it prints none)."""
    if importlib.util.find_spec("matplotlib") is None:
        return None
    return Chart(caption, svg, png)


def report_parts(reports: ReportSet, lang: str) -> list[Part]:
    """The body of the report document (see the module documentation)."""
    report = reports.chosen
    names = [group_name(report, g, lang) for g in report.groups]
    title = report.plan.title_en if lang == "en" else report.plan.title
    intro = text(
        "report.doc.intro",
        lang,
        decision=report.plan.decision,
        title=title,
        date=show_day(report.as_of, lang),
    )
    parts = [Part(paragraphs=(Para(intro),))]
    milestones = None
    if report.milestones:
        milestones = _chart(
            text("report.doc.chart.milestones", lang),
            lambda: milestone_chart(report, lang),
            lambda: [milestone_chart_png(report, lang)],
        )
    parts.append(
        Part(
            text("report.doc.section.milestones", lang),
            paragraphs=(Para(_status_counts(report, lang)),) if report.milestones else (),
            table=milestone_table(report, lang) if report.milestones else None,
            chart=milestones,
        )
    )
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
            paragraphs=tuple(Para(f"- {line}") for line in _at_risk(report, names, lang)),
        )
    )
    parts.append(
        Part(
            text("report.doc.section.limits", lang),
            paragraphs=tuple(Para(f"- {line}") for line in limit_lines(report, lang)),
        )
    )
    return parts


def report_summary(reports: ReportSet, lang: str) -> str:
    """The trích yếu of the report."""
    report = reports.chosen
    title = report.plan.title_en if lang == "en" else report.plan.title
    return text("report.doc.summary", lang, title=title, date=show_day(report.as_of, lang))

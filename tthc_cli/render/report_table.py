"""The report as rows and columns, shared by every renderer so all formats carry the same numbers.

Values are rounded here, once: shares to 2 decimals, costs to whole đồng, days to 2 decimals.
``None`` means "not computed" (no data, or no hourly value configured) and is never zero.

Every format shows the rules of evidence (:func:`preamble`) and, for each group and milestone,
what has evidence and what does not: ``published_undated`` and ``plans_undated`` in the group
rows; ``counted`` and ``without_evidence`` for each milestone, whose status ``no_evidence``
("chưa có căn cứ") is its own value, never "met". A closing report (the plan's period is over)
judges each milestone on its due date and adds its ``final_value`` on the report date.
"""

from __future__ import annotations

from tthc_cli.dates import show_day
from tthc_cli.findings import day, ref
from tthc_cli.messages import text
from tthc_cli.plan.progress import NO_GROUP, GroupProgress, MilestoneStatus, Report

Value = str | int | float | None

COLUMNS = (
    "group",
    "procedures",
    "internal",
    "published",
    "published_share",
    "published_undated",
    "reviewed",
    "reviewed_share",
    "plans_undated",
    "proposed",
    "approved",
    "implemented",
    "rejected",
    "plan_approved_share",
    "cut_planned",
    "cut_done",
    "procedures_cut_share",
    "cost_before",
    "cost_after",
    "cost_cut_share",
    "time_counted",
    "time_before_days",
    "time_after_days",
    "time_cut_days",
    "time_cut_hours",
    "illustrative",
)
# Shown only with a baseline catalog (--baseline REV); JSON always has them (null / 0).
BASELINE_COLUMNS = ("baseline_procedures", "removed", "without_before")
MILESTONE_COLUMNS = (
    "id",
    "title",
    "instrument",
    "measure",
    "target",
    "due",
    "due_basis",
    "value",
    "status",
    "population",
    "counted",
    "without_evidence",
    "evaluated_on",
    "final_value",
)
# What a person reads (text, Markdown, HTML): the milestone by its title, not its id.
MILESTONE_COLUMNS_SHOWN = tuple(c for c in MILESTONE_COLUMNS if c != "id")


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value + 0.0, digits)


def row_values(group: GroupProgress) -> dict[str, Value]:
    cost = group.cost
    return {
        "group": group.label,
        "procedures": group.procedures,
        "internal": group.internal,
        "published": group.published,
        "published_share": _round(group.published_share),
        "published_undated": group.published_undated,
        "reviewed": group.reviewed,
        "reviewed_share": _round(group.reviewed_share),
        "plans_undated": group.plans_undated,
        "proposed": group.proposed,
        "approved": group.approved,
        "implemented": group.implemented,
        "rejected": group.rejected,
        "plan_approved_share": _round(group.plan_approved_share),
        "cut_planned": group.cut_planned,
        "cut_done": group.cut_done,
        "procedures_cut_share": _round(group.procedures_cut_share),
        "cost_before": None if cost.before is None else round(cost.before),
        "cost_after": None if cost.after is None else round(cost.after),
        "cost_cut_share": _round(group.cost_cut_share),
        "time_counted": group.time_counted,
        "time_before_days": _round(group.time_before_days),
        "time_after_days": _round(group.time_after_days),
        "time_cut_days": _round(group.time_cut_days),
        "time_cut_hours": _round(group.time_cut_hours),
        "illustrative": group.illustrative,
        "baseline_procedures": group.baseline_procedures,
        "removed": group.removed,
        "without_before": group.without_before,
    }


def columns(report: Report) -> tuple[str, ...]:
    """The table columns of ``report``: the baseline counts only with a baseline catalog."""
    return COLUMNS + BASELINE_COLUMNS if report.baseline is not None else COLUMNS


def total_label(lang: str) -> str:
    return text("report.total", lang)


def group_label(report: Report, group: GroupProgress, lang: str) -> str:
    """A group's name for people: levels and kinds in words, units and fields as named, the
    procedures without a unit by the one label every human format gives them."""
    if group.key == NO_GROUP:
        return text("report.doc.no-unit", lang)
    if report.by == "level":
        return text(f"show.level.{group.key}", lang)
    if report.by == "kind":
        return text(f"report.kind.{group.key}", lang)
    return group.label


def table_rows(report: Report, lang: str) -> list[dict[str, Value]]:
    """One row per group, then the catalog total (labelled)."""
    rows = [{**row_values(g), "group": group_label(report, g, lang)} for g in report.groups]
    total = row_values(report.total)
    total["group"] = total_label(lang)
    return [*rows, total]


def headers(lang: str, columns: tuple[str, ...] = COLUMNS) -> list[str]:
    return [text(f"report.col.{c}", lang) for c in columns]


def milestone_values(status: MilestoneStatus, lang: str) -> dict[str, Value]:
    m = status.milestone
    return {
        "id": m.id,
        "title": m.label(lang),
        "instrument": m.instrument,
        "measure": m.measure,
        "target": m.target,
        "due": m.due.isoformat(),
        "due_basis": m.due_basis,
        "value": _round(status.value),
        "status": status.status,
        "population": status.population,
        "counted": status.counted,
        "without_evidence": status.without_evidence,
        "evaluated_on": status.evaluated_on.isoformat(),
        "final_value": _round(status.final_value),
    }


def milestone_cells(status: MilestoneStatus, lang: str) -> dict[str, Value]:
    """:func:`milestone_values` for people (text, Markdown, HTML): the date as the language
    writes it, the measure, the date's source and the status in words."""
    values = milestone_values(status, lang)
    m = status.milestone
    values["due"] = show_day(m.due, lang)
    values["measure"] = text(f"report.col.{m.measure}", lang)
    values["due_basis"] = text(f"report.due-basis.{m.due_basis}", lang)
    values["status"] = status_label(status.status, lang)
    values["evaluated_on"] = show_day(status.evaluated_on, lang)
    return values


def milestone_headers(lang: str, columns: tuple[str, ...] = MILESTONE_COLUMNS) -> list[str]:
    return [text(f"report.ms.{c}", lang) for c in columns]


def preamble(report: Report, lang: str) -> list[str]:
    """The lines every format shows before its tables: what, when, how counted, cost basis."""
    title = report.plan.title_en if lang == "en" else report.plan.title
    lines = [
        text("report.title", lang, decision=report.plan.decision, title=title),
        text("report.as-of", lang, date=day(report.as_of)),
        text("report.by", lang, by=ref(f"report.by.{report.by}")),
        text(f"report.count-cut-as.{report.count_cut_as}", lang),
        baseline_line(report, lang),
    ]
    if report.hourly is None:
        lines.append(text("report.hourly-none", lang))
    else:
        lines.append(
            text(
                "report.hourly",
                lang,
                amount=display(report.hourly.amount, lang),
                start=day(report.hourly.start),
                source=report.hourly.source,
            )
        )
    lines += plan_lines(report, lang)
    total = report.total
    internal_cuts = ("procedures_cut_share", "cost_cut_share")
    if any(m.measure in internal_cuts and m.kind == "internal" for m in report.plan.milestones):
        lines.append(text("report.scope-note", lang))
    lines.append(
        text("report.cost-note", lang, counted=total.cost.counted, missing=total.cost.not_computed)
    )
    lines.append(
        text("report.time-note", lang, counted=total.time_counted, hours=f"{total.hours_per_day:g}")
    )
    if report.illustrative_codes:
        lines.append(
            text(
                "report.illustrative",
                lang,
                count=len(report.illustrative_codes),
                codes=", ".join(report.illustrative_codes),
            )
        )
    if not total.procedures:
        lines.append(text("report.empty", lang))
    elif not total.internal:
        lines.append(text("report.no-internal", lang))
    return lines


def plan_lines(report: Report, lang: str, plain: bool = False) -> list[str]:
    """The rules of evidence, the plan's period (or that this is its closing report), the day
    cuts are measured against, the recorded choices the plan depends on, and what it cannot
    measure. ``plain``: for the signed document — no config keys, no research notes (those go
    to the data: text, markdown, the workbook's notes)."""
    plan = report.plan
    lines = [text("report.evidence-rules", lang)]
    if report.closing and plan.end is not None:
        lines.append(text("report.closing", lang, end=show_day(plan.end, lang)))
    elif plan.start is not None and plan.end is not None:
        lines.append(
            text(
                "report.plan-running",
                lang,
                start=show_day(plan.start, lang),
                end=show_day(plan.end, lang),
            )
        )
    if plan.baseline_date is not None and plain:
        lines.append(
            text("report.doc.baseline-date", lang, date=show_day(plan.baseline_date, lang))
        )
    elif plan.baseline_date is not None:
        lines.append(
            text(
                "report.baseline-date",
                lang,
                date=show_day(plan.baseline_date, lang),
                note=plan.baseline_note or "",
            ).rstrip()
        )
    if any(s.milestone.business_related for s in report.milestones):
        chosen = report.business_subjects
        if plain:
            key = "report.doc.business-choice" if chosen else "report.doc.business-none"
            lines.append(text(key, lang, subjects=", ".join(chosen)))
        elif chosen:
            lines.append(
                text(
                    "report.business-choice",
                    lang,
                    subjects=", ".join(chosen),
                    reason=report.business_reason or "",
                )
            )
        else:
            lines.append(text("report.business-none", lang))
    lines += [
        text("report.not-measured", lang, title=item.title, reason=item.reason or "")
        for item in plan.not_measured
    ]
    return lines


def baseline_label(report: Report) -> str:
    """The baseline as one machine-readable value: ``recorded`` or ``git:REV@COMMIT``."""
    baseline = report.baseline
    return "recorded" if baseline is None else f"git:{baseline.revision}@{baseline.commit}"


def baseline_line(report: Report, lang: str, plain: bool = False) -> str:
    """Which "before" the report compares against, and what it means for each measure."""
    baseline = report.baseline
    if baseline is None:
        return text("report.doc.baseline.recorded" if plain else "report.baseline.recorded", lang)
    total = report.total
    return text(
        "report.baseline.revision",
        lang,
        revision=baseline.revision,
        commit=baseline.commit[:12],
        count=total.baseline_procedures or 0,
        removed=total.removed,
        added=total.without_before,
    )


def milestone_notes(report: Report, lang: str, plain: bool = False) -> list[str]:
    """The notes on milestones whose due date the sources do not settle; ``plain``: that said
    in plain words, without the research notes (sources, config keys)."""
    notes = []
    for status in report.milestones:
        m = status.milestone
        note = m.conflict_note_en if lang == "en" and m.conflict_note_en else m.conflict_note
        if note and plain:
            notes.append(
                text(
                    "report.doc.due-unsettled", lang, due=show_day(m.due, lang), title=m.label(lang)
                )
            )
        elif note:  # named by its deadline and title, as the milestone table shows it
            notes.append(f"{show_day(m.due, lang)} — {m.label(lang)}: {note}")
    return notes


def status_label(status: str, lang: str) -> str:
    return text(f"report.status.{status}", lang)


def display(value: Value, lang: str) -> str:
    """A value as people read it (text and markdown): None → "not computed"."""
    if value is None:
        return text("report.not-computed", lang)
    if isinstance(value, float):
        shown = f"{value:,.2f}".rstrip("0").rstrip(".")
        return shown.replace(",", " ").replace(".", ",") if lang == "vi" else shown
    if isinstance(value, int):
        return f"{value:,}".replace(",", "." if lang == "vi" else ",")
    return str(value)

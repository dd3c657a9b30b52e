"""The report for a terminal: rich tables, with a bar for each share against its target. Every
text goes through :func:`~tthc_cli.textnorm.visible` (names come from files)."""

from __future__ import annotations

from rich.table import Table

from tthc_cli.dates import show_day
from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.plan.progress import GroupProgress, Report, ReportSet
from tthc_cli.render.console import recording_console
from tthc_cli.render.report_table import (
    display,
    group_label,
    milestone_notes,
    preamble,
    row_values,
    status_label,
    total_label,
)
from tthc_cli.textnorm import visible

BAR_WIDTH = 5
_STATUS_STYLE = {
    "met": "green",
    "at_risk": "yellow",
    "missed": "bold red",
    "not_met": "red",
    "no_evidence": "magenta",
    "pending": "cyan",
    "not_applicable": "dim",
    "outside_scope": "dim",
}


def bar(share: float | None, target: float, lang: str) -> str:
    """``████░░░░░░ 40%`` (``!`` when below target); "not computed" when there is no share."""
    if share is None:
        return text("report.not-computed", lang)
    filled = max(0, min(BAR_WIDTH, round(share / 100 * BAR_WIDTH)))
    mark = "" if share >= target else " !"
    return "█" * filled + "░" * (BAR_WIDTH - filled) + f" {display(round(share, 2), lang)}%{mark}"


def _row(group: GroupProgress, label: str, report: Report, lang: str) -> list[str]:
    values = row_values(group)
    cut_target = report.plan.procedures_cut_percent or 100.0
    cost_target = report.plan.cost_cut_percent or 100.0
    time_cut = text(
        "report.time-cut",
        lang,
        days=display(values["time_cut_days"], lang),
        hours=display(values["time_cut_hours"], lang),
    )
    return [
        visible(label),
        display(group.procedures, lang),
        bar(group.published_share, 100, lang),
        bar(group.reviewed_share, 100, lang),
        bar(group.plan_approved_share, 100, lang),
        bar(group.procedures_cut_share, cut_target, lang),
        bar(group.cost_cut_share, cost_target, lang),
        time_cut,
    ]


FILE_WIDTH = 160  # a report written to a file is as wide as a landscape page


def render(reports: ReportSet, ctx: OutputContext) -> str:
    """Each plan asked for in turn: its notes, the groups, its milestones."""
    width = FILE_WIDTH if ctx.to_file else ctx.width
    return "\n".join(_plan_text(report, ctx, width) for report in reports.every_plan())


def _plan_text(report: Report, ctx: OutputContext, width: int) -> str:
    lang = ctx.lang
    console, buffer = recording_console(color=ctx.color, width=width, markup=False)
    for line in preamble(report, lang):
        console.print(visible(line))
    table = Table(title=text("report.groups", lang), title_justify="left", show_lines=False)
    for key in (
        "group",
        "procedures",
        "published_share",
        "reviewed_share",
        "plan_approved_share",
        "procedures_cut_share",
        "cost_cut_share",
        "time_cut_days",
    ):
        table.add_column(
            text(f"report.col.{key}", lang),
            overflow="fold",
        )
    for group in report.groups:
        table.add_row(*_row(group, group_label(report, group, lang), report, lang))
    table.add_section()
    table.add_row(*_row(report.total, total_label(lang), report, lang), style="bold")
    console.print()
    console.print(table)
    if report.milestones:
        ms = Table(title=text("report.milestones", lang), title_justify="left")
        keys = ["due", "title", "target", "value", "counted", "without_evidence", "status"]
        if report.closing:
            keys.insert(-1, "final_value")
        for key in keys:
            ms.add_column(
                text(f"report.ms.{key}", lang),
                overflow="fold",
                max_width=60 if key == "title" else None,
            )
        for status in report.milestones:
            m = status.milestone
            due = show_day(m.due, lang) + ("" if m.due_basis == "data" else " *")
            cells = [
                due,
                visible(m.label(lang)),
                display(m.target, lang) + "%",
                display(None if status.value is None else round(status.value, 2), lang),
                f"{display(status.counted, lang)}/{display(status.population, lang)}",
                display(status.without_evidence, lang),
                status_label(status.status, lang),
            ]
            if report.closing:
                final = status.final_value
                cells.insert(-1, display(None if final is None else round(final, 2), lang))
            ms.add_row(*cells, style=_STATUS_STYLE.get(status.status))
        console.print()
        console.print(ms)
        for note in milestone_notes(report, lang):
            console.print("* " + visible(note))
    return buffer.getvalue()

"""The report as Markdown (GitHub tables); text in cells is escaped so it cannot break the table."""

from __future__ import annotations

from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.plan.progress import Report, ReportSet
from tthc_cli.render.report_table import (
    MILESTONE_COLUMNS_SHOWN,
    Value,
    columns,
    display,
    headers,
    milestone_cells,
    milestone_headers,
    milestone_notes,
    preamble,
    table_rows,
)
from tthc_cli.textnorm import escape_md


def _cell(value: Value, lang: str) -> str:
    return escape_md(display(value, lang))


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(escape_md(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render(reports: ReportSet, ctx: OutputContext) -> str:
    """Each plan asked for in turn: its notes, the groups, its milestones."""
    return "\n".join(_plan_markdown(report, ctx.lang) for report in reports.every_plan())


def _plan_markdown(report: Report, lang: str) -> str:
    intro = preamble(report, lang)
    lines = [f"# {escape_md(intro[0])}", ""]
    lines += [f"- {escape_md(line)}" for line in intro[1:]]
    lines += ["", f"## {escape_md(text('report.groups', lang))}", ""]
    chosen = columns(report)
    rows = [[_cell(row[c], lang) for c in chosen] for row in table_rows(report, lang)]
    lines += _table(headers(lang, chosen), rows)
    if report.milestones:
        lines += ["", f"## {escape_md(text('report.milestones', lang))}", ""]
        ms_rows = []
        for status in report.milestones:
            values = milestone_cells(status, lang)
            ms_rows.append([_cell(values[c], lang) for c in MILESTONE_COLUMNS_SHOWN])
        lines += _table(milestone_headers(lang, MILESTONE_COLUMNS_SHOWN), ms_rows)
        notes = milestone_notes(report, lang)
        if notes:
            lines += ["", *[f"- {escape_md(note)}" for note in notes]]
    return "\n".join(lines) + "\n"

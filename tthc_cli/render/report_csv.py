"""The report as CSV: one row per group and a total row; cells never start a formula and line
breaks stay inside their quoted cell (:func:`~tthc_cli.textnorm.csv_text`)."""

from __future__ import annotations

from collections.abc import Sequence

from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.plan.progress import ReportSet
from tthc_cli.render.report_table import Value, baseline_label, columns, headers, table_rows
from tthc_cli.textnorm import csv_text

META_COLUMNS = (
    "as_of",
    "count_cut_as",
    "hourly_value",
    "hourly_value_source",
    "baseline",
    "plan",
    "evidence",
)


def render(reports: ReportSet, ctx: OutputContext) -> str:
    """Header row (translated labels), then groups and the total. Empty cell = not computed.

    Every row repeats the report date, the counting method, the hourly value used, the plan and
    the rule of evidence (the ``*_undated`` columns count facts without evidence)."""
    report, lang = reports.chosen, ctx.lang
    chosen = columns(report)
    head = [*headers(lang, chosen), *(text(f"report.col.{c}", lang) for c in META_COLUMNS)]
    rows: list[Sequence[Value]] = [head]
    hourly = report.hourly
    meta: list[Value] = [
        report.as_of.isoformat(),
        report.count_cut_as,
        hourly.amount if hourly else None,
        f"{hourly.source} ({hourly.start.isoformat()})"
        if hourly
        else text("report.not-computed", lang),
        baseline_label(report),
        report.plan.id,
        text("report.evidence-short", lang),
    ]
    rows += [[row[c] for c in chosen] + meta for row in table_rows(report, lang)]
    return csv_text(rows)

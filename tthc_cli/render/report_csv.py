"""The report as CSV: one row per group and a total row; cells never start a formula."""

from __future__ import annotations

import csv
import io

from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.plan.progress import ReportSet
from tthc_cli.render.report_table import Value, baseline_label, columns, headers, table_rows

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
META_COLUMNS = ("as_of", "count_cut_as", "hourly_value", "hourly_value_source", "baseline")


def safe_cell(value: Value) -> str | int | float:
    """Numbers stay numbers; text that a spreadsheet could read as a formula gets a ``'``."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    return "'" + value if value.startswith(FORMULA_START) else value


def render(reports: ReportSet, ctx: OutputContext) -> str:
    """Header row (translated labels), then groups and the total. Empty cell = not computed.

    Every row repeats the report date, the counting method and the hourly value used."""
    report, lang = reports.chosen, ctx.lang
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    chosen = columns(report)
    head = [*headers(lang, chosen), *(text(f"report.col.{c}", lang) for c in META_COLUMNS)]
    writer.writerow(head)
    hourly = report.hourly
    meta: list[Value] = [
        report.as_of.isoformat(),
        report.count_cut_as,
        hourly.amount if hourly else None,
        f"{hourly.source} ({hourly.start.isoformat()})"
        if hourly
        else text("report.not-computed", lang),
        baseline_label(report),
    ]
    for row in table_rows(report, lang):
        writer.writerow([safe_cell(row[c]) for c in chosen] + [safe_cell(v) for v in meta])
    return buffer.getvalue()

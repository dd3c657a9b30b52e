"""The report as an Excel workbook: one sheet per grouping, a milestones sheet and a notes sheet.

Numbers are stored as numbers. Every text cell is stored as a string (``data_type = "s"``), so
a procedure or unit named ``=HYPERLINK(…)`` stays text and never becomes a formula. A vertical
tab (what Word's manual line break pastes as) becomes a line break in the cell; other control
characters cannot be stored in the workbook's XML and are dropped
(:func:`~tthc_cli.textnorm.xml_safe`).
"""

from __future__ import annotations

import io

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.plan.progress import ReportSet
from tthc_cli.render.report_table import (
    MILESTONE_COLUMNS,
    Value,
    columns,
    headers,
    milestone_headers,
    milestone_notes,
    milestone_values,
    preamble,
    status_label,
    table_rows,
)
from tthc_cli.textnorm import xml_safe

SHEET_NAME_LIMIT = 31
# Vertical tab (Word's manual line break) and form feed: a line break in the cell.
_LINE_BREAKS = {0x0B: "\n", 0x0C: "\n"}


def _put(sheet: Worksheet, row: int, column: int, value: Value, lang: str) -> None:
    cell: Cell = sheet.cell(row=row, column=column)
    if value is None:
        cell.value = text("report.not-computed", lang)
        cell.data_type = "s"
    elif isinstance(value, int | float):
        cell.value = value
    else:
        cell.value = xml_safe(value.translate(_LINE_BREAKS))
        cell.data_type = "s"  # never a formula, whatever the text starts with


def _write_rows(sheet: Worksheet, head: list[str], rows: list[list[Value]], lang: str) -> None:
    for column, title in enumerate(head, start=1):
        _put(sheet, 1, column, title, lang)
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, index, column, value, lang)
    sheet.freeze_panes = "B2"


def render(report_set: ReportSet, ctx: OutputContext) -> bytes:
    """A sheet per grouping (unit, field, level, kind), the chosen one first."""
    reports, lang = report_set.every_grouping(), ctx.lang
    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = text("report.sheet.notes", lang)[:SHEET_NAME_LIMIT]
    first = next(iter(reports.values()))
    plans = (first, *report_set.more)
    lines = [
        line for plan in plans for line in (*preamble(plan, lang), *milestone_notes(plan, lang))
    ]
    for index, line in enumerate(lines, start=1):
        _put(notes, index, 1, line, lang)
    for by, report in reports.items():
        sheet = workbook.create_sheet(text(f"report.by.{by}", lang)[:SHEET_NAME_LIMIT])
        chosen = columns(report)
        rows = [[row[c] for c in chosen] for row in table_rows(report, lang)]
        _write_rows(sheet, headers(lang, chosen), rows, lang)
    for plan in plans:
        name = text("report.milestones", lang)
        if len(plans) > 1:
            name = f"{name} {plan.plan.id}"
        ms_sheet = workbook.create_sheet(name[:SHEET_NAME_LIMIT])
        ms_rows = []
        for status in plan.milestones:
            values = milestone_values(status, lang)
            values["status"] = status_label(status.status, lang)
            ms_rows.append([values[c] for c in MILESTONE_COLUMNS])
        _write_rows(ms_sheet, milestone_headers(lang), ms_rows, lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""The report as an Excel workbook, the data appendix of the report document: two sheets per
grouping (the one asked for first) — publication, review, plans and cuts; then cost, time and the
illustrative plans — a milestones sheet and a notes sheet (the data's limits with the config
keys, sources and codes behind them).

Two sheets, not one of 26 columns, so that fitted to one page wide a sheet still prints at a
size a person reads (:func:`print_points`: 11 pt for the groupings' sheets, about 8.5 pt for the
milestones' 13 columns): text columns at most :data:`NAME_WIDEST` (a group's name),
:data:`MILESTONE_WIDEST` (a milestone) or :data:`MILESTONE_TEXT_WIDEST` characters and wrapped,
headers wrapped between their words.

Each sheet prints as an appendix is printed: A4 across the page, fitted to one page wide (as
many pages long as it needs), the header row repeated on every page and frozen on screen,
columns as wide as their content, page numbers in the header, Times New Roman. Numbers are
stored as numbers with a number format (thousands grouped, two decimals for shares), dates as
dates shown dd/mm/yyyy; nothing is a formula: every text cell is stored as a string
(``data_type = "s"``), so a procedure or unit named ``=HYPERLINK(…)`` stays text. A vertical tab
(what Word's manual line break pastes as) becomes a line break in the cell; other control
characters cannot be stored in the workbook's XML and are dropped
(:func:`~tthc_cli.textnorm.xml_safe`). What a person reads is in their language: group names
in words, the milestone's content, measure and status, never an identifier.
"""

from __future__ import annotations

import io
import textwrap
from datetime import date

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.page import PageMargins  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.plan.progress import MilestoneStatus, Report, ReportSet
from tthc_cli.render.report_document import group_name, limit_lines, report_summary
from tthc_cli.render.report_table import Value, columns, headers, table_rows, total_label
from tthc_cli.textnorm import xml_safe

SHEET_NAME_LIMIT = 31
FONT = "Times New Roman"
# Vertical tab (Word's manual line break) and form feed: a line break in the cell.
_LINE_BREAKS = {0x0B: "\n", 0x0C: "\n"}
WIDEST = 60  # characters: a longer cell wraps
NAME_WIDEST = 28  # characters: a group's name wraps beyond this
MILESTONE_WIDEST = 30  # characters: a milestone's content wraps beyond this
MILESTONE_TEXT_WIDEST = 14  # its other text (measure, how the date was set, status) beyond this
FONT_POINTS = 11
# A4 across between the decree's margins (30 mm left, 15 mm right), in points.
PRINTABLE_POINTS = (297 - 30 - 15) / 25.4 * 72
# The grouping's columns split over two sheets (after the group's name).
SECOND_SHEET = (
    "procedures",
    "internal",
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
NARROWEST = 6
MM_PER_INCH = 25.4
LINE_POINTS = 14  # one line of 11 pt text
NOTES_WIDTH = 100  # characters: the notes sheet's one column, within landscape A4
Cellvalue = Value | date

MILESTONE_COLUMNS = ("title", "instrument", "measure", "target", "due", "due_basis", "value",
                     "population", "counted", "without_evidence", "status")  # fmt: skip


def _put(sheet: Worksheet, row: int, column: int, value: Cellvalue, lang: str) -> Cell:
    cell: Cell = sheet.cell(row=row, column=column)
    if value is None:
        cell.value = text("report.not-computed", lang)
        cell.data_type = "s"
    elif isinstance(value, bool):
        cell.value = int(value)
        cell.number_format = "0"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "dd/mm/yyyy" if lang == "vi" else "yyyy-mm-dd"
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = "#,##0"
    elif isinstance(value, float):
        cell.value = value
        cell.number_format = "#,##0.00"
    else:
        cell.value = xml_safe(value.translate(_LINE_BREAKS))
        cell.data_type = "s"  # never a formula, whatever the text starts with
    cell.font = Font(name=FONT, size=11, bold=row == 1)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _shown_length(value: Cellvalue) -> int:
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    if isinstance(value, int | date):
        return len(str(value)) + 2
    return max((len(line) for line in str(value or "").split("\n")), default=0)


def _print_setup(sheet: Worksheet, lang: str, title_rows: str | None = "1:1") -> None:
    """A4 across, one page wide, the header row on every page, page numbers at the top."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    mm = 1 / MM_PER_INCH
    sheet.page_margins = PageMargins(
        left=30 * mm, right=15 * mm, top=20 * mm, bottom=20 * mm, header=10 * mm, footer=10 * mm
    )
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddHeader.center.text = "&P"
    sheet.oddHeader.center.font = FONT
    sheet.oddHeader.center.size = 12


def column_points(width: float) -> float:
    """A column ``width`` characters wide in points (a character of the default font is 7
    pixels, plus 5 of padding, at 96 pixels per inch)."""
    return (width * 7 + 5) * 0.75


def print_points(sheet: Worksheet) -> float:
    """The size the sheet's 11 pt text prints at once fitted to one A4 page wide."""
    used = sum(
        column_points(sheet.column_dimensions[get_column_letter(c)].width or 8.43)
        for c in range(1, sheet.max_column + 1)
    )
    return FONT_POINTS * min(1.0, PRINTABLE_POINTS / used) if used else FONT_POINTS


def _write_rows(
    sheet: Worksheet,
    head: list[str],
    rows: list[list[Cellvalue]],
    lang: str,
    first_widest: int = WIDEST,
    widest: int = WIDEST,
) -> None:
    widths = [0] * len(head)
    for column, title in enumerate(head, start=1):
        _put(sheet, 1, column, title, lang)
        widths[column - 1] = max((len(word) for word in title.split()), default=0)
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, index, column, value, lang)
            shown_value = text("report.not-computed", lang) if value is None else value
            widths[column - 1] = max(widths[column - 1], _shown_length(shown_value))
    shown = [
        max(NARROWEST, min(first_widest if index == 0 else widest, width + 2))
        for index, width in enumerate(widths)
    ]
    for column, width in enumerate(shown, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    table: list[list[Cellvalue]] = [list(head), *rows]
    for index, values in enumerate(table, start=1):
        lines = max(
            (_lines(value, width - 1) for value, width in zip(values, shown, strict=False)),
            default=1,
        )
        sheet.row_dimensions[index].height = LINE_POINTS * lines + 3
    sheet.freeze_panes = "B2"
    _print_setup(sheet, lang)


def _lines(value: Cellvalue, width: float) -> int:
    """How many lines ``value`` takes in a wrapping cell ``width`` characters wide (a row's
    height is set from it: a spreadsheet does not always grow a row to its wrapped text)."""
    if not isinstance(value, str):
        return 1
    return sum(
        max(1, len(textwrap.wrap(line, max(1, int(width)), break_long_words=True)))
        for line in value.split("\n")
    )


def _group_rows(report: Report, lang: str) -> list[list[Cellvalue]]:
    chosen = columns(report)
    names = [group_name(report, g, lang) for g in report.groups] + [total_label(lang)]
    out: list[list[Cellvalue]] = []
    for name, row in zip(names, table_rows(report, lang), strict=True):
        row["group"] = name
        out.append([row[c] for c in chosen])
    return out


def _milestone_columns(report: Report) -> tuple[str, ...]:
    """The milestone sheet's columns; a closing report adds the day each milestone is judged
    on and the result on the report date."""
    if report.closing:
        return (*MILESTONE_COLUMNS[:-1], "evaluated_on", "final_value", MILESTONE_COLUMNS[-1])
    return MILESTONE_COLUMNS


def _milestone_cells(
    status: MilestoneStatus, chosen: tuple[str, ...], lang: str
) -> list[Cellvalue]:
    m = status.milestone
    values: dict[str, Cellvalue] = {
        "title": m.label(lang),
        "instrument": m.instrument,
        "measure": text(f"report.col.{m.measure}", lang),
        "target": m.target,
        "due": m.due,
        "due_basis": text(f"report.due-basis.{m.due_basis}", lang),
        "value": None if status.value is None else round(status.value, 2),
        "population": status.population,
        "counted": status.counted,
        "without_evidence": status.without_evidence,
        "evaluated_on": status.evaluated_on,
        "final_value": None if status.final_value is None else round(status.final_value, 2),
        "status": text(f"report.status.{status.status}", lang),
    }
    return [values[c] for c in chosen]


def render(report_set: ReportSet, ctx: OutputContext) -> bytes:
    """A sheet per grouping (unit, field, level, kind), the chosen one first; the milestones;
    the notes."""
    reports, lang = report_set.every_grouping(), ctx.lang
    workbook = Workbook()
    first_sheet = workbook.active
    assert first_sheet is not None
    workbook.remove(first_sheet)
    for by, report in reports.items():
        every = columns(report)
        rows = _group_rows(report, lang)
        first = tuple(c for c in every if c not in SECOND_SHEET)
        second = (every[0], *(c for c in every if c in SECOND_SHEET))
        names = (
            text(f"report.by.{by}", lang),
            text("report.sheet.cost-time", lang, by=text(f"report.by.{by}", lang)),
        )
        for name, part in zip(names, (first, second), strict=True):
            sheet = workbook.create_sheet(name[:SHEET_NAME_LIMIT])
            head = headers(lang, part)
            head[0] = text(f"report.doc.group.{by}", lang)
            picked = [[row[every.index(c)] for c in part] for row in rows]
            _write_rows(sheet, head, picked, lang, NAME_WIDEST)
    plans = report_set.every_plan()
    for index, plan in enumerate(plans, start=1):
        name = text("report.milestones", lang)
        if len(plans) > 1:  # the plans in the order asked for, numbered as in the document
            name = f"{name} {index}"
        ms_sheet = workbook.create_sheet(name[:SHEET_NAME_LIMIT])
        chosen = _milestone_columns(plan)
        ms_head = [text(f"report.ms.{c}", lang) for c in chosen]
        ms_rows = [_milestone_cells(s, chosen, lang) for s in plan.milestones]
        _write_rows(ms_sheet, ms_head, ms_rows, lang, MILESTONE_WIDEST, MILESTONE_TEXT_WIDEST)
    notes = workbook.create_sheet(text("report.sheet.notes", lang)[:SHEET_NAME_LIMIT])
    lines = [report_summary(report_set, lang), *limit_lines(plans, lang, technical=True)]
    for index, line in enumerate(lines, start=1):
        _put(notes, index, 1, line, lang).font = Font(name=FONT, size=11, bold=index == 1)
        # a spreadsheet does not grow a row to its wrapped text: long notes would overlap
        notes.row_dimensions[index].height = LINE_POINTS * _lines(line, NOTES_WIDTH - 8) + 3
    notes.column_dimensions["A"].width = NOTES_WIDTH
    _print_setup(notes, lang, title_rows=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

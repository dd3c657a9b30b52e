"""A Word document (DOCX) for the table model: A4 portrait, Nghị định 30/2020 margins,
Times New Roman 13 pt, real Word tables whose header row repeats on every page."""

from __future__ import annotations

import io
import re

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row

from tthc_cli.formats import OutputContext
from tthc_cli.render.tables import Document, Row, Sheet, Table
from tthc_cli.textnorm import xml_safe

FONT = "Times New Roman"
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")  # VT: Word's manual break
CONTENT_WIDTH_MM = 210 - 30 - 15


def clean(value: str) -> str:
    """Text Word can store: invalid XML characters dropped, line breaks as '\\n' (w:br)."""
    return xml_safe(_BREAKS.sub("\n", value))


def _setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        style = doc.styles[name]
        font = style.font
        font.name = FONT
        font.size = Pt(14 if name == "Heading 1" else 13)
        font.color.rgb = None
        run_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            run_fonts.set(qn(attr), FONT)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _keep_row_together(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _write(cell: _Cell, value: str, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(clean(value))
    run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(doc: DocxDocument, table: Table) -> DocxTable:
    width = len(table.columns)
    grid: DocxTable = doc.add_table(rows=1, cols=width)
    grid.style = doc.styles["Table Grid"]
    grid.autofit = False
    total = sum(c.weight for c in table.columns) or 1.0
    widths = [Mm(CONTENT_WIDTH_MM * c.weight / total) for c in table.columns]
    header = grid.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, table.columns, strict=True):
        _write(cell, column.title, bold=True, center=True)
    for row in table.rows:
        _add_row(grid, row, width)
    for grid_col, size in zip(grid._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = size
    for row_ in grid.rows:
        for cell, size in zip(row_.cells, widths, strict=False):
            cell.width = size
    return grid


def _add_row(grid: DocxTable, row: Row, width: int) -> None:
    added = grid.add_row()  # type: ignore[no-untyped-call]
    _keep_row_together(added)
    cells = added.cells
    if row.group is None:
        for index, (cell, value) in enumerate(zip(cells, row.cells, strict=True)):
            _write(cell, value, center=index == 0)
        return
    _write(cells[0], row.cells[0], bold=True, center=True)
    merged = cells[1].merge(cells[width - 1]) if width > 2 else cells[1]
    _write(merged, row.cells[1], bold=True)


def _sheet(doc: DocxDocument, sheet: Sheet, first: bool) -> None:
    if not first:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(clean(sheet.title), level=2)
    code = doc.add_paragraph(clean(sheet.code_line))
    code.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in sheet.sections:
        doc.add_heading(clean(section.heading), level=3)
        if section.table is not None:
            _table(doc, section.table)
        for paragraph in section.paragraphs:
            doc.add_paragraph(clean(paragraph))


def render(document: Document, ctx: OutputContext) -> bytes:
    doc = new_docx()
    _setup(doc)
    doc.core_properties.title = clean(document.title)
    doc.core_properties.language = document.lang
    title = doc.add_heading(clean(document.title), level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if document.subtitle:
        subtitle = doc.add_paragraph(clean(document.subtitle))
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if document.listing is not None:
        _table(doc, document.listing)
    for index, sheet in enumerate(document.sheets):
        _sheet(doc, sheet, index == 0)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

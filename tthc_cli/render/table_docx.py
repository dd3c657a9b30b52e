"""A Word document (DOCX) for the table model: A4 portrait, Nghị định 30/2020 margins,
Times New Roman 13 pt, real Word tables whose header row repeats on every page.

python-docx sets up the document (styles, page, properties); the body is written element by
element at its end (:class:`_Body`), so writing takes time in proportion to the catalog
(3,000 procedures: seconds, where adding through python-docx took minutes)."""

from __future__ import annotations

import io
import re
from functools import cache

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from lxml import etree  # type: ignore[import-untyped]

from tthc_cli.formats import OutputContext
from tthc_cli.render.tables import Document, Sheet, Table
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


class _Body:
    """Appends to the end of a document's body, before its section properties, without the
    search python-docx makes on every ``add_paragraph`` and ``add_table`` (its cost grows with
    the body, so a 3,000-procedure catalog took minutes): the document is built in time
    proportional to its size, element by element."""

    def __init__(self, doc: DocxDocument) -> None:
        body = doc.element.body
        self._end = body.sectPr  # the section properties: always the body's last element
        self._body = body
        self.styles = {
            name: doc.styles[name].style_id
            for name in ("Heading 1", "Heading 2", "Heading 3", "Table Grid")
        }

    def add(self, element: BaseOxmlElement) -> None:
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self._body.append(element)

    def paragraph(
        self, value: str, style: str | None = None, bold: bool = False, center: bool = False
    ) -> None:
        self.add(_paragraph(value, self.styles[style] if style else None, bold, center))

    def page_break(self) -> None:
        p = OxmlElement("w:p")
        run = _sub(p, "w:r")
        _sub(run, "w:br").set(qn("w:type"), "page")
        self.add(p)

    def table(self, table: Table) -> None:
        width = len(table.columns)
        total = sum(c.weight for c in table.columns) or 1.0
        widths = [Mm(CONTENT_WIDTH_MM * c.weight / total).twips for c in table.columns]
        tbl = OxmlElement("w:tbl")
        props = _sub(tbl, "w:tblPr")
        _sub(props, "w:tblStyle").set(qn("w:val"), self.styles["Table Grid"])
        table_width = _sub(props, "w:tblW")
        table_width.set(qn("w:type"), "auto")
        table_width.set(qn("w:w"), "0")
        _sub(props, "w:tblLayout").set(qn("w:type"), "fixed")
        look = _sub(props, "w:tblLook")
        for name, value in LOOK.items():
            look.set(qn(f"w:{name}"), value)
        grid = _sub(tbl, "w:tblGrid")
        for twips in widths:
            _sub(grid, "w:gridCol").set(qn("w:w"), str(twips))
        header = _row(tbl, header=True)
        for column, twips in zip(table.columns, widths, strict=True):
            _cell(header, twips, column.title, bold=True, center=True)
        for row in table.rows:
            tr = _row(tbl, header=False)
            if row.group is None:
                for index, (value, twips) in enumerate(zip(row.cells, widths, strict=True)):
                    _cell(tr, twips, value, center=index == 0)
                continue
            _cell(tr, widths[0], row.cells[0], bold=True, center=True)
            _cell(tr, sum(widths[1:]), row.cells[1], bold=True, span=width - 1)
        self.add(tbl)


# What python-docx's default table look sets (header row and first column emphasised).
LOOK = {
    "firstColumn": "1",
    "firstRow": "1",
    "lastColumn": "0",
    "lastRow": "0",
    "noHBand": "0",
    "noVBand": "1",
    "val": "04A0",
}


def _row(tbl: BaseOxmlElement, header: bool) -> BaseOxmlElement:
    """A table row; the header row repeats on every page, no row splits across pages."""
    tr = _sub(tbl, "w:tr")
    props = _sub(tr, "w:trPr")
    if header:
        _sub(props, "w:tblHeader").set(qn("w:val"), "true")
    else:
        _sub(props, "w:cantSplit")
    return tr


def _cell(
    tr: BaseOxmlElement,
    twips: int,
    value: str,
    bold: bool = False,
    center: bool = False,
    span: int = 1,
) -> None:
    tc = _sub(tr, "w:tc")
    props = _sub(tc, "w:tcPr")
    cell_width = _sub(props, "w:tcW")
    cell_width.set(qn("w:type"), "dxa")
    cell_width.set(qn("w:w"), str(twips))
    if span > 1:
        _sub(props, "w:gridSpan").set(qn("w:val"), str(span))
    tc.append(_paragraph(value, None, bold, center))


def _paragraph(value: str, style_id: str | None, bold: bool, center: bool) -> BaseOxmlElement:
    """A ``w:p`` with one run of ``value`` (cleaned; line breaks as ``w:br``, tabs as
    ``w:tab``), as python-docx writes a run's text."""
    p = OxmlElement("w:p")
    if style_id is not None or center:
        props = _sub(p, "w:pPr")
        if style_id is not None:
            _sub(props, "w:pStyle").set(qn("w:val"), style_id)
        if center:
            _sub(props, "w:jc").set(qn("w:val"), "center")
    text = clean(value)
    if not text and not bold:
        return p
    run = _sub(p, "w:r")
    if bold:
        _sub(_sub(run, "w:rPr"), "w:b")
    for number, line in enumerate(text.split("\n")):
        if number:
            _sub(run, "w:br")
        for index, piece in enumerate(line.split("\t")):
            if index:
                _sub(run, "w:tab")
            if piece:
                t = _sub(run, "w:t")
                t.set(XML_SPACE, "preserve")
                t.text = piece
    return p


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _sub(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """A new ``tag`` element (``w:p``…) appended to ``parent`` (lxml's own call: python-docx's
    ``OxmlElement`` costs ten times as much, and a large catalog makes millions)."""
    element: BaseOxmlElement = etree.SubElement(parent, _clark(tag))
    return element


@cache
def _clark(tag: str) -> str:
    """``w:p`` as lxml names it (``{namespace}p``), worked out once per tag."""
    return qn(tag)


def _sheet(body: _Body, sheet: Sheet, first: bool) -> None:
    if not first:
        body.page_break()
    body.paragraph(sheet.title, "Heading 2")
    body.paragraph(sheet.code_line, center=True)
    for section in sheet.sections:
        body.paragraph(section.heading, "Heading 3")
        if section.table is not None:
            body.table(section.table)
        for paragraph in section.paragraphs:
            body.paragraph(paragraph)


def render(document: Document, ctx: OutputContext) -> bytes:
    doc = new_docx()
    _setup(doc)
    doc.core_properties.title = clean(document.title)
    doc.core_properties.language = document.lang
    body = _Body(doc)
    body.paragraph(document.title, "Heading 1", center=True)
    if document.subtitle:
        body.paragraph(document.subtitle, center=True)
    if document.listing is not None:
        body.table(document.listing)
    for index, sheet in enumerate(document.sheets):
        _sheet(body, sheet, index == 0)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

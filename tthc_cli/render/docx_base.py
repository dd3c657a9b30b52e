"""What every Word document tthc writes shares: the page of Nghị định 30/2020/NĐ-CP (A4, top and
bottom 20 mm, left 30 mm, right 15 mm; across the page when asked), Times New Roman on every
style and every run (no theme font, so Word and LibreOffice never fall back to Calibri or
DejaVu), headings kept with what follows them, page numbers centred in the top margin from the
second page (a PAGE field), and a body written element by element at its end (:class:`Body`).

python-docx sets up the document (styles, page, header, properties); the body is appended at
its end in time proportional to its size (3,000 procedures: seconds, where adding through
python-docx's ``add_paragraph`` searched the body every time and took minutes).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from lxml import etree  # type: ignore[import-untyped]

from tthc_cli.render.tables import code_words
from tthc_cli.textnorm import xml_safe

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 12
TABLE_STYLE = "Table Text"  # the paragraphs of table cells: 12 pt, no space after
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")  # VT: Word's manual break
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
PAGE_MM = (210, 297)
HEADINGS = ("Heading 1", "Heading 2", "Heading 3")
THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ASCII = qn("w:ascii")
_HANSI = qn("w:hAnsi")


def clean(value: str) -> str:
    """Text Word can store: invalid XML characters dropped, line breaks as '\\n' (w:br)."""
    return xml_safe(_BREAKS.sub("\n", value))


TITLE_LIMIT = 255


def new_document(title: str, lang: str, landscape: bool = False) -> DocxDocument:
    """A document with the decree's page, fonts and page numbers, ready for :class:`Body`."""
    doc = new_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = PAGE_MM
    section.page_width, section.page_height = (
        (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))
    )
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    _fonts_everywhere(doc)
    _page_numbers(doc)
    shown = clean(title)  # Word's document properties hold 255 characters; the page has it all
    doc.core_properties.title = (
        shown if len(shown) <= TITLE_LIMIT else shown[: TITLE_LIMIT - 1] + "…"
    )
    doc.core_properties.language = lang
    return doc


def _fonts_everywhere(doc: DocxDocument) -> None:
    """Times New Roman, black, on the document defaults and every style; theme fonts and
    colours removed (a heading's ``asciiTheme`` made Word show Calibri Light and LibreOffice
    embed DejaVu Sans)."""
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{attribute}"), FONT)
    for colour in styles.iter(qn("w:color")):
        for attribute in ("themeColor", "themeShade", "themeTint"):
            colour.attrib.pop(qn(f"w:{attribute}"), None)
        colour.set(qn("w:val"), "000000")
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None:
            props = run_defaults.find(qn("w:rPr"))
            if props is not None and props.find(qn("w:rFonts")) is None:
                fonts = _sub(props, "w:rFonts")
                for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
                    fonts.set(qn(f"w:{attribute}"), FONT)
    for name in ("Normal", *HEADINGS, "Table Grid", "Header"):
        style = doc.styles[name]
        font = style.font
        font.name = FONT
        font.size = Pt(BODY_PT + 1 if name == "Heading 1" else BODY_PT)
        font.color.rgb = None
        font.italic = False
        run_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in THEME_ATTRIBUTES:
            run_fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
            run_fonts.set(qn(f"w:{attribute}"), FONT)
        if name in HEADINGS:
            font.bold = True
            paragraph = style.paragraph_format
            paragraph.keep_with_next = True
            paragraph.keep_together = True
            paragraph.space_before = Pt(6)
            paragraph.space_after = Pt(3)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_after = Pt(3)
    normal.line_spacing = 1.1
    table_text = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = doc.styles["Normal"]
    table_text.font.name = FONT
    table_text.font.size = Pt(TABLE_PT)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0


def _page_numbers(doc: DocxDocument) -> None:
    """A PAGE field centred in the top margin, 13 pt, from the second page (the first page
    carries none, as the decree prints it)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]._p
    props = paragraph.get_or_add_pPr()
    _sub(props, "w:jc").set(qn("w:val"), "center")
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None)):
        run = _run(paragraph, BODY_PT * 2)
        if kind is not None:
            _sub(run, "w:fldChar").set(qn("w:fldCharType"), kind)
        else:
            field = _sub(run, "w:instrText")
            field.set(XML_SPACE, "preserve")
            field.text = instruction
    number = _run(paragraph, BODY_PT * 2)
    _sub(number, "w:t").text = "2"
    _sub(_run(paragraph, BODY_PT * 2), "w:fldChar").set(qn("w:fldCharType"), "end")


def _run(
    paragraph: BaseOxmlElement, half_points: int | None = None, **style: bool
) -> BaseOxmlElement:
    """A ``w:r`` with its font named (and size, bold, italic when given)."""
    run = _sub(paragraph, "w:r")
    props = _sub(run, "w:rPr")
    fonts = _sub(props, "w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(_clark(attribute), FONT)
    if style.get("bold"):
        _sub(props, "w:b")
        _sub(props, "w:bCs")
    if style.get("italic"):
        _sub(props, "w:i")
        _sub(props, "w:iCs")
    if half_points is not None:
        _sub(props, "w:sz").set(_clark("w:val"), str(half_points))
        _sub(props, "w:szCs").set(_clark("w:val"), str(half_points))
    return run


def _text(run: BaseOxmlElement, value: str, whole_codes: bool = False) -> None:
    """``value`` in ``run``: line breaks as ``w:br``, tabs as ``w:tab``; with ``whole_codes``
    the hyphens inside a code as non-breaking hyphens (``w:noBreakHyphen``)."""
    for number, line in enumerate(clean(value).split("\n")):
        if number:
            _sub(run, "w:br")
        for index, piece in enumerate(line.split("\t")):
            if index:
                _sub(run, "w:tab")
            if piece and whole_codes and "-" in piece:
                _with_whole_codes(run, piece)
            elif piece:
                t = _sub(run, "w:t")
                t.set(XML_SPACE, "preserve")
                t.text = piece


def _with_whole_codes(run: BaseOxmlElement, piece: str) -> None:
    start = 0
    chunks: list[tuple[str, bool]] = []
    for found in code_words(piece):
        chunks.append((piece[start : found.start()], False))
        chunks.append((found[0], True))
        start = found.end()
    chunks.append((piece[start:], False))
    for chunk, code in chunks:
        parts = chunk.split("-") if code else [chunk]
        for index, part in enumerate(parts):
            if index:
                _sub(run, "w:noBreakHyphen")
            if part:
                t = _sub(run, "w:t")
                t.set(XML_SPACE, "preserve")
                t.text = part


@dataclass(frozen=True, slots=True)
class Style:
    """How one paragraph is printed (sizes in points; None: the style's)."""

    size: float | None = None
    bold: bool = False
    italic: bool = False
    center: bool = False
    justify: bool = False
    indent_mm: float = 0.0  # first-line indent
    keep_next: bool = False
    before_pt: float | None = None
    after_pt: float | None = None
    rule: str | None = None  # "top" or "bottom": a line along the paragraph
    rule_inset_mm: float = 0.0  # how far the line stops from each side


def paragraph(
    value: str,
    style_id: str | None = None,
    look: Style = Style(),
    lead: str = "",
) -> BaseOxmlElement:
    """A ``w:p`` holding ``value`` (after a bold ``lead`` when given), fonts on every run."""
    p = OxmlElement("w:p")
    props = _sub(p, "w:pPr")
    if style_id is not None:
        _sub(props, "w:pStyle").set(qn("w:val"), style_id)
    if look.keep_next:
        _sub(props, "w:keepNext")
    if look.rule is not None:
        borders = _sub(props, "w:pBdr")
        line = _sub(borders, f"w:{look.rule}")
        for name, setting in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            line.set(qn(f"w:{name}"), setting)
    if look.before_pt is not None or look.after_pt is not None:
        spacing = _sub(props, "w:spacing")
        if look.before_pt is not None:
            spacing.set(qn("w:before"), str(int(look.before_pt * 20)))
        if look.after_pt is not None:
            spacing.set(qn("w:after"), str(int(look.after_pt * 20)))
    if look.indent_mm or look.rule_inset_mm:
        indent = _sub(props, "w:ind")
        if look.indent_mm:
            indent.set(qn("w:firstLine"), str(Mm(look.indent_mm).twips))
        if look.rule_inset_mm:
            inset = str(Mm(look.rule_inset_mm).twips)
            indent.set(qn("w:left"), inset)
            indent.set(qn("w:right"), inset)
    if look.center or look.justify:
        _sub(props, "w:jc").set(qn("w:val"), "center" if look.center else "both")
    size = None if look.size is None else int(look.size * 2)
    if lead:
        _text(_run(p, size, bold=True, italic=look.italic), lead + " ")
    if value or not lead:
        _text(_run(p, size, bold=look.bold, italic=look.italic), value)
    return p


def cell_paragraph(
    value: str,
    style_id: str,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    keep_next: bool = False,
) -> BaseOxmlElement:
    """A table cell's paragraph in the table text style: the fewest elements that name the
    font on the run (a 3,000-procedure catalog writes millions of them). ``keep_next``: kept
    on the page of what follows (a group row with the row after it: Word and LibreOffice
    honour it across table rows)."""
    p = OxmlElement("w:p")
    props = _sub(p, "w:pPr")
    _sub(props, "w:pStyle").set(_clark("w:val"), style_id)
    if keep_next:
        _sub(props, "w:keepNext")
    if center:
        _sub(props, "w:jc").set(_clark("w:val"), "center")
    if value:
        run = _sub(p, "w:r")
        run_props = _sub(run, "w:rPr")
        fonts = _sub(run_props, "w:rFonts")
        fonts.set(_ASCII, FONT)
        fonts.set(_HANSI, FONT)
        if bold:
            _sub(run_props, "w:b")
        if italic:
            _sub(run_props, "w:i")
        _text(run, value, whole_codes=True)
    return p


class Body:
    """Appends to the end of a document's body, before its section properties (always the
    body's last element), without the search python-docx makes on every ``add_paragraph``."""

    def __init__(self, doc: DocxDocument) -> None:
        body = doc.element.body
        self.doc = doc
        self._end = body.sectPr
        self._body = body
        names = (*HEADINGS, "Table Grid", TABLE_STYLE)
        self.styles = {name: doc.styles[name].style_id for name in names}
        section = doc.sections[0]
        width = section.page_width or Mm(PAGE_MM[0])
        margins = (section.left_margin or 0) + (section.right_margin or 0)
        self.width_mm = (width - margins) / Mm(1)

    def add(self, element: BaseOxmlElement) -> None:
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self._body.append(element)

    def paragraph(
        self, value: str, style: str | None = None, look: Style = Style(), lead: str = ""
    ) -> None:
        self.add(paragraph(value, self.styles[style] if style else None, look, lead))

    def heading(self, value: str, level: int, center: bool = False) -> None:
        """A heading in a Heading style (kept with what follows, never alone at a page's
        foot)."""
        self.add(
            paragraph(value, self.styles[f"Heading {level}"], Style(center=center, keep_next=True))
        )

    def page_break(self) -> None:
        p = OxmlElement("w:p")
        _sub(_run(p), "w:br").set(qn("w:type"), "page")
        self.add(p)

    def picture(self, png: bytes, width_mm: float) -> None:
        """An image ``width_mm`` wide (its height from its own proportions), centred."""
        inline = self.doc.part.new_pic_inline(io.BytesIO(png), Mm(width_mm), None)
        p = OxmlElement("w:p")
        props = _sub(p, "w:pPr")
        _sub(props, "w:keepNext")
        _sub(props, "w:jc").set(qn("w:val"), "center")
        _sub(_run(p), "w:drawing").append(inline)
        self.add(p)


def table_element(
    widths_mm: list[float], borders: bool = True, style_id: str | None = None
) -> tuple[BaseOxmlElement, list[int]]:
    """An empty ``w:tbl`` with fixed column widths (returned in twips)."""
    widths = [Mm(w).twips for w in widths_mm]
    tbl = OxmlElement("w:tbl")
    props = _sub(tbl, "w:tblPr")
    if style_id is not None and borders:
        _sub(props, "w:tblStyle").set(qn("w:val"), style_id)
    table_width = _sub(props, "w:tblW")
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(sum(widths)))
    _sub(props, "w:tblLayout").set(qn("w:type"), "fixed")
    if not borders:
        lines = _sub(props, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(lines, f"w:{side}").set(qn("w:val"), "nil")
        margins = _sub(props, "w:tblCellMar")
        for side in ("left", "right"):
            margin = _sub(margins, f"w:{side}")
            margin.set(qn("w:w"), "0")
            margin.set(qn("w:type"), "dxa")
    grid = _sub(tbl, "w:tblGrid")
    for twips in widths:
        _sub(grid, "w:gridCol").set(qn("w:w"), str(twips))
    return tbl, widths


def row(tbl: BaseOxmlElement, header: bool = False, whole: bool = True) -> BaseOxmlElement:
    """A table row; a header row repeats on every page. ``whole``: the row never splits across
    pages (only for rows surely shorter than a page: see
    :func:`~tthc_cli.render.tables.estimated_height_mm`)."""
    tr = _sub(tbl, "w:tr")
    props = _sub(tr, "w:trPr")
    if header:
        _sub(props, "w:tblHeader").set(qn("w:val"), "true")
    if whole:
        _sub(props, "w:cantSplit")
    return tr


def cell(
    tr: BaseOxmlElement,
    twips: int,
    paragraphs: list[BaseOxmlElement],
    span: int = 1,
) -> None:
    tc = _sub(tr, "w:tc")
    props = _sub(tc, "w:tcPr")
    cell_width = _sub(props, "w:tcW")
    cell_width.set(qn("w:type"), "dxa")
    cell_width.set(qn("w:w"), str(twips))
    if span > 1:
        _sub(props, "w:gridSpan").set(qn("w:val"), str(span))
    for p in paragraphs or [OxmlElement("w:p")]:
        tc.append(p)


def to_bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _sub(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """A new ``tag`` element (``w:p``…) appended to ``parent`` (lxml's own call: python-docx's
    ``OxmlElement`` costs ten times as much, and a large catalog makes millions)."""
    element: BaseOxmlElement = etree.SubElement(parent, _clark(tag))
    return element


@cache
def _clark(tag: str) -> str:
    """``w:p`` as lxml names it (``{namespace}p``), worked out once per tag."""
    return qn(tag)

"""A Word document (DOCX) for the table model: the page, fonts and page numbers of Nghị định
30/2020/NĐ-CP (:mod:`~tthc_cli.render.docx_base`), real Word tables whose header row repeats on
every page and whose short rows never split (a row that may be taller than a page splits, so
no text is clipped), group rows kept with the row after them, headings kept with what follows
them, a danh mục across the page. A covering document's administrative frame (quốc hiệu … chữ
ký) is drawn here too (:func:`frame`), for the decision annex and the report alike.

The body is written element by element at its end, so writing takes time in proportion to the
catalog (3,000 procedures: seconds; ``bench/run.py``, "table docx")."""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml.xmlchemy import BaseOxmlElement

from tthc_cli.formats import OutputContext
from tthc_cli.render.docx_base import (
    TABLE_STYLE,
    Body,
    Style,
    cell,
    cell_paragraph,
    new_document,
    paragraph,
    row,
    table_element,
    to_bytes,
)
from tthc_cli.render.frame import Frame
from tthc_cli.render.tables import (
    Document,
    Part,
    Sheet,
    Table,
    as_para,
    column_widths_mm,
    keeps_whole,
)

INDENT_MM = 10.0  # first-line indent of body paragraphs
# The frame's two columns (issuing body | quốc hiệu): the quốc hiệu fits on one line at 12 pt.
FRAME_COLUMNS_MM = (62.0, 103.0)
SIGNATURE_COLUMNS_MM = (85.0, 80.0)


def widths_mm(table: Table, width: float) -> list[float]:
    return column_widths_mm(table, width)


def data_table(body: Body, table: Table) -> None:
    """A data table: the header row bold and repeated on every page, group rows merged and
    bold, the number column centred."""
    width = len(table.columns)
    style = body.styles[TABLE_STYLE]
    sizes = widths_mm(table, body.width_mm)
    tbl, twips = table_element(sizes, True, body.styles["Table Grid"])
    header = row(tbl, header=True)
    for column, size in zip(table.columns, twips, strict=True):
        cell(header, size, [cell_paragraph(column.title, style, bold=True, center=True)])
    numbered = table.numbered
    for item in table.rows:
        if item.group is None:
            tr = row(tbl, whole=keeps_whole(item, sizes))
            for index, (value, size) in enumerate(zip(item.cells, twips, strict=True)):
                cell(tr, size, [cell_paragraph(value, style, center=numbered and index == 0)])
            continue
        # A group row ("A", "I. Lĩnh vực …") stays on the page of the row after it.
        tr = row(tbl)
        italic = item.group == "field"
        number = cell_paragraph(item.cells[0], style, bold=True, center=True, keep_next=True)
        cell(tr, twips[0], [number])
        label = cell_paragraph(item.cells[1], style, bold=True, italic=italic, keep_next=True)
        cell(tr, sum(twips[1:]), [label], span=width - 1)
    body.add(tbl)


def sheet(body: Body, item: Sheet, page_break: bool) -> None:
    if page_break:
        body.page_break()
    body.heading(item.title, 2)
    body.paragraph(item.code_line, look=Style(center=True, keep_next=True))
    for mark in item.marks:
        body.paragraph(mark, look=Style(center=True, italic=True, keep_next=True))
    for section in item.sections:
        body.heading(section.heading, 3)
        if section.table is not None:
            data_table(body, section.table)
        for value in section.paragraphs:
            body.paragraph(value, look=Style(justify=True))


def parts(body: Body, items: Sequence[Part]) -> None:
    """Parts in order: heading (kept with what follows), paragraphs, chart, table, sheets."""
    for part in items:
        if part.page_break:
            body.page_break()
        if part.heading is not None:
            level = min(max(part.level, 1), 3)
            body.heading(part.heading, level, center=part.level == 1)
        for value in part.paragraphs:
            para = as_para(value)
            look = Style(
                italic=para.italic,
                center=para.center,
                justify=not para.center,
                indent_mm=INDENT_MM if para.indent and not para.center else 0.0,
                before_pt=3,
            )
            body.paragraph(para.text, look=look, lead=para.lead)
        if part.chart is not None:
            for image in part.chart.png():
                body.picture(image, min(body.width_mm, 160.0))
            body.paragraph(part.chart.caption, look=Style(center=True, italic=True, size=12))
        if part.table is not None:
            data_table(body, part.table)
        for index, item in enumerate(part.sheets):
            sheet(body, item, page_break=index > 0 or part.heading is None)


def _layout_table(
    body: Body, columns: Sequence[float], *rows: Sequence[list[BaseOxmlElement]]
) -> None:
    """A borderless table laying ``rows`` of cells side by side."""
    tbl, twips = table_element(list(columns), borders=False)
    for cells in rows:
        tr = row(tbl)
        for size, content in zip(twips, cells, strict=True):
            cell(tr, size, content)
    body.add(tbl)


def _rule(inset_mm: float) -> BaseOxmlElement:
    """A thin line ``inset_mm`` in from each side of its column (the lines under the issuing
    body, the motto and the summary)."""
    look = Style(size=4, rule="top", rule_inset_mm=max(0.0, inset_mm), after_pt=0, before_pt=0)
    return paragraph("", None, look)


def _text_mm(value: str, points: float, bold: bool = False) -> float:
    """About how wide ``value`` prints in Times New Roman (for the lines drawn under text)."""
    em = 0.52 if bold else 0.48
    return len(value) * points * em * 25.4 / 72


def frame(body: Body, item: Frame) -> None:
    """The administrative frame around ``item.parts``: header cells 1–4, the kind and summary
    (5a), the body (6), then recipients (9) beside the signature (7)."""
    left, right = FRAME_COLUMNS_MM
    issuing: list[BaseOxmlElement] = []
    if item.parent:
        issuing.append(paragraph(item.parent.upper(), None, Style(size=13, center=True)))
    issuing.append(paragraph(item.issuer.upper(), None, Style(size=13, bold=True, center=True)))
    issuing.append(_rule(left / 3))
    motto_mm = _text_mm(item.motto, 13, bold=True)
    nation = [
        paragraph(item.nation, None, Style(size=12, bold=True, center=True)),
        paragraph(item.motto, None, Style(size=13, bold=True, center=True)),
        _rule((right - motto_mm) / 2),
    ]
    # The number and the place and date on one row, as the decree's layout has them.
    number = [paragraph(item.number_line, None, Style(size=13, center=True, before_pt=4))]
    place = [
        paragraph(item.place_date, None, Style(size=13, italic=True, center=True, before_pt=4))
    ]
    _layout_table(body, FRAME_COLUMNS_MM, [issuing, nation], [number, place])
    body.paragraph(item.kind, look=Style(size=14, bold=True, center=True, before_pt=18))
    body.paragraph(item.summary, look=Style(size=14, bold=True, center=True, after_pt=0))
    body.add(_rule((body.width_mm - 40) / 2))
    if item.authority:
        look = Style(size=14, bold=True, center=True, before_pt=12, after_pt=6)
        body.paragraph(item.authority.upper(), look=look)
    parts(body, item.parts)
    _signature(body, item)


def _signature(body: Body, item: Frame) -> None:
    recipients = [paragraph(item.recipients_label, None, Style(size=12, bold=True, italic=True))]
    recipients += [
        paragraph(f"- {value}", None, Style(size=11, after_pt=0)) for value in item.recipients
    ]
    signer = item.signer
    signing = [
        paragraph(line.upper(), None, Style(size=14, bold=True, center=True))
        for line in (signer.authority, signer.title)
        if line
    ]
    if signer.stamp:  # the form's instruction, only where no signer is named
        signing.append(paragraph(signer.stamp, None, Style(size=11, italic=True, center=True)))
    signing += [paragraph("", None, Style(size=14)) for _ in range(3)]
    signing.append(paragraph(signer.name, None, Style(size=14, bold=True, center=True)))
    body.paragraph("", look=Style(after_pt=6))
    _layout_table(body, SIGNATURE_COLUMNS_MM, [recipients, signing])


def render(document: Document, ctx: OutputContext) -> bytes:
    doc = new_document(document.title, document.lang, document.landscape)
    body = Body(doc)
    if document.frame is not None:
        frame(body, document.frame)
        body.page_break()
    body.heading(document.title.upper(), 1, center=True)
    if document.subtitle:
        for line in document.subtitle.split("\n"):
            body.paragraph(line, look=Style(center=True, italic=True, keep_next=True))
    if document.listing is not None:
        data_table(body, document.listing)
    parts(body, document.parts)
    for index, item in enumerate(document.sheets):
        sheet(body, item, index > 0 or bool(document.parts))
    return to_bytes(doc)

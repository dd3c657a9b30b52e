"""One self-contained HTML file for the table model, laid out for printing on A4.

The page of Nghị định 30/2020/NĐ-CP: margins top and bottom 20 mm, left 30 mm, right 15 mm;
Times New Roman (or its metric twin); page numbers centred in the top margin from the second
page (CSS ``@page`` margin boxes and the ``page`` counter); a danh mục printed across the page.
Each procedure starts on a new page; a heading is never left at the foot of a page
(``break-after: avoid``); table headers repeat on every printed page; rows split only when
taller than a page; a group row ("A", "I. Lĩnh vực …") stays on the page of the row after it;
fixed-layout tables wrap long words so nothing runs past the right edge. A covering document's
administrative frame (quốc hiệu … chữ ký, :func:`frame_html`) is drawn here for the decision
annex and the report alike. Every text is escaped here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tthc_cli.formats import OutputContext
from tthc_cli.render.frame import Frame
from tthc_cli.render.tables import (
    Document,
    Para,
    Part,
    Row,
    Sheet,
    Table,
    as_para,
    code_words,
    column_widths_mm,
    keeps_whole,
)
from tthc_cli.textnorm import escape_html

_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")  # VT: Word's manual break

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"  # a static document
STYLE = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
        @top-center { content: counter(page); font-family: "Times New Roman", Times,
                      "Liberation Serif", serif; font-size: 13pt; } }
@page :first { @top-center { content: none; } }
@page across { size: A4 landscape; }
html { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 13pt;
       line-height: 1.3; color: #000; background: #fff; }
body { margin: 0; overflow-wrap: anywhere; word-wrap: break-word; }
body.across { page: across; }
h1 { font-size: 14pt; text-align: center; text-transform: uppercase; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 8pt 0 4pt; }
h3 { font-size: 13pt; margin: 10pt 0 4pt; }
h1, h2, h3, .keep { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
h2.part { text-align: center; }
p { margin: 3pt 0 4pt; text-align: justify; overflow-wrap: anywhere; orphans: 2; widows: 2; }
p.indent { text-indent: 10mm; }
p.center { text-align: center; text-indent: 0; }
p.italic, .subtitle, .code, .mark { font-style: italic; }
.subtitle, .code, .mark { text-align: center; }
.code { font-style: normal; }
.sheet { break-before: page; page-break-before: always; }
.sheet.first { break-before: auto; page-break-before: auto; }
.page { break-before: page; page-break-before: always; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 0 0 6pt;
        word-wrap: break-word; overflow-wrap: anywhere; font-size: 12pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.tall { break-inside: auto; page-break-inside: auto; }
tr.part, tr.level, tr.field { break-after: avoid; page-break-after: avoid; }
th, td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; text-align: left;
         word-wrap: break-word; overflow-wrap: anywhere; }
th { text-align: center; font-weight: bold; }
tr.part td, tr.level td { font-weight: bold; text-transform: uppercase; }
tr.field td { font-weight: bold; font-style: italic; }
td.number { text-align: center; }
td.code { overflow-wrap: normal; word-break: keep-all; }
.nobr { white-space: nowrap; }
figure { margin: 6pt 0; text-align: center; break-inside: avoid; }
figure svg, figure img { max-width: 100%; height: auto; }
figcaption { font-style: italic; font-size: 12pt; }
/* the administrative frame (Nghị định 30/2020/NĐ-CP, Phụ lục I) */
table.frame, table.frame td, table.sign, table.sign td { border: none; padding: 0;
        font-size: 13pt; }
table.frame td { text-align: center; vertical-align: top; }
.issuer, .nation, .kind, .summary, .authority, .signer { font-weight: bold; }
.parent, .issuer, .nation, .authority, .signer-title { text-transform: uppercase; }
.nation { font-size: 12pt; }
.kind, .summary, .authority { font-size: 14pt; text-align: center; margin: 0; }
.kind { margin-top: 16pt; }
.motto { font-weight: bold; display: inline-block; border-bottom: 1px solid #000;
         padding-bottom: 1pt; }
.rule { width: 33%; margin: 2pt auto 4pt; border-top: 1px solid #000; }
.rule.wide { width: 25%; margin-bottom: 10pt; }
.place { font-style: italic; margin-top: 4pt; }
.number { margin-top: 4pt; }
table.sign { margin-top: 12pt; break-inside: avoid; }
table.sign td { vertical-align: top; }
.recipients-label { font-size: 12pt; font-weight: bold; font-style: italic; }
.recipients { font-size: 11pt; }
.signing { text-align: center; }
.signer { font-size: 14pt; }
.stamp { font-style: italic; font-size: 11pt; margin-bottom: 48pt; }
.space { height: 60pt; }
@media screen { body { max-width: 180mm; margin: 10mm auto; }
                body.across { max-width: 260mm; } }
"""


def esc(value: str) -> str:
    """Text as HTML text: escaped, control characters dropped, line breaks kept as <br>."""
    return "<br>".join(escape_html(line) for line in _BREAKS.split(value))


PORTRAIT_MM, ACROSS_MM = 165.0, 252.0  # the width of text on A4 with the decree's margins


def _colgroup(table: Table, page_mm: float) -> str:
    widths = column_widths_mm(table, page_mm)
    cols = "".join(f'<col style="width:{100 * w / page_mm:.2f}%">' for w in widths)
    return f"<colgroup>{cols}</colgroup>"


def _whole_codes(value: str) -> str:
    """Escaped text, each code in it ("HCM-STNMT-DDBD-01", "TP-TVPL-05-sđ.doc") kept on one
    line."""
    out, start = [], 0
    for found in code_words(value):
        out.append(esc(value[start : found.start()]))
        out.append(f'<span class="nobr">{esc(found[0])}</span>')
        start = found.end()
    out.append(esc(value[start:]))
    return "".join(out)


def _cell(index: int, value: str, code_column: int | None, numbered: bool) -> str:
    if index == 0 and numbered:
        return f'<td class="number">{esc(value)}</td>'
    if index == code_column:
        return f'<td class="code">{_whole_codes(value)}</td>'
    return f"<td>{_whole_codes(value)}</td>"


def _row(row: Row, width: int, code_column: int | None, numbered: bool, whole: bool) -> str:
    if row.group is None:
        cells = "".join(_cell(i, c, code_column, numbered) for i, c in enumerate(row.cells))
        return f"<tr>{cells}</tr>" if whole else f'<tr class="tall">{cells}</tr>'
    number, label = row.cells[0], row.cells[1]
    return (
        f'<tr class="{esc(row.group)}"><td class="number">{esc(number)}</td>'
        f'<td colspan="{width - 1}">{esc(label)}</td></tr>'
    )


def table_html(table: Table, page_mm: float = PORTRAIT_MM) -> str:
    """A data table on a page ``page_mm`` wide; its code column holds codes, never broken
    inside (wide enough for the longest)."""
    code_column = table.code_column
    head = "".join(f"<th>{esc(c.title)}</th>" for c in table.columns)
    width = len(table.columns)
    widths = column_widths_mm(table, page_mm)
    body = "\n".join(
        _row(r, width, code_column, table.numbered, keeps_whole(r, widths)) for r in table.rows
    )
    return (
        f"<table>{_colgroup(table, page_mm)}<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{body}\n</tbody></table>"
    )


def _sheet(sheet: Sheet, first: bool) -> str:
    parts = [
        f'<section class="sheet{" first" if first else ""}">',
        f'<div class="keep"><h2>{esc(sheet.title)}</h2>',
        f'<p class="code">{esc(sheet.code_line)}</p>',
        *(f'<p class="mark">{esc(mark)}</p>' for mark in sheet.marks),
        "</div>",
    ]
    for section in sheet.sections:
        parts.append(f"<h3>{esc(section.heading)}</h3>")
        if section.table is not None:
            parts.append(table_html(section.table))
        parts.extend(f"<p>{esc(p)}</p>" for p in section.paragraphs)
    parts.append("</section>")
    return "\n".join(parts)


def paragraph_html(value: str | Para) -> str:
    para = as_para(value)
    classes = [
        name
        for name, wanted in (
            ("center", para.center),
            ("italic", para.italic),
            ("indent", para.indent and not para.center),
        )
        if wanted
    ]
    lead = f"<b>{esc(para.lead)}</b> " if para.lead else ""
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f"<p{attribute}>{lead}{esc(para.text)}</p>"


def parts_html(parts: Sequence[Part], first_sheet: bool = True) -> list[str]:
    """Parts in order: heading (never alone at a page's foot), paragraphs, chart, table,
    sheets."""
    out: list[str] = []
    for part in parts:
        if part.page_break:
            out.append('<div class="page"></div>')
        if part.heading is not None:
            level = min(max(part.level, 1), 3) + 1
            css = ' class="part"' if part.level == 1 else ""
            out.append(f"<h{level}{css}>{esc(part.heading)}</h{level}>")
        out.extend(paragraph_html(p) for p in part.paragraphs)
        if part.chart is not None:
            out.append(
                f"<figure>{part.chart.svg()}<figcaption>{esc(part.chart.caption)}"
                "</figcaption></figure>"
            )
        if part.table is not None:
            out.append(table_html(part.table))
        for index, sheet in enumerate(part.sheets):
            out.append(_sheet(sheet, first_sheet and index == 0 and part.heading is not None))
    return out


def frame_html(frame: Frame) -> str:
    """The administrative frame around ``frame.parts``: header cells 1–4 side by side, the kind
    and summary (5a), the body (6), then recipients (9) beside the signature (7)."""
    parent = f'<div class="parent">{esc(frame.parent)}</div>' if frame.parent else ""
    header = (
        '<table class="frame"><colgroup><col style="width:38%"><col style="width:62%">'
        "</colgroup><tr>"
        f'<td>{parent}<div class="issuer">{esc(frame.issuer)}</div><div class="rule"></div>'
        "</td>"
        f'<td><div class="nation">{esc(frame.nation)}</div>'
        f'<div class="motto">{esc(frame.motto)}</div></td>'
        "</tr><tr>"  # the number and the place and date on one row
        f'<td><div class="number">{esc(frame.number_line)}</div></td>'
        f'<td><div class="place">{esc(frame.place_date)}</div></td>'
        "</tr></table>"
    )
    title = [
        f'<p class="kind">{esc(frame.kind)}</p>',
        f'<p class="summary">{esc(frame.summary)}</p>',
        '<div class="rule wide"></div>',
    ]
    if frame.authority:
        title.append(f'<p class="authority">{esc(frame.authority)}</p>')
    signer = frame.signer
    signing = [
        f'<div class="signer">{esc(line)}</div>'
        for line in (signer.authority, signer.title)
        if line
    ]
    recipients = "".join(f"<div>- {esc(r)}</div>" for r in frame.recipients)
    stamp = f'<div class="stamp">{esc(signer.stamp)}</div>' if signer.stamp else ""
    if not stamp:
        signing.append('<div class="space"></div>')
    sign = (
        '<table class="sign"><colgroup><col style="width:52%"><col style="width:48%">'
        "</colgroup><tr>"
        f'<td><div class="recipients-label">{esc(frame.recipients_label)}</div>'
        f'<div class="recipients">{recipients}</div></td>'
        f'<td class="signing">{"".join(signing)}{stamp}'
        f'<div class="signer">{esc(signer.name)}</div></td>'
        "</tr></table>"
    )
    return "\n".join(
        [f'<section class="frame">{header}', *title, *parts_html(frame.parts), sign, "</section>"]
    )


def page(title: str, lang: str, body: Sequence[str], across: bool = False) -> str:
    """A whole HTML document: the print stylesheet, no script, nothing fetched."""
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{esc(lang)}">',
                '<head><meta charset="utf-8">',
                f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
                f"<title>{esc(title)}</title>",
                f"<style>{STYLE}</style></head>",
                '<body class="across">' if across else "<body>",
                *body,
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )


def render(document: Document, ctx: OutputContext) -> str:
    body: list[str] = []
    if document.frame is not None:
        body += [frame_html(document.frame), '<div class="page"></div>']
    body.append(f"<h1>{esc(document.title)}</h1>")
    if document.subtitle:
        body.extend(
            f'<p class="subtitle">{esc(line)}</p>' for line in document.subtitle.split("\n")
        )
    if document.listing is not None:
        body.append(table_html(document.listing, ACROSS_MM if document.landscape else PORTRAIT_MM))
    body += parts_html(document.parts)
    body.extend(_sheet(s, i == 0 and not document.parts) for i, s in enumerate(document.sheets))
    return page(document.title, document.lang, body, document.landscape)

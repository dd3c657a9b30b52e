"""One self-contained HTML file for the table model, laid out for printing on A4.

Margins follow Nghị định 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 15 mm); each
procedure starts on a new page; table headers repeat on every printed page; fixed-layout
tables wrap long words so nothing runs past the right edge. Every text is escaped here.
"""

from __future__ import annotations

import re

from tthc_cli.formats import OutputContext
from tthc_cli.render.tables import Document, Row, Sheet, Table
from tthc_cli.textnorm import escape_html

_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")  # VT: Word's manual break

CSP = "default-src 'none'; style-src 'unsafe-inline'"  # no script, no fetch: a static document
STYLE = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
html { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 13pt;
       line-height: 1.3; color: #000; background: #fff; }
body { margin: 0; overflow-wrap: anywhere; word-wrap: break-word; }
h1 { font-size: 14pt; text-align: center; text-transform: uppercase; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 0 0 4pt; }
h3 { font-size: 13pt; margin: 10pt 0 4pt; }
p { margin: 0 0 4pt; text-align: justify; overflow-wrap: anywhere; }
.subtitle, .code { text-align: center; font-style: italic; }
.sheet { break-before: page; page-break-before: always; }
.sheet:first-of-type { break-before: auto; page-break-before: auto; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 0 0 6pt;
        word-wrap: break-word; overflow-wrap: anywhere; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; text-align: left;
         word-wrap: break-word; overflow-wrap: anywhere; }
th { text-align: center; font-weight: bold; }
tr.part td, tr.level td { font-weight: bold; text-transform: uppercase; }
tr.field td { font-weight: bold; font-style: italic; }
td.number { text-align: center; }
@media screen { body { max-width: 180mm; margin: 10mm auto; } }
"""


def esc(value: str) -> str:
    """Text as HTML text: escaped, control characters dropped, line breaks kept as <br>."""
    return "<br>".join(escape_html(line) for line in _BREAKS.split(value))


def _colgroup(table: Table) -> str:
    total = sum(c.weight for c in table.columns) or 1.0
    cols = "".join(f'<col style="width:{100 * c.weight / total:.2f}%">' for c in table.columns)
    return f"<colgroup>{cols}</colgroup>"


def _row(row: Row, width: int) -> str:
    if row.group is None:
        cells = "".join(
            f'<td class="number">{esc(c)}</td>' if i == 0 else f"<td>{esc(c)}</td>"
            for i, c in enumerate(row.cells)
        )
        return f"<tr>{cells}</tr>"
    number, label = row.cells[0], row.cells[1]
    return (
        f'<tr class="{esc(row.group)}"><td class="number">{esc(number)}</td>'
        f'<td colspan="{width - 1}">{esc(label)}</td></tr>'
    )


def table_html(table: Table) -> str:
    head = "".join(f"<th>{esc(c.title)}</th>" for c in table.columns)
    body = "\n".join(_row(r, len(table.columns)) for r in table.rows)
    return (
        f"<table>{_colgroup(table)}<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{body}\n</tbody></table>"
    )


def _sheet(sheet: Sheet) -> str:
    parts = [
        f'<section class="sheet"><h2>{esc(sheet.title)}</h2>',
        f'<p class="code">{esc(sheet.code_line)}</p>',
    ]
    for section in sheet.sections:
        parts.append(f"<h3>{esc(section.heading)}</h3>")
        if section.table is not None:
            parts.append(table_html(section.table))
        parts.extend(f"<p>{esc(p)}</p>" for p in section.paragraphs)
    parts.append("</section>")
    return "\n".join(parts)


def render(document: Document, ctx: OutputContext) -> str:
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(document.lang)}">',
        '<head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{esc(document.title)}</title>",
        f"<style>{STYLE}</style></head>",
        "<body>",
        f"<h1>{esc(document.title)}</h1>",
    ]
    if document.subtitle:
        parts.append(f'<p class="subtitle">{esc(document.subtitle)}</p>')
    if document.listing is not None:
        parts.append(table_html(document.listing))
    parts.extend(_sheet(s) for s in document.sheets)
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"

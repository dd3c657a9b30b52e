"""Markdown and plain text for the table model, through tabulate (any of its formats).

Markdown escapes every character Markdown could read as markup, so cell text renders
literally; both formats fold line breaks inside a cell into spaces so no row is broken.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tabulate import tabulate, tabulate_formats

from tthc_cli.formats import OutputContext
from tthc_cli.render.frame import Frame
from tthc_cli.render.tables import Document, Part, Row, Sheet, Table, as_para
from tthc_cli.textnorm import escape_md, visible

DEFAULT_TABLEFMT = {"markdown": "pipe", "text": "simple"}
TEXT_WIDTH = 120  # plain-text tables wrap their cells to about this many characters
# Formats whose rows can span several lines and still read as one row; others stay one line a row.
WRAPPING_FORMATS = frozenset(
    (
        "plain",
        "simple",
        "grid",
        "simple_grid",
        "rounded_grid",
        "heavy_grid",
        "mixed_grid",
        "double_grid",
        "fancy_grid",
        "outline",
        "simple_outline",
        "rounded_outline",
        "heavy_outline",
        "mixed_outline",
        "double_outline",
        "fancy_outline",
        "psql",
        "rst",
        "presto",
    )
)
_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x85\u2028\u2029]+\s*")


# tabulate styles that write markup (HTML, LaTeX, wiki syntax): refused. Some escape nothing
# (unsafehtml: a name "<img src=x onerror=…>" would run in a browser), and none can escape the
# headings and paragraphs around the table, which are plain text. ``-f html`` writes a whole
# escaped page; every other style is text or Markdown, escaped here.
MARKUP_TABLEFMTS = frozenset(
    (
        "html",
        "unsafehtml",
        "latex",
        "latex_raw",
        "latex_booktabs",
        "latex_longtable",
        "mediawiki",
        "moinmoin",
        "jira",
        "textile",
        "asciidoc",
        "youtrack",
    )
)


def known_tablefmt(name: str) -> bool:
    return name in tabulate_formats and name not in MARKUP_TABLEFMTS


def _flat(value: str) -> str:
    return visible(_BREAKS.sub(" ", value)).strip()


class _Writer:
    def __init__(self, markdown: bool, tablefmt: str) -> None:
        self.markdown = markdown
        self.tablefmt = tablefmt
        self.lines: list[str] = []

    def literal(self, value: str, line_start: bool = False) -> str:
        if not self.markdown:
            return _flat(value)
        return escape_md(value, line_start)

    def heading(self, level: int, value: str) -> None:
        if self.markdown:
            self.lines += [f"{'#' * level} {self.literal(value)}", ""]
        else:
            shown = self.literal(value)
            underline = "=" if level == 1 else "-"
            self.lines += [shown, underline * max(len(shown), 3), ""] if level <= 2 else [shown, ""]

    def paragraph(self, value: str) -> None:
        self.lines += [self.literal(value, line_start=True), ""]

    def table(self, table: Table) -> None:
        width = len(table.columns)
        rows = [self._cells(row, table.label_column, width) for row in table.rows]
        headers = [self.literal(c.title) for c in table.columns]
        widths: list[int | None] | None = None
        if not self.markdown and self.tablefmt in WRAPPING_FORMATS:
            total = sum(c.weight for c in table.columns) or 1.0
            widths = [max(6, int(TEXT_WIDTH * c.weight / total)) for c in table.columns]
        rendered = tabulate(
            rows,
            headers=headers,
            tablefmt=self.tablefmt,
            disable_numparse=True,
            maxcolwidths=widths,
        )
        self.lines += [rendered, ""]

    def _cells(self, row: Row, label_column: int, width: int) -> list[str]:
        if row.group is None:
            return [self.literal(c) for c in row.cells]
        cells = [""] * width
        cells[0] = self.literal(row.cells[0])
        label = self.literal(row.cells[1])
        cells[label_column] = f"**{label}**" if self.markdown else label.upper()
        return cells


def _sheet(writer: _Writer, sheet: Sheet) -> None:
    writer.heading(2, sheet.title)
    writer.paragraph(sheet.code_line)
    for mark in sheet.marks:
        writer.paragraph(mark)
    for section in sheet.sections:
        writer.heading(3, section.heading)
        if section.table is not None:
            writer.table(section.table)
        for paragraph in section.paragraphs:
            writer.paragraph(paragraph)


def _parts(writer: _Writer, parts: Sequence[Part]) -> None:
    for part in parts:
        if part.heading is not None:
            writer.heading(min(max(part.level, 1), 3) + 1, part.heading)
        for value in part.paragraphs:
            para = as_para(value)
            if para.lead and writer.markdown:
                writer.lines += [f"**{writer.literal(para.lead)}** {writer.literal(para.text)}", ""]
            else:
                writer.paragraph(f"{para.lead} {para.text}" if para.lead else para.text)
        if part.chart is not None:
            writer.paragraph(part.chart.caption)
        if part.table is not None:
            writer.table(part.table)
        for sheet in part.sheets:
            _sheet(writer, sheet)


def _frame(writer: _Writer, frame: Frame) -> None:
    """The administrative frame as lines: who issues, the number, place and date, the kind and
    summary, the body, the recipients and the signer."""
    for line in (frame.nation, frame.motto, frame.parent, frame.issuer, frame.number_line):
        if line:
            writer.paragraph(line)
    writer.paragraph(frame.place_date)
    writer.heading(1, frame.kind)
    writer.paragraph(frame.summary)
    if frame.authority:
        writer.paragraph(frame.authority)
    _parts(writer, frame.parts)
    writer.paragraph(frame.recipients_label)
    for recipient in frame.recipients:
        writer.paragraph(f"- {recipient}")
    signer = frame.signer
    for line in (signer.authority, signer.title, signer.stamp, signer.name):
        if line:
            writer.paragraph(line)


def render_markdown(document: Document, ctx: OutputContext) -> str:
    """Markdown; ``ctx.tablefmt`` any tabulate format name (default: pipe)."""
    return _render(document, True, ctx.tablefmt or DEFAULT_TABLEFMT["markdown"])


def render_text(document: Document, ctx: OutputContext) -> str:
    """Plain text; ``ctx.tablefmt`` any tabulate format name (default: simple)."""
    return _render(document, False, ctx.tablefmt or DEFAULT_TABLEFMT["text"])


def _render(document: Document, markdown: bool, tablefmt: str) -> str:
    writer = _Writer(markdown, tablefmt)
    if document.frame is not None:
        _frame(writer, document.frame)
    writer.heading(1, document.title)
    if document.subtitle:
        for line in document.subtitle.split("\n"):
            writer.paragraph(line)
    if document.listing is not None:
        writer.table(document.listing)
    _parts(writer, document.parts)
    for sheet in document.sheets:
        _sheet(writer, sheet)
    while writer.lines and not writer.lines[-1]:
        writer.lines.pop()
    return "\n".join(writer.lines) + "\n"

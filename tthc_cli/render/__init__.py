"""Documents people read and print: the writers of ``tthc report``, ``tthc table`` and ``tthc
list``, one registry per command (format name → writer, imported on first use). Writers take
data and return text or bytes; they may use rich, never read files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tthc_cli.formats import OutputContext, Writers

if TYPE_CHECKING:
    from tthc_cli.plan.progress import ReportSet
    from tthc_cli.render.legal import LegalListing
    from tthc_cli.render.listing import Listing
    from tthc_cli.render.tables import Document

ReportWriter = Callable[["ReportSet", OutputContext], str | bytes]
TableWriter = Callable[["Document", OutputContext], str | bytes]
ListWriter = Callable[["Listing", OutputContext], str]
LegalWriter = Callable[["LegalListing", OutputContext], str]

REPORT_WRITERS: Writers[ReportWriter] = Writers(
    {
        "text": "tthc_cli.render.report_text:render",
        "markdown": "tthc_cli.render.report_markdown:render",
        "csv": "tthc_cli.render.report_csv:render",
        "json": "tthc_cli.render.report_json:render",
        "html": "tthc_cli.render.report_html:render",
        "xlsx": "tthc_cli.render.report_xlsx:render",
        "docx": "tthc_cli.render.report_docx:render",
    },
    default="text",
)

TABLE_WRITERS: Writers[TableWriter] = Writers(
    {
        "text": "tthc_cli.render.table_text:render_text",
        "markdown": "tthc_cli.render.table_text:render_markdown",
        "html": "tthc_cli.render.table_html:render",
        "docx": "tthc_cli.render.table_docx:render",
    },
    default="text",
)

LIST_WRITERS: Writers[ListWriter] = Writers(
    {
        "text": "tthc_cli.render.listing:render_text",
        "json": "tthc_cli.render.listing:render_json",
        "csv": "tthc_cli.render.listing:render_csv",
    },
    default="text",
)

LEGAL_WRITERS: Writers[LegalWriter] = Writers(
    {
        "text": "tthc_cli.render.legal:render_text",
        "markdown": "tthc_cli.render.legal:render_markdown",
        "json": "tthc_cli.render.legal:render_json",
        "csv": "tthc_cli.render.legal:render_csv",
    },
    default="text",
)

"""The report as a Word document (DOCX) to edit, sign and send: the administrative frame of
Nghị định 30/2020/NĐ-CP (quốc hiệu, tiêu ngữ, issuing body and number, place and date, kind and
summary, nơi nhận, signature block) around the body of
:func:`~tthc_cli.render.report_document.report_parts`; the page, fonts and page numbers of
:mod:`~tthc_cli.render.docx_base`; the charts as images.
"""

from __future__ import annotations

from tthc_cli.config import Config
from tthc_cli.formats import OutputContext
from tthc_cli.plan.progress import ReportSet
from tthc_cli.render.docx_base import Body, new_document, to_bytes
from tthc_cli.render.frame import build_frame
from tthc_cli.render.report_document import report_parts, report_summary
from tthc_cli.render.table_docx import frame


def render(reports: ReportSet, ctx: OutputContext) -> bytes:
    lang = ctx.lang
    config = reports.config or Config()
    summary = report_summary(reports, lang)
    item = build_frame(config, "report", summary, report_parts(reports, lang), lang)
    doc = new_document(f"{item.kind} {summary}", lang)
    frame(Body(doc), item)
    return to_bytes(doc)

"""The report as one self-contained HTML file that prints on A4 as the Word report does: the
administrative frame of Nghị định 30/2020/NĐ-CP around the body of
:func:`~tthc_cli.render.report_document.report_parts`, the print stylesheet of the other
documents (:mod:`tthc_cli.render.table_html`: Times New Roman, the decree's margins, page
numbers, headings kept with what follows).

The charts are SVG drawn by matplotlib (:mod:`tthc_cli.render.report_charts`) and put inline: no
JavaScript, nothing fetched, text kept as text. Every other piece of text is escaped by the
table writer; matplotlib escapes what it writes into the SVG. Without matplotlib (a core
install, without ``tthc[office]``) the report has no charts and ``tthc report`` says how to get
them.
"""

from __future__ import annotations

from tthc_cli.config import Config
from tthc_cli.extras import available
from tthc_cli.formats import OutputContext
from tthc_cli.plan.progress import ReportSet
from tthc_cli.render.frame import build_frame
from tthc_cli.render.report_document import report_parts, report_summary
from tthc_cli.render.table_html import frame_html, page


def charts_drawn() -> bool:
    """Whether the charts can be drawn: matplotlib comes with ``tthc[office]``."""
    return available("matplotlib")


def render(reports: ReportSet, ctx: OutputContext) -> str:
    lang = ctx.lang
    config = reports.config or Config()
    summary = report_summary(reports, lang)
    frame = build_frame(config, "report", summary, report_parts(reports, lang), lang)
    return page(f"{frame.kind} {summary}", lang, [frame_html(frame)])

"""The report as one self-contained HTML file that prints on A4.

The charts are SVG drawn by matplotlib (:mod:`tthc_cli.render.report_charts`) and put inline: no
JavaScript, nothing fetched, text kept as text. Every other piece of text goes through
:func:`~tthc_cli.textnorm.escape_html`; matplotlib escapes what it writes into the SVG. Without
matplotlib (a core install, without ``tthc[office]``) the report says where the charts would be
and how to get them.
"""

from __future__ import annotations

from tthc_cli.extras import OFFICE, available
from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.plan.progress import Report, ReportSet
from tthc_cli.render.report_charts import milestone_chart, progress_charts
from tthc_cli.render.report_table import (
    MILESTONE_COLUMNS_SHOWN,
    display,
    headers,
    milestone_cells,
    milestone_headers,
    milestone_notes,
    preamble,
    table_rows,
)
from tthc_cli.textnorm import escape_html as escape

CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 14pt; } h2 { font-size: 12pt; margin-top: 1.2em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }
/* a group name without spaces wraps inside its cell instead of pushing the table off the page */
td:first-child { overflow-wrap: anywhere; }
td.n { text-align: right; }
thead { display: table-header-group; }
tr, .chart { break-inside: avoid; page-break-inside: avoid; }
/* matplotlib sizes a chart in points, narrower than the page; never wider than the text column */
.chart svg { display: block; max-width: 100%; height: auto; }
"""
# The columns that fit an A4 page; CSV, JSON and XLSX carry all of them.
HTML_COLUMNS = (
    "group",
    "procedures",
    "published_share",
    "reviewed_share",
    "plan_approved_share",
    "cut_planned",
    "procedures_cut_share",
    "cost_before",
    "cost_after",
    "cost_cut_share",
    "time_cut_days",
    "time_cut_hours",
    "illustrative",
)


def _table(head: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    out = ["<table><thead><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        cells = (
            f'<td class="n">{escape(c)}</td>' if i in numeric else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        out += ["<tr>", *cells, "</tr>"]
    out.append("</tbody></table>")
    return "".join(out)


def charts_drawn() -> bool:
    """Whether the charts can be drawn: matplotlib comes with ``tthc[office]``."""
    return available("matplotlib")


def render(reports: ReportSet, ctx: OutputContext) -> str:
    """One document: each plan asked for in turn (notes, groups, milestones)."""
    lang = ctx.lang
    title = preamble(reports.chosen, lang)[0]
    body = [part for report in reports.every_plan() for part in _plan_body(report, lang)]
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        + "".join(body)
        + "</body></html>\n"
    )


def _plan_body(report: Report, lang: str) -> list[str]:
    intro = preamble(report, lang)
    charts = charts_drawn()
    body = [
        f"<h1>{escape(intro[0])}</h1>",
        "<ul>",
        *(f"<li>{escape(line)}</li>" for line in intro[1:]),
        "</ul>",
        f"<h2>{escape(text('report.groups', lang))}</h2>",
    ]
    if charts:
        body += [f'<div class="chart">{svg}</div>' for svg in progress_charts(report, lang)]
    else:
        body.append(f"<p>{escape(text('warn.charts-need-extra', lang, extra=OFFICE))}</p>")
    rows = [[display(row[c], lang) for c in HTML_COLUMNS] for row in table_rows(report, lang)]
    body.append(_table(headers(lang, HTML_COLUMNS), rows, set(range(1, len(HTML_COLUMNS)))))
    if report.milestones:
        body.append(f"<h2>{escape(text('report.milestones', lang))}</h2>")
        if charts:
            body.append(f'<div class="chart">{milestone_chart(report, lang)}</div>')
        ms_rows = []
        for status in report.milestones:
            values = milestone_cells(status, lang)
            ms_rows.append([display(values[c], lang) for c in MILESTONE_COLUMNS_SHOWN])
        numeric = {
            MILESTONE_COLUMNS_SHOWN.index(c)
            for c in ("target", "value", "population", "counted", "without_evidence", "final_value")
        }
        body.append(_table(milestone_headers(lang, MILESTONE_COLUMNS_SHOWN), ms_rows, numeric))
        body += [f"<p>{escape(note)}</p>" for note in milestone_notes(report, lang)]
    return body

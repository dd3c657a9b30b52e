"""The report as one self-contained HTML file that prints on A4.

Charts are inline SVG drawn from the data here, with no JavaScript and nothing fetched: chart
libraries either need JS (often from a CDN) to draw, or add a dependency for two bar charts and
a time line. Every piece of text goes through :func:`html.escape`.
"""

from __future__ import annotations

from datetime import date
from html import escape

from tthc_cli.messages import text
from tthc_cli.progress import GroupProgress, Report
from tthc_cli.render.report_table import (
    MILESTONE_COLUMNS,
    display,
    headers,
    milestone_headers,
    milestone_notes,
    milestone_values,
    preamble,
    status_label,
    table_rows,
    total_label,
)

CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 14pt; } h2 { font-size: 12pt; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }
td.n { text-align: right; }
thead { display: table-header-group; }
tr, svg { break-inside: avoid; page-break-inside: avoid; }
.met { fill: #2e7d32; } .at_risk { fill: #f9a825; } .missed { fill: #c62828; }
.pending { fill: #1565c0; } .not_applicable { fill: #9e9e9e; }
svg text { font-size: 9px; font-family: inherit; }
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
CHART_WIDTH = 680
LABEL_WIDTH = 200
BAR_HEIGHT = 9


def _bar_chart(report: Report, lang: str) -> str:
    """Per group: share of procedures cut and of cost cut, against the targets (20%)."""
    groups: list[tuple[str, GroupProgress]] = [(g.label, g) for g in report.groups]
    groups.append((total_label(lang), report.total))
    scale = (CHART_WIDTH - LABEL_WIDTH - 60) / 100
    row = 2 * BAR_HEIGHT + 8
    height = row * len(groups) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(text("report.groups", lang))}">'
    ]
    for index, (label, group) in enumerate(groups):
        y = 20 + index * row
        parts.append(f'<text x="0" y="{y + BAR_HEIGHT + 2}">{escape(label[:40])}</text>')
        for offset, (share, colour) in enumerate(
            ((group.procedures_cut_share, "#1565c0"), (group.cost_cut_share, "#6a1b9a"))
        ):
            top = y + offset * (BAR_HEIGHT + 1)
            width = max(0.0, min(100.0, share or 0.0)) * scale
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{top}" width="{width:.1f}" '
                f'height="{BAR_HEIGHT}" fill="{colour}"/>'
            )
            shown = "-" if share is None else display(round(share, 2), lang) + "%"
            parts.append(
                f'<text x="{LABEL_WIDTH + width + 3:.1f}" y="{top + BAR_HEIGHT - 1}">'
                f"{escape(shown)}</text>"
            )
    for target, dash in (
        (report.plan.procedures_cut_percent, "4 2"),
        (report.plan.cost_cut_percent, "1 2"),
    ):
        x = LABEL_WIDTH + target * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="12" x2="{x:.1f}" y2="{height - 4}" stroke="#c62828" '
            f'stroke-dasharray="{dash}"/>'
        )
        parts.append(f'<text x="{x + 2:.1f}" y="10">{display(target, lang)}%</text>')
    parts.append("</svg>")
    legend = escape(
        f"■ {text('report.col.procedures_cut_share', lang)}   "
        f"■ {text('report.col.cost_cut_share', lang)}"
    )
    return "".join(parts) + f"<p>{legend}</p>"


def _timeline(report: Report, lang: str) -> str:
    """Milestones on a time line, coloured by status, with the report date marked."""
    days = [s.milestone.due for s in report.milestones] + [report.as_of]
    start, end = min(days), max(days)
    span = max(1, (end - start).days)
    left, right = 20, CHART_WIDTH - 20

    def x_of(day: date) -> float:
        return left + (day - start).days / span * (right - left)

    height = 60 + 12 * len(report.milestones)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(text("report.milestones", lang))}">',
        f'<line x1="{left}" y1="30" x2="{right}" y2="30" stroke="#555"/>',
    ]
    as_of_x = x_of(report.as_of)
    parts.append(
        f'<line x1="{as_of_x:.1f}" y1="14" x2="{as_of_x:.1f}" y2="{height - 4}" '
        f'stroke="#000" stroke-dasharray="3 2"/>'
    )
    parts.append(f'<text x="{as_of_x + 2:.1f}" y="12">{escape(report.as_of.isoformat())}</text>')
    for index, status in enumerate(report.milestones):
        m = status.milestone
        x = x_of(m.due)
        y = 46 + 12 * index
        parts.append(f'<circle cx="{x:.1f}" cy="30" r="4" class="{escape(status.status)}"/>')
        parts.append(f'<line x1="{x:.1f}" y1="34" x2="{x:.1f}" y2="{y - 3}" stroke="#bbb"/>')
        label = f"{m.due.isoformat()} {m.id}: {status_label(status.status, lang)}"
        anchor = "end" if x > CHART_WIDTH / 2 else "start"
        parts.append(
            f'<text x="{x:.1f}" y="{y}" text-anchor="{anchor}" '
            f'class="{escape(status.status)}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


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


def render_html(report: Report, lang: str) -> str:
    intro = preamble(report, lang)
    body = [
        f"<h1>{escape(intro[0])}</h1>",
        "<ul>",
        *(f"<li>{escape(line)}</li>" for line in intro[1:]),
        "</ul>",
        f"<h2>{escape(text('report.groups', lang))}</h2>",
        _bar_chart(report, lang),
    ]
    rows = [[display(row[c], lang) for c in HTML_COLUMNS] for row in table_rows(report, lang)]
    body.append(_table(headers(lang, HTML_COLUMNS), rows, set(range(1, len(HTML_COLUMNS)))))
    if report.milestones:
        body += [f"<h2>{escape(text('report.milestones', lang))}</h2>", _timeline(report, lang)]
        ms_rows = []
        for status in report.milestones:
            values = milestone_values(status, lang)
            values["status"] = status_label(status.status, lang)
            ms_rows.append([display(values[c], lang) for c in MILESTONE_COLUMNS])
        body.append(_table(milestone_headers(lang), ms_rows, {4, 7, 9}))
        body += [f"<p>{escape(note)}</p>" for note in milestone_notes(report, lang)]
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(intro[0])}</title><style>{CSS}</style></head><body>"
        + "".join(body)
        + "</body></html>\n"
    )

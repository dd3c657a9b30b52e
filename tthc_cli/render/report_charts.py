"""The HTML report's two charts, drawn with matplotlib and returned as inline SVG.

* per group, the share of internal procedures cut and of their compliance cost cut, as horizontal
  bars against the plan's targets (20% in QĐ 1085/QĐ-TTg), one vertical line per target;
* the milestones on a time line, coloured by status, with the report date marked.

matplotlib is imported here only, and this module only when the HTML is rendered, so other
commands start without it. Output is deterministic (fixed hash salt, no date in the metadata) so
golden files are stable; text stays text (``svg.fonttype: none``) so a PDF printed from the page
can be searched; ``text.parse_math`` is off so a "$" in a unit name is not read as TeX. matplotlib
escapes every piece of text it writes into the SVG.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from tthc_cli.dates import show_day
from tthc_cli.findings import day
from tthc_cli.messages import text
from tthc_cli.plan.progress import GroupProgress, Report
from tthc_cli.render.report_table import display, group_label, status_label, total_label
from tthc_cli.textnorm import xml_safe

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Vietnamese official documents use Times New Roman; Liberation Serif has its metrics; DejaVu Sans
# ships with matplotlib, so every Vietnamese letter has a glyph whatever else is installed.
FONT_FAMILIES = ("Times New Roman", "Liberation Serif", "DejaVu Serif", "DejaVu Sans")
FONT_SIZE = 8
# A4 portrait minus the 14 mm print margins is 182 mm wide; the charts are 7 inches (178 mm).
WIDTH_INCHES = 7.0
ROW_INCHES = 0.26  # one group: two bars
GROUPS_PER_CHART = 14  # a chart fits below the report's notes on the first page
LABEL_CHARS = 40  # longer group labels end in "…" (the table below shows them whole)
BAR_COLOURS = ("#1565c0", "#6a1b9a")  # procedures cut, cost cut
TARGET_COLOUR = "#c62828"
STATUS_COLOURS = {
    "met": "#2e7d32",
    "at_risk": "#f9a825",
    "missed": "#c62828",
    "not_met": "#8e0000",
    "no_evidence": "#6d4c41",
    "pending": "#1565c0",
    "not_applicable": "#9e9e9e",
}


def _font_families() -> list[str]:
    """The preferred families that are installed (asking for a missing one logs a warning)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [family for family in FONT_FAMILIES if family in installed] or ["DejaVu Sans"]


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    matplotlib.use("Agg")
    with matplotlib.rc_context(
        {
            "font.family": _font_families(),
            "font.size": FONT_SIZE,
            "svg.fonttype": "none",
            "svg.hashsalt": "tthc-report",
            "text.parse_math": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        yield


def _svg(figure: Figure) -> str:
    """The figure as an ``<svg>`` element to put inside HTML (no XML prolog, no metadata)."""
    buffer = io.StringIO()
    no_metadata = {"Date": None, "Creator": None, "Format": None, "Type": None}
    figure.savefig(buffer, format="svg", metadata=no_metadata, bbox_inches="tight")
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    return re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)


def _short(label: str) -> str:
    """A label as the chart shows it: control characters dropped (matplotlib would draw
    nothing for them and warn with the raw character), at most ``LABEL_CHARS`` long."""
    label = xml_safe(label)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _shown(share: float | None, lang: str) -> str:
    return text("report.not-computed", lang) if share is None else display(round(share, 2), lang)


def _bars(report: Report, rows: Sequence[tuple[str, GroupProgress]], lang: str) -> str:
    from matplotlib.figure import Figure

    height = ROW_INCHES * len(rows) + 0.8
    figure = Figure(figsize=(WIDTH_INCHES, height))
    axes = figure.add_axes((0.36, 0.3 / height, 0.6, 1 - 0.8 / height))
    bar = 0.38
    measures = (
        (
            text("report.col.procedures_cut_share", lang),
            [group.procedures_cut_share for _, group in rows],
        ),
        (text("report.col.cost_cut_share", lang), [group.cost_cut_share for _, group in rows]),
    )
    for offset, ((name, shares), colour) in enumerate(zip(measures, BAR_COLOURS, strict=True)):
        positions = [index + (offset - 0.5) * bar for index in range(len(rows))]
        widths = [min(100.0, max(0.0, share or 0.0)) for share in shares]
        axes.barh(positions, widths, height=bar * 0.9, color=colour, label=name)
        for y, width, share in zip(positions, widths, shares, strict=True):
            axes.text(width + 1, y, _shown(share, lang), va="center", fontsize=FONT_SIZE - 1)
    plan = report.plan
    targets = sorted(
        {t for t in (plan.procedures_cut_percent, plan.cost_cut_percent) if t is not None}
    )
    for target in targets:
        axes.axvline(target, color=TARGET_COLOUR, linestyle="--", linewidth=1)
        axes.text(
            target, -0.7, f" {text('report.chart.target', lang)} {display(target, lang)}%",
            color=TARGET_COLOUR, va="bottom", fontsize=FONT_SIZE - 1,
        )  # fmt: skip
    axes.set_xlim(0, 110)
    axes.set_xticks([0, 20, 40, 60, 80, 100])
    axes.set_xticklabels([f"{tick}%" for tick in (0, 20, 40, 60, 80, 100)])
    axes.set_ylim(len(rows) - 0.5, -1.4)
    axes.set_yticks(range(len(rows)))
    axes.set_yticklabels([_short(label) for label, _ in rows])
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    return _svg(figure)


def progress_charts(report: Report, lang: str) -> list[str]:
    """Per group (and the whole catalog): share of procedures and of cost cut, against the
    targets; one SVG per page-sized run of groups."""
    rows = [(group_label(report, g, lang), g) for g in report.groups]
    rows.append((total_label(lang), report.total))
    chunks = [rows[i : i + GROUPS_PER_CHART] for i in range(0, len(rows), GROUPS_PER_CHART)]
    with _style():
        return [_bars(report, chunk, lang) for chunk in chunks]


def milestone_chart(report: Report, lang: str) -> str:
    """The milestones on a time line, coloured by status, with the report date marked."""
    from matplotlib.figure import Figure

    days = [s.milestone.due for s in report.milestones] + [report.as_of]
    start, end = min(days), max(days)
    span = max(1, (end - start).days)

    def x_of(day: date) -> float:  # days since the first date: no date units, no time zones
        return (day - start).days

    with _style():
        count = len(report.milestones)
        height = 0.22 * count + 0.9
        figure = Figure(figsize=(WIDTH_INCHES, height))
        axes = figure.add_axes((0.02, 0.35 / height, 0.96, 1 - 0.55 / height))
        axes.axhline(0, color="#555555", linewidth=1)
        for index, status in enumerate(report.milestones):
            m = status.milestone
            x, y = x_of(m.due), -(index + 1)
            colour = STATUS_COLOURS.get(status.status, "#000000")
            axes.plot([x, x], [0, y], color="#bbbbbb", linewidth=0.6)
            axes.plot([x], [0], marker="o", color=colour, markersize=5)
            right_half = x > span / 2
            axes.text(
                x + (-0.006 if right_half else 0.006) * span, y,
                xml_safe(f"{show_day(m.due, lang)} {m.id}: {status_label(status.status, lang)}"),
                ha="right" if right_half else "left", va="center", color=colour,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
            )  # fmt: skip
        as_of = x_of(report.as_of)
        axes.axvline(as_of, color="#000000", linestyle=":", linewidth=1)
        axes.text(
            as_of, 0.5, f"{text('report.as-of', lang, date=day(report.as_of))}",
            ha="center", va="bottom",
        )  # fmt: skip
        axes.set_xlim(-0.02 * span, span * 1.02)
        axes.set_ylim(-(count + 0.7), 1.3)
        axes.set_axis_off()
        return _svg(figure)

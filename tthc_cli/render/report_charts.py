"""The report's two charts, drawn with matplotlib: inline SVG for HTML, PNG for Word.

* per group (unit, field…), the share of internal procedures cut and of their compliance cost
  cut, as horizontal bars against the plan's targets (20% in QĐ 1085/QĐ-TTg), one vertical
  line per target; a group's full name, wrapped over lines, never cut off; only the groups
  that have a figure to draw (the others are counted in the caption), and no chart at all when
  no group has one;
* the milestones on a time line, each with its due date (dd/mm/yyyy), its content and its
  status, coloured by status, with the report date marked.

matplotlib is imported here only, and this module only when a chart is drawn, so other commands
start without it. Output is deterministic (fixed hash salt, no date in the metadata) so golden
files are stable; SVG text stays text (``svg.fonttype: none``) so a PDF printed from the page
can be searched; ``text.parse_math`` is off so a "$" in a unit name is not read as TeX.
matplotlib escapes every piece of text it writes into the SVG.
"""

from __future__ import annotations

import io
import re
import textwrap
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

# Vietnamese official documents use Times New Roman; Liberation Serif has its metrics; DejaVu
# Serif ships with matplotlib, so every Vietnamese letter has a glyph whatever else is installed.
FONT_FAMILIES = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
FONT_SIZE = 8  # every label, at print size (the charts are drawn at the width they print at)
# The text of A4 portrait between the decree's margins is 165 mm (6.5 in); the charts are 6.4.
WIDTH_INCHES = 6.4
LINE_INCHES = 0.15  # one line of a group's name
GROUPS_PER_CHART = 14  # a chart fits on a page
LABEL_WIDTH = 34  # characters a line of a group's name holds before it wraps
TIMELINE_LABEL = 46  # characters of a milestone's content shown on the time line
PNG_DPI = 200
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
    "outside_scope": "#bdbdbd",
}


SERIF_FILES = ("LiberationSerif", "times", "Times")  # file names of Times New Roman and its twin


def _font_families() -> list[str]:
    """The preferred families that are installed (asking for a missing one logs a warning).

    matplotlib knows the fonts its cache listed when it was built; a Times New Roman or
    Liberation Serif installed since is looked for among the system's fonts and added."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    installed = {font.name for font in manager.ttflist}
    if not installed.intersection(FONT_FAMILIES[:2]):
        found = [
            path
            for path in font_manager.findSystemFonts(fontext="ttf")
            if any(mark in path.replace("\\", "/").rsplit("/", 1)[-1] for mark in SERIF_FILES)
        ]
        # Liberation 2 (Vietnamese letters included) over Liberation 1 when both are there
        newer = [path for path in found if "liberation2" in path.lower()]
        for path in newer or found:
            manager.addfont(path)
        installed = {font.name for font in manager.ttflist}
    return [family for family in FONT_FAMILIES if family in installed] or ["DejaVu Serif"]


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


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PNG_DPI, bbox_inches="tight", metadata={})
    return buffer.getvalue()


def _wrapped(label: str, width: int = LABEL_WIDTH) -> str:
    """A group's whole name over as many lines as it needs (control characters dropped:
    matplotlib would draw nothing for them and warn with the raw character)."""
    shown = " ".join(xml_safe(label).split())
    return "\n".join(textwrap.wrap(shown, width, break_long_words=True)) or shown


def _shown(share: float | None, lang: str) -> str:
    return text("report.not-computed", lang) if share is None else display(round(share, 2), lang)


def _has_figure(group: GroupProgress) -> bool:
    return group.procedures_cut_share is not None or group.cost_cut_share is not None


def chart_rows(
    report: Report, labels: Sequence[str], lang: str
) -> tuple[list[tuple[str, GroupProgress]], int]:
    """The groups a bar chart draws (those with a figure; ``labels`` are their names, in the
    report's order) and the whole catalog, and how many groups had nothing to draw."""
    rows = [(label, g) for label, g in zip(labels, report.groups, strict=True) if _has_figure(g)]
    left_out = len(report.groups) - len(rows)
    if rows or _has_figure(report.total):
        rows.append((total_label(lang), report.total))
    return rows, left_out


def _bars(report: Report, rows: Sequence[tuple[str, GroupProgress]], lang: str) -> Figure:
    from matplotlib.figure import Figure

    names = [_wrapped(label) for label, _ in rows]
    heights = [max(2, name.count("\n") + 1) * LINE_INCHES + 0.08 for name in names]
    height = sum(heights) + 0.9
    figure = Figure(figsize=(WIDTH_INCHES, height))
    axes = figure.add_axes((0.4, 0.35 / height, 0.56, 1 - 0.85 / height))
    centres = []
    top = 0.0
    for size in heights:
        centres.append(top + size / 2)
        top += size
    bar = 0.24 * LINE_INCHES / 0.15
    plan = report.plan
    every = (
        (
            text("report.col.procedures_cut_share", lang),
            [g.procedures_cut_share for _, g in rows],
            BAR_COLOURS[0],
            plan.procedures_cut_percent,
        ),
        (
            text("report.col.cost_cut_share", lang),
            [g.cost_cut_share for _, g in rows],
            BAR_COLOURS[1],
            plan.cost_cut_percent,
        ),
    )
    # a series no group has a figure for is not drawn, nor named in the legend
    measures = [m for m in every if any(share is not None for share in m[1])]
    for offset, (name, shares, colour, _) in enumerate(measures):
        shift = (offset - 0.5) * bar * 0.5 if len(measures) > 1 else 0.0
        positions = [centre + shift for centre in centres]
        widths = [min(100.0, max(0.0, share or 0.0)) for share in shares]
        axes.barh(positions, widths, height=bar * 0.45, color=colour, label=name)
        for y, width, share in zip(positions, widths, shares, strict=True):
            axes.text(width + 1, y, _shown(share, lang), va="center", fontsize=FONT_SIZE)
    targets = sorted({m[3] for m in measures if m[3] is not None})
    for target in targets:
        axes.axvline(target, color=TARGET_COLOUR, linestyle="--", linewidth=1)
        axes.text(
            target, -0.05, f" {text('report.chart.target', lang)} {display(target, lang)}%",
            color=TARGET_COLOUR, va="bottom", fontsize=FONT_SIZE,
        )  # fmt: skip
    axes.set_xlim(0, 110)
    axes.set_xticks([0, 20, 40, 60, 80, 100])
    axes.set_xticklabels([f"{tick}%" for tick in (0, 20, 40, 60, 80, 100)])
    axes.set_ylim(top, -0.35)
    axes.set_yticks(centres)
    axes.set_yticklabels(names)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    return figure


def _chunks(
    rows: Sequence[tuple[str, GroupProgress]],
) -> list[Sequence[tuple[str, GroupProgress]]]:
    return [rows[i : i + GROUPS_PER_CHART] for i in range(0, len(rows), GROUPS_PER_CHART)]


def progress_charts(report: Report, lang: str, labels: Sequence[str] | None = None) -> list[str]:
    """Per group with a figure (and the whole catalog): share of procedures and of cost cut,
    against the targets, as SVG; one chart per page-sized run of groups; none when no group
    has a figure."""
    rows, _ = chart_rows(
        report, labels or [group_label(report, g, lang) for g in report.groups], lang
    )
    with _style():
        return [_svg(_bars(report, chunk, lang)) for chunk in _chunks(rows)]


def progress_charts_png(
    report: Report, lang: str, labels: Sequence[str] | None = None
) -> list[bytes]:
    """:func:`progress_charts` as PNG images, for Word."""
    rows, _ = chart_rows(
        report, labels or [group_label(report, g, lang) for g in report.groups], lang
    )
    with _style():
        return [_png(_bars(report, chunk, lang)) for chunk in _chunks(rows)]


def _timeline(report: Report, lang: str) -> Figure:
    from matplotlib.figure import Figure

    days = [s.milestone.due for s in report.milestones] + [report.as_of]
    start, end = min(days), max(days)
    span = max(1, (end - start).days)

    def x_of(day: date) -> float:  # days since the first date: no date units, no time zones
        return (day - start).days

    count = len(report.milestones)
    height = 0.24 * count + 0.9
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
        content = textwrap.shorten(xml_safe(m.label(lang)), TIMELINE_LABEL, placeholder="…")
        axes.text(
            x + (-0.006 if right_half else 0.006) * span, y,
            f"{show_day(m.due, lang)} {content}: {_short_status(status.status, lang)}",
            ha="right" if right_half else "left", va="center", color=colour,
            fontsize=FONT_SIZE,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
        )  # fmt: skip
    as_of = x_of(report.as_of)
    # the report date: a mark on the axis and its label above it, never across the labels below
    axes.plot([as_of, as_of], [-0.3, 0.45], color="#000000", linestyle=":", linewidth=1)
    axes.plot([as_of], [0], marker="v", color="#000000", markersize=5)
    axes.text(
        as_of, 0.5, text("report.as-of", lang, date=day(report.as_of)),
        ha="right" if as_of > span / 2 else "left", va="bottom",
    )  # fmt: skip
    axes.set_xlim(-0.02 * span, span * 1.02)
    axes.set_ylim(-(count + 0.7), 1.3)
    axes.set_axis_off()
    return figure


def _short_status(status: str, lang: str) -> str:
    """A status as the time line labels it: the long ones shortened to fit the page."""
    if status == "outside_scope":
        return text("report.chart.outside_scope", lang)
    return status_label(status, lang)


def milestone_chart(report: Report, lang: str) -> str:
    """The milestones on a time line, coloured by status, with the report date marked (SVG)."""
    with _style():
        return _svg(_timeline(report, lang))


def milestone_chart_png(report: Report, lang: str) -> bytes:
    with _style():
        return _png(_timeline(report, lang))

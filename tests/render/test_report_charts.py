"""The report's charts (matplotlib; inline SVG in HTML, PNG in Word): valid, escaped, text kept
as text, full names, dates dd/mm/yyyy, no identifiers, deterministic, sized for the decree's A4
text width, drawn only when they carry data, and matplotlib loaded only when a chart is drawn."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests import report_fixture
from tests.helpers import REPO, UNITS, make_catalog, procedure, run_tthc
from tthc_cli.cli._common import shipped_plan
from tthc_cli.formats import OutputContext
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.plan.progress import ReportSet, build_report
from tthc_cli.render import report_html

SVG = "{http://www.w3.org/2000/svg}"
A4_TEXT_WIDTH_PT = (210 - 30 - 15) / 25.4 * 72  # A4 minus the decree's left and right margins
HOSTILE_UNIT = "Sở <script>x</script> & $x$ Bộ"  # shown whole


def _catalog(tmp_path: Path) -> Path:
    procedures = report_fixture.procedures()
    procedures["internal/6.000004.yaml"]["units"] = {"implementing": ["so-la"]}
    hostile = {"name": HOSTILE_UNIT, "short_name": HOSTILE_UNIT, "kind": "department"}
    units = {"units": {**UNITS["units"], "so-la": {**hostile, "level": "province"}}}
    return make_catalog(
        tmp_path,
        procedures,
        units=units,
        config={"cost": {"hourly_value": [report_fixture.HOURLY]}},
    )


def _svgs(page: str) -> list[ElementTree.Element]:
    return [ElementTree.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", page, re.DOTALL)]


def _texts(svg: ElementTree.Element) -> list[str]:
    return ["".join(node.itertext()) for node in svg.iter(f"{SVG}text")]


def _html(catalog: Path, tmp_path: Path, name: str = "r.html") -> str:
    out = tmp_path / name
    done = run_tthc(
        "report", str(catalog), "--as-of", "2024-10-01", "-f", "html", "-o", str(out), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no font or glyph warning reaches the user
    return out.read_text(encoding="utf-8")


def test_charts_are_valid_svg_with_names_as_escaped_text(tmp_path: Path) -> None:
    page = _html(_catalog(tmp_path), tmp_path)
    timeline, bars = _svgs(page)
    labels = _texts(bars)
    # group labels, the target line and both measures' values are text, not paths
    assert "Sở Xây dựng" in labels and "Toàn danh mục" in labels
    assert any(label.strip() == "Mục tiêu 20%" for label in labels)
    assert "33,33" in labels and "37,5" in labels  # cut share and cost cut share of the total
    # the hostile unit name: escaped in the page, read back whole (no TeX, no markup)
    assert HOSTILE_UNIT in labels
    assert "<script" not in page and "&lt;script&gt;" in page and "&amp; $x$" in page
    marks = _texts(timeline)
    assert "Tại ngày: 01/10/2024" in marks
    # each milestone by its date and content, never its identifier
    assert any(m.startswith("01/07/2024 ban hành Quyết định công bố TTHC nội bộ") for m in marks)
    assert not any("province-published" in m or "2024-07-01" in m for m in marks)


def test_a_long_unit_name_is_wrapped_whole_never_cut(tmp_path: Path) -> None:
    long_name = "Ban Quản lý Khu chế xuất và công nghiệp Thành phố Hồ Chí Minh (Hepza) tên rất dài"
    procedures = report_fixture.procedures()
    procedures["internal/6.000004.yaml"]["units"] = {"implementing": ["so-la"]}
    units = {
        "units": {
            **UNITS["units"],
            "so-la": {"name": long_name, "kind": "department", "level": "province"},
        }
    }
    root = make_catalog(
        tmp_path,
        procedures,
        units=units,
        config={"cost": {"hourly_value": [report_fixture.HOURLY]}},
    )
    page = _html(root, tmp_path)
    shown = " ".join(" ".join(_texts(_svgs(page)[1])).split())
    assert long_name in shown and "…" not in shown


def test_no_chart_when_nothing_to_draw(tmp_path: Path) -> None:
    root = make_catalog(tmp_path, {"2.001219.yaml": procedure()})  # public only: no share
    page = _html(root, tmp_path)
    svgs = _svgs(page)
    assert len(svgs) == 1  # the milestones' time line; no empty bars
    assert "Toàn danh mục" not in " ".join(_texts(svgs[0]))


def test_html_is_deterministic_and_fetches_nothing(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    first, second = _html(catalog, tmp_path, "a.html"), _html(catalog, tmp_path, "b.html")
    assert first == second  # two processes: fixed hash salt, no date
    assert "<?xml" not in first and "<!DOCTYPE svg" not in first and "<metadata" not in first
    # nothing to load: no scripts, no external references (namespace names are not fetched)
    no_namespaces = re.sub(r'xmlns(:\w+)?="http://www\.w3\.org/[^"]*"', "", first)
    no_namespaces = no_namespaces.replace('http-equiv="Content-Security-Policy"', "")
    assert "http" not in no_namespaces and "<script" not in first


def test_charts_fit_the_printed_width_of_a4(tmp_path: Path) -> None:
    page = _html(_catalog(tmp_path), tmp_path)
    for svg in _svgs(page):
        width = float(svg.attrib["width"].removesuffix("pt"))
        assert 0 < width <= A4_TEXT_WIDTH_PT
    assert "figure svg, figure img { max-width: 100%" in page


def test_rendering_in_process_raises_no_warning_and_logs_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = _catalog(tmp_path)
    catalog = load_paths([root], resolve_config([root], None))
    report = build_report(catalog, shipped_plan(catalog.config), date(2024, 10, 1), "unit")
    with warnings.catch_warnings(), caplog.at_level(logging.DEBUG, logger="matplotlib"):
        warnings.simplefilter("error")  # a missing glyph is a UserWarning in matplotlib
        reports = ReportSet(report, lambda _: report)
        page = report_html.render(reports, OutputContext(lang="vi"))
        page += report_html.render(reports, OutputContext(lang="en"))
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert "RESULTS BY UNIT" in page and "Target 20%" in page


PROBE = """
import json, sys
from tthc_cli.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps("matplotlib" in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize(("fmt", "loaded"), [("json", False), ("markdown", False), ("html", True)])
def test_only_the_html_report_imports_matplotlib(tmp_path: Path, fmt: str, loaded: bool) -> None:
    catalog = _catalog(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "report", str(catalog), "-f", fmt, "-o", str(tmp_path / fmt)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (tmp_path / fmt).stat().st_size > 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) is loaded


def _font_sizes(svg: ElementTree.Element) -> list[float]:
    styles = [node.get("style", "") for node in svg.iter(f"{SVG}text")]
    return [float(m.group(1)) for s in styles if (m := re.search(r"font-size:\s*([\d.]+)px", s))]


def test_labels_are_legible_and_an_empty_series_is_not_drawn(tmp_path: Path) -> None:
    # no hourly value: no group has a cost figure, so the cost series is left out entirely
    root = report_fixture.write(tmp_path / "c", hourly=False)
    page = _html(root, tmp_path)
    svgs = _svgs(page)
    assert svgs
    for svg in svgs:
        width = float(svg.attrib["width"].removesuffix("pt"))
        sizes = _font_sizes(svg)
        assert sizes and min(sizes) * min(1.0, A4_TEXT_WIDTH_PT / width) >= 8, sizes
    shown = " ".join(t for svg in svgs for t in _texts(svg))
    assert "Cắt giảm thủ tục (%)" in shown and "Cắt giảm chi phí (%)" not in shown


def test_the_report_date_line_does_not_cross_the_milestone_labels(tmp_path: Path) -> None:
    from tthc_cli.render.report_charts import _style, _timeline

    root = _catalog(tmp_path)
    catalog = load_paths([root], resolve_config([root], None))
    report = build_report(catalog, shipped_plan(catalog.config), date(2024, 10, 1), "unit")
    with _style():
        figure = _timeline(report, "vi")
    (axes,) = figure.axes
    dotted = [line for line in axes.get_lines() if line.get_linestyle() == ":"]
    # in data coordinates (not the whole height of the axes), above the labels (at y ≤ -1)
    assert dotted and all(line.get_transform() == axes.transData for line in dotted)
    assert all(min(line.get_ydata()) > -1 for line in dotted)

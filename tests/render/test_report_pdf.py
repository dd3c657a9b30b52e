"""``tthc report --format html`` printed by headless Chromium: A4 within the margins of Nghị định
30/2020/NĐ-CP, every row of the results table whole, nothing cut at the right edge. Read back
with poppler (pdftotext, pdfinfo); skipped with a reason when a program is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests import report_fixture
from tests.helpers import REPO, make_catalog, run_tthc
from tests.render.test_real_clients import (
    MM,
    _chromium,
    assert_inside_margins,
    chromium_print,
    pdf_pages,
)
from tthc_cli.cli._common import shipped_plan
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.plan.progress import build_report
from tthc_cli.render.report_document import group_name, group_table

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
        reason="pdftotext/pdfinfo not installed (Debian package poppler-utils)",
    ),
    pytest.mark.skipif(
        _chromium() is None, reason="chromium not installed (Debian package chromium)"
    ),
]

LEFT_MM, RIGHT_MM = 30, 15  # the decree's margins, the report's print stylesheet
LONG_WORD = "WZJF" * 40  # no break opportunity, far wider than a column


def _print(html: Path, tmp_path: Path) -> Path:
    pdf = html.with_suffix(".pdf")
    chromium_print(html, pdf, tmp_path / "profile")
    return pdf


def _raw_text(pdf: Path) -> str:
    """The text in content order (cell after cell, row after row), whitespace collapsed."""
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def _report_html(catalog: Path, config: Path, by: str, tmp_path: Path) -> tuple[Path, list[str]]:
    """The HTML report written by the real command, and each table row as the page shows it."""
    html = tmp_path / f"report-{by}.html"
    done = run_tthc(
        "report",
        str(catalog),
        "--config",
        str(config),
        "--as-of",
        "2024-11-01",
        "--by",
        by,
        "--format",
        "html",
        "-o",
        str(html),
        cwd=tmp_path,
    )
    assert done.returncode in (0, 1), done.stderr
    loaded = load_paths([catalog], resolve_config([catalog], config))
    report = build_report(loaded, shipped_plan(loaded.config), date(2024, 11, 1), by)
    names = [group_name(report, g, "vi") for g in report.groups]
    rows = [
        " ".join(" ".join(c.split()) for c in r.cells)
        for r in group_table(report, names, "vi").rows
    ]
    return html, rows


def _check_printed(pdf: Path, rows: list[str]) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info.stdout), (
        info.stdout
    )
    pages = pdf_pages(pdf)
    assert all(page.width == pytest.approx(210 * MM, abs=2) for page in pages)
    assert_inside_margins(pages, left_mm=LEFT_MM, right_mm=RIGHT_MM, slack=2.0)
    text = _raw_text(pdf)
    # every row whole, cell after cell, the last column included (spaces removed: a name that
    # wraps inside its cell has a line break where the page broke it)
    packed = text.replace(" ", "")
    for row in rows:
        assert row.replace(" ", "") in packed, f"row missing or cut in the PDF: {row!r}"
    return text


def test_bundled_catalog_by_unit_prints_on_a4(tmp_path: Path) -> None:
    html, rows = _report_html(REPO / "procedures", REPO / "tthc.yaml", "unit", tmp_path)
    assert len(rows) > 10 and rows[-1].startswith(" Toàn danh mục 44 ")
    page = html.read_text(encoding="utf-8")
    text = _check_printed(_print(html, tmp_path), rows)
    # the charts print as text, so _check_printed also proved they stay inside the margins
    assert "Mục tiêu 20%" in text and "Tại ngày: 01/11/2024" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in text
    assert "figure svg, figure img { max-width: 100%" in page


def test_long_names_wrap_inside_their_cells(tmp_path: Path) -> None:
    procedures = report_fixture.procedures()
    procedures["internal/6.000004.yaml"]["field"] = f"Lĩnh vực {LONG_WORD}"
    catalog = make_catalog(
        tmp_path / "c", procedures, config={"cost": {"hourly_value": [report_fixture.HOURLY]}}
    )
    html, rows = _report_html(catalog, catalog.parent / "tthc.yaml", "field", tmp_path)
    long_row = next(r for r in rows if LONG_WORD in r)
    rows.remove(long_row)
    assert rows[-1] == " Toàn danh mục 5 4 4 2 40 25 37,5"  # the fixture's totals, as printed
    pdf = _print(html, tmp_path)
    text = _check_printed(pdf, rows)  # also: no word runs past the right margin
    pieces = "".join(re.findall(r"[WZJF]{4,}", text.replace(" ", "")))
    assert LONG_WORD in pieces  # printed whole, in pieces inside its cell
    assert report_fixture.HOSTILE_NAME.replace(" ", "") in text.replace(" ", "")

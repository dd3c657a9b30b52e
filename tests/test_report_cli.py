"""``tthc report``, ``tthc cost`` and ``tthc deadline`` through the real entry point."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests import report_fixture
from tests.helpers import make_catalog, procedure, run_tthc


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return report_fixture.write(tmp_path)


def _report(catalog: Path, *args: str) -> Any:
    done = run_tthc("report", str(catalog), "--as-of", "2024-10-01", *args, cwd=catalog.parent)
    assert done.returncode == 0, done.stderr
    return done


def _json(catalog: Path, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_report(catalog, "--format", "json", *args).stdout)
    return data


def test_json_shape_and_named_choices(catalog: Path) -> None:
    data = _json(catalog)
    assert data["format"] == "tthc-report/1" and data["as_of"] == "2024-10-01"
    assert data["count_cut_as"] == "abolished_or_merged"
    assert data["hourly_value"] == {
        "amount": 50000,
        "from": "2022-01-01",
        "source": "Giá trị thử nghiệm cho kiểm thử",
    }
    assert data["illustrative"] == ["6.000001"]
    assert data["total"]["cost_before"] == 8_000_000 and data["total"]["cost_cut_share"] == 37.5
    assert any("MINH HỌA" in note for note in data["notes"])


def test_totals_agree_across_text_json_csv_xlsx(catalog: Path, tmp_path: Path) -> None:
    total = _json(catalog, "--by", "field")["total"]
    rows = list(
        csv.reader(io.StringIO(_report(catalog, "--format", "csv", "--by", "field").stdout))
    )
    header, last = rows[0], rows[-1]
    csv_total = dict(zip(header, last, strict=False))
    assert float(csv_total["Chi phí trước (đồng/năm)"]) == total["cost_before"]
    assert float(csv_total["Cắt giảm thủ tục (%)"]) == total["procedures_cut_share"]
    assert int(csv_total["Số thủ tục"]) == total["procedures"]
    out = tmp_path / "r.xlsx"
    _report(catalog, "--format", "xlsx", "--by", "field", "-o", str(out))
    sheet = load_workbook(out)["lĩnh vực"]
    values = {str(h.value): c.value for h, c in zip(sheet[1], sheet[sheet.max_row], strict=False)}
    assert values["Chi phí trước (đồng/năm)"] == total["cost_before"]
    assert values["Cắt giảm thủ tục (%)"] == total["procedures_cut_share"]
    assert values["Số thủ tục"] == total["procedures"]
    text = _report(catalog, "--by", "field").stdout
    assert f"{total['cost_cut_share']:g}".replace(".", ",") + "%" in text
    assert "Toàn danh" in text


def test_xlsx_numbers_are_numbers_and_text_is_never_a_formula(
    catalog: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.xlsx"
    _report(catalog, "--format", "xlsx", "-o", str(out))
    workbook = load_workbook(out)
    assert {"đơn vị", "lĩnh vực", "cấp", "loại thủ tục", "Mốc thời gian"} <= set(
        workbook.sheetnames
    )
    hostile = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if cell.value == report_fixture.HOSTILE_NAME:
                    hostile.append(cell)
    assert hostile and all(c.data_type == "s" for c in hostile)
    by_field = workbook["lĩnh vực"]
    assert all(isinstance(c.value, int | float) for c in by_field[2][1:8])


def test_csv_cells_never_start_a_formula(catalog: Path) -> None:
    rows = list(
        csv.reader(io.StringIO(_report(catalog, "--format", "csv", "--by", "field").stdout))
    )
    cells = [cell for row in rows for cell in row]
    assert "'" + report_fixture.HOSTILE_NAME in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_markdown_escapes_table_breakers(catalog: Path) -> None:
    out = _report(catalog, "--format", "markdown", "--by", "field").stdout
    row = next(line for line in out.splitlines() if "HYPERLINK" in line)
    assert row.count(" | ") == 23  # 24 columns: the name's characters did not add any


def test_as_of_flips_a_milestone_in_the_output(catalog: Path) -> None:
    def status(on: str) -> str:
        done = run_tthc(
            "report", str(catalog), "--as-of", on, "--format", "json", cwd=catalog.parent
        )
        data = json.loads(done.stdout)
        return str(next(m["status"] for m in data["milestones"] if m["id"] == "hcm-approved-25"))

    assert status("2024-05-31") == "pending"
    assert status("2024-06-01") == "met"


def test_english_and_no_hourly_value(tmp_path: Path) -> None:
    catalog = report_fixture.write(tmp_path, hourly=False)
    out = _report(catalog, "--lang", "en").stdout
    assert "Compliance cost: not computed" in out
    assert "abolished_or_merged" in out
    assert "ILLUSTRATIONS" in out


def test_empty_catalog_and_no_internal(tmp_path: Path) -> None:
    empty = make_catalog(tmp_path / "e", {})
    out = _report(empty).stdout
    assert "không có thủ tục nào" in out
    public = make_catalog(tmp_path / "p", {"2.001219.yaml": procedure()})
    out = _report(public, "--format", "markdown").stdout
    assert "không có thủ tục nội bộ" in out


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--format", "xlsx"), 2),
        (("--format", "pdf"), 2),
        (("--by", "colour"), 2),
        (("--as-of", "2024-13-01"), 2),
    ],
)
def test_usage_errors(catalog: Path, args: tuple[str, ...], code: int) -> None:
    done = run_tthc("report", str(catalog), *args, cwd=catalog.parent)
    assert done.returncode == code
    assert "Traceback" not in done.stderr


def test_output_is_not_overwritten_without_force(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("keep", encoding="utf-8")
    done = run_tthc("report", str(catalog), "--format", "json", "-o", str(out), cwd=catalog.parent)
    assert done.returncode == 3 and out.read_text(encoding="utf-8") == "keep"


def test_deadline_explains_tet_2024(tmp_path: Path) -> None:
    catalog = make_catalog(
        tmp_path,
        {
            "2.001219.yaml": procedure(
                channels=[
                    {
                        "channel": "direct",
                        "time": {"value": 5, "unit": "working_days"},
                        "fee": {"amount": 0},
                    },
                    {
                        "channel": "online",
                        "time": {"value": 2, "unit": "working_days"},
                        "fee": {"amount": 0},
                    },
                ]
            )
        },
    )
    done = run_tthc(
        "deadline",
        "2.001219",
        str(catalog),
        "--received",
        "2024-02-07 16:00",
        "--channel",
        "online",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "hết ngày 2024-02-16 (thứ Sáu)" in done.stdout
    assert len(re.findall(r"^  2024-02-\d\d .*Tết", done.stdout, re.M)) == 7
    en = run_tthc(
        "deadline",
        "2.001219",
        str(catalog),
        "--received",
        "2024-02-07 16:00",
        "--lang",
        "en",
        cwd=tmp_path,
    )
    assert "Due: end of 2024-02-21 (Wednesday)" in en.stdout
    missing = run_tthc(
        "deadline",
        "2.001219",
        str(catalog),
        "--received",
        "2024-02-07 16:00",
        "--channel",
        "postal",
        cwd=tmp_path,
    )
    assert missing.returncode == 3 and "Traceback" not in missing.stderr
    bad = run_tthc("deadline", "2.001219", str(catalog), "--received", "hôm qua", cwd=tmp_path)
    assert bad.returncode == 2


def test_cost_command(catalog: Path) -> None:
    done = run_tthc("cost", "6.000001", str(catalog), "--as-of", "2024-10-01", cwd=catalog.parent)
    assert done.returncode == 0, done.stderr
    assert "50.000 đồng/giờ" in done.stdout
    assert "MINH HỌA" in done.stdout
    assert "Giảm: 100%" in done.stdout
    before = run_tthc("cost", "6.000001", str(catalog), "--as-of", "2024-05-01", cwd=catalog.parent)
    assert "Giảm: 0%" in before.stdout
    unknown = run_tthc("cost", "9.999999", str(catalog), cwd=catalog.parent)
    assert unknown.returncode == 3


def test_markdown_and_text_golden(catalog: Path, golden: Any) -> None:
    golden("report-fixture.md", _report(catalog, "--format", "markdown").stdout)
    golden("report-fixture.txt", _report(catalog, "--by", "kind", "--lang", "en").stdout)


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script>'
    catalog = make_catalog(
        tmp_path,
        {
            "6.000009.yaml": report_fixture.internal("6.000009", "2024-03-01", name=hostile),
            "2.001219.yaml": procedure(field=hostile),
        },
    )
    out = tmp_path / "r.html"
    done = run_tthc(
        "report",
        str(catalog),
        "--as-of",
        "2024-10-01",
        "--by",
        "field",
        "--format",
        "html",
        "-o",
        str(out),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "<svg" in page and "@page { size: A4" in page
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "")
    assert run_tthc("report", str(catalog), "--format", "html", cwd=tmp_path).returncode == 2

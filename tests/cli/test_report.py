"""``tthc report`` and ``tthc cost`` through the real entry point (``deadline``: test_deadline)."""

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
    assert data["format"] == "tthc-report/2" and data["as_of"] == "2024-10-01"
    assert data["count_cut_as"] == "abolished_or_merged"
    assert data["hourly_value"] == {
        "amount": 50000,
        "from": "2022-01-01",
        "source": "Giá trị thử nghiệm cho kiểm thử",
    }
    assert data["illustrative"] == ["6.000004"]
    assert data["total"]["cost_before"] == 8_000_000 and data["total"]["cost_cut_share"] == 37.5
    # said once, plainly, why the illustrative plan is not counted
    assert sum("minh họa" in note and "không tính" in note for note in data["notes"]) == 1
    outside = [m for m in data["milestones"] if m["status"] == "outside_scope"]
    assert outside and all(m["outside_reason"] == "assigned_to_ministries" for m in outside)
    assert all(m["value"] is None for m in outside)


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
    workbook = load_workbook(out)
    values = {
        str(h.value): c.value
        for name in ("lĩnh vực", "lĩnh vực, chi phí, thời hạn")  # the columns over two sheets
        for h, c in zip(workbook[name][1], workbook[name][workbook[name].max_row], strict=False)
    }
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
    assert row.count(" | ") == 25  # 26 columns: the name's characters did not add any


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
    assert "illustrative simplification plan" in out and "counted toward no figure" in out


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
        (("--format", "xlsx", "-o", "bao-cao.docx"), 2),
        (("-o", "bao-cao.pdf"), 2),
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


def test_cost_command(catalog: Path) -> None:
    done = run_tthc("cost", "6.000001", str(catalog), "--as-of", "2024-10-01", cwd=catalog.parent)
    assert done.returncode == 0, done.stderr
    assert "50.000 đồng/giờ" in done.stdout
    assert "MINH HỌA" not in done.stdout
    assert "Giảm: 100%" in done.stdout
    # an illustrative plan is no evidence: never in force, no reduction, said so
    example = run_tthc(
        "cost", "6.000004", str(catalog), "--as-of", "2024-10-01", cwd=catalog.parent
    )
    assert "MINH HỌA" in example.stdout and "Giảm: 0%" in example.stdout
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
    # nothing fetched: the only URLs are XML namespace names (svg, xlink), which are never loaded
    names = re.sub(r'xmlns(:\w+)?="http://www\.w3\.org/[^"]*"', "", page)
    assert "http" not in names.replace('http-equiv="Content-Security-Policy"', "")
    to_stdout = run_tthc("report", str(catalog), "--format", "html", cwd=tmp_path)
    assert to_stdout.returncode == 0 and to_stdout.stdout.startswith("<!DOCTYPE html>")


def _text_total_cells(out: str) -> list[str]:
    """The cells of the text report's total row, each joined across its wrapped lines."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "│ Toàn danh" in line)
    cells: list[list[str]] = []
    for line in lines[start:]:
        if not line.startswith("│"):
            break
        for index, part in enumerate(line.strip("│").split("│")):
            if index == len(cells):
                cells.append([])
            cells[index].append(part.strip())
    return [" ".join(p for p in parts if p) for parts in cells]


def test_text_total_row_carries_the_json_totals(catalog: Path) -> None:
    total = _json(catalog, "--by", "field")["total"]
    cells = _text_total_cells(_report(catalog, "--by", "field").stdout)
    assert cells[0] == "Toàn danh mục" and cells[1] == str(total["procedures"])
    for cell, key in ((cells[5], "procedures_cut_share"), (cells[6], "cost_cut_share")):
        assert f"{total[key]:g}".replace(".", ",") + "%" in cell, (cell, key)
    days, hours = f"{total['time_cut_days']:g}", f"{total['time_cut_hours']:g}"
    assert cells[7] == f"{days} ({hours} giờ)"


HOSTILE = ("=1+1", "+SUM(A1:A2)", "-2+3", "@cmd|' /C calc'!A0")


@pytest.fixture
def hostile_catalog(tmp_path: Path) -> Path:
    """Fields, a unit name and a procedure name that a spreadsheet would read as formulas."""
    units = {
        "units": {
            "so-xay-dung": {"name": "=Sở Xây dựng", "kind": "department", "level": "province"},
            "so-tu-phap": {"name": "+Sở Tư pháp", "kind": "department", "level": "province"},
        }
    }
    procedures = {
        f"6.00001{i}.yaml": {
            **report_fixture.internal(f"6.00001{i}", "2024-03-01", name=name),
            "field": name,
            "units": {"implementing": ["so-xay-dung" if i % 2 else "so-tu-phap"]},
        }
        for i, name in enumerate(HOSTILE)
    }
    return make_catalog(
        tmp_path / "h",
        procedures,
        units=units,
        config={"cost": {"hourly_value": [report_fixture.HOURLY]}},
    )


def test_xlsx_never_holds_a_formula_whatever_a_name_starts_with(
    hostile_catalog: Path, tmp_path: Path
) -> None:
    out = tmp_path / "h.xlsx"
    _report(hostile_catalog, "--format", "xlsx", "-o", str(out))
    workbook = load_workbook(out)
    seen: set[str] = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if cell.value in (*HOSTILE, "=Sở Xây dựng", "+Sở Tư pháp"):
                    assert cell.data_type == "s"
                    seen.add(str(cell.value))
    assert seen == {*HOSTILE, "=Sở Xây dựng", "+Sở Tư pháp"}
    for name in ("lĩnh vực, chi phí, thời hạn", "đơn vị, chi phí, thời hạn"):
        sheet = workbook[name]
        head = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            values = dict(zip(head, (c.value for c in row), strict=True))
            for column in ("Số thủ tục", "Chi phí trước (đồng/năm)", "Cắt giảm chi phí (%)"):
                assert isinstance(values[column], int | float), (name, column, values[column])


def test_csv_quotes_every_formula_start(hostile_catalog: Path) -> None:
    for by in ("field", "unit"):
        out = _report(hostile_catalog, "--format", "csv", "--by", by).stdout
        cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), by
    field_cells = {
        cell
        for row in csv.reader(
            io.StringIO(_report(hostile_catalog, "-f", "csv", "--by", "field").stdout)
        )
        for cell in row
    }
    assert {"'" + name for name in HOSTILE} <= field_cells


def test_percentage_formula_through_the_report(tmp_path: Path) -> None:
    # Only the percentage formula, end to end: invented inputs chosen so the totals equal the
    # figures Hà Nội published for its 293 PUBLIC procedures re-engineered in 2025 (2,306 → 654
    # tỷ đồng/năm, published as 71.64%); they are not internal procedures, nor a 1085 result.
    # 2,306 h × 50,000 đ × 20,000 subjects = 2,306 tỷ; 654 h → 654 tỷ.
    decided = {"number": "1/QĐ-UBND", "date": "2024-06-01"}
    data = report_fixture.internal(
        "6.000100",
        "2024-03-01",
        {"status": "approved", "outcome": "simplify", "decision": decided},
        target_hours=1,
    )
    people = {"other_costs": 0, "frequency_per_year": 1, "subjects_per_year": 20_000}
    data["compliance"] = {"hours": 2306, **people}
    data["simplification"]["baseline"]["compliance"] = {"hours": 2306, **people}
    data["simplification"]["target"]["compliance"] = {"hours": 654, **people}
    catalog = make_catalog(
        tmp_path,
        {"6.000100.yaml": data},
        config={"cost": {"hourly_value": [report_fixture.HOURLY]}},
    )
    total = _json(catalog)["total"]
    assert (total["cost_before"], total["cost_after"]) == (2_306 * 10**9, 654 * 10**9)
    assert total["cost_cut_share"] == 71.64
    assert "71,64%" in _report(catalog).stdout


def test_unit_without_plan_in_json(catalog: Path) -> None:
    groups = {g["key"]: g for g in _json(catalog)["groups"]}
    tu_phap = groups["so-tu-phap"]
    assert (tu_phap["procedures"], tu_phap["reviewed"], tu_phap["approved"]) == (1, 0, 0)
    assert tu_phap["reviewed_share"] == 0 and tu_phap["procedures_cut_share"] == 0
    assert tu_phap["cost_before"] == 2_000_000 and tu_phap["cost_cut_share"] == 0


@pytest.mark.parametrize("kind", ["empty", "public-only"])
def test_empty_and_public_only_catalogs_in_every_format(tmp_path: Path, kind: str) -> None:
    catalog = make_catalog(tmp_path, {} if kind == "empty" else {"2.001219.yaml": procedure()})
    data = _json(catalog)
    assert data["total"]["procedures"] == (0 if kind == "empty" else 1)
    assert data["total"]["internal"] == 0
    assert {m["status"] for m in data["milestones"]} == {"not_applicable", "outside_scope"}
    rows = list(csv.reader(io.StringIO(_report(catalog, "--format", "csv").stdout)))
    assert rows[-1][0] == "Toàn danh mục"
    for fmt in ("xlsx", "html"):
        out = tmp_path / f"r.{fmt}"
        _report(catalog, "--format", fmt, "-o", str(out))
        assert out.stat().st_size > 0
    sheet = load_workbook(tmp_path / "r.xlsx")["đơn vị"]
    assert sheet.cell(row=sheet.max_row, column=1).value == "Toàn danh mục"
    assert sheet.max_row == (2 if kind == "empty" else 3)  # header, (one unit,) total

"""``tthc import`` through the real entry point, on fixtures written for these tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO, run_tthc
from tthc_cli.config import Config
from tthc_cli.load.catalog import load_paths

FIXTURES = REPO / "tests" / "fixtures" / "import"
DATE = ("--date", "2026-01-02")


def load_findings(path: object) -> list[dict[str, str]]:
    """What our own loader says about written files (schema, YAML), as rule dicts."""
    catalog = load_paths([Path(str(path))], Config())
    return [{"rule": f.rule, "file": f.file} for f in catalog.findings]


def portal(*args: str) -> tuple[int, str, str]:
    done = run_tthc("import", "portal", *args, *DATE)
    return done.returncode, done.stdout, done.stderr


def test_clean_record_exit_0_and_valid_file(tmp_path: Path) -> None:
    code, out, _ = portal(str(FIXTURES / "clean.json"), "--into", str(tmp_path))
    assert code == 0, out
    written = tmp_path / "public" / "1.900001.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert 'code: "1.900001"' in text
    rules = {f["rule"] for f in load_findings(str(written))}
    assert not rules & {"schema", "yaml-syntax", "yaml-ambiguous-value"}
    # same input, same bytes; a second run is "unchanged" and exits 0
    again, out2, _ = portal(str(FIXTURES / "clean.json"), "--into", str(tmp_path))
    assert again == 0 and written.read_text(encoding="utf-8") == text
    assert "1 không đổi" in out2


def test_messy_and_malformed_records_are_reported_and_skipped(tmp_path: Path) -> None:
    code, out, _ = portal(str(FIXTURES), "--into", str(tmp_path), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["records_read"] == 7
    assert data["failed"] == 4
    assert data["imported_with_issues"] == 2
    assert data["issues"]["time-without-unit"] == 1
    assert data["issues"]["steps-not-numbered"] == 1
    reasons = sorted(r["error"] for r in data["records"] if r["status"] == "failed")
    assert reasons == [
        "import.failed.duplicate-code",
        "import.failed.no-code",
        "import.failed.no-level",
        "import.failed.not-json",
    ]
    messy = (tmp_path / "internal" / "6.900002.yaml").read_text(encoding="utf-8")
    assert "150 USD(quy đổi)" in messy  # not understood, kept as text
    assert "unknown: true" in messy


def test_existing_files_update_and_dry_run(tmp_path: Path) -> None:
    clean = FIXTURES / "clean.json"
    portal(str(clean), "--into", str(tmp_path))
    target = tmp_path / "public" / "1.900001.yaml"
    edited = target.read_text(encoding="utf-8").replace("value: 5", "value: 9")
    target.write_text(edited, encoding="utf-8")
    code, out, _ = portal(str(clean), "--into", str(tmp_path), "--lang", "en")
    assert code == 1 and "--update" in out
    assert target.read_text(encoding="utf-8") == edited  # never overwritten without --update
    code, out, _ = portal(str(clean), "--into", str(tmp_path), "--update", "--dry-run")
    assert "9 ngày làm việc" in out.lower() or "9" in out
    assert target.read_text(encoding="utf-8") == edited  # dry run writes nothing
    code, out, _ = portal(str(clean), "--into", str(tmp_path), "--update")
    assert code == 0
    assert "value: 5" in target.read_text(encoding="utf-8")


def test_units_map_sets_units(tmp_path: Path) -> None:
    mapping = str(FIXTURES / "units-map.yaml")
    portal(str(FIXTURES / "clean.json"), "--into", str(tmp_path), "--units-map", mapping)
    text = (tmp_path / "public" / "1.900001.yaml").read_text(encoding="utf-8")
    assert "implementing: [so-xay-dung]" in text


def test_usage_and_unreadable_input(tmp_path: Path) -> None:
    clean = str(FIXTURES / "clean.json")
    bad_date = run_tthc("import", "portal", clean, "--into", str(tmp_path), "--date", "2.1.26")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    assert portal(str(FIXTURES / "clean.json"), "--into", str(tmp_path), "-f", "xml")[0] == 2
    code, _, err = portal(str(tmp_path / "missing.json"), "--into", str(tmp_path))
    assert code == 3 and "Traceback" not in err
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    done = run_tthc("import", "list", str(bad), "--into", str(tmp_path))
    assert done.returncode == 3 and "Traceback" not in done.stderr


def test_list_export_skeletons_validate(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH"])
    sheet.append(["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"])
    sheet.append(["1.900010", "Thủ tục khung", "Bộ Xây dựng", "Sở Xây dựng", "Nhà ở"])
    sheet.append(["6.900011", "Thủ tục nội bộ khung", "Bộ Xây dựng", "UBND cấp xã", "Hạ tầng"])
    xlsx = tmp_path / "ds.xlsx"
    book.save(xlsx)
    out_dir = tmp_path / "catalog"
    done = run_tthc("import", "list", str(xlsx), "--into", str(out_dir), *DATE)
    assert done.returncode == 0, done.stdout + done.stderr
    skeleton = (out_dir / "internal" / "6.900011.yaml").read_text(encoding="utf-8")
    assert "incomplete: true" in skeleton and "levels" not in skeleton
    rules = {f["rule"] for f in load_findings(str(out_dir))}
    assert "schema" not in rules


def test_output_written_in_repo_catalog_points_at_schema(tmp_path: Path) -> None:
    catalog = tmp_path / "repo" / "procedures"
    (tmp_path / "repo" / "schemas").mkdir(parents=True)
    shutil.copy(REPO / "schemas" / "procedure.schema.json", tmp_path / "repo" / "schemas")
    portal(str(FIXTURES / "clean.json"), "--into", str(catalog))
    first = (catalog / "public" / "1.900001.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/procedure.schema.json"

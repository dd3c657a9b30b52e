"""``tthc import`` through the real entry point, on fixtures written for these tests."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, run_tthc
from tthc_cli.config import Config
from tthc_cli.load.catalog import load_paths

FIXTURES = REPO / "tests" / "fixtures" / "import"


def tthc_env() -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("TTHC_LANG", None)
    return env


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


@pytest.mark.parametrize("written", ["31/12/2026", "2026-12-31"])
def test_import_date_as_other_commands_take_it(tmp_path: Path, written: str) -> None:
    clean = str(FIXTURES / "clean.json")
    done = run_tthc("import", "portal", clean, "--into", str(tmp_path), "--date", written)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "public" / "1.900001.yaml").read_text(encoding="utf-8")
    assert "2026-12-31" in text  # stored in ISO, as every date in the catalog


def test_usage_and_unreadable_input(tmp_path: Path) -> None:
    clean = str(FIXTURES / "clean.json")
    bad_date = run_tthc("import", "portal", clean, "--into", str(tmp_path), "--date", "2.1.26")
    assert bad_date.returncode == 2 and "dd/mm/yyyy hoặc YYYY-MM-DD" in bad_date.stderr
    for impossible in ("31/02/2026", "2026-02-31 08:30", "31/12/2026 08:30"):
        done = run_tthc("import", "portal", clean, "--into", str(tmp_path), "--date", impossible)
        assert done.returncode == 2 and "Traceback" not in done.stderr
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


# --- --update keeps curated work; the preview is the write; a killed run resumes ---------------

CURATED = """suppress:
  - {rule: mandatory-parts, reason: "Người biên tập chấp nhận phần thiếu."}
simplification:
  plan:
    status: proposed
    outcome: simplify
    measures: [Bỏ bản sao giấy chứng nhận đăng ký doanh nghiệp]
    illustrative: true
compliance: {hours: 3}
"""


def _changed_record(tmp_path: Path) -> Path:
    record = json.loads((FIXTURES / "clean.json").read_text(encoding="utf-8"))
    record["ten_thu_tuc"] += " (sửa đổi)"
    record["cach_thuc_thuc_hien"] = record["cach_thuc_thuc_hien"].replace(
        "Trực tiếp5 Ngày làm việc", "Trực tiếp4 Ngày làm việc"
    )
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def _curate(target: Path) -> str:
    text = target.read_text(encoding="utf-8")
    text = text.replace(
        "publication:\n", "units:\n  implementing: [so-xay-dung]\npublication:\n", 1
    )
    text = text.replace("  - channel: direct\n", "  - id: truc-tiep\n    channel: direct\n", 1)
    text += CURATED + "note: Ghi chú của người biên tập.\n"
    target.write_text(text, encoding="utf-8")
    return text


def test_update_round_trip_loses_nothing_and_the_preview_is_the_write(tmp_path: Path) -> None:
    into = tmp_path / "catalog"
    portal(str(FIXTURES / "clean.json"), "--into", str(into))
    target = into / "public" / "1.900001.yaml"
    _curate(target)
    before = tmp_path / "before"
    shutil.copytree(into, before)
    changed = str(_changed_record(tmp_path))
    code, preview, _ = portal(changed, "--into", str(into), "--update", "--dry-run", "-f", "json")
    assert code == 0, preview
    [record] = json.loads(preview)["records"]
    assert record["status"] == "changed" and record["lost_units"] == []
    code, out, _ = portal(changed, "--into", str(into), "--update", "-f", "json")
    assert code == 0, out
    written = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert written["name"].endswith("(sửa đổi)")
    assert written["units"] == {"implementing": ["so-xay-dung"]}
    assert written["suppress"][0]["rule"] == "mandatory-parts"
    assert written["simplification"]["plan"]["measures"] == [
        "Bỏ bản sao giấy chứng nhận đăng ký doanh nghiệp"
    ]
    assert written["compliance"] == {"hours": 3}
    assert written["note"] == "Ghi chú của người biên tập."
    direct = next(c for c in written["channels"] if c["channel"] == "direct")
    assert direct["id"] == "truc-tiep" and direct["time"]["value"] == 4
    diff = run_tthc("diff", str(before / "public"), str(into / "public"), "-f", "json")
    [changed_procedure] = json.loads(diff.stdout)["procedures"]
    shown = [(c["kind"], c["path"], c["verdict"]) for c in changed_procedure["changes"]]
    previewed = [(c["kind"], c["path"], c["verdict"]) for c in record["changes"]]
    assert previewed == shown and shown  # what the preview showed is what was written


def test_a_killed_update_is_reported_and_finished_by_the_next_run(tmp_path: Path) -> None:
    template = json.loads((FIXTURES / "clean.json").read_text(encoding="utf-8"))
    records = tmp_path / "records"
    records.mkdir()
    for index in range(400):
        record = dict(template, ma_thu_tuc=f"1.9{index:05d}")
        (records / f"{index}.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    into = tmp_path / "catalog"
    assert portal(str(records), "--into", str(into))[0] == 0
    for path in records.iterdir():
        record = json.loads(path.read_text(encoding="utf-8"))
        record["ten_thu_tuc"] += " (mới)"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    args = ["import", "portal", str(records), "--into", str(into), "--update", *DATE]
    process = subprocess.Popen(
        [sys.executable, "-m", "tthc_cli", *args],
        env=tthc_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    journal = into / ".tthc-import-journal.json"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and "(mới)" in (into / "public" / "1.900000.yaml").read_text("utf-8"):
            break
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if not journal.exists():
        pytest.skip("the run finished before it could be killed")
    done = sum("(mới)" in p.read_text("utf-8") for p in (into / "public").glob("1.*.yaml"))
    code, out, _ = portal(str(records), "--into", str(into), "--update", "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert data["resumed"] is not None and data["resumed"]["done"] >= 1
    assert data["resumed"]["done"] + data["resumed"]["pending"] == 400
    assert data["files"]["changed"] == 400 - done
    assert all("(mới)" in p.read_text("utf-8") for p in (into / "public").iterdir())
    # no journal, lock or temporary file; the register of the documents the records cite, and
    # the schemas the files' modelines point at
    assert sorted(p.name for p in into.iterdir()) == ["legal.yaml", "public", "schemas"]
    assert not [p for p in (into / "public").iterdir() if p.name.startswith(".")]


def test_a_second_import_into_the_same_folder_waits_its_turn(tmp_path: Path) -> None:
    import fcntl

    into = tmp_path / "catalog"
    into.mkdir()
    with (into / ".tthc-import.lock").open("w") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        code, _, err = portal(str(FIXTURES / "clean.json"), "--into", str(into))
    assert code == 3 and "Traceback" not in err and str(into) in err
    assert not (into / "public").exists()


def test_concurrent_imports_never_overwrite_a_new_file(tmp_path: Path) -> None:
    into = tmp_path / "catalog"
    variants = []
    for index in range(2):
        record = json.loads((FIXTURES / "clean.json").read_text(encoding="utf-8"))
        record["ten_thu_tuc"] = f"Biến thể {index}"
        path = tmp_path / f"v{index}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        variants.append(path)
    for round_ in range(5):
        shutil.rmtree(into, ignore_errors=True)
        runs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tthc_cli",
                    "import",
                    "portal",
                    str(v),
                    "--into",
                    str(into),
                    *DATE,
                    "-f",
                    "json",
                ],
                env=tthc_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for v in variants
        ]
        outputs = [r.communicate(timeout=120)[0] for r in runs]
        results = [(r.returncode, out) for r, out in zip(runs, outputs, strict=True)]
        written = (into / "public" / "1.900001.yaml").read_text(encoding="utf-8")
        winners = [
            i
            for i, (code, out) in enumerate(results)
            if code in (0, 1) and '"status": "new"' in out
        ]
        assert len(winners) == 1, (round_, results)
        assert f"Biến thể {winners[0]}" in written


def test_units_map_misses_are_listed(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Ủy ban nhân dân tỉnh: ubnd-tp\n", encoding="utf-8")
    code, out, _ = portal(
        str(FIXTURES / "clean.json"), "--into", str(tmp_path / "c"), "--units-map", str(mapping)
    )
    assert code == 1
    assert "--units-map" in out and "Sở Xây dựng" in out


def test_readme_import_commands_run_as_shown(tmp_path: Path) -> None:
    """Every command line of the README's import section runs, from a copy of what it names."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Nhập từ Cổng Dịch vụ công quốc gia", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]
    assert len(lines) == 4
    shutil.copytree(FIXTURES, tmp_path / "tests" / "fixtures" / "import")
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "import_fidelity.py", tmp_path / "scripts")
    for line in lines:
        words = line.split()
        if words[0] == "tthc":
            done = run_tthc(*words[1:], cwd=tmp_path)
        else:
            assert words[0] == "python"
            done = subprocess.run(
                [sys.executable, *words[1:]],
                cwd=tmp_path,
                env=tthc_env(),
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=120,
            )
        assert done.returncode == 0, (line, done.stdout, done.stderr)
    assert (tmp_path / "imported" / "public" / "1.900001.yaml").is_file()
    assert len(list((tmp_path / "skeletons").rglob("*.yaml"))) == 2


def test_cited_documents_join_the_register_and_curated_entries_stay(tmp_path: Path) -> None:
    """#24: every document a record cites is added to legal.yaml (as written, dated only where
    the record states the date); what someone curated is never changed."""
    curated = (
        "documents:\n"
        "  # ghi tay, có nguồn\n"
        "  - number: 50/2014/QH13\n"
        "    type: Luật\n"
        "    title: Luật Xây dựng\n"
        "    issued: '2014-06-18'\n"
        "    effective: '2015-01-01'\n"
        "    sources: [https://vbpl.vn/example]\n"
    )
    (tmp_path / "legal.yaml").write_text(curated, encoding="utf-8")
    dry = run_tthc("import", "portal", str(FIXTURES / "clean.json"), "--into", str(tmp_path),
                   "--dry-run", *DATE)  # fmt: skip
    assert "15/2021/NĐ-CP" in dry.stdout
    assert (tmp_path / "legal.yaml").read_text(encoding="utf-8") == curated
    code, out, _ = portal(str(FIXTURES / "clean.json"), "--into", str(tmp_path), "-f", "json")
    assert code == 0
    register = json.loads(out)["register"]
    assert register["added"] == ["15/2021/NĐ-CP"] and register["kept"] == 1
    written = (tmp_path / "legal.yaml").read_text(encoding="utf-8")
    assert written.startswith(curated)  # byte for byte, comment included
    added = yaml.safe_load(written)["documents"][1]
    assert added["number"] == "15/2021/NĐ-CP" and added["issued"] == "2021-03-03"
    assert load_findings(tmp_path) == []  # the register still passes its schema
    again = json.loads(
        portal(str(FIXTURES / "clean.json"), "--into", str(tmp_path), "-f", "json")[1]
    )
    assert again["register"]["added"] == []

"""``tthc import portal`` on the 796 national-portal records in ../shared (skips without it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import SHARED, run_tthc
from tthc_cli.config import Config
from tthc_cli.importer.parse_channels import CHANNEL_ROW, HEADER
from tthc_cli.load.catalog import load_paths

NO_INFO = "Không có thông tin"
_TIME_CELL = re.compile(r"^\d+(?:[.,]\d+)?\s*(?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng)?")
RECORDS = SHARED / "data" / "dvcqg" / "records"
pytestmark = [
    pytest.mark.skipif(not RECORDS.is_dir(), reason=f"needs the portal records in {RECORDS}"),
    pytest.mark.slow,
]


def load_findings(path: object) -> list[dict[str, str]]:
    """What our own loader says about written files (schema, YAML), as rule dicts."""
    catalog = load_paths([Path(str(path))], Config())
    return [{"rule": f.rule, "file": f.file} for f in catalog.findings]


def stated_rows(text: str) -> list[tuple[bool, bool]]:
    """Per channel row: whether the record states a time, and a fee (not "Không có thông tin").

    A number without a unit counts as a stated time (one we cannot extract)."""
    body = text[len(HEADER) :] if text.startswith(HEADER) else ""
    out = []
    for match in CHANNEL_ROW.finditer(body):
        cell = body[match.end() :].lstrip()
        if cell.startswith(NO_INFO):
            has_time, rest = False, cell[len(NO_INFO) :]
        else:
            has_time, rest = True, _TIME_CELL.sub("", cell, count=1)
        out.append((has_time, not rest.startswith(NO_INFO)))
    return out


def test_import_all_records(tmp_path: Path) -> None:
    into = tmp_path / "catalog"
    done = run_tthc("import", "portal", str(RECORDS), "--into", str(into), "--date", "2026-01-02",
                    "--format", "json", timeout=600)  # fmt: skip
    data = json.loads(done.stdout)
    assert data["records_read"] == 796
    imported = data["imported_clean"] + data["imported_with_issues"]
    assert imported / 796 >= 0.95
    findings = load_findings(str(into))
    assert [f for f in findings if f["rule"] in ("schema", "yaml-syntax")] == []
    # channel times and fees extracted where the record states them
    time_stated = time_got = fee_stated = fee_got = 0
    for path in sorted(RECORDS.rglob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        code = record["ma_thu_tuc"]
        kind = "internal" if code[0] in "56" else "public"
        text = (into / kind / f"{code}.yaml").read_text(encoding="utf-8")
        rows = stated_rows(record["cach_thuc_thuc_hien"])
        time_stated += sum(t for t, _ in rows)
        fee_stated += sum(f for _, f in rows)
        time_got += text.count("\n    time:\n")
        fee_got += text.count("\n      amount: ")
    print(f"channel time: {time_got}/{time_stated}; fee: {fee_got}/{fee_stated}")
    assert time_got / time_stated >= 0.9
    assert fee_got / fee_stated >= 0.9
    again = run_tthc("import", "portal", str(RECORDS), "--into", str(into), "--date", "2026-02-03",
                     "--update", "--dry-run", "--format", "json", timeout=600)  # fmt: skip
    files = json.loads(again.stdout)["files"]
    assert files == {"new": 0, "changed": 0, "unchanged": 796, "exists": 0}

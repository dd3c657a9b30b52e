"""``tthc import portal`` on the 796 national-portal records in ../shared (skips without it):
every record imports into files our own loader accepts, no imported legal number fails the
``legal-number`` rule, fees are never a made-up 0, and a second run changes nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, SHARED, run_tthc
from tthc_cli.config import Config
from tthc_cli.load.catalog import load_paths
from tthc_cli.rules.legal_number import problems

RECORDS = SHARED / "data" / "dvcqg" / "records"
pytestmark = [
    pytest.mark.skipif(not RECORDS.is_dir(), reason=f"needs the portal records in {RECORDS}"),
    pytest.mark.slow,
]


def test_import_all_records(tmp_path: Path) -> None:
    into = tmp_path / "catalog"
    done = run_tthc("import", "portal", str(RECORDS), "--into", str(into), "--date", "2026-01-02",
                    "--format", "json", timeout=900)  # fmt: skip
    data = json.loads(done.stdout)
    assert data["records_read"] == 796 and data["failed"] == 0
    catalog = load_paths([into], Config())
    assert [f for f in catalog.findings if f.rule in ("schema", "yaml-syntax")] == []
    numbers = free = 0
    for path in sorted(into.rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in doc.get("legal_basis", []):
            if "number" in item:
                numbers += 1
                assert problems(item["number"]) == [], (path.name, item)
        for channel in doc.get("channels", []):
            fee = channel.get("fee") or {}
            if fee.get("amount") == 0:
                free += 1
                assert fee["text"] in ("Miễn phí",) or "(" in fee["text"], (path.name, fee)
    assert numbers > 3000 and free > 500
    again = run_tthc("import", "portal", str(RECORDS), "--into", str(into), "--date", "2026-02-03",
                     "--update", "--dry-run", "--format", "json", timeout=900)  # fmt: skip
    files = json.loads(again.stdout)["files"]
    assert files == {"new": 0, "changed": 0, "unchanged": 796, "exists": 0}


def test_fidelity_summary_script() -> None:
    done = run_tthc_script("scripts/import_fidelity.py", str(RECORDS), "--json")
    found = json.loads(done)
    assert found["records"]["imported"] == 796
    assert found["legal numbers"]["failing the legal-number rule"] == 0
    assert found["legal numbers"]["imported"] > 3000


def run_tthc_script(script: str, *args: str) -> str:
    import subprocess

    done = subprocess.run(
        [sys.executable, str(REPO / script), *args],
        capture_output=True, text=True, encoding="utf-8", timeout=600, check=True,
    )  # fmt: skip
    return done.stdout

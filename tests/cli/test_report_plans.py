"""``tthc report --plan ID|FILE`` (several), ``--list-plans``, plan files that fail their schema,
a catalog's own plans, and the bundled catalog's evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests import report_fixture
from tests.helpers import REPO, run_tthc

PLAN: dict[str, Any] = {
    "id": "hcm-2026",
    "title": "Kế hoạch thử nghiệm của Thành phố",
    "instruments": [{"number": "1/KH-UBND", "title": "Kế hoạch", "sources": ["https://x.invalid"]}],
    "period": {"start": "2024-01-01", "end": "2026-12-31"},
    "milestones": [
        {
            "id": "half-approved",
            "title": "50% TTHC nội bộ có phương án được phê duyệt",
            "measure": "plan_approved_share",
            "target": 50,
            "due": "2025-01-01",
            "kind": "internal",
            "quote": "ít nhất 50% thủ tục nội bộ có phương án được phê duyệt",
            "sources": ["https://x.invalid"],
        }
    ],
}


def _report(cwd: Path, *args: str) -> Any:
    return run_tthc("report", "--as-of", "2024-10-01", *args, cwd=cwd)


def test_plan_file_written_by_the_user(tmp_path: Path) -> None:
    catalog = report_fixture.write(tmp_path)
    plan = tmp_path / "my-plan.yaml"
    plan.write_text(yaml.safe_dump(PLAN, allow_unicode=True), encoding="utf-8")
    done = _report(tmp_path, "--plan", "my-plan.yaml", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["plan"]["id"] == "hcm-2026" and data["plan"]["origin"] == "file"
    (status,) = data["milestones"]
    assert (status["status"], status["value"], status["evidence"]["counted"]) == ("met", 50, 2)
    assert catalog.is_dir()


def test_broken_plan_file_gets_positioned_findings(tmp_path: Path) -> None:
    report_fixture.write(tmp_path)
    broken = dict(PLAN, milestones=[{**PLAN["milestones"][0], "target": 150}])
    del broken["milestones"][0]["quote"]
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True, sort_keys=False), "utf-8")
    done = _report(tmp_path, "--plan", "broken.yaml")
    assert done.returncode == 1 and not done.stdout
    lines = [line for line in done.stderr.splitlines() if "broken.yaml:" in line]
    assert len(lines) >= 2 and all(line.split(":")[1].isdigit() for line in lines), done.stderr
    assert "quote" in done.stderr and "150" in done.stderr


def test_several_plans_and_the_list(tmp_path: Path) -> None:
    report_fixture.write(tmp_path)
    done = _report(tmp_path, "--plan", "qd-1085", "--plan", "nq-66", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["plan"]["id"] == "qd-1085"
    assert [p["plan"]["id"] for p in data["other_plans"]] == ["nq-66"]
    listed = run_tthc("report", "--list-plans", cwd=tmp_path)
    assert listed.returncode == 0 and listed.stdout.split("\n")[0].startswith("nq-66\t66/NQ-CP")
    unknown = _report(tmp_path, "--plan", "nq-99")
    assert unknown.returncode == 2 and "nq-66, qd-1085" in unknown.stderr


def test_catalog_plans_folder_is_read_and_validated(tmp_path: Path) -> None:
    catalog = report_fixture.write(tmp_path)
    (catalog / "plans").mkdir()
    (catalog / "plans" / "hcm-2026.yaml").write_text(
        yaml.safe_dump(PLAN, allow_unicode=True), encoding="utf-8"
    )
    done = _report(tmp_path, "--plan", "hcm-2026", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["plan"]["origin"] == "catalog"
    assert run_tthc("validate", cwd=tmp_path).returncode == 0  # not read as a procedure
    (catalog / "plans" / "bad.yaml").write_text("id: bad\ntitle: 3\n", encoding="utf-8")
    invalid = run_tthc("validate", cwd=tmp_path)
    assert invalid.returncode == 1 and "plans/bad.yaml:" in invalid.stdout


def test_schema_plan_is_shipped(tmp_path: Path) -> None:
    done = run_tthc("schema", "plan", cwd=tmp_path)
    assert done.returncode == 0
    assert json.loads(done.stdout)["$id"].endswith("plan.schema.json")


def test_bundled_catalog_shows_no_milestone_met_without_dated_evidence() -> None:
    for as_of in ("2023-03-30", "30/03/2023"):
        done = run_tthc("report", "--as-of", as_of, "--format", "json", cwd=REPO)
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert data["as_of"] == "2023-03-30"
        for status in data["milestones"]:
            assert status["status"] != "met" or status["evidence"]["counted"] > 0, status
        statuses = {m["id"]: m["status"] for m in data["milestones"]}
        assert statuses["published"] == "no_evidence"  # decisions known only from 2026 readings


def test_bundled_catalog_closing_report_and_nq66() -> None:
    done = run_tthc("report", "--as-of", "2026-12-04", "--format", "json", cwd=REPO)
    data = json.loads(done.stdout)
    assert data["plan"]["closing"] is True
    statuses = {m["id"]: m["status"] for m in data["milestones"]}
    assert "missed" not in statuses.values()  # a closing report says "not met", not "late"
    assert statuses["province-published"] == "not_met"  # only ministry decisions are recorded
    assert set(statuses.values()) != {"no_evidence"}
    final = {m["id"]: m["final_value"] for m in data["milestones"]}
    assert final["published"] == 100  # the portal records read on 23/11/2026 name the decisions
    nq66 = run_tthc("report", "--plan", "nq-66", "--as-of", "2026-12-04", "-f", "json", cwd=REPO)
    plan = json.loads(nq66.stdout)
    targets = {m["id"]: (m["target"], m["baseline_date"]) for m in plan["milestones"]}
    assert targets["time-cut-30-2025"] == (30, "2024-12-31")
    assert targets["cost-cut-50-2026"] == (50, "2024-12-31")
    for status in plan["milestones"]:
        assert {"counted", "without_evidence", "population"} <= set(status["evidence"])

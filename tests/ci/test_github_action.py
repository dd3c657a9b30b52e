"""The GitHub Action's steps (``scripts/github-action.sh``) run as a script, with the Actions
files (``GITHUB_STEP_SUMMARY``, ``GITHUB_OUTPUT``) pointing at temporary files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.helpers import REPO, SHARED, commit_all, dump, git, make_catalog, procedure

SCRIPT = REPO / "scripts" / "github-action.sh"
SARIF_SCHEMA = SHARED / "data" / "formats" / "sarif-schema-2.1.0.json"
BIN = Path(sys.executable).parent

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed"),
    pytest.mark.skipif(
        shutil.which("tthc", path=str(BIN)) is None, reason=f"tthc is not installed in {BIN}"
    ),
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: a clean catalog; branch ``thay-doi``: one procedure heavier (5 → 9 working days),
    one with an unknown unit."""
    root = tmp_path / "repo"
    make_catalog(
        root,
        {
            "public/2.000001.yaml": procedure("2.000001"),
            "public/2.000002.yaml": procedure("2.000002"),
        },
    )
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "danh mục")
    git(root, "switch", "-q", "-c", "thay-doi")
    public = root / "catalog" / "public"
    slower = procedure("2.000001")
    slower["channels"][0]["time"] = {"value": 9, "unit": "working_days"}
    slower["steps"][1]["duration"] = {"value": 7, "unit": "working_days"}
    (public / "2.000001.yaml").write_text(dump(slower), encoding="utf-8")
    broken = procedure("2.000002", units={"implementing": ["so-xay-dungg"]})
    (public / "2.000002.yaml").write_text(dump(broken), encoding="utf-8")
    commit_all(root, "thay đổi")
    return root


def run_action(repo: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    actions = repo.parent / "actions"
    actions.mkdir(exist_ok=True)
    (actions / "summary.md").write_text("", encoding="utf-8")
    (actions / "output").write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
        "GITHUB_STEP_SUMMARY": str(actions / "summary.md"),
        "GITHUB_OUTPUT": str(actions / "output"),
        "RUNNER_TEMP": str(actions / "temp"),
        "INPUT_INSTALL": "false",
        "INPUT_LANG": "en",
        **{f"INPUT_{k.upper()}": v for k, v in inputs.items()},
    }
    env.pop("GITHUB_BASE_REF", None)
    done = subprocess.run(
        ["bash", str(SCRIPT)], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )
    return done, actions


def outputs(actions: Path) -> dict[str, str]:
    lines = (actions / "output").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def test_annotations_outputs_and_summary(repo: Path) -> None:
    done, actions = run_action(repo, base_ref="main")
    assert done.returncode == 1, done.stderr
    assert (
        "::error file=catalog/public/2.000002.yaml,line=11,col=5,title=tthc unit-exists::"
        in done.stdout
    )
    out = outputs(actions)
    assert out["validate-exit-code"] == "1"
    sarif = json.loads(Path(out["sarif-file"]).read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["unit-exists"]
    summary = Path(out["summary-file"]).read_text(encoding="utf-8")
    assert "2.000001" in summary and "heavier" in summary
    assert "5 working days" in summary and "9 working days" in summary
    assert (actions / "summary.md").read_text(encoding="utf-8") == summary


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason=f"{SARIF_SCHEMA} is not available")
def test_the_sarif_file_validates_against_the_official_schema(repo: Path) -> None:
    _, actions = run_action(repo, base_ref="main")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    document = json.loads(Path(outputs(actions)["sarif-file"]).read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [e.message for e in validator.iter_errors(document)]
    assert errors == []
    assert document["runs"][0]["results"], "the SARIF file has the finding"


def test_a_clean_change_passes_unless_heavier_changes_fail_it(repo: Path) -> None:
    public = repo / "catalog" / "public"
    (public / "2.000002.yaml").write_text(dump(procedure("2.000002")), encoding="utf-8")
    commit_all(repo, "sửa đơn vị")
    done, actions = run_action(repo, base_ref="main")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::error" not in done.stdout
    assert outputs(actions)["validate-exit-code"] == "0"
    gated, _ = run_action(repo, base_ref="main", diff_fail_on="heavier")
    assert gated.returncode == 1


def test_the_fail_on_level_is_passed_to_validate(repo: Path) -> None:
    public = repo / "catalog" / "public"
    (public / "2.000002.yaml").write_text(
        dump(procedure("2.000002")).replace("name: Thủ tục thử nghiệm", "name: on"),
        encoding="utf-8",
    )
    commit_all(repo, "sửa đơn vị, thêm cờ")
    ok, _ = run_action(repo, base_ref="main", fail_on="error")
    strict, _ = run_action(repo, base_ref="main", fail_on="warning")
    assert "::warning" in ok.stdout
    assert (ok.returncode, strict.returncode) == (0, 1)


def test_changed_only_leaves_out_findings_in_unchanged_files(repo: Path) -> None:
    git(repo, "switch", "-q", "main")
    old = procedure("2.000003", units={"implementing": ["khong-co"]})
    (repo / "catalog" / "public" / "2.000003.yaml").write_text(dump(old), encoding="utf-8")
    commit_all(repo, "thủ tục cũ còn lỗi")
    git(repo, "switch", "-q", "thay-doi")
    git(repo, "merge", "-q", "--no-edit", "main")
    everything, _ = run_action(repo, base_ref="main")
    changed, _ = run_action(repo, base_ref="main", changed_only="true")
    assert "2.000003.yaml" in everything.stdout
    assert "2.000003.yaml" not in changed.stdout
    assert "2.000002.yaml" in changed.stdout


def test_without_a_base_there_is_no_diff(repo: Path) -> None:
    done, actions = run_action(repo)
    assert done.returncode == 1
    assert "summary-file" not in outputs(actions)
    assert (actions / "summary.md").read_text(encoding="utf-8") == ""


def test_an_unknown_base_skips_the_diff_with_a_message(repo: Path) -> None:
    done, actions = run_action(repo, base_ref="khong-co-nhanh")
    assert "khong-co-nhanh" in done.stderr
    assert "summary-file" not in outputs(actions)
    assert "sarif-file" in outputs(actions)


def test_action_yml_maps_every_input_to_the_script() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    step = action["runs"]["steps"][0]
    assert "scripts/github-action.sh" in step["run"]
    script = SCRIPT.read_text(encoding="utf-8")
    for name in action["inputs"]:
        variable = "INPUT_" + name.upper().replace("-", "_")
        assert step["env"][variable] == "${{ inputs." + name + " }}"
        assert variable in script
    for name, spec in action["outputs"].items():
        assert spec["value"] == "${{ steps.tthc.outputs." + name + " }}"
        assert f"output {name} " in script

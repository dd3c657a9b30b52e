"""GitLab Code Quality reports (``validate --format gitlab``, ``diff --format gitlab``) through the
real entry point, checked against the fields GitLab documents for a Code Quality report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.helpers import commit_all, dump, git, make_catalog, procedure, run_tthc

# https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format: a JSON array of
# objects, each with these fields (GitLab ignores the others).
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^/|:"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def check(report: str) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(report)
    jsonschema.Draft202012Validator(CODE_QUALITY).validate(issues)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints), "fingerprints are unique"
    return issues


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    make_catalog(
        tmp_path,
        {
            "public/2.000001.yaml": procedure("2.000001", units={"implementing": ["sai-1"]}),
            "public/2.000002.yaml": dump(procedure("2.000002")).replace(
                "name: Thủ tục thử nghiệm", "name: on"
            ),
            "public/2.000003.yaml": procedure(
                "2.000003",
                units={"implementing": ["sai-2"]},
                suppress=[{"rule": "unit-exists", "reason": "Đơn vị mới, chờ đăng ký"}],
            ),
            "public/2.000009.yaml": procedure("2.000001"),
            "public/2.000004.yaml": "code: [\n",
        },
    )
    return tmp_path


def test_validate_report_has_the_documented_fields(catalog: Path) -> None:
    done = run_tthc("validate", "-f", "gitlab", cwd=catalog)
    assert done.returncode == 1
    issues = check(done.stdout)
    seen = {(i["check_name"], i["location"]["path"], i["severity"]) for i in issues}
    assert ("unit-exists", "catalog/public/2.000001.yaml", "major") in seen
    assert ("unique-code", "catalog/public/2.000009.yaml", "major") in seen
    assert ("yaml-ambiguous-value", "catalog/public/2.000002.yaml", "minor") in seen
    assert not any(i["location"]["path"].endswith("2.000003.yaml") for i in issues), "suppressed"
    assert any(i["location"]["path"].endswith("2.000004.yaml") for i in issues), "unparsable"


def test_validate_report_is_identical_across_runs(catalog: Path) -> None:
    first = run_tthc("validate", "-f", "gitlab", cwd=catalog).stdout
    second = run_tthc("validate", "-f", "gitlab", cwd=catalog).stdout
    assert first == second and json.loads(first)


def test_validate_report_in_english_keeps_the_fingerprints(catalog: Path) -> None:
    vi = check(run_tthc("validate", "-f", "gitlab", cwd=catalog).stdout)
    en = check(run_tthc("validate", "-f", "gitlab", "--lang", "en", cwd=catalog).stdout)
    assert [i["fingerprint"] for i in vi] == [i["fingerprint"] for i in en]
    assert [i["description"] for i in vi] != [i["description"] for i in en]


# --- diff --format gitlab -------------------------------------------------------------------


def slower(code: str, days: int) -> dict[str, Any]:
    data = procedure(code)
    data["channels"][0]["time"] = {"value": days, "unit": "working_days"}
    data["steps"][1]["duration"] = {"value": days - 2, "unit": "working_days"}
    return data


def folders(root: Path, new: dict[str, Any]) -> None:
    make_catalog(
        root / "old",
        {"2.000001.yaml": procedure("2.000001"), "2.000002.yaml": slower("2.000002", 9)},
    )
    make_catalog(root / "new", new)


def test_diff_report_lists_heavier_changes_only(tmp_path: Path) -> None:
    folders(
        tmp_path,
        {
            "2.000001.yaml": slower("2.000001", 9),  # heavier
            "2.000002.yaml": procedure("2.000002"),  # simpler
            "2.000003.yaml": "code: [\n",
        },
    )  # cannot be read
    done = run_tthc(
        "diff", "old/catalog", "new/catalog", "-f", "gitlab", "--lang", "en", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    issues = check(done.stdout)
    heavier = [i for i in issues if i["check_name"].startswith("diff/")]
    assert heavier and all(i["severity"] == "major" for i in heavier)
    assert {i["location"]["path"] for i in heavier} == {"new/catalog/2.000001.yaml"}
    assert any("5 working days → 9 working days" in i["description"] for i in heavier)
    assert all(i["description"].startswith("2.000001: heavier") for i in heavier)
    unreadable = [i for i in issues if not i["check_name"].startswith("diff/")]
    assert [i["location"]["path"] for i in unreadable] == ["new/catalog/2.000003.yaml"]
    gate = run_tthc(
        "diff", "old/catalog", "new/catalog", "-f", "gitlab", "--fail-on", "heavier", cwd=tmp_path
    )
    assert gate.returncode == 1


def test_diff_fingerprints_survive_lines_inserted_above(tmp_path: Path) -> None:
    folders(tmp_path, {"2.000001.yaml": slower("2.000001", 9)})
    before = check(
        run_tthc("diff", "old/catalog", "new/catalog", "-f", "gitlab", cwd=tmp_path).stdout
    )
    changed = tmp_path / "new" / "catalog" / "2.000001.yaml"
    changed.write_text(
        "# ghi chú\n# thêm dòng\n" + changed.read_text(encoding="utf-8"), encoding="utf-8"
    )
    after = check(
        run_tthc("diff", "old/catalog", "new/catalog", "-f", "gitlab", cwd=tmp_path).stdout
    )
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] + 2 for i in before] == [
        i["location"]["lines"]["begin"] for i in after
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_between_git_revisions_names_working_tree_paths(tmp_path: Path) -> None:
    make_catalog(tmp_path, {"2.000001.yaml": procedure("2.000001")})
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "đầu")
    (tmp_path / "catalog" / "2.000001.yaml").write_text(
        dump(slower("2.000001", 9)), encoding="utf-8"
    )
    commit_all(tmp_path, "chậm hơn")
    done = run_tthc("diff", "HEAD~1", "HEAD", "-f", "gitlab", cwd=tmp_path)
    issues = check(done.stdout)
    assert issues
    assert {i["location"]["path"] for i in issues} == {"catalog/2.000001.yaml"}

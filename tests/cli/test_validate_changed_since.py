"""``tthc validate --changed-since REV``: the findings of a full run that concern the changed
files, and nothing else; one-line errors for a bad revision or a folder outside git."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import UNITS, commit_all, dump, git, make_catalog, procedure, run_tthc

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def findings(repo: Path, *args: str) -> list[dict[str, Any]]:
    done = run_tthc("validate", "-f", "json", *args, cwd=repo)
    assert done.returncode in (0, 1), done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)["findings"]
    return found


def key(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["file"], f["line"], f["column"], f["rule"], f["message_key"], f["suppressed"])


P = "catalog/public/"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A catalog in git with one procedure broken from the start (never touched afterwards)."""
    make_catalog(
        tmp_path,
        {
            "public/2.000001.yaml": procedure("2.000001"),
            "public/2.000002.yaml": procedure("2.000002"),
            "public/2.000003.yaml": procedure("2.000003", units={"implementing": ["so-khong-co"]}),
            "public/2.000004.yaml": procedure("2.000004"),
            "public/2.000005.yaml": procedure("2.000005"),
        },
    )
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "danh mục ban đầu")
    return tmp_path


def break_in_every_way(repo: Path) -> set[str]:
    """A committed, a staged and an unstaged breakage, and an untracked duplicate code."""
    git(repo, "switch", "-q", "-c", "sua-doi")
    cat = repo / "catalog" / "public"
    (cat / "2.000002.yaml").write_text(
        dump(procedure("2.000002", units={"implementing": ["so-xay-dungg"]})), encoding="utf-8"
    )
    # same code as the unchanged 2.000001 (later in path order: the finding is on this file)
    (cat / "2.000009.yaml").write_text(dump(procedure("2.000001")), encoding="utf-8")
    commit_all(repo, "đổi đơn vị, chép mã")
    (cat / "2.000004.yaml").write_text("code: '2.000004'\ncode: '2.000004'\n", encoding="utf-8")
    git(repo, "add", "catalog/public/2.000004.yaml")
    (cat / "2.000005.yaml").write_text(
        dump(procedure("2.000005", channels="trực tiếp")), encoding="utf-8"
    )
    # untracked, same code as the unchanged 2.000003, earlier in path order: the finding lies in
    # the unchanged file but names this one
    (cat / "1.000000.yaml").write_text(dump(procedure("2.000003")), encoding="utf-8")
    return {
        P + n
        for n in (
            "2.000002.yaml",
            "2.000009.yaml",
            "2.000004.yaml",
            "2.000005.yaml",
            "1.000000.yaml",
        )
    }


def concerns(f: dict[str, Any], changed: set[str]) -> bool:
    """The documented restriction: in a changed file, or a unique-code finding naming one."""
    return f["file"] in changed or (f["rule"] == "unique-code" and f["args"]["other"] in changed)


def test_findings_equal_the_full_run_restricted_to_the_changed_files(repo: Path) -> None:
    changed = break_in_every_way(repo)
    full = findings(repo)
    partial = findings(repo, "--changed-since", "main")
    expected = sorted(key(f) for f in full if concerns(f, changed))
    assert sorted(key(f) for f in partial) == expected
    rules = {(f["file"], f["rule"]) for f in partial}
    assert (P + "2.000002.yaml", "unit-exists") in rules  # committed
    assert (P + "2.000004.yaml", "yaml-duplicate-key") in rules  # staged
    assert any(f["file"] == P + "2.000005.yaml" for f in partial)  # unstaged
    assert (P + "2.000009.yaml", "unique-code") in rules  # duplicate on the changed file
    assert (P + "2.000003.yaml", "unique-code") in rules  # on the unchanged file, naming ours
    # the unchanged file's own breakage is a full-run finding only
    assert (P + "2.000003.yaml", "unit-exists") in {(f["file"], f["rule"]) for f in full}
    assert (P + "2.000003.yaml", "unit-exists") not in rules


def test_summary_counts_only_the_changed_files(repo: Path) -> None:
    break_in_every_way(repo)
    done = run_tthc("validate", "-f", "json", "--changed-since", "main", cwd=repo)
    assert json.loads(done.stdout)["files"] == 5
    assert done.returncode == 1


def test_changes_on_the_base_branch_after_the_fork_do_not_count(repo: Path) -> None:
    git(repo, "switch", "-q", "-c", "nhanh")
    (repo / "catalog" / "public" / "2.000001.yaml").write_text(
        dump(procedure("2.000001", name="Tên mới")), encoding="utf-8"
    )
    commit_all(repo, "sửa trên nhánh")
    git(repo, "switch", "-q", "main")
    (repo / "catalog" / "public" / "2.000002.yaml").write_text(
        dump(procedure("2.000002", units={"implementing": ["sai"]})), encoding="utf-8"
    )
    commit_all(repo, "hỏng trên main")
    git(repo, "switch", "-q", "nhanh")
    done = run_tthc("validate", "-f", "json", "--changed-since", "main", cwd=repo)
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["files"] == 1


def test_nothing_changed_is_a_clean_run(repo: Path) -> None:
    done = run_tthc("validate", "--changed-since", "HEAD", cwd=repo)
    assert done.returncode == 0
    assert (
        json.loads(run_tthc("validate", "-f", "json", "--changed-since", "HEAD", cwd=repo).stdout)[
            "findings"
        ]
        == []
    )


def test_a_changed_units_registry_checks_everything(repo: Path) -> None:
    units = {"units": {k: v for k, v in UNITS["units"].items() if k != "so-tu-phap"}}
    (repo / "catalog" / "units.yaml").write_text(dump(units), encoding="utf-8")
    full = findings(repo)
    partial = findings(repo, "--changed-since", "HEAD")
    assert sorted(map(key, partial)) == sorted(map(key, full))
    assert any(f["file"] == P + "2.000003.yaml" for f in partial)


def test_a_changed_register_of_legal_documents_checks_everything(repo: Path) -> None:
    legal = {"documents": [{"number": "63/2010/NĐ-CP", "title": "Về kiểm soát thủ tục hành chính"}]}
    (repo / "catalog" / "legal.yaml").write_text(dump(legal), encoding="utf-8")
    full = findings(repo)
    partial = findings(repo, "--changed-since", "HEAD")
    assert sorted(map(key, partial)) == sorted(map(key, full))
    assert any(f["file"] == P + "2.000003.yaml" for f in partial)


def test_a_revision_git_does_not_know_is_a_one_line_error(repo: Path) -> None:
    for rev in ("khong-co-nhanh-nay", "--output=x"):
        done = run_tthc("validate", f"--changed-since={rev}", cwd=repo)
        assert done.returncode == 3, done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert rev in done.stderr
    assert not (repo / "x").exists()


def test_outside_a_git_repository_is_a_one_line_error(tmp_path: Path) -> None:
    make_catalog(tmp_path)
    done = run_tthc(
        "validate",
        "--changed-since",
        "HEAD",
        "--lang",
        "en",
        cwd=tmp_path,
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
    )
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "git repository" in done.stderr


def test_pre_commit_checks_the_refs_pre_commit_gives(tmp_path: Path) -> None:
    """What the tthc-validate-changed hook runs: pre-commit's --from-ref/--to-ref when given,
    else what is staged; on a repository's first commit, everything."""
    make_catalog(tmp_path, {"public/2.000001.yaml": procedure("2.000001")})
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    first = run_tthc("validate", "--pre-commit", "--lang", "en", cwd=tmp_path)
    assert first.returncode == 0 and "Checked 1 file" in first.stdout, first.stderr
    base = commit_all(tmp_path, "danh mục")
    broken = procedure("2.000002", units={"implementing": ["khong-co"]})
    (tmp_path / "catalog" / "public" / "2.000002.yaml").write_text(dump(broken), "utf-8")
    commit_all(tmp_path, "lỗi đã commit")
    staged = run_tthc("validate", "--pre-commit", "--lang", "en", cwd=tmp_path)
    assert staged.returncode == 0 and "Checked 0 file" in staged.stdout  # nothing staged
    refs = {"PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": "HEAD"}
    ci = run_tthc("validate", "--pre-commit", "--lang", "en", cwd=tmp_path, env=refs)
    assert ci.returncode == 1 and "2.000002.yaml" in ci.stdout and "Checked 1 file" in ci.stdout
    both = run_tthc("validate", "--pre-commit", "--changed-since", "HEAD", cwd=tmp_path)
    assert both.returncode == 2

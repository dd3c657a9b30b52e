"""Opening a side (``tthc diff OLD NEW``, ``report --baseline``, ``--changed-since``): git
revisions first, then paths, on a clone that has a remote as CI checkouts do."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import GIT_ENV, commit_all, git, make_catalog, procedure, run_tthc

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A repository with a catalog, tagged v1.0, one more commit on main; then a clone of it
    (with origin/main) and one local commit that makes a procedure heavier."""
    origin = tmp_path / "origin"
    make_catalog(origin, {"2.001219.yaml": procedure(name="Thủ tục A")})
    git(origin, "init", "-q", "-b", "main")
    commit_all(origin, "v1")
    git(origin, "tag", "v1.0")
    make_catalog(origin, {"2.001219.yaml": procedure(name="Thủ tục A (sửa tên)")})
    commit_all(origin, "rename")
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(origin), str(work)], check=True, env=GIT_ENV)
    data = procedure(name="Thủ tục A (sửa tên)")
    data["channels"][0]["time"] = {"value": 30, "unit": "working_days"}
    make_catalog(work, {"2.001219.yaml": data})
    commit_all(work, "heavier")
    return work


def _diff(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tthc("diff", *args, "--format", "json", cwd=clone, env=GIT_ENV)


@pytest.mark.parametrize(
    "old",
    ["origin/main", "refs/remotes/origin/main", "v1.0", "HEAD~1", "main~1"],
)
def test_revisions_are_resolved_by_git(clone: Path, old: str) -> None:
    done = _diff(clone, old)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["old"] == {"label": old, "kind": "git"}
    assert data["procedures"], "the local commit changed a procedure"


def test_a_full_commit_id_and_two_revisions(clone: Path) -> None:
    sha = git(clone, "rev-parse", "origin/main")
    done = _diff(clone, "v1.0", "HEAD")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new"] == {"label": "HEAD", "kind": "git"}
    assert _diff(clone, sha).returncode == 0


def test_the_gate_fails_on_the_heavier_change(clone: Path) -> None:
    gate = run_tthc("diff", "origin/main", "-f", "github", "--fail-on", "heavier", cwd=clone)
    assert gate.returncode == 1, gate.stdout + gate.stderr
    assert "::" in gate.stdout


def test_folders_with_or_without_a_slash(clone: Path) -> None:
    old = clone / "old"
    shutil.copytree(clone / "catalog", old)
    nested = clone / "snapshots" / "2024"
    shutil.copytree(clone / "catalog", nested)
    for spec in ("old/", "old", "snapshots/2024", str(old)):
        done = run_tthc("diff", spec, "catalog", "--format", "json", cwd=clone)
        assert done.returncode == 0, (spec, done.stderr)
        assert json.loads(done.stdout)["old"]["kind"] == "dir"


def test_a_name_that_is_both_a_revision_and_a_folder_is_refused(clone: Path) -> None:
    shutil.copytree(clone / "catalog", clone / "main")
    done = run_tthc("diff", "main", cwd=clone)
    assert done.returncode == 2 and "./main" in done.stderr, done.stderr
    assert run_tthc("diff", "./main", "catalog", cwd=clone).returncode == 0
    assert run_tthc("diff", "main^{commit}", cwd=clone).returncode == 0


@pytest.mark.parametrize("spec", ["", " ", "--output=x"])
def test_empty_or_option_like_specs(clone: Path, spec: str) -> None:
    done = run_tthc("diff", "--", spec, cwd=clone)
    assert done.returncode in (2, 3), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not (clone / "x").exists()


def test_an_unknown_name_says_so(clone: Path) -> None:
    done = run_tthc("diff", "no-such-branch", cwd=clone)
    assert done.returncode == 3 and "no-such-branch" in done.stderr


def test_changed_since_a_remote_branch(clone: Path) -> None:
    done = run_tthc("validate", "--changed-since", "origin/main", "-f", "json", cwd=clone)
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["files"] == 1  # the file the local commit changed
    nothing = run_tthc("validate", "--changed-since", "HEAD", "-f", "json", cwd=clone)
    assert json.loads(nothing.stdout)["files"] == 0

"""This repository's pre-commit hooks, run by the real ``pre-commit`` (from PyPI) with
``pre-commit try-repo`` in a temporary catalog repository.

try-repo only sees what is committed or staged in the hook repository, so the test commits a
copy of this project's working tree (tracked and untracked files that git does not ignore) to a
temporary repository and points try-repo at it. pre-commit builds the hook's virtualenv by
pip-installing that copy: it needs the package index (as ``pip install .`` does)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, commit_all, dump, git, make_catalog, procedure

BROKEN_AT = "catalog/public/2.000001.yaml:11:5"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(
        importlib.util.find_spec("pre_commit") is None,
        reason="pre-commit is not installed (pip install '.[test]')",
    ),
    pytest.mark.skipif(
        not (REPO / ".git").exists(), reason=f"{REPO} is not a git repository (no file list)"
    ),
]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of this project's working tree."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    copy = tmp_path_factory.mktemp("hook-repo") / "tthc"
    for rel in filter(None, listed.split("\0")):
        source = REPO / rel
        if source.is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / rel)
    git(copy, "init", "-q", "-b", "main")
    commit_all(copy, "bản sao để thử hook")
    return copy


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(
    catalog: Path, hook_repo: Path, home: Path, hook: str, *args: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        "PIP_NO_INPUT": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "GIT_CONFIG_GLOBAL": str(catalog.parent / "empty.gitconfig"),
    }
    env.pop("TTHC_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, *args],
        cwd=catalog,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def catalog_repo(root: Path) -> Path:
    make_catalog(
        root,
        {
            "public/2.000001.yaml": procedure("2.000001"),
            "public/2.000002.yaml": procedure("2.000002"),
        },
    )
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "danh mục")
    return root


def write(root: Path, rel: str, data: object) -> None:
    (root / "catalog" / "public" / rel).write_text(dump(data), encoding="utf-8")


def test_validate_hook_fails_on_a_broken_procedure_then_passes(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    catalog = catalog_repo(tmp_path / "danh-muc")
    write(catalog, "2.000001.yaml", procedure("2.000001", units={"implementing": ["so-xd"]}))
    commit_all(catalog, "gõ nhầm mã đơn vị")

    failed = try_repo(catalog, hook_repo, pre_commit_home, "tthc-validate", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "tthc validate" in failed.stdout and "Failed" in failed.stdout
    assert BROKEN_AT in failed.stdout
    assert "so-xd" in failed.stdout and "[unit-exists]" in failed.stdout

    write(catalog, "2.000001.yaml", procedure("2.000001"))
    commit_all(catalog, "sửa mã đơn vị")
    passed = try_repo(catalog, hook_repo, pre_commit_home, "tthc-validate", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_changed_hook_checks_only_what_is_being_committed(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    catalog = catalog_repo(tmp_path / "danh-muc")
    write(catalog, "2.000001.yaml", procedure("2.000001", units={"implementing": ["so-xd"]}))
    commit_all(catalog, "lỗi cũ, đã có từ trước")

    write(catalog, "2.000002.yaml", procedure("2.000002", name="Tên mới"))
    git(catalog, "add", "-A")
    passed = try_repo(catalog, hook_repo, pre_commit_home, "tthc-validate-changed")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    whole = try_repo(catalog, hook_repo, pre_commit_home, "tthc-validate")
    assert whole.returncode == 1 and BROKEN_AT in whole.stdout

    write(catalog, "2.000002.yaml", procedure("2.000002", units={"implementing": ["so-tp"]}))
    git(catalog, "add", "-A")
    failed = try_repo(catalog, hook_repo, pre_commit_home, "tthc-validate-changed")
    assert failed.returncode == 1
    assert "catalog/public/2.000002.yaml:11:5" in failed.stdout
    assert BROKEN_AT not in failed.stdout


def test_changed_hook_in_ci_checks_the_commits_between_the_refs(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    """In CI nothing is staged: ``pre-commit run --from-ref A --to-ref B`` must check what the
    commits from A to B changed (it used to check 0 files and pass)."""
    catalog = catalog_repo(tmp_path / "danh-muc")
    before = git(catalog, "rev-parse", "HEAD")
    write(catalog, "2.000001.yaml", procedure("2.000001", units={"implementing": ["so-xd"]}))
    commit_all(catalog, "gõ nhầm mã đơn vị")
    write(catalog, "2.000002.yaml", procedure("2.000002", name="Tên mới"))
    commit_all(catalog, "đổi tên")
    refs = ("--from-ref", before, "--to-ref", "HEAD")
    failed = try_repo(catalog, hook_repo, pre_commit_home, "tthc-validate-changed", *refs)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert BROKEN_AT in failed.stdout and "Đã kiểm tra 0 tệp" not in failed.stdout
    later = ("--from-ref", "HEAD~1", "--to-ref", "HEAD")  # only the rename: clean
    passed = try_repo(catalog, hook_repo, pre_commit_home, "tthc-validate-changed", *later)
    assert passed.returncode == 0, passed.stdout + passed.stderr

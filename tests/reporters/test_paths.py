"""File paths in the CI formats: relative to the repository root (else the folder of tthc.yaml),
whatever folder tthc runs from and wherever the checkout lies (see tthc_cli.reporters.paths)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import commit_all, dump, git, make_catalog, procedure, run_tthc
from tthc_cli.findings import Pos, Severity, ValidationResult, make
from tthc_cli.reporters.paths import CiPaths, for_ci, repository_root

CI_FORMATS = ("sarif", "gitlab", "github", "junit", "json")
HAS_GIT = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def build(root: Path) -> Path:
    """A repository (``.git`` is all tthc looks for) whose catalog has findings in two folders,
    a reused code (``unique-code`` names the other file) and no units registry
    (``units-registry-missing`` names the catalog folder)."""
    make_catalog(
        root,
        {
            "public/2.000001.yaml": procedure("2.000001"),
            "public/2.000002.yaml": "code: [\n",
            "internal/2.000009.yaml": procedure("2.000001"),
            "internal/2.000003.yaml": dump(procedure("2.000003")).replace(
                "name: Thủ tục thử nghiệm", "name: on"
            ),
        },
    )
    (root / "catalog" / "units.yaml").unlink()
    (root / ".git").mkdir()
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build(tmp_path / "checkout")


def output(fmt: str, cwd: Path, *args: str) -> str:
    done = run_tthc("validate", "-f", fmt, *args, cwd=cwd)
    assert done.returncode == 1, done.stderr
    return re.sub(r'timestamp="[^"]*"', 'timestamp=""', done.stdout)


def gitlab_paths(report: str) -> set[str]:
    return {issue["location"]["path"] for issue in json.loads(report)}


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_ci_output_is_the_same_from_any_folder_of_the_repository(repo: Path, fmt: str) -> None:
    from_root = output(fmt, repo)
    assert str(repo) not in from_root
    for folder in (repo / "catalog", repo / "catalog" / "public", repo / "catalog" / "internal"):
        assert output(fmt, folder) == from_root, folder


def test_gitlab_paths_and_path_arguments_are_relative_to_the_repository_root(repo: Path) -> None:
    report = output("gitlab", repo / "catalog" / "public", "--lang", "en")
    assert gitlab_paths(report) == {
        "catalog",
        "catalog/internal/2.000003.yaml",
        "catalog/internal/2.000009.yaml",
        "catalog/public/2.000001.yaml",
        "catalog/public/2.000002.yaml",
    }
    descriptions = " ".join(issue["description"] for issue in json.loads(report))
    assert "another procedure: catalog/internal/2.000009.yaml (line 1)" in descriptions
    assert "(units.yaml) in catalog;" in descriptions


def test_fingerprints_do_not_depend_on_the_checkout_folder(tmp_path: Path) -> None:
    first = build(tmp_path / "runner-1" / "builds" / "project")
    second = build(tmp_path / "runner-2" / "project")
    for sub in ("catalog/public", "catalog/internal"):
        assert output("gitlab", first / sub) == output("gitlab", second / sub)
        assert output("sarif", first / sub) == output("sarif", second / sub)


def test_catalog_named_from_outside_its_repository(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    report = output("gitlab", elsewhere, str(repo / "catalog"), "--config", str(repo / "tthc.yaml"))
    assert report == output("gitlab", repo)


def test_without_git_paths_are_relative_to_the_folder_of_tthc_yaml(tmp_path: Path) -> None:
    if repository_root(tmp_path) is not None:
        pytest.skip("the temporary folder is inside a git repository")
    root = build(tmp_path / "plain")
    (root / ".git").rmdir()
    report = output("github", root / "catalog" / "public")
    assert report == output("github", root)
    assert "file=catalog/public/2.000002.yaml," in report


def test_rule_outside_any_repository_or_configuration(tmp_path: Path) -> None:
    if repository_root(tmp_path) is not None:
        pytest.skip("the temporary folder is inside a git repository")
    here = tmp_path / "here"
    other = tmp_path / "other"
    (other / "sub").mkdir(parents=True)
    here.mkdir()
    (other / ".git").write_text("gitdir: ../somewhere\n", encoding="utf-8")  # a worktree
    paths = CiPaths(here)
    assert paths.base is None
    assert paths("a/b.yaml") == "a/b.yaml"  # as the text format shows it
    assert paths(f"{tmp_path}/loose/c.yaml") == f"{tmp_path}/loose/c.yaml"
    assert paths(f"{other}/sub/d.yaml") == "sub/d.yaml"
    assert paths("../other/sub/d.yaml") == "sub/d.yaml"


def test_path_through_a_symbolic_link(repo: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(repo, target_is_directory=True)
    paths = CiPaths(repo / "catalog")
    assert paths.base == repo
    assert paths(f"{link}/catalog/public/2.000001.yaml") == "catalog/public/2.000001.yaml"
    assert paths("public/2.000001.yaml") == "catalog/public/2.000001.yaml"
    assert paths("../tthc.yaml") == "tthc.yaml"


def test_nothing_changes_from_the_repository_root(repo: Path) -> None:
    finding = make(
        "unique-code", Severity.ERROR, Pos("catalog/b.yaml", 3, 1), other="catalog/a.yaml"
    )
    result = ValidationResult((finding,), ("catalog/a.yaml", "catalog/b.yaml"))
    assert for_ci(result, CiPaths(repo)) is result
    assert for_ci(result, None) is result
    moved = for_ci(result, CiPaths(repo / "catalog"), every_file=True)
    assert moved.paths == ("catalog/catalog/a.yaml", "catalog/catalog/b.yaml")
    counted = for_ci(result, CiPaths(repo / "catalog"))  # formats that only count the files
    assert counted.paths == result.paths and counted.findings == moved.findings
    assert moved.findings[0].file == "catalog/catalog/b.yaml"
    assert moved.findings[0].arg_map["other"] == "catalog/catalog/a.yaml"


@HAS_GIT
@pytest.mark.parametrize("fmt", ["github", "gitlab"])
def test_diff_ci_output_is_the_same_from_any_folder(tmp_path: Path, fmt: str) -> None:
    make_catalog(
        tmp_path,
        {
            "public/2.000001.yaml": procedure("2.000001"),
            "public/2.000002.yaml": procedure("2.000002"),
        },
    )
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "đầu")
    slower = procedure("2.000001")
    slower["channels"][0]["time"] = {"value": 9, "unit": "working_days"}
    (tmp_path / "catalog" / "public" / "2.000001.yaml").write_text(dump(slower), encoding="utf-8")
    (tmp_path / "catalog" / "public" / "2.000002.yaml").write_text("code: [\n", encoding="utf-8")

    def diff(cwd: Path) -> str:
        done = run_tthc("diff", "HEAD", "-f", fmt, cwd=cwd)
        assert done.returncode == 0, done.stderr
        return done.stdout

    from_root = diff(tmp_path)
    assert "catalog/public/2.000001.yaml" in from_root
    assert "catalog/public/2.000002.yaml" in from_root
    assert str(tmp_path) not in from_root
    assert diff(tmp_path / "catalog" / "public") == from_root

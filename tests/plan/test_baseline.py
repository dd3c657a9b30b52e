"""``tthc report --baseline REV``: the "before" is the catalog at a git revision, named in the
output; a bad revision or a catalog outside git is a one-line error (exit 3)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests import report_fixture
from tests.helpers import dump, run_tthc

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **GIT_ENV},
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the fixture catalog; the working tree has it
    changed since (6.000004 removed, 6.000003 edited, 6.000005 added)."""
    root = tmp_path / "repo"
    catalog = report_fixture.write(root)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first")
    (catalog / "internal" / "6.000004.yaml").unlink()
    for rel, data in report_fixture.procedures_changed_since().items():
        (catalog / rel).write_text(dump(data), encoding="utf-8")
    return root


def _report(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tthc("report", "--as-of", "2024-10-01", *args, cwd=cwd, env=GIT_ENV)


@needs_git
def test_json_names_the_baseline_and_counts_against_it(repo: Path) -> None:
    index_before = (repo / ".git" / "index").read_bytes()
    done = _report(repo, "--baseline", "HEAD", "--format", "json")
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    commit = _git(repo, "rev-parse", "HEAD")
    assert data["baseline"] == {
        "kind": "git",
        "revision": "HEAD",
        "commit": commit,
        "root": "HEAD:catalog",
    }
    total = data["total"]
    assert (total["baseline_procedures"], total["removed"], total["without_before"]) == (4, 1, 1)
    assert total["procedures_cut_share"] == 50
    # 6.000003's direct edit (no plan, no new legal basis) is a correction: not counted as a cut
    assert (total["cost_before"], total["cost_after"], total["cost_cut_share"]) == (
        8_000_000,
        3_000_000,
        62.5,
    )
    assert any(f"HEAD (commit {commit[:12]})" in note for note in data["notes"])
    # the working tree and the index are untouched
    assert (repo / ".git" / "index").read_bytes() == index_before
    assert not (repo / "catalog" / "internal" / "6.000004.yaml").exists()
    recorded = json.loads(_report(repo, "--format", "json").stdout)
    assert recorded["baseline"] == {"kind": "recorded"}
    assert recorded["total"]["baseline_procedures"] is None


@needs_git
def test_every_format_names_the_baseline(repo: Path, tmp_path: Path) -> None:
    commit = _git(repo, "rev-parse", "HEAD")
    text = _report(repo, "--baseline", "HEAD").stdout
    assert f"phiên bản git HEAD (commit {commit[:12]})" in " ".join(text.split())
    english = _report(repo, "--baseline", "HEAD", "--lang", "en").stdout
    assert f"git revision HEAD (commit {commit[:12]})" in " ".join(english.split())
    rows = list(
        csv.DictReader(io.StringIO(_report(repo, "--baseline", "HEAD", "-f", "csv").stdout))
    )
    assert {row["Trạng thái trước"] for row in rows} == {f"git:HEAD@{commit}"}
    assert rows[-1]["Số TTHC nội bộ trước"] == "4" and rows[-1]["Đã bỏ khỏi danh mục"] == "1"
    markdown = _report(repo, "--baseline", "HEAD", "-f", "markdown").stdout
    assert "Số TTHC nội bộ trước" in markdown and f"commit {commit[:12]}" in markdown
    out = tmp_path / "r.xlsx"
    done = _report(repo, "--baseline", "HEAD", "-f", "xlsx", "-o", str(out))
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(out)["đơn vị"]
    header = [c.value for c in sheet[1]]
    total = dict(zip(header, [c.value for c in sheet[sheet.max_row]], strict=True))
    assert total["Số TTHC nội bộ trước"] == 4 and total["Cắt giảm thủ tục (%)"] == 50


@needs_git
def test_catalog_path_given_from_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    done = run_tthc(
        "report",
        str(repo / "catalog"),
        "--config",
        str(repo / "tthc.yaml"),
        "--as-of",
        "2024-10-01",
        "--baseline",
        "HEAD",
        "-f",
        "json",
        cwd=outside,
        env=GIT_ENV,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"]["removed"] == 1


@needs_git
@pytest.mark.parametrize("revision", ["HEAD~5", "no-such-branch", "--help"])
def test_bad_revision_is_one_line_exit_3(repo: Path, revision: str) -> None:
    done = _report(repo, f"--baseline={revision}")
    assert done.returncode == 3, done.stdout + done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert revision in done.stderr


def test_catalog_outside_git_is_one_line_exit_3(tmp_path: Path) -> None:
    catalog = report_fixture.write(tmp_path)
    env = {**GIT_ENV, "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    done = run_tthc("report", str(catalog), "--baseline", "HEAD", cwd=tmp_path, env=env)
    assert done.returncode == 3, done.stdout + done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert "HEAD" in done.stderr and "git" in done.stderr


@needs_git
def test_a_selected_subfolder_compares_with_the_same_subfolder(repo: Path) -> None:
    done = _report(repo, "catalog/internal", "--baseline", "HEAD", "--format", "json")
    assert done.returncode == 0, done.stderr
    total = json.loads(done.stdout)["total"]
    # public/2.001219.yaml lies outside the selection: not "removed", no time counted for it
    assert (total["procedures"], total["baseline_procedures"], total["removed"]) == (4, 4, 1)
    assert (total["time_counted"], total["time_before_days"]) == (4, 20)
    whole = json.loads(_report(repo, "--baseline", "HEAD", "--format", "json").stdout)["total"]
    assert (whole["time_counted"], whole["time_before_days"]) == (5, 25)

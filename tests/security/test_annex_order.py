"""``tthc table --since A --until B`` refuses a ``B`` older than ``A`` (the annex would list
deleted procedures as new), and a revision missing from a shallow clone says how to fetch
more history."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import commit_all, git, make_catalog, procedure, run_tthc


def _repo(root: Path) -> Path:
    make_catalog(root, {"2.001219.yaml": procedure(), "2.001220.yaml": procedure("2.001220")})
    git(root, "init", "-q")
    commit_all(root, "hai thủ tục")
    (root / "catalog" / "2.001220.yaml").unlink()
    commit_all(root, "bãi bỏ 2.001220")
    return root


def test_an_until_older_than_since_is_a_usage_error(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    out = str(tmp_path / "annex.html")
    done = run_tthc("table", "--since", "HEAD", "--until", "HEAD~1", "-o", out, cwd=repo)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "--until HEAD~1" in done.stderr and "--since HEAD" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not Path(out).exists()
    forward = run_tthc("table", "--since", "HEAD~1", "--until", "HEAD", "-o", out, cwd=repo)
    assert forward.returncode == 0, forward.stderr
    same = run_tthc("table", "--since", "HEAD", "--until", "HEAD", "-f", "html", cwd=repo)
    assert same.returncode == 0, same.stderr


def test_a_revision_missing_from_a_shallow_clone_hints_at_fetching(tmp_path: Path) -> None:
    origin = _repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    done = run_tthc("table", "--since", "HEAD~1", "-f", "html", cwd=clone)
    assert done.returncode == 3, (done.stdout, done.stderr)
    assert "git fetch --deepen" in done.stderr and "fetch-depth: 0" in done.stderr
    full = run_tthc("table", "--since", "HEAD~5", "-f", "html", cwd=origin)
    assert full.returncode == 3 and "fetch" not in full.stderr  # not shallow: no such hint

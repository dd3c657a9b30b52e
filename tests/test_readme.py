"""Every command line of README.md runs as shown, on a scratch copy of the repository (a clone,
with the working tree's files), with the exit code the text implies.

The command lines are those of the ``sh`` code blocks, run in order within a block, each block
in its own copy, from the copy's root, with this environment's ``tthc`` first on PATH. A few
lines need what a scratch copy cannot have (the network, or the test suite running itself):
SKIPPED names them with the reason. A few need files a user would have (an older copy of the
catalog, portal records, a list export): SETUP makes them before the block runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import GIT_ENV, REPO

README = REPO / "README.md"
BIN = Path(sys.executable).parent
FIXTURES = REPO / "tests" / "fixtures" / "import"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason=f"{REPO} is not a git repository"),
]

# Lines that cannot run in a scratch copy, with the reason.
SKIPPED: dict[str, str] = {
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && tthc validate": (
        "network: installs from the package index (tthc validate itself runs below)"
    ),
    "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test]' && pytest": (
        "network, and the test suite itself (.ci/run runs exactly this line)"
    ),
    "pip install '.[bench]'": "network: installs from the package index",
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]'": (
        "network: installs from the package index"
    ),
    'pytest -m "not slow"': "the test suite itself",
    "pytest --update-golden": "the test suite itself",
}
# Exit codes other than 0 that the README implies.
EXIT: dict[str, int] = {}


def _old_catalog(root: Path) -> None:
    shutil.copytree(root / "procedures", root / "old")


# What a block's lines expect to find, made first (keyed by a line of the block).
SETUP: dict[str, Callable[[Path], None]] = {
    "tthc diff old/ procedures/ -f json": _old_catalog,
}


def command_blocks() -> list[list[str]]:
    """The command lines of each ``sh`` block, without their trailing comments."""
    text = README.read_text(encoding="utf-8")
    blocks = []
    for body in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        lines = [re.sub(r"\s+#\s.*$", "", line).strip() for line in body.splitlines()]
        blocks.append([line for line in lines if line and not line.startswith("#")])
    return blocks


BLOCKS = command_blocks()


def _git(cwd: Path, *args: str) -> None:
    empty = cwd.parent / "empty.gitconfig"
    empty.touch()
    env = {**os.environ, **GIT_ENV, "GIT_CONFIG_GLOBAL": str(empty)}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def scratch_copy(at: Path) -> Path:
    """A clone of this repository with the working tree's files laid over it (what is being
    tested may not be committed yet), with ``main`` and ``origin/main`` as in a fresh clone."""
    copy = at / "tthc"
    _git(at, "clone", "-q", str(REPO), str(copy))
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = REPO / rel
        if source.is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / rel)
    # A fresh clone of main has a main branch and origin/main; a clone of another branch (CI of
    # a pull request branch) gets them where it stands, as if that were main.
    for ref, start in (("refs/heads/main", "origin/main"), ("refs/remotes/origin/main", "main")):
        if not _has(copy, ref):
            _git(copy, "update-ref", ref, start if _has(copy, start) else "HEAD")
    return copy


def _has(repo: Path, revision: str) -> bool:
    done = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        capture_output=True,
    )
    return done.returncode == 0


def test_the_readme_has_command_lines() -> None:
    lines = [line for block in BLOCKS for line in block]
    assert len(lines) > 25
    assert all(line in lines for line in (*SKIPPED, *SETUP, *EXIT)), "a mark names no line"


@pytest.mark.parametrize("block", BLOCKS, ids=[block[0][:40] for block in BLOCKS])
def test_every_command_line_runs(tmp_path: Path, block: list[str]) -> None:
    root = scratch_copy(tmp_path)
    for line in block:
        if line in SETUP:
            SETUP[line](root)
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "empty.gitconfig"),
    }
    env.pop("TTHC_LANG", None)
    for line in block:
        if line in SKIPPED:
            continue
        done = subprocess.run(
            ["bash", "-c", line], cwd=root, env=env, capture_output=True, text=True, timeout=900
        )
        expected = EXIT.get(line, 0)
        assert done.returncode == expected, f"{line}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        assert "Traceback" not in done.stderr, line

"""Which files changed since a git revision: the edge that asks git, for ``--changed-since``.

"Changed since REV" means what a pull request shows: every file that differs between the
point where the current branch left REV (``git merge-base REV HEAD``; REV itself when there
is no common ancestor or no commit yet) and the working tree, so commits made since, staged
and unstaged edits all count, plus untracked files that git does not ignore. Deleted files
are listed too: no catalog holds them, so nothing is checked in them, but a deleted
``units.yaml`` matters. Paths come back absolute and resolved. :func:`selection` turns them into
the files a validation keeps; when the units registry or the config file changed, every
procedure may be affected, so everything is checked.

Read-only: git is run with ``diff``, ``ls-files``, ``rev-parse`` and ``merge-base``; the index
and the working tree are never touched. A revision git does not know, a folder outside any git
repository or a missing git program stop the command with a one-line error (exit 3).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tthc_cli.errors import TthcError
from tthc_cli.loader import UNITS_FILE
from tthc_cli.model import Catalog
from tthc_cli.sources import display_path


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except OSError as exc:
        raise TthcError("changes.error.no-git", detail=exc.strerror or str(exc)) from None


def _lines(output: bytes) -> list[str]:
    """NUL-separated paths (``-z``), decoded as git writes them (UTF-8)."""
    return [p for p in output.decode("utf-8", "surrogateescape").split("\0") if p]


def repository_top(folder: Path) -> Path:
    """The top folder of the git work tree holding ``folder``."""
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise TthcError("changes.error.not-git", path=str(folder))
    return Path(done.stdout.decode("utf-8", "surrogateescape").strip()).resolve()


def base_commit(top: Path, rev: str) -> str:
    """The commit to compare against: the merge base of ``rev`` and HEAD, else ``rev``."""
    known = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if known.returncode != 0 or rev.startswith("-"):
        raise TthcError("changes.error.bad-rev", rev=rev)
    commit = known.stdout.decode().strip()
    merged = _git(top, "merge-base", commit, "HEAD")
    return merged.stdout.decode().strip() if merged.returncode == 0 else commit


def changed_files(folder: Path, rev: str) -> frozenset[Path]:
    """Files under the repository of ``folder`` that changed since ``rev``, and untracked ones."""
    top = repository_top(folder)
    base = base_commit(top, rev)
    diff = _git(top, "diff", "--name-only", "-z", "--no-renames", base, "--")
    if diff.returncode != 0:
        raise TthcError("changes.error.bad-rev", rev=rev)
    untracked = _git(top, "ls-files", "-z", "--others", "--exclude-standard", "--full-name")
    names = _lines(diff.stdout) + (_lines(untracked.stdout) if untracked.returncode == 0 else [])
    return frozenset((top / name).resolve() for name in names)


def selection(catalog: Catalog, rev: str) -> frozenset[str] | None:
    """The files of ``catalog`` changed since ``rev``, named as findings name them; None (check
    everything) when the units registry or the config file is among the changes."""
    root = Path(catalog.root or ".").resolve()
    changed = changed_files(root, rev)
    shared = {root / UNITS_FILE}
    if catalog.config.path is not None:
        shared.add(catalog.config.path.resolve())
    if changed & shared:
        return None
    return frozenset(display_path(path) for path in changed)

"""The one module that runs git, read-only: it resolves revisions, reads blobs and lists changes.

Every call is ``git -C FOLDER …`` with arguments that cannot be taken for options: a revision is
resolved with ``rev-parse --verify --end-of-options SPEC^{commit}`` first, and everything after
that uses the full commit id it resolved to. The index and the working tree are never touched.
A missing git program, or a folder outside any repository, is an answer (None), not a crash;
the callers decide what it means for the user.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tthc_cli.errors import TthcError

GIT_MARKER = ".git"
# What GitHub sends as the "before" of a push that creates a branch: no base at all.
NO_COMMIT = "0" * 40


def _run(folder: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``git -C folder args``; a git that cannot start raises ``error.git-missing`` (exit 3)."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            input=data,
            capture_output=True,
            check=False,
            env=env,
        )
    except OSError as exc:
        raise TthcError("error.git-missing", detail=exc.strerror or str(exc)) from None


def _text(output: bytes) -> str:
    return output.decode("utf-8", "surrogateescape").strip()


def toplevel(folder: Path) -> Path | None:
    """The top folder of the git work tree holding ``folder``; None outside a repository (or
    when ``folder`` does not exist)."""
    if not folder.is_dir():
        return None
    done = _run(folder, "rev-parse", "--show-toplevel")
    return Path(_text(done.stdout)).resolve() if done.returncode == 0 and done.stdout else None


def resolve_commit(folder: Path, spec: str) -> str | None:
    """The full id of the commit ``spec`` names in the repository of ``folder``; None when it
    names none (or there is no repository). ``spec`` is never read as an option."""
    if not spec or "\0" in spec or not folder.is_dir():
        return None
    done = _run(
        folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}"
    )
    commit = _text(done.stdout)
    return commit if done.returncode == 0 and commit else None


def merge_base(folder: Path, commit: str, other: str = "HEAD") -> str | None:
    """The best common ancestor of two commits; None when they have none (or no HEAD yet)."""
    done = _run(folder, "merge-base", "--end-of-options", commit, other)
    return _text(done.stdout) if done.returncode == 0 else None


def is_ancestor(folder: Path, ancestor: str, descendant: str) -> bool:
    """Whether commit ``ancestor`` is an ancestor of (or the same as) ``descendant``."""
    done = _run(folder, "merge-base", "--is-ancestor", "--end-of-options", ancestor, descendant)
    return done.returncode == 0


def is_shallow(folder: Path) -> bool:
    """Whether the repository of ``folder`` is a shallow clone (its history cut short)."""
    done = _run(folder, "rev-parse", "--is-shallow-repository")
    return done.returncode == 0 and _text(done.stdout) == "true"


def _paths(output: bytes) -> list[str]:
    """NUL-separated paths (``-z``), decoded as git writes them (UTF-8)."""
    return [p for p in output.decode("utf-8", "surrogateescape").split("\0") if p]


def changed_since(top: Path, base: str, until: str | None = None) -> list[str]:
    """Paths (relative to ``top``, with ``/``) that differ between commit ``base`` and commit
    ``until``, or the working tree with untracked files that git does not ignore when ``until``
    is None. Deleted files are listed too."""
    ends = [base, until] if until else [base]
    diff = _run(top, "diff", "--name-only", "-z", "--no-renames", *ends, "--")
    if diff.returncode != 0:
        raise TthcError("error.git", rev=base, detail=_last_line(diff.stderr))
    names = _paths(diff.stdout)
    if until is None:
        untracked = _run(top, "ls-files", "-z", "--others", "--exclude-standard", "--full-name")
        names += _paths(untracked.stdout) if untracked.returncode == 0 else []
    return names


def _last_line(stderr: bytes) -> str:
    lines = _text(stderr).splitlines()
    return lines[-1] if lines else "git failed"


def tree_blobs(
    top: Path, commit: str, prefix: str, suffixes: tuple[str, ...], max_bytes: int | None = None
) -> dict[str, bytes | int]:
    """The regular files under ``prefix`` (a folder relative to ``top``; "" for all) in
    ``commit`` whose names end with ``suffixes``: path relative to ``prefix`` → bytes, or for a
    file over ``max_bytes`` its size (from the tree listing: it is never read). Symbolic
    links and submodules stored in the tree are not files and are left out."""
    listing = _run(top, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", prefix or ".")
    if listing.returncode != 0:
        raise TthcError("error.git", rev=commit, detail=_last_line(listing.stderr))
    entries = []
    blobs: dict[str, bytes | int] = {}
    cut = len(prefix.strip("/")) + 1 if prefix.strip("/") else 0
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha, listed = meta.split()[:4]  # listed: the blob's size ("-" if none)
        path = name.decode("utf-8", "surrogateescape")
        # 100644 and 100755 are files; 120000 is a symbolic link, 160000 a submodule
        if kind == b"blob" and mode in (b"100644", b"100755") and path.endswith(suffixes):
            if max_bytes is not None and int(listed) > max_bytes:
                blobs[path[cut:]] = int(listed)  # too large: never read
            else:
                entries.append((path, sha.decode()))
    request = "".join(f"{sha}\n" for _, sha in entries).encode()
    batch = _run(top, "cat-file", "--batch", data=request)
    if batch.returncode != 0:
        raise TthcError("error.git", rev=commit, detail=_last_line(batch.stderr))
    out = batch.stdout
    offset = 0
    for path, _sha in entries:
        header_end = out.index(b"\n", offset)
        size = int(out[offset:header_end].split()[2])
        start = header_end + 1
        blobs[path[cut:]] = out[start : start + size]
        offset = start + size + 1
    return blobs


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``.git`` (a folder, or a file in a
    worktree or submodule); None outside a repository. Found without running git."""
    for folder in (start, *start.parents):
        if os.path.exists(os.path.join(folder, GIT_MARKER)):
            return folder
    return None

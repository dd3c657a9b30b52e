"""File paths in the CI formats: relative to one base that does not depend on the current folder.

Findings name files as the human formats show them (:func:`tthc_cli.load.sources.display_path`:
relative to the current folder when below it, else absolute). CI tools need more: GitHub
(annotations, code scanning) and GitLab (Code Quality) link a path relative to the repository
root, and GitLab fingerprints must not change with the runner's checkout folder or with the
folder tthc was started from. So the CI formats (``sarif``, ``gitlab``, ``github``, ``junit``,
``json``; ``tthc diff`` ``github`` and ``gitlab``) rewrite every path with the :class:`CiPaths`
the command made and passed in ``OutputContext.ci_paths`` (without one, paths stay as shown):

1. The base is the repository root: the nearest folder, from the current folder upward, that
   holds ``.git`` (a folder, or a file in a worktree or submodule). Found without running git.
2. Outside a repository: the folder of the configuration tthc finds by default (the nearest
   ``tthc.yaml`` / ``.tthc.yaml`` from the current folder upward).

A path below the base is written relative to it, with ``/``. Any other path (or every path, when
there is no base) is written relative to the root of the repository that holds the file, if
one does (so ``tthc validate /checkout/procedures`` run from elsewhere still links), else as the
text format shows it: relative to the current folder when below it, else absolute. Run from the
repository root, the output is what it always was.

The message arguments that hold a path (:data:`PATH_ARGS`) are rewritten the same way, since
they appear in messages and in GitLab fingerprints.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tthc_cli.findings import ArgValue, Finding, ValidationResult
from tthc_cli.git import repository_root

# (rule, argument) pairs whose value is a path as findings show paths.
PATH_ARGS = frozenset(
    {
        ("unique-code", "other"),
        ("units-registry-missing", "root"),
        ("walk-symlink-loop", "target"),
    }
)


def ci_base(cwd: Path) -> Path | None:
    """The folder CI paths are relative to, seen from ``cwd`` (see the module documentation)."""
    root = repository_root(cwd)
    if root is not None:
        return root
    from tthc_cli.load.config_file import find_config

    config = find_config(cwd)
    return config.parent if config is not None else None


def _below(path: str, base: str) -> str | None:
    """``path`` relative to ``base`` with ``/`` (both absolute and normalised), or None."""
    if path == base:
        return "."
    prefix = os.path.join(base, "")
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return None


class CiPaths:
    """Rewrites paths as findings show them into CI paths; ``cwd`` is what relative ones are
    relative to (the current folder by default)."""

    def __init__(self, cwd: Path | None = None) -> None:
        self.cwd = Path.cwd() if cwd is None else cwd
        self.base = ci_base(self.cwd)
        self._done: dict[str, str] = {}
        self._folders: dict[str, str | None] = {}  # a folder's CI path (see _found)

    def __call__(self, shown: str) -> str:
        done = self._done.get(shown)
        if done is None:
            done = self._done[shown] = self._rewrite(shown)
        return done

    def _rewrite(self, shown: str) -> str:
        if not shown:
            return shown
        absolute = os.path.normpath(os.path.join(self.cwd, shown))
        found = None if self.base is None else _below(absolute, os.path.normpath(self.base))
        if found is None:
            found = self._found(absolute)
        return shown if found is None else found

    def _found(self, absolute: str) -> str | None:
        """The CI path of ``absolute`` when it lies outside the base, or None (shown as is).

        A plain file (not a folder, not a link) has its folder's answer with its name added:
        a catalog's files share a few folders, and resolving each file's path (``realpath``,
        a repository root found by looking for ``.git`` in every folder above) cost 0.4 s at
        5,000 files."""
        folder, name = os.path.split(absolute)
        try:
            mode = os.lstat(absolute).st_mode
        except (OSError, ValueError):
            mode = None
        if not name or mode is None or stat.S_ISDIR(mode) or stat.S_ISLNK(mode):
            return self._resolved(absolute)
        if folder not in self._folders:
            self._folders[folder] = self._resolved(folder)
        prefix = self._folders[folder]
        if prefix is None:
            return None
        return name if prefix == "." else f"{prefix}/{name}"

    def _resolved(self, absolute: str) -> str | None:
        found = None
        real = os.path.realpath(absolute)  # a path given through a symbolic link
        if self.base is not None:
            found = _below(real, os.path.realpath(self.base))
        for candidate in dict.fromkeys((absolute, real)):
            if found is not None:
                break
            root = repository_root(Path(candidate))
            if root is not None:
                found = _below(candidate, os.path.normpath(root))
        return found


def _finding(f: Finding, paths: Callable[[str], str]) -> Finding:
    """``f`` with its file and path arguments rewritten (``f`` itself when none change)."""
    file = paths(f.file)
    args: tuple[tuple[str, ArgValue], ...] = tuple(
        (name, paths(value) if (f.rule, name) in PATH_ARGS and isinstance(value, str) else value)
        for name, value in f.args
    )
    if file == f.file and args == f.args:
        return f
    return replace(f, pos=replace(f.pos, file=file), args=args)


def for_ci(
    result: ValidationResult, paths: Callable[[str], str] | None, every_file: bool = False
) -> ValidationResult:
    """``result`` with the paths of its findings rewritten by ``paths`` (a :class:`CiPaths`),
    and with ``every_file`` those of every checked file too (a format that lists them: JUnit;
    the others only count them); ``result`` itself without ``paths`` or when no path
    changes."""
    if paths is None:
        return result
    findings = [_finding(f, paths) for f in result.findings]
    shown = tuple(paths(p) for p in result.paths) if every_file else result.paths
    if shown == result.paths and all(
        new is old for new, old in zip(findings, result.findings, strict=True)
    ):
        return result
    return ValidationResult(tuple(findings), shown)  # the engine's order: registries first

"""Where catalog files come from: a folder on disk, or a folder as it stands in a git revision.

A source lists YAML files (paths relative to the catalog folder, with ``/``), reads their
bytes and names them the way findings show them. It reads; the loader parses.
"""

from __future__ import annotations

import builtins
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tthc_cli import git
from tthc_cli.findings import Finding, Pos, Severity, make

YAML_SUFFIXES = (".yaml", ".yml")


class Source(Protocol):
    """Where catalog files come from: a folder on disk or a git revision."""

    def list(self) -> list[str]: ...

    def read(self, rel: str) -> bytes: ...

    def display(self, rel: str) -> str: ...


def display_path(path: Path) -> str:
    """A path as findings show it: relative to the working folder when below it, with ``/``."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


@dataclass
class DirSource:
    """A catalog folder on disk, walked once; symbolic-link loops are reported and skipped."""

    root: Path

    def __post_init__(self) -> None:
        self.walk_findings: list[Finding] = []
        self._listing: list[str] | None = None
        self._base = str(self.root)
        shown = display_path(self.root)
        self._shown_prefix = "" if shown == "." else shown.rstrip("/") + "/"

    def list(self) -> list[str]:
        if self._listing is None:
            self._listing = self._walk()
        return self._listing

    def _walk(self) -> builtins.list[str]:
        found: builtins.list[str] = []
        seen: set[tuple[int, int]] = set()
        stack = [self.root]
        while stack:
            folder = stack.pop()
            try:
                info = folder.stat()
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                self.walk_findings.append(
                    make(
                        "file-unreadable", Severity.ERROR, Pos(display_path(folder)), error=str(exc)
                    )
                )
                continue
            if (info.st_dev, info.st_ino) in seen:
                self.walk_findings.append(
                    make(
                        "walk-symlink-loop",
                        Severity.WARNING,
                        Pos(display_path(folder)),
                        target=os.path.realpath(folder),
                    )
                )
                continue
            seen.add((info.st_dev, info.st_ino))
            cut = len(os.path.join(self._base, ""))
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    continue
                if is_dir:
                    stack.append(Path(entry.path))
                elif entry.name.endswith(YAML_SUFFIXES):
                    found.append(entry.path[cut:].replace(os.sep, "/"))
        return sorted(found)

    def read(self, rel: str) -> bytes:
        with open(os.path.join(self._base, rel), "rb") as handle:
            return handle.read()

    def display(self, rel: str) -> str:
        """``display_path(root / rel)``, without building a path per file."""
        return self._shown_prefix + rel


@dataclass
class GitSource:
    """A catalog folder as it stands in a git commit, read from objects (no checkout).

    ``label`` is the revision as the user wrote it (findings name files ``LABEL:path``);
    ``commit`` the full id it resolved to, which is what git is asked for.
    """

    repo: Path
    commit: str
    label: str
    subdir: str = ""

    def __post_init__(self) -> None:
        self._blobs: dict[str, bytes] | None = None

    def _load(self) -> dict[str, bytes]:
        if self._blobs is None:
            self._blobs = git.tree_blobs(
                self.repo, self.commit, self.subdir.strip("/"), YAML_SUFFIXES
            )
        return self._blobs

    def list(self) -> list[str]:
        return sorted(
            rel for rel in self._load() if not any(p.startswith(".") for p in rel.split("/"))
        )

    def read(self, rel: str) -> bytes:
        return self._load()[rel]

    def display(self, rel: str) -> str:
        prefix = self.subdir.strip("/")
        return f"{self.label}:{prefix + '/' if prefix else ''}{rel}"

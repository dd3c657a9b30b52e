"""Where catalog files come from: a folder on disk, or a folder as it stands in a git revision.

A source lists YAML files (paths relative to the catalog folder, with ``/``), reads their
bytes and names them the way findings show them. It reads; the loader parses.
"""

from __future__ import annotations

import builtins
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tthc_cli.errors import TthcError
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
    """A catalog folder as it stands in a git revision, read from objects (no checkout)."""

    repo: Path
    rev: str
    subdir: str = ""

    def __post_init__(self) -> None:
        self._blobs: dict[str, bytes] | None = None

    def _git(self, *args: str, data: bytes | None = None) -> bytes:
        try:
            done = subprocess.run(
                ["git", "-C", str(self.repo), *args], input=data, capture_output=True, check=False
            )
        except OSError as exc:
            raise TthcError("error.git", rev=self.rev, detail=str(exc)) from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise TthcError(
                "error.git", rev=self.rev, detail=detail[-1] if detail else "git failed"
            )
        return done.stdout

    def _load(self) -> dict[str, bytes]:
        if self._blobs is None:
            self._git("rev-parse", "--verify", "--quiet", f"{self.rev}^{{commit}}")
            prefix = self.subdir.strip("/")
            listing = self._git("ls-tree", "-r", "-z", "--full-tree", self.rev, "--", prefix or ".")
            entries = []
            for record in listing.split(b"\0"):
                if not record:
                    continue
                meta, _, name = record.partition(b"\t")
                parts = meta.split()
                path = name.decode("utf-8", "surrogateescape")
                if parts[1] == b"blob" and path.endswith(YAML_SUFFIXES):
                    entries.append((path, parts[2].decode()))
            batch = self._git(
                "cat-file", "--batch", data="".join(f"{sha}\n" for _, sha in entries).encode()
            )
            blobs: dict[str, bytes] = {}
            offset = 0
            for path, _sha in entries:
                header_end = batch.index(b"\n", offset)
                size = int(batch[offset:header_end].split()[2])
                start = header_end + 1
                rel = path[len(prefix) + 1 :] if prefix else path
                blobs[rel] = batch[start : start + size]
                offset = start + size + 1
            self._blobs = blobs
        return self._blobs

    def list(self) -> list[str]:
        return sorted(
            rel for rel in self._load() if not any(p.startswith(".") for p in rel.split("/"))
        )

    def read(self, rel: str) -> bytes:
        return self._load()[rel]

    def display(self, rel: str) -> str:
        prefix = self.subdir.strip("/")
        return f"{self.rev}:{prefix + '/' if prefix else ''}{rel}"

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
from tthc_cli.config import Config, Limits
from tthc_cli.findings import Finding, Pos, Severity, make
from tthc_cli.load import opening

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
    """A catalog folder on disk, walked once.

    Files are read by :func:`~tthc_cli.load.opening.read_file`: regular files only, at most
    ``max_bytes`` each. A symbolic link (to a file or a folder) is followed only when
    ``follow_symlinks`` is on and its target lies inside the folder; otherwise it is a finding
    naming the link, and nothing is read through it. Links that loop are reported and skipped.
    """

    root: Path
    max_bytes: int | None = Limits().max_file_bytes
    follow_symlinks: bool = False

    @classmethod
    def for_config(cls, root: Path, config: Config) -> DirSource:
        return cls(root, config.limits.max_file_bytes, config.follow_symlinks)

    def __post_init__(self) -> None:
        self.walk_findings: list[Finding] = []
        self._listing: list[str] | None = None
        self._base = str(self.root)
        self._real: str | None = None
        self._special: set[str] = set()  # names of pipes, devices, sockets: never opened
        shown = display_path(self.root)
        self._shown_prefix = "" if shown == "." else shown.rstrip("/") + "/"

    @property
    def real_root(self) -> str:
        if self._real is None:
            self._real = os.path.realpath(self._base)
        return self._real

    def list(self) -> list[str]:
        if self._listing is None:
            self._listing = self._walk()
        return self._listing

    def _finding(self, rule: str, folder: str, **args: str) -> None:
        severity = opening.SEVERITY.get(rule, Severity.WARNING)
        if rule == "file-unreadable":
            severity = Severity.ERROR
        self.walk_findings.append(make(rule, severity, Pos(display_path(Path(folder))), **args))

    def _linked_folder(self, path: str) -> bool | None:
        """For the link ``path``: True, a folder to walk; None, a folder not to walk (with a
        finding saying why); False, not a folder (a file: :meth:`read` decides)."""
        target = os.path.realpath(path)
        if not os.path.isdir(target):
            return False
        if not opening.inside(target, self.real_root):
            self._finding(opening.OUTSIDE, path)
        elif not self.follow_symlinks:
            self._finding(opening.SYMLINK, path)
        else:
            return True
        return None

    def _walk(self) -> builtins.list[str]:
        """The YAML files below the root. Real folders are walked before linked ones, so a link
        to a folder already seen is the one reported as a loop, never the folder itself."""
        found: builtins.list[str] = []
        seen: set[tuple[int, int]] = set()
        stack: builtins.list[str] = [self._base]
        linked: builtins.list[str] = []
        cut = len(os.path.join(self._base, ""))
        while stack or linked:
            folder = stack.pop() if stack else linked.pop(0)
            try:
                info = os.stat(folder)
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                self._finding("file-unreadable", folder, error=str(exc))
                continue
            if (info.st_dev, info.st_ino) in seen:
                self._finding("walk-symlink-loop", folder, target=os.path.realpath(folder))
                continue
            seen.add((info.st_dev, info.st_ino))
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False) and not _is_junction(entry):
                        stack.append(entry.path)
                        continue
                    if entry.is_symlink() or _is_junction(entry):
                        folder_link = self._linked_folder(entry.path)
                        if folder_link:
                            linked.append(entry.path)
                        if folder_link is not False:
                            continue
                    elif not entry.is_file(follow_symlinks=False):
                        self._special.add(entry.path[cut:].replace(os.sep, "/"))
                except OSError:
                    continue
                if entry.name.endswith(YAML_SUFFIXES):
                    found.append(entry.path[cut:].replace(os.sep, "/"))
        return sorted(found)

    def read(self, rel: str) -> bytes:
        """A file's bytes (see the class); ``OSError`` (:class:`~tthc_cli.load.opening.Refused`,
        :class:`~tthc_cli.load.opening.TooLarge`) when it is not to be read."""
        if rel in self._special:
            raise opening.Refused(opening.NOT_REGULAR)
        path = os.path.join(self._base, rel)
        fd, size = opening.open_regular(path, self.real_root, self.follow_symlinks)
        return opening.read_fd(fd, size, self.max_bytes)

    def display(self, rel: str) -> str:
        """``display_path(root / rel)``, without building a path per file."""
        return self._shown_prefix + rel


def _is_junction(entry: os.DirEntry[str]) -> bool:
    """A Windows junction (a folder link that ``is_symlink`` does not report)."""
    return os.name == "nt" and opening.is_link(entry.stat(follow_symlinks=False))


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
    max_bytes: int | None = Limits().max_file_bytes  # larger files are never read

    def __post_init__(self) -> None:
        self._blobs: dict[str, bytes | int] | None = None

    def _load(self) -> dict[str, bytes | int]:
        if self._blobs is None:
            self._blobs = git.tree_blobs(
                self.repo, self.commit, self.subdir.strip("/"), YAML_SUFFIXES, self.max_bytes
            )
        return self._blobs

    def list(self) -> list[str]:
        return sorted(
            rel for rel in self._load() if not any(p.startswith(".") for p in rel.split("/"))
        )

    def read(self, rel: str) -> bytes:
        """A file's bytes; :class:`~tthc_cli.load.opening.TooLarge` for one over ``max_bytes``
        (known from the tree's listing, never read)."""
        found = self._load()[rel]
        if isinstance(found, int):
            raise opening.TooLarge(found, self.max_bytes or 0)
        return found

    def display(self, rel: str) -> str:
        prefix = self.subdir.strip("/")
        return f"{self.label}:{prefix + '/' if prefix else ''}{rel}"

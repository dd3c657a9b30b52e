"""Writing an import's plan into a catalog folder: one run at a time, a journal first, every file
atomically (:func:`tthc_cli.cli._writing.write_file`), never over a file that changed since the
plan was made.

A run holds an OS lock on ``<folder>/.tthc-import.lock`` while it writes (released by the system
even when the run is killed), so a second run stops with a clear message instead of racing.
Before writing it records the plan in ``<folder>/.tthc-import-journal.json``; the next run finds
the journal of a killed one, reports how far it got, removes the temporary files it left
(``.tthc-<name>.yaml.<random>.tmp``: only an import writes those, and no import is running) and
writes its own plan, which finishes the work. The journal and the lock file are removed at the
end of a run that completes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from tthc_cli.cli._writing import TMP_PREFIX, TMP_SUFFIX, write_file
from tthc_cli.errors import TthcError
from tthc_cli.importer import journal
from tthc_cli.importer.run import CHANGED, EXISTS, NEW, Outcome
from tthc_cli.load import portal as portal_files

FOLDERS = ("public", "internal")


@dataclass(frozen=True, slots=True)
class Resumed:
    """What the journal of an interrupted run says (paths per state)."""

    started: str
    done: int
    pending: int
    other: int

    @property
    def total(self) -> int:
        return self.done + self.pending + self.other


@dataclass(frozen=True, slots=True)
class Written:
    outcomes: list[Outcome]
    resumed: Resumed | None
    cleaned: int


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - exercised on Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def locked(into: Path) -> Iterator[None]:
    """Hold the folder's import lock; another run holding it is an error (exit 3)."""
    path = into / journal.LOCK
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise TthcError(
                "error.output", path=str(path), detail=exc.strerror or str(exc)
            ) from None
        if not _try_lock(fd):
            os.close(fd)
            raise TthcError("import.error.busy", path=str(into))
        try:
            same = os.name == "nt" or os.fstat(fd).st_ino == os.stat(path).st_ino
        except OSError:
            same = False
        if same:  # not a lock file another run removed after we opened it
            break
        os.close(fd)
    try:
        yield
    finally:
        if os.name != "nt":
            with contextlib.suppress(OSError):
                os.unlink(path)
        os.close(fd)


def _ours(name: str) -> bool:
    """A temporary file an import writes: ``.tthc-<code>.yaml.<random>.tmp`` or the journal's."""
    if not (name.startswith(TMP_PREFIX) and name.endswith(TMP_SUFFIX)):
        return False
    inner = name[len(TMP_PREFIX) : -len(TMP_SUFFIX)]
    return ".yaml." in inner or inner.startswith(journal.NAME + ".")


def clean(into: Path) -> int:
    """Remove the temporary files a killed import left (safe: this run holds the lock)."""
    removed = 0
    for folder in (into, *(into / name for name in FOLDERS)):
        try:
            names = [e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
        except OSError:
            continue
        for name in names:
            if _ours(name):
                with contextlib.suppress(OSError):
                    os.unlink(folder / name)
                    removed += 1
    return removed


def _resumed(into: Path) -> Resumed | None:
    raw = portal_files.read_existing(into / journal.NAME)
    loaded = journal.load(raw.decode("utf-8", "replace")) if raw is not None else None
    if loaded is None:
        return None
    started, items = loaded
    state = journal.progress(items, lambda rel: portal_files.read_existing(into / rel))
    return Resumed(
        started, len(state[journal.DONE]), len(state[journal.PENDING]), len(state[journal.OTHER])
    )


def _write_one(into: Path, outcome: Outcome) -> Outcome:
    target = into / outcome.path
    data = outcome.content.encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    if outcome.status == CHANGED:
        if portal_files.read_existing(target) != outcome.before:
            return replace(outcome, status=EXISTS, error="import.failed.changed-meanwhile")
        write_file(target, data, overwrite=True)
        return outcome
    try:
        write_file(target, data, overwrite=False)
    except TthcError as error:
        if error.key != "error.exists":
            raise
        return replace(outcome, status=EXISTS, error="import.failed.changed-meanwhile")
    return outcome


def write_plan(into: Path, outcomes: list[Outcome]) -> Written:
    """Write every outcome that writes, under the lock and the journal; the outcomes as done."""
    if not any(o.writes for o in outcomes):
        return Written(outcomes, None, 0)
    into.mkdir(parents=True, exist_ok=True)
    with locked(into):
        resumed = _resumed(into)
        cleaned = clean(into)
        started = datetime.now().astimezone().isoformat(timespec="seconds")
        record = journal.dump(journal.entries(outcomes), started)
        write_file(into / journal.NAME, record.encode("utf-8"), overwrite=True)
        done = [_write_one(into, o) if o.status in (NEW, CHANGED) else o for o in outcomes]
        with contextlib.suppress(OSError):
            os.unlink(into / journal.NAME)
    return Written(done, resumed, cleaned)

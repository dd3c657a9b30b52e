"""The journal of ``import --update``: what a run is about to write, so that a run killed half
way is reported and finished by the next one. Pure: the plan in, JSON text out, and back.

Before writing, the run records each file it will write with a digest of the bytes it found
(``before``; none for a new file) and of the bytes it will write (``after``). The journal is
written once; progress is read from the files themselves: a file whose bytes now have the
``after`` digest is written, one still at ``before`` is not, and one at neither was changed by
someone else meanwhile. The run deletes the journal when it has finished.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tthc_cli.importer.run import Outcome

NAME = ".tthc-import-journal.json"
LOCK = ".tthc-import.lock"
FORMAT = 1
DONE, PENDING, OTHER = "done", "pending", "other"


def digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    before: str | None
    after: str


def entries(outcomes: Iterable[Outcome]) -> list[Entry]:
    return [
        Entry(o.path, digest(o.before), digest(o.content.encode("utf-8")) or "")
        for o in outcomes
        if o.writes
    ]


def dump(items: list[Entry], started: str) -> str:
    data = {
        "format": FORMAT,
        "started": started,
        "files": [{"path": e.path, "before": e.before, "after": e.after} for e in items],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def load(text: str) -> tuple[str, list[Entry]] | None:
    """The start time and entries of a journal; None when it is not one of ours."""
    try:
        data = json.loads(text)
        files = [
            Entry(str(f["path"]), f["before"], str(f["after"]))
            for f in data["files"]
            if isinstance(f["path"], str)
        ]
        return str(data.get("started", "")), files
    except (ValueError, KeyError, TypeError):
        return None


def progress(items: list[Entry], current: Callable[[str], bytes | None]) -> dict[str, list[str]]:
    """Which files of an interrupted run were written, are still to write, or changed since."""
    out: dict[str, list[str]] = {DONE: [], PENDING: [], OTHER: []}
    for entry in items:
        now = digest(current(entry.path))
        state = DONE if now == entry.after else PENDING if now == entry.before else OTHER
        out[state].append(entry.path)
    return out

"""The journal of ``import --update``: written once, read back, progress told by the files."""

from __future__ import annotations

from tthc_cli.importer.journal import DONE, OTHER, PENDING, digest, dump, entries, load, progress
from tthc_cli.importer.run import CHANGED, NEW, UNCHANGED, Outcome


def test_the_plan_round_trips_and_the_files_tell_the_progress() -> None:
    outcomes = [
        Outcome("a", CHANGED, "1.1", "public/a.yaml", "new a", before=b"old a"),
        Outcome("b", NEW, "1.2", "public/b.yaml", "new b"),
        Outcome("c", CHANGED, "1.3", "public/c.yaml", "new c", before=b"old c"),
        Outcome("d", UNCHANGED, "1.4", "public/d.yaml", "same", before=b"same"),
    ]
    items = entries(outcomes)
    assert [e.path for e in items] == ["public/a.yaml", "public/b.yaml", "public/c.yaml"]
    assert items[1].before is None and items[0].after == digest(b"new a")
    loaded = load(dump(items, "2026-12-01T10:00:00+07:00"))
    assert loaded == ("2026-12-01T10:00:00+07:00", items)
    files = {"public/a.yaml": b"new a", "public/c.yaml": b"edited by hand"}
    state = progress(items, files.get)
    assert state == {DONE: ["public/a.yaml"], PENDING: ["public/b.yaml"], OTHER: ["public/c.yaml"]}


def test_a_file_that_is_not_a_journal() -> None:
    assert load("not json") is None
    assert load('{"files": [{"path": 3}]}') == ("", [])
    assert load('{"started": "x"}') is None

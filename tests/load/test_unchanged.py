"""The cache's index of unchanged files: a run where nothing changed opens no catalog file, and
no edit is ever taken for "unchanged" — same size, same second, restored modification time,
an edit during the read, a file turned into a link or a pipe, a smaller size limit."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import make_catalog, procedure
from tthc_cli.cli._loading import open_cache, validated
from tthc_cli.findings import ValidationResult
from tthc_cli.formats import OutputContext
from tthc_cli.load import unchanged
from tthc_cli.load.config_file import resolve_config
from tthc_cli.load.files import LoadOptions
from tthc_cli.load.reading import list_paths
from tthc_cli.load.sources import DirSource
from tthc_cli.load.unchanged import StatIndex, content_digest
from tthc_cli.reporters import json_

posix_only = pytest.mark.skipif(os.name != "posix", reason="links and FIFOs as on POSIX")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The catalog files read through a folder source, in order."""
    seen: list[str] = []
    original = DirSource.read

    def read(self: DirSource, rel: str) -> bytes:
        seen.append(rel)
        return original(self, rel)

    monkeypatch.setattr(DirSource, "read", read)
    yield seen


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as quiet at once (no waiting out RACY_NS)."""
    monkeypatch.setattr(unchanged, "RACY_NS", -(10**12))


def _catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    catalog = make_catalog(
        tmp_path,
        {"p/2.001219.yaml": procedure(), "p/2.001220.yaml": procedure("2.001220")},
    )
    monkeypatch.setenv("TTHC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return catalog


def _run(catalog: Path, cached: bool = True) -> str:
    config = resolve_config([catalog], None)
    options = LoadOptions(open_cache(config, not cached))
    result: ValidationResult = validated(list_paths([catalog], config), options)
    return json_.render(result, OutputContext(lang="vi"))


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (same length) in place, then put the modification time back:
    what a coarse clock, ``touch -r`` or a restoring tool would leave."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    with open(path, "r+b") as handle:  # same inode
        handle.write(text.replace(old, new).encode())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )


@pytest.mark.usefixtures("quiet")
def test_nothing_changed_opens_no_catalog_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[str]
) -> None:
    catalog = _catalog(tmp_path, monkeypatch)
    first = _run(catalog)
    assert {"p/2.001219.yaml", "p/2.001220.yaml", "units.yaml"} <= set(opened)
    opened.clear()
    assert _run(catalog) == first
    assert set(opened) <= {"legal.yaml"}  # absent: looked for, as every run must


@pytest.mark.usefixtures("quiet")
def test_a_same_size_edit_with_the_old_modification_time_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[str]
) -> None:
    catalog = _catalog(tmp_path, monkeypatch)
    _run(catalog)
    target = catalog / "p" / "2.001220.yaml"
    _same_size_edit(target, "kind: public", "kind: secret")  # a schema error, same size
    opened.clear()
    cached, fresh = _run(catalog), _run(catalog, cached=False)
    assert cached == fresh
    assert '"rule": "schema"' in cached
    assert "p/2.001220.yaml" in opened  # its change time told


def test_a_file_edited_in_the_last_seconds_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[str]
) -> None:
    """With the real clock, files just written are racy: never recorded, so always read."""
    catalog = _catalog(tmp_path, monkeypatch)
    _run(catalog)
    opened.clear()
    _run(catalog)
    assert "p/2.001219.yaml" in opened and "p/2.001220.yaml" in opened


def test_an_entry_is_recorded_only_for_a_quiet_file_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n")
    mtime = path.stat().st_mtime_ns
    # Read right after the last change: racy, not recorded.
    index = StatIndex(str(tmp_path), clock=lambda: mtime)
    assert index.read("x.yaml", lambda rel: path.read_bytes()) == b"a: 1\n"
    assert index.entries == {} and not index.changed
    # Read well after it: recorded with the digest of what was read.
    later = max(mtime, path.stat().st_ctime_ns) + unchanged.RACY_NS
    index = StatIndex(str(tmp_path), clock=lambda: later)
    index.read("x.yaml", lambda rel: path.read_bytes())
    assert index.entries["x.yaml"][4] == content_digest(b"a: 1\n") and index.changed
    assert index.known("x.yaml") == content_digest(b"a: 1\n")

    # Edited while being read: the status after differs, nothing is recorded.
    def racing(rel: str) -> bytes:
        data = path.read_bytes()
        path.write_bytes(b"a: 22\n")
        return data

    index = StatIndex(str(tmp_path), clock=lambda: later + 10**12)
    index.read("x.yaml", racing)
    assert "x.yaml" not in index.entries


def test_an_entry_above_the_size_limit_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n" * 10)
    info = path.stat()
    entry = (*unchanged.status_of(info), content_digest(path.read_bytes()))
    assert StatIndex(str(tmp_path), {"x.yaml": entry}).known("x.yaml") == entry[4]
    assert StatIndex(str(tmp_path), {"x.yaml": entry}, max_bytes=10).known("x.yaml") is None


def test_the_stored_index_round_trips_and_damage_is_a_miss(tmp_path: Path) -> None:
    index = StatIndex(str(tmp_path))
    index.entries = {
        "a.yaml": (5, 10**18, 10**18 + 1, 42, b"d" * 20),
        "b/c.yaml": (0, 1, 2, 3, b"e" * 20),
    }
    assert StatIndex.unpacked(index.packed()) == index.entries
    names, numbers, digests = index.packed()
    for damaged in (
        None,
        (names, numbers),
        (names, numbers[:-1], digests),
        (names, numbers, digests + b"x"),
        ((1, 2), numbers, digests),
        {"a.yaml": (5, 1, 2, 3, b"d" * 20)},
    ):
        assert StatIndex.unpacked(damaged) is None


@posix_only
@pytest.mark.usefixtures("quiet")
@pytest.mark.parametrize("replacement", ["symlink", "fifo"])
def test_a_known_file_turned_into_a_link_or_a_pipe_is_refused_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replacement: str
) -> None:
    catalog = _catalog(tmp_path, monkeypatch)
    _run(catalog)
    target = catalog / "p" / "2.001220.yaml"
    target.unlink()
    if replacement == "symlink":
        target.symlink_to("/dev/zero")
    else:
        os.mkfifo(target)
    started = time.monotonic()
    cached, fresh = _run(catalog), _run(catalog, cached=False)
    assert time.monotonic() - started < 30  # never blocks on the pipe
    assert cached == fresh
    rule = "file-outside-catalog" if replacement == "symlink" else "file-not-regular"
    assert f'"rule": "{rule}"' in cached


@pytest.mark.usefixtures("quiet")
def test_removed_and_added_files_change_the_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = _catalog(tmp_path, monkeypatch)
    _run(catalog)
    (catalog / "p" / "2.001220.yaml").unlink()
    assert _run(catalog) == _run(catalog, cached=False)
    (catalog / "p" / "2.001221.yaml").write_text(
        (catalog / "p" / "2.001219.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    cached = _run(catalog)
    assert cached == _run(catalog, cached=False)
    assert '"rule": "unique-code"' in cached


@pytest.mark.usefixtures("quiet")
def test_a_catalog_plan_file_is_in_the_index_and_its_edits_are_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[str]
) -> None:
    catalog = _catalog(tmp_path, monkeypatch)
    plan = catalog / "plans" / "local.yaml"
    plan.parent.mkdir()
    plan.write_text("id: local\ntitle: 3\n", encoding="utf-8")  # a schema error
    first = _run(catalog)
    assert "plans/local.yaml" in opened and "plans/local.yaml" in first
    opened.clear()
    assert _run(catalog) == first
    assert "plans/local.yaml" not in opened  # unchanged: known from the index
    _same_size_edit(plan, "title: 3", "titel: 3")  # another finding, same size and time
    cached, fresh = _run(catalog), _run(catalog, cached=False)
    assert cached == fresh != first
    assert "plans/local.yaml" in opened

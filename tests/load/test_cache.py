"""The cache's store of results: written as results come, replaced whole or not at all, a
selection keeps the results of the files it did not read, and a damaged blob only costs a
rebuild of its files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import make_catalog, procedure
from tthc_cli.cli._loading import validated
from tthc_cli.config import Config, Limits
from tthc_cli.load import catalog as catalog_loader
from tthc_cli.load import files, pool
from tthc_cli.load.cache import Cache, file_key
from tthc_cli.load.catalog import load_paths, units_codec
from tthc_cli.load.config_file import resolve_config
from tthc_cli.load.files import LoadOptions
from tthc_cli.load.pickling import PLAIN
from tthc_cli.load.reading import read_paths


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


def test_store_is_replaced_only_when_writing_ends_normally(tmp_path: Path) -> None:
    cache = Cache.for_settings("s", tmp_path)
    with cache.blobs_writer("scope") as put:
        put(("a",), b"1")
    with pytest.raises(RuntimeError), cache.blobs_writer("scope") as put:
        put(("b",), b"2")
        raise RuntimeError("a build failed half-way")
    assert cache.blobs("scope") == [(("a",), b"1")]
    with cache.blobs_writer("scope") as put:
        put(("b", "c"), b"2")
        put(("d",), b"3")
    assert cache.blobs("scope") == [(("b", "c"), b"2"), (("d",), b"3")]
    assert _leftovers(tmp_path) == []


def test_a_failing_write_gives_up_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache.for_settings("s", tmp_path)
    with cache.blobs_writer("scope") as put:
        put(("a",), b"1")
    real, calls = PLAIN.dump, []

    def full_disk(value: Any, stream: Any, overrides: Any = None) -> None:
        calls.append(value)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(value, stream, overrides)

    monkeypatch.setattr(PLAIN, "dump", full_disk)
    with cache.blobs_writer("scope") as put:
        for key in "bcde":
            put((key,), b"x")
    monkeypatch.undo()
    assert len(calls) == 3  # nothing more was written once writing failed
    assert cache.blobs("scope") == [(("a",), b"1")]
    assert _leftovers(tmp_path) == []


def _catalog(tmp_path: Path) -> tuple[Path, Config, LoadOptions]:
    files = {f"p/{i}.yaml": procedure(f"1.00000{i}") for i in range(1, 5)}
    root = make_catalog(tmp_path / "c", files)
    cache = Cache.for_settings("s", tmp_path / "cache")
    return root, resolve_config([root], None), LoadOptions(cache=cache)


def test_selection_keeps_other_entries_and_a_later_full_run_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "SMALL_SELECTION", 1)  # so that one file uses the store
    root, config, options = _catalog(tmp_path)
    load_paths([root], config, options)
    (root / "p/2.yaml").write_text(
        (root / "p/2.yaml").read_text(encoding="utf-8").replace("Thủ tục", "Thủ tục mới"),
        encoding="utf-8",
    )
    built = _counting(monkeypatch)
    load_paths([root / "p/2.yaml"], config, options)
    assert built == ["2.yaml"]
    full = load_paths([root], config, options)
    assert built == ["2.yaml"]  # every entry was kept, the changed one updated
    assert [p.name for p in full.procedures if p.code == "1.000002"] == ["Thủ tục mới thử nghiệm"]


def test_small_selection_leaves_the_store_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, config, options = _catalog(tmp_path)
    load_paths([root], config, options)
    (root / "p/2.yaml").write_text(
        (root / "p/2.yaml").read_text(encoding="utf-8") + "note: khác\n", encoding="utf-8"
    )

    def untouched(*_: object) -> None:
        raise AssertionError("the store was used")

    monkeypatch.setattr(Cache, "blobs", untouched)
    monkeypatch.setattr(Cache, "blobs_writer", untouched)
    small = load_paths([root / "p/2.yaml"], config, options)
    assert [p.note for p in small.procedures] == ["khác"]
    monkeypatch.setattr(files, "SMALL_SELECTION", 1)
    with pytest.raises(AssertionError, match="the store was used"):
        load_paths([root / "p/2.yaml"], config, options)


def test_a_selections_result_does_not_replace_the_whole_catalogs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, config, options = _catalog(tmp_path)
    whole = validated(read_paths([root], config), options)
    one = validated(read_paths([root / "p/1.yaml"], config), options)
    assert one.paths != whole.paths

    def no_build(*_: object) -> None:
        raise AssertionError("built instead of reused")

    monkeypatch.setattr(catalog_loader, "build_catalog", no_build)
    assert validated(read_paths([root], config), options) == whole
    assert validated(read_paths([root / "p/1.yaml"], config), options) == one


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    built: list[str] = []
    real = pool.process_procedure

    def counting(raw: bytes, file: str, limits: Limits) -> files.FileResult:
        built.append(file.rsplit("/", 1)[-1])
        return real(raw, file, limits)

    monkeypatch.setattr(pool, "process_procedure", counting)
    return built


def _edit(root: Path, *names: str) -> None:
    for name in names:
        path = root / "p" / name
        path.write_text(path.read_text(encoding="utf-8") + "note: sửa\n", encoding="utf-8")


def test_a_damaged_blob_costs_a_rebuild_of_its_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "CHUNK", 2)
    root, config, options = _catalog(tmp_path)
    fresh = load_paths([root], config, options)
    assert options.cache is not None
    blobs = options.cache.blobs(str(root))
    assert [len(keys) for keys, _ in blobs] == [2, 2]
    with options.cache.blobs_writer(str(root)) as put:
        put(*blobs[0])
        put(blobs[1][0], blobs[1][1][:-9])  # cut short
    built = _counting(monkeypatch)
    assert load_paths([root], config, options) == fresh
    assert built == ["3.yaml", "4.yaml"]
    assert load_paths([root], config, options) == fresh
    assert built == ["3.yaml", "4.yaml"]  # stored again, whole


def test_mostly_stale_blobs_are_dropped_and_their_current_results_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, config, options = _catalog(tmp_path)
    load_paths([root], config, options)
    assert options.cache is not None
    _edit(root, "1.yaml", "2.yaml", "3.yaml")  # one of the blob's four files stays current
    built = _counting(monkeypatch)
    changed = load_paths([root], config, options)
    assert sorted(built) == ["1.yaml", "2.yaml", "3.yaml"]
    stored = sorted(key for keys, _ in options.cache.blobs(str(root)) for key in keys)
    assert len(stored) == 4  # the old blob (three stale results) is gone, 4.yaml kept
    assert load_paths([root], config, options) == changed
    assert len(built) == 3


def test_the_units_registry_is_parsed_once_while_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, config, options = _catalog(tmp_path)
    registry = root / "units.yaml"
    registry.write_text(  # a duplicate key: the registry's findings come back from the cache too
        registry.read_text(encoding="utf-8") + "units: {}\n", encoding="utf-8"
    )
    parsed: list[str] = []
    real = catalog_loader._parse_units

    def counting(raw: bytes, file: str, limits: Limits) -> Any:
        parsed.append(file)
        return real(raw, file, limits)

    monkeypatch.setattr(catalog_loader, "_parse_units", counting)
    fresh = load_paths([root], config, options)
    assert [f.rule for f in fresh.findings] == ["yaml-duplicate-key"]
    one = load_paths([root / "p/1.yaml"], config, options)
    assert load_paths([root], config, options) == fresh
    assert (one.units, one.findings) == (fresh.units, fresh.findings)
    assert len(parsed) == 1
    registry.write_text(registry.read_text(encoding="utf-8") + "# sửa\n", encoding="utf-8")
    assert load_paths([root], config, options).units == fresh.units
    assert len(parsed) == 2
    assert load_paths([root], config, LoadOptions()).findings == fresh.findings
    assert len(parsed) == 3  # without a cache, always parsed


@pytest.mark.parametrize(
    "planted",
    [({}, 3), ({"x": "not a unit"}, []), ({}, ["not a finding"]), ({}, [], "extra"), "text"],
)
def test_a_units_slot_of_another_shape_is_a_miss(tmp_path: Path, planted: object) -> None:
    root, config, options = _catalog(tmp_path)
    fresh = load_paths([root], config, options)
    assert options.cache is not None
    raw = read_paths([root], config)
    assert raw.units_file is not None and raw.units_raw is not None
    key = file_key(raw.units_file, raw.units_raw)
    assert (
        options.cache.value(raw.scope, "units", key, units_codec()) is not None
    )  # the slot is this one
    options.cache.save_value(raw.scope, "units", key, planted, units_codec())
    again = load_paths([root], config, options)
    assert (again.units, again.findings) == (fresh.units, fresh.findings)


def test_a_cached_registry_keeps_where_each_successor_is_written(tmp_path: Path) -> None:
    """``Unit.field_pos`` does not take part in equality, so it is compared on its own: the
    findings of ``units-registry-consistent`` point at it, from the cache as when parsed."""
    units = {
        "units": {
            "a": {
                "name": "A",
                "kind": "other",
                "level": "province",
                "parent": "b",
                "dissolved": "2025-01-01",
                "split_into": ["b", "c"],
            },
            "b": {"name": "B", "kind": "other", "level": "province"},
            "c": {"name": "C", "kind": "other", "level": "province"},
        }
    }
    root = make_catalog(tmp_path / "c", None, units)
    config = resolve_config([root], None)
    options = LoadOptions(cache=Cache.for_settings("s", tmp_path / "cache"))
    fresh = load_paths([root], config, options).units["a"]
    assert set(fresh.field_pos) == {"parent", "split_into", "split_into/0", "split_into/1"}
    assert fresh.field_pos["split_into/1"].line > fresh.field_pos["parent"].line
    cached = load_paths([root], config, options).units["a"]
    assert dict(cached.field_pos) == dict(fresh.field_pos)
    assert units_codec().loads(units_codec().dumps(fresh)).field_pos == fresh.field_pos


def test_the_code_fingerprint_follows_content_not_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit that keeps a file's modification time (an older release installed over a newer
    one, a checkout) still changes the fingerprint; touching a file without editing does not."""
    import os
    import shutil

    from tthc_cli.load import cache as cache_module
    from tthc_cli.load import packaged

    copy = tmp_path / "tthc_cli"
    shutil.copytree(packaged.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(packaged.schema_dir(), tmp_path / "schemas")
    monkeypatch.setattr(packaged, "PACKAGE", copy)

    def fingerprint() -> str:
        cache_module.code_fingerprint.cache_clear()
        return cache_module.code_fingerprint()

    before = fingerprint()
    rule = copy / "rules" / "legal_number.py"
    stamp = rule.stat()
    os.utime(rule, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))
    assert fingerprint() == before
    rule.write_text(rule.read_text(encoding="utf-8").replace("ERROR", "WARNING"), encoding="utf-8")
    os.utime(rule, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    after = fingerprint()
    cache_module.code_fingerprint.cache_clear()
    assert after != before

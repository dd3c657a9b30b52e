"""The cache's per-file store: written as results come, replaced whole or not at all, and a
selection keeps the entries of the files it did not read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import make_catalog, procedure
from tthc_cli import fastpickle, results
from tthc_cli.cache import Cache
from tthc_cli.cli import _loading
from tthc_cli.cli._loading import validated
from tthc_cli.config import Config
from tthc_cli.loader import LoadOptions, load_paths, read_paths, resolve_config
from tthc_cli.yamlsafe import Limits


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


def test_store_is_replaced_only_when_writing_ends_normally(tmp_path: Path) -> None:
    cache = Cache.for_settings("s", tmp_path)
    cache.save_files("scope", [("a", b"1")])
    with pytest.raises(RuntimeError), cache.files_writer("scope") as put:
        put("b", b"2")
        raise RuntimeError("a build failed half-way")
    assert cache.files("scope") == {"a": b"1"}
    with cache.files_writer("scope") as put:
        put("b", b"2")
        put("c", b"3")
    assert cache.files("scope") == {"b": b"2", "c": b"3"}
    assert _leftovers(tmp_path) == []


def test_a_failing_write_gives_up_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache.for_settings("s", tmp_path)
    cache.save_files("scope", [("a", b"1")])
    real, calls = fastpickle.dump, []

    def full_disk(value: Any, stream: Any, overrides: Any = None) -> None:
        calls.append(value)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(value, stream, overrides)

    monkeypatch.setattr(fastpickle, "dump", full_disk)
    with cache.files_writer("scope") as put:
        for key in "bcde":
            put(key, b"x")
    monkeypatch.undo()
    assert len(calls) == 3  # nothing more was written once writing failed
    assert cache.files("scope") == {"a": b"1"}
    assert _leftovers(tmp_path) == []


def _catalog(tmp_path: Path) -> tuple[Path, Config, LoadOptions]:
    files = {f"p/{i}.yaml": procedure(f"1.00000{i}") for i in range(1, 5)}
    root = make_catalog(tmp_path / "c", files)
    cache = Cache.for_settings("s", tmp_path / "cache")
    return root, resolve_config([root], None), LoadOptions(cache=cache)


def test_selection_keeps_other_entries_and_a_later_full_run_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results, "SMALL_SELECTION", 1)  # so that one file uses the store
    root, config, options = _catalog(tmp_path)
    load_paths([root], config, options)
    (root / "p/2.yaml").write_text(
        (root / "p/2.yaml").read_text(encoding="utf-8").replace("Thủ tục", "Thủ tục mới"),
        encoding="utf-8",
    )
    built: list[str] = []
    real = results.process_procedure

    def counting(raw: bytes, file: str, limits: Limits) -> results.FileResult:
        built.append(file.rsplit("/", 1)[-1])
        return real(raw, file, limits)

    monkeypatch.setattr(results, "process_procedure", counting)
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

    monkeypatch.setattr(Cache, "files", untouched)
    monkeypatch.setattr(Cache, "files_writer", untouched)
    small = load_paths([root / "p/2.yaml"], config, options)
    assert [p.note for p in small.procedures] == ["khác"]
    monkeypatch.setattr(results, "SMALL_SELECTION", 1)
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

    monkeypatch.setattr(_loading, "build_catalog", no_build)
    assert validated(read_paths([root], config), options) == whole
    assert validated(read_paths([root / "p/1.yaml"], config), options) == one

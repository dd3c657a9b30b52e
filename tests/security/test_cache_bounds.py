"""A cache entry larger than its bound — a fixed part plus a share proportionate to the
catalog — is a miss found from its size, never read (a planted 1.5 GB sparse ``.index`` made
every cached run read it whole); and the bounds stay far above what real entries hold."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from bench import gen
from tests.helpers import run_tthc
from tthc_cli.load import cache as cache_module
from tthc_cli.load import unchanged
from tthc_cli.load.cache import Cache, digest, entry_limit


class _Spy:
    """A codec that records whether anything was read."""

    def __init__(self) -> None:
        self.loads = 0

    def load(self, handle: Any) -> Any:
        self.loads += 1
        raise EOFError

    def dump(self, value: Any, handle: Any) -> None:  # pragma: no cover - never written
        raise AssertionError


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


@pytest.mark.parametrize("slot", ["index", "result", "units", "config"])
def test_an_oversized_entry_is_a_miss_without_being_read(tmp_path: Path, slot: str) -> None:
    cache = Cache(tmp_path / "cache", "salt")
    assert cache.refusal() is None
    _sparse(cache.folder / f"{digest('scope')}.{slot}", entry_limit(slot, 10) + 1)
    spy = _Spy()
    assert cache.value("scope", slot, "key", spy, files=10) is None  # type: ignore[arg-type]
    assert spy.loads == 0
    _sparse(cache.folder / f"{digest('scope')}.{slot}", 1000)  # within the bound: read
    cache.value("scope", slot, "key", spy, files=10)  # type: ignore[arg-type]
    assert spy.loads == 1


def test_an_oversized_files_store_is_a_miss_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache", "salt")
    assert cache.refusal() is None
    limit = cache_module.ENTRY_BASE_BYTES + cache_module.FILES_STORE_PER_BYTE * 5000
    _sparse(cache.folder / f"{digest('scope')}.files", limit + 1)
    spy = _Spy()
    monkeypatch.setattr(cache_module, "PLAIN", spy)
    assert cache.blobs("scope", 5000) == []
    assert spy.loads == 0


def test_real_entries_stay_far_below_their_bounds(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    gen.write_catalog(out, 300, seed=3)
    files = sorted((out / "procedures").rglob("*.yaml"))
    catalog_bytes = sum(os.path.getsize(p) for p in files)
    store = tmp_path / "cache"
    env = {"TTHC_CACHE_DIR": str(store)}
    time.sleep(unchanged.RACY_NS / 1e9)  # files quiet long enough for the index to trust
    for _ in range(2):
        done = run_tthc("validate", "procedures", "-f", "json", cwd=out, env=env)
        assert done.returncode in (0, 1), done.stderr
    sizes = {p.suffix[1:]: p.stat().st_size for p in (store / "v2").iterdir()}
    assert {"files", "index", "result"} <= set(sizes)
    # What grows with the catalog, per file or per byte: at most a quarter of its bound
    assert sizes["files"] * 4 < cache_module.FILES_STORE_PER_BYTE * catalog_bytes
    for slot in ("index", "result"):
        assert sizes[slot] * 4 < cache_module.PER_FILE_BYTES[slot] * len(files)
    assert max(sizes.values()) < cache_module.ENTRY_BASE_BYTES

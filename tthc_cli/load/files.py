"""Each procedure file's result for a catalog: from the cache, from an earlier load, or built.

A result depends on the file's bytes and on the name findings show for it, nothing else (the
settings salt the cache as a whole). Hence two ways to skip building: the cache
(:mod:`tthc_cli.load.cache`), keyed on name and bytes, and :class:`~tthc_cli.load.reuse.Reuse`
for a command that loads two versions of a catalog. What is left is built by
:mod:`tthc_cli.load.pool`, in this process or in workers.
"""

from __future__ import annotations

from contextlib import nullcontext

from tthc_cli.load.cache import Blob, file_key
from tthc_cli.load.options import LoadOptions
from tthc_cli.load.pipeline import FileResult, results_codec
from tthc_cli.load.pool import CHUNK, built_chunks
from tthc_cli.load.reading import RawCatalog
from tthc_cli.load.reuse import ReuseKey

__all__ = ["LoadOptions", "file_results"]


# A smaller selection of a catalog (pre-commit's changed files) is built without the cache's
# per-file store: finding its entries means reading the whole catalog's store (20 ms at 5,000
# files, 0.4 s at 100,000), and one changed file means writing all of it again.
SMALL_SELECTION = 64


def _unpickled(blob: bytes, count: int) -> list[FileResult] | None:
    """A stored blob's results (None when damaged: a miss)."""
    try:
        found = results_codec().loads(blob)
    except Exception:
        return None
    if not isinstance(found, list) or len(found) != count:
        return None
    return found if all(isinstance(result, FileResult) for result in found) else None


def _from_cache(
    stored: list[Blob], keys: dict[int, str], results: list[FileResult | None]
) -> set[int]:
    """Fill ``results`` from the blobs holding a current key (each loaded once); the blobs
    found damaged."""
    where = {key: (b, p) for b, (names, _) in enumerate(stored) for p, key in enumerate(names)}
    wanted: dict[int, list[tuple[int, int]]] = {}
    for i, key in keys.items():
        if (found := where.get(key)) is not None:
            wanted.setdefault(found[0], []).append((i, found[1]))
    damaged: set[int] = set()
    for b, uses in wanted.items():
        loaded = _unpickled(stored[b][1], len(stored[b][0]))
        if loaded is None:
            damaged.add(b)
            continue
        for i, position in uses:
            results[i] = loaded[position]
    return damaged


def _kept(stored: list[Blob], live: set[str], complete: bool, damaged: set[int]) -> list[Blob]:
    """The stored blobs worth writing back: for a whole catalog, those whose files are at least
    half still current (the others' current results are stored afresh); for a selection, all
    (the keys of files outside it are unknown here)."""
    return [
        (blob_keys, blob)
        for b, (blob_keys, blob) in enumerate(stored)
        if b not in damaged
        and (not complete or 2 * sum(key in live for key in blob_keys) >= len(blob_keys))
    ]


def file_results(raw: RawCatalog, options: LoadOptions) -> list[FileResult | None]:
    """Each readable item's result: from the cache or an earlier load when its bytes are
    unchanged, else built. The bytes of every item are released here (see ``RawCatalog``).

    With a cache, a new store replaces the old one whenever something was not in it: the old
    blobs still mostly current, then fresh chunks as they are built (so pickled results never
    pile up), then the rest (reused, or from blobs not kept) in new blobs. A selection of fewer
    than ``SMALL_SELECTION`` files leaves the store alone.
    """
    cache, reuse = options.cache, options.reuse
    if not raw.complete and len(raw.items) < SMALL_SELECTION:
        cache = None
    results: list[FileResult | None] = [None] * len(raw.items)
    readable: dict[int, bytes] = {}
    for i, (file, data) in enumerate(raw.items):
        if data is None:
            raise ValueError("catalog already built")
        if isinstance(data, bytes):
            readable[i] = data
            raw.items[i] = (file, None)
    keys = {i: file_key(raw.items[i][0], data) for i, data in readable.items()} if cache else {}
    size = sum(len(data) for data in readable.values())
    stored = cache.blobs(raw.scope, size) if cache is not None else []
    damaged = _from_cache(stored, keys, results)
    places: dict[int, ReuseKey] = {}  # readable item → reuse key (with reuse)
    reused = False  # whether any item was taken from an earlier load
    todo: list[int] = []
    items: list[tuple[str, bytes]] = []
    for i, data in readable.items():
        file = raw.items[i][0]
        if reuse is not None:
            places[i] = reuse.key(file, raw.root, data)
            if results[i] is None and (found := reuse.recall(places[i], file)) is not None:
                results[i], reused = found, True
        if results[i] is None:
            todo.append(i)
            items.append((file, data))
    readable.clear()
    live = set(keys.values())  # current keys not yet written to the new store
    kept = _kept(stored, live, raw.complete, damaged)
    writing = cache is not None and bool(todo or reused or len(kept) < len(stored))
    stored.clear()
    with cache.blobs_writer(raw.scope) if writing and cache else nullcontext() as put:
        if put is not None:
            for names, old in kept:
                put(names, old)
                live.difference_update(names)
        kept.clear()
        order = iter(todo)
        for chunk, sent in built_chunks(items, raw.config.limits, options.jobs, options.tally):
            positions = [next(order) for _ in chunk]
            for i, result in zip(positions, chunk, strict=True):
                results[i] = result
            if put is not None:
                put(tuple(keys[i] for i in positions), sent or results_codec().dumps(chunk))
                live.difference_update(keys[i] for i in positions)
        if put is not None:  # results reused, or whose blob was not kept: stored anew
            rest = [i for i, key in keys.items() if key in live]
            for start in range(0, len(rest), CHUNK):
                part = rest[start : start + CHUNK]
                put(tuple(keys[i] for i in part), results_codec().dumps([results[i] for i in part]))
    if reuse is not None:
        for i, place in places.items():
            if (known := results[i]) is not None:
                reuse.remember(place, raw.items[i][0], known)
    return results

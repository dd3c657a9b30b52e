"""Each procedure file's result: from the cache, from an earlier load, or built afresh.

A result depends on the file's bytes and on the name findings show for it, nothing else (the
settings salt the cache as a whole). Hence two ways to skip building:

- the cache (:mod:`tthc_cli.cache`), keyed on name and bytes;
- :class:`Reuse`, for one command that loads two versions of a catalog (``tthc diff``): a file
  with the same bytes at the same place inside its catalog takes the first load's result,
  renamed. Renaming goes through :mod:`tthc_cli.fastpickle` and costs about a quarter of
  building.
"""

from __future__ import annotations

import hashlib
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tthc_cli import fastpickle, schemacheck
from tthc_cli.cache import file_key
from tthc_cli.findings import Finding, Pos
from tthc_cli.pool import built_chunks
from tthc_cli.yamlsafe import Limits, parse_yaml

if TYPE_CHECKING:  # the model is imported when something is built, not for a cached result
    from tthc_cli.loader import LoadOptions, RawCatalog
    from tthc_cli.model import Procedure


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one procedure file gave: the model (when usable) and the findings."""

    procedure: Procedure | None
    findings: tuple[Finding, ...]


def process_procedure(raw: bytes, file: str, limits: Limits) -> FileResult:
    """Parse, schema-check and build one procedure file. Pure: bytes in, model out."""
    parsed = parse_yaml(raw, file, limits)
    if parsed.data is None:
        return FileResult(None, parsed.findings)
    problems = schemacheck.check(parsed.data, "procedure", file)
    if problems:
        return FileResult(None, (*parsed.findings, *problems))
    from tthc_cli import build

    content = hashlib.blake2b(raw, digest_size=16).digest()
    return FileResult(build.procedure(parsed.data, file, content), parsed.findings)


def inside(file: str, root: str) -> str:
    """A file's path inside its catalog (so a catalog in git and on disk compare alike)."""
    if root and file.startswith(root):
        return file[len(root) :].lstrip("/:")
    return file


def renamed(result: FileResult, old: str, new: str) -> tuple[FileResult, bytes]:
    """``result`` of file ``old`` as the same bytes named ``new`` give it, and that pickled.

    The name lives in every position (:class:`Pos`) and in the procedure's ``path``.
    """
    from tthc_cli.model import Procedure

    def pos(p: Pos) -> tuple[Any, ...]:
        return (Pos, (new if p.file == old else p.file, p.line, p.column))

    plain = fastpickle.reducer(Procedure)

    def procedure(p: Procedure) -> tuple[Any, ...]:
        cls, values = plain(p)
        return (cls, (new if p.path == old else p.path, *values[1:]))

    data = fastpickle.dumps(result, {Pos: pos, Procedure: procedure})
    return fastpickle.loads(data), data


# A smaller selection of a catalog (pre-commit's changed files) is built without the cache's
# per-file store: finding its entries means reading the whole catalog's store (20 ms at 5,000
# files, 0.4 s at 100,000), and one changed file means writing all of it again.
SMALL_SELECTION = 64

ReuseKey = tuple[str, bytes]  # (path inside the catalog, digest of the bytes)


class Reuse:
    """Results built by earlier loads in this process, by place in the catalog and content."""

    def __init__(self) -> None:
        self._built: dict[ReuseKey, tuple[str, FileResult]] = {}

    @staticmethod
    def key(file: str, root: str, raw: bytes) -> ReuseKey:
        return (inside(file, root), hashlib.blake2b(raw, digest_size=16).digest())

    def remember(self, key: ReuseKey, file: str, result: FileResult) -> None:
        self._built.setdefault(key, (file, result))

    def recall(self, key: ReuseKey, file: str) -> tuple[FileResult, bytes | None] | None:
        """The result for ``file`` with this key (and its pickled form), if one was built."""
        found = self._built.get(key)
        if found is None:
            return None
        old, result = found
        return (result, None) if old == file else renamed(result, old, file)


def _cached(entry: bytes | None) -> FileResult | None:
    if entry is None:
        return None
    try:
        found = fastpickle.loads(entry)
    except Exception:  # a damaged entry is a miss
        return None
    return found if isinstance(found, FileResult) else None


def file_results(raw: RawCatalog, options: LoadOptions) -> list[FileResult | None]:
    """Each readable item's result: from the cache or an earlier load when its bytes are
    unchanged, else built. The bytes of every item are released here (see ``RawCatalog``).

    With a cache, a store of every entry replaces the old one whenever something was not in
    it; fresh entries are written as they are built, so their pickled forms never pile up.
    A selection of fewer than ``SMALL_SELECTION`` files leaves the store alone.
    """
    cache, reuse = options.cache, options.reuse
    if not raw.complete and len(raw.items) < SMALL_SELECTION:
        cache = None
    stored = cache.files(raw.scope) if cache is not None else {}
    results: list[FileResult | None] = [None] * len(raw.items)
    keys: dict[int, str] = {}  # readable item → cache key (with a cache)
    places: dict[int, ReuseKey] = {}  # readable item → reuse key (with reuse)
    reused: dict[int, bytes | None] = {}  # item → its result pickled (when at hand)
    todo: list[int] = []
    items: list[tuple[str, bytes]] = []
    for i, (file, data) in enumerate(raw.items):
        if data is None:
            raise ValueError("catalog already built")
        if not isinstance(data, bytes):
            continue
        raw.items[i] = (file, None)
        if cache is not None:
            keys[i] = file_key(file, data)
            results[i] = _cached(stored.get(keys[i]))
        if reuse is not None:
            places[i] = reuse.key(file, raw.root, data)
            if results[i] is None and (found := reuse.recall(places[i], file)) is not None:
                results[i], reused[i] = found
        if results[i] is None:
            todo.append(i)
            items.append((file, data))
    writing = cache is not None and bool(todo or reused)
    with cache.files_writer(raw.scope) if writing and cache else nullcontext() as put:
        if put is not None:
            if not raw.complete:  # a selection: keep the other files' entries too
                current = set(keys.values())
                for key, value in stored.items():
                    if key not in current:
                        put(key, value)
            fresh = set(todo)
            for i, key in keys.items():
                if i in reused:
                    put(key, reused[i] or fastpickle.dumps(results[i]))
                elif i not in fresh:
                    put(key, stored[key])
        stored.clear()
        order = iter(todo)
        limits, jobs, progress = raw.config.limits, options.jobs, options.progress
        for chunk in built_chunks(items, limits, jobs, progress, writing):
            for result, as_bytes in chunk:
                i = next(order)
                results[i] = result
                if put is not None:
                    put(keys[i], as_bytes or fastpickle.dumps(result))
    if reuse is not None:
        for i, place in places.items():
            if (known := results[i]) is not None:
                reuse.remember(place, raw.items[i][0], known)
    return results

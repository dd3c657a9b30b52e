"""Processing many files: in this process, or spread over worker processes for large catalogs.

Results always come back in the order the files were given, so output never depends on how
the work was split. Workers return their results pickled with :mod:`tthc_cli.fastpickle`.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tthc_cli import fastpickle, schemacheck

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

    from tthc_cli.results import FileResult
    from tthc_cli.yamlsafe import Limits

MIN_PARALLEL = 400  # below this many files, starting workers costs more than it saves
CHUNK = 64
AHEAD = 4  # chunks handed out per worker before waiting for the oldest

Progress = Callable[[int, int], None]
Item = tuple[str, bytes]  # (name shown in findings, file bytes)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are built.

    Loaded data has no reference cycles, but each collection walks everything built so far:
    at 5,000 files that made loading 2.4 times slower.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def default_jobs() -> int:
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, available)


def _process(items: Sequence[Item], limits: Limits) -> list[FileResult]:
    from tthc_cli.results import process_procedure

    with gc_paused():
        return [process_procedure(raw, file, limits) for file, raw in items]


Built = tuple["FileResult", bytes | None]  # a result, and its pickled form when at hand


def _work(items: Sequence[Item], limits: Limits, each: bool) -> list[bytes]:
    """A worker's chunk, pickled: each result on its own when the cache will store them (at
    some cost in size and time), else the whole chunk at once."""
    with gc_paused():
        built = _process(items, limits)
        if each:
            return [fastpickle.dumps(result) for result in built]
        return [fastpickle.dumps(built)]


def _received(pickled: list[bytes], each: bool) -> list[Built]:
    with gc_paused():
        if each:
            return [(fastpickle.loads(b), b) for b in pickled]
        return [(result, None) for result in fastpickle.loads(pickled[0])]


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork shares what this process already imported and compiled; elsewhere, spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def process_all(
    items: list[Item],
    limits: Limits,
    jobs: int = 1,
    progress: Progress | None = None,
    keep_pickled: bool = False,
) -> list[Built]:
    """Parse, check and build every item; ``jobs`` > 1 uses that many worker processes when
    worth it. Results built by a worker come with their pickled form when ``keep_pickled``,
    which the cache then stores as it is.

    With workers, this process only hands out chunks and receives results: receiving a chunk
    costs a tenth of building it. Building here as well left the workers idle, since the
    threads that feed them wait for this process to let go of the interpreter lock.

    ``items`` is emptied, and each chunk's bytes released once it is handed out.
    """
    total = len(items)
    chunks = [items[i : i + CHUNK] for i in range(0, total, CHUNK)]
    items.clear()
    out: list[Built] = []

    def finished(built: list[Built]) -> None:
        out.extend(built)
        if progress is not None:
            progress(len(out), total)

    if jobs <= 1 or total < MIN_PARALLEL:
        for index, chunk in enumerate(chunks):
            chunks[index] = []
            finished([(result, None) for result in _process(chunk, limits)])
        return out
    from concurrent.futures import ProcessPoolExecutor

    schemacheck.compiled("procedure")  # before the workers fork, so they share it
    ahead: deque[Future[list[bytes]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as executor:
        for index, chunk in enumerate(chunks):
            chunks[index] = []
            ahead.append(executor.submit(_work, chunk, limits, keep_pickled))
            if len(ahead) > AHEAD * jobs:
                finished(_received(ahead.popleft().result(), keep_pickled))
        while ahead:
            finished(_received(ahead.popleft().result(), keep_pickled))
    return out

"""Processing many files: in this process, or spread over worker processes for large catalogs.

Results always come back in the order the files were given, so output never depends on how
the work was split. Workers return their results pickled by
:func:`~tthc_cli.load.pipeline.results_codec`.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tthc_cli.load import shape
from tthc_cli.load.pipeline import FileResult, process_procedure, results_codec

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

    from tthc_cli.config import Limits

MIN_PARALLEL = 400  # below this many files, starting workers costs more than it saves
CHUNK = 64
AHEAD = 4  # chunks handed out per worker before waiting for the oldest
MAX_WORKERS = 61 if sys.platform == "win32" else 256  # Windows refuses more than 61

Tally = Callable[[int, int], None]  # (files built so far, files in all)
Item = tuple[str, bytes]  # (name shown in findings, file bytes)


@contextmanager
def gc_paused(freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are built.

    Loaded data has no reference cycles, but each collection walks everything built so far:
    at 5,000 files that made loading 2.4 times slower. With ``freeze``, for what lives until
    the command ends (a loaded catalog), what was built is then moved out of the collector's
    sight (``gc.freeze``): the first collection after the pause would otherwise walk all of it
    (0.14 s at 5,000 files). Refcounting still frees it; cyclic garbage made meanwhile stays.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


def default_jobs() -> int:
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, available)


def _process(items: Sequence[Item], limits: Limits) -> list[FileResult]:
    with gc_paused():
        return [process_procedure(raw, file, limits) for file, raw in items]


Built = tuple[list[FileResult], bytes | None]  # a chunk's results, and them pickled (if sent)


def _work(items: Sequence[Item], limits: Limits) -> bytes:
    """A worker's chunk, pickled as a whole: texts that recur across its results are sent and
    loaded once (a quarter less memory than results pickled one by one)."""
    with gc_paused():
        return results_codec().dumps(_process(items, limits))


def _received(sent: bytes) -> Built:
    with gc_paused():
        return results_codec().loads(sent), sent


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork shares what this process already imported and compiled; elsewhere, spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def built_chunks(
    items: list[Item], limits: Limits, jobs: int = 1, tally: Tally | None = None
) -> Iterator[Built]:
    """Parse, check and build every item, chunk after chunk in the order given; ``jobs`` > 1
    uses that many worker processes when worth it. A chunk built by a worker comes with its
    pickled form, which the cache then stores as it is.

    With workers, this process only hands out chunks and receives results: receiving a chunk
    costs a tenth of building it. Building here as well left the workers idle, since the
    threads that feed them wait for this process to let go of the interpreter lock.

    ``items`` is emptied, and each chunk's bytes released once it is handed out.
    """
    total = len(items)
    chunks = [items[i : i + CHUNK] for i in range(0, total, CHUNK)]
    items.clear()
    done = 0

    def finished(built: Built) -> Built:
        nonlocal done
        done += len(built[0])
        if tally is not None:
            tally(done, total)
        return built

    if jobs <= 1 or total < MIN_PARALLEL:
        for index, chunk in enumerate(chunks):
            chunks[index] = []
            yield finished((_process(chunk, limits), None))
        return
    from concurrent.futures import ProcessPoolExecutor

    shape.compiled("procedure")  # before the workers fork, so they share it
    ahead: deque[Future[bytes]] = deque()
    workers = min(jobs, len(chunks), MAX_WORKERS)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as executor:
        try:
            for index, chunk in enumerate(chunks):
                chunks[index] = []
                ahead.append(executor.submit(_work, chunk, limits))
                if len(ahead) > AHEAD * workers:
                    yield finished(_received(ahead.popleft().result()))
            while ahead:
                yield finished(_received(ahead.popleft().result()))
        finally:  # stopped early: do not build what nobody will read
            for future in ahead:
                future.cancel()

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


Sent = tuple[bytes, list[bytes]]  # a chunk's results pickled together, and one by one


def _work(items: Sequence[Item], limits: Limits, each: bool) -> Sent:
    """A worker's chunk, pickled as a whole (texts that recur across its results are then sent
    and loaded once: a quarter less memory than loading results one by one), and each result on
    its own too when the cache will store them."""
    with gc_paused():
        built = _process(items, limits)
        return fastpickle.dumps(built), [fastpickle.dumps(r) for r in built] if each else []


def _received(sent: Sent) -> list[Built]:
    whole, each = sent
    with gc_paused():
        built: list[FileResult] = fastpickle.loads(whole)
    return list(zip(built, each, strict=True)) if each else [(r, None) for r in built]


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork shares what this process already imported and compiled; elsewhere, spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def built_chunks(
    items: list[Item],
    limits: Limits,
    jobs: int = 1,
    progress: Progress | None = None,
    keep_pickled: bool = False,
) -> Iterator[list[Built]]:
    """Parse, check and build every item, chunk after chunk in the order given; ``jobs`` > 1
    uses that many worker processes when worth it. Results built by a worker come with their
    pickled form when ``keep_pickled``, which the cache then stores as it is.

    With workers, this process only hands out chunks and receives results: receiving a chunk
    costs a tenth of building it. Building here as well left the workers idle, since the
    threads that feed them wait for this process to let go of the interpreter lock.

    ``items`` is emptied, and each chunk's bytes released once it is handed out.
    """
    total = len(items)
    chunks = [items[i : i + CHUNK] for i in range(0, total, CHUNK)]
    items.clear()
    done = 0

    def finished(built: list[Built]) -> list[Built]:
        nonlocal done
        done += len(built)
        if progress is not None:
            progress(done, total)
        return built

    if jobs <= 1 or total < MIN_PARALLEL:
        for index, chunk in enumerate(chunks):
            chunks[index] = []
            yield finished([(result, None) for result in _process(chunk, limits)])
        return
    from concurrent.futures import ProcessPoolExecutor

    schemacheck.compiled("procedure")  # before the workers fork, so they share it
    ahead: deque[Future[Sent]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as executor:
        try:
            for index, chunk in enumerate(chunks):
                chunks[index] = []
                ahead.append(executor.submit(_work, chunk, limits, keep_pickled))
                if len(ahead) > AHEAD * jobs:
                    yield finished(_received(ahead.popleft().result()))
            while ahead:
                yield finished(_received(ahead.popleft().result()))
        finally:  # stopped early: do not build what nobody will read
            for future in ahead:
                future.cancel()


def process_all(
    items: list[Item],
    limits: Limits,
    jobs: int = 1,
    progress: Progress | None = None,
    keep_pickled: bool = False,
) -> list[Built]:
    """All of :func:`built_chunks` at once."""
    return [r for chunk in built_chunks(items, limits, jobs, progress, keep_pickled) for r in chunk]

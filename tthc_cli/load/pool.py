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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tthc_cli.load import shape
from tthc_cli.load.options import Tally
from tthc_cli.load.pipeline import FileResult, process_procedure, results_codec

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

    from tthc_cli.config import Limits

MIN_PARALLEL = 400  # below this many files, starting workers costs more than it saves
# With the worker count left to tthc (``--jobs 0``, the default), also: at least this many
# bytes to build (about 0.3 s of work on one CPU: 5,000 generated files, 7.9 MB, take 2.2 s),
# and at least two CPUs that nothing else wants (see :func:`idle_cpus`).
MIN_PARALLEL_BYTES = 1 << 20
LOAD_SAMPLES = 8  # readings of the run queue, a millisecond apart (Linux)
CHUNK = 64
AHEAD = 4  # chunks handed out per worker before waiting for the oldest
MAX_WORKERS = 61 if sys.platform == "win32" else 256  # Windows refuses more than 61

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


def _runnable_others() -> float | None:
    """How many other tasks want a CPU right now: Linux's run queue (``/proc/loadavg``'s
    running count, less this process), the least of :data:`LOAD_SAMPLES` readings so that a
    passing task does not count; None where there is no such file."""
    import time

    least: int | None = None
    for sample in range(LOAD_SAMPLES):
        try:
            with open("/proc/loadavg", "rb") as handle:
                running = int(handle.read(128).split()[3].split(b"/")[0])
        except (OSError, ValueError, IndexError):
            return None
        least = running - 1 if least is None else min(least, running - 1)
        if least <= 0:
            break
        if sample + 1 < LOAD_SAMPLES:
            time.sleep(0.001)
    return None if least is None else max(0, least)


def idle_cpus(available: int) -> float:
    """CPUs of the ``available`` ones that nothing else is using: the run queue on Linux, else
    the one-minute load average (``getloadavg``: macOS, the BSDs), else (Windows) all."""
    others = _runnable_others()
    if others is None:
        getloadavg = getattr(os, "getloadavg", None)
        try:
            others = getloadavg()[0] if getloadavg is not None else 0.0
        except OSError:
            others = 0.0
    return max(0.0, available - others)


def workers_for(files: int, size: int, jobs: int) -> int:
    """How many worker processes to build ``files`` files of ``size`` bytes with (1: none,
    build here). ``jobs`` > 0 is what the user asked for (``--jobs N``): that many whenever
    there are enough files. ``jobs`` 0 leaves it to tthc: workers only when the work is large
    enough to repay starting them and at least two CPUs are idle — on a busy machine two
    workers and this process would share the CPUs with what keeps them busy, and lose to
    one process (measured: 1.4 times slower under a load of 3 on 2 CPUs)."""
    if files < MIN_PARALLEL or jobs == 1:
        return 1
    if jobs > 1:
        return min(jobs, MAX_WORKERS)
    available = default_jobs()
    if available < 2 or size < MIN_PARALLEL_BYTES:
        return 1
    idle = int(idle_cpus(available) + 0.25)  # 1.8 idle CPUs count as two
    return min(idle, available, MAX_WORKERS) if idle >= 2 else 1


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
    """Parse, check and build every item, chunk after chunk in the order given; in worker
    processes when :func:`workers_for` says so (``jobs`` 0 lets it decide). A chunk built by
    a worker comes with its pickled form, which the cache then stores as it is.

    With workers, this process only hands out chunks and receives results: receiving a chunk
    costs a tenth of building it. Building here as well left the workers idle, since the
    threads that feed them wait for this process to let go of the interpreter lock.

    ``items`` is emptied, and each chunk's bytes released once it is handed out.
    """
    total = len(items)
    workers = workers_for(total, sum(len(raw) for _, raw in items), jobs)
    chunks = [items[i : i + CHUNK] for i in range(0, total, CHUNK)]
    items.clear()
    done = 0

    def finished(built: Built) -> Built:
        nonlocal done
        done += len(built[0])
        if tally is not None:
            tally(done, total)
        return built

    if workers <= 1:
        for index, chunk in enumerate(chunks):
            chunks[index] = []
            yield finished((_process(chunk, limits), None))
        return
    from concurrent.futures import ProcessPoolExecutor

    shape.compiled("procedure")  # before the workers fork, so they share it
    ahead: deque[Future[bytes]] = deque()
    workers = min(workers, len(chunks))
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

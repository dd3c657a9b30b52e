"""How to load a catalog: the options every loading function takes (no loading code here, so
the command line can make them without importing the parsers)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tthc_cli.load.cache import Cache
    from tthc_cli.load.reuse import Reuse

Tally = Callable[[int, int], None]  # (files built so far, files in all)


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How to load: which cache to reuse, how many processes, whom to tell about progress."""

    cache: Cache | None = None
    jobs: int = 1  # worker processes at most; 0: as many as worth it (pool.workers_for)
    tally: Tally | None = None  # told (files built, files in all) as chunks come back
    reuse: Reuse | None = None  # earlier loads of another version (diff, report --baseline)

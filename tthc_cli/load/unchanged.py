"""Knowing that a file is unchanged without reading it: the cache's index of file status.

A run where nothing changed (pre-commit's ``tthc validate`` on every commit) needs only to know
that every file holds what it held last time. Reading and hashing 5,000 files to learn that
costs more than everything else such a run does, so the cache keeps an index: for each file of
a catalog folder, what ``lstat`` said when it was last read (size, modification and change
times in nanoseconds, inode) and the digest of the bytes read. A file whose status is the same
is taken to hold the same bytes; any other file is read (through the same checks as always)
and its entry renewed.

When a status can be trusted (the same rules as git's "racily clean" entries):

- Only regular files have entries: a link, a pipe or anything else is read (or refused) the
  ordinary way every time, so #18's checks on links, pipes and sizes still decide. An entry
  larger than the size limit in force is never used.
- An edit changes the modification and change times (the change time cannot be set back by
  anyone, so restoring an old modification time after an edit is caught), and an editor that
  saves by renaming a new file into place changes the inode too.
- Time stamps are coarse on some file systems (2 s on FAT, the kernel's clock tick elsewhere):
  an edit made in the same tick as the read that recorded the entry would leave the same
  status with other bytes. So an entry is recorded only for a file whose modification and
  change times are at least :data:`RACY_NS` older than the moment before it was read, and
  only when its status after the read is the one before it (an edit during the read is not
  recorded). A file edited in the last seconds is read again until it has been quiet longer.
- The digest is of the bytes read, with the name findings show for the file kept apart: the
  catalog's cache key is made from these digests exactly as from the bytes, so a key computed
  through the index is the key the bytes give.

Limits, as with git: a file system whose clock runs behind this machine's by more than
:data:`RACY_NS`, together with an edit in the same time stamp tick that keeps the size, could
go unseen; ``--no-cache`` reads every file. On Windows the change time is the creation time,
so only the modification time, size and file index speak for the content.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from array import array
from collections.abc import Callable
from typing import Any

from tthc_cli.load.cache import Cache
from tthc_cli.load.pickling import PLAIN

Status = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Entry = tuple[int, int, int, int, bytes]  # a status, and the digest of the bytes read

RACY_NS = 3_000_000_000  # FAT's 2 s tick, and a margin for the file system's clock
DIGEST_SIZE = 20


def content_digest(data: bytes) -> bytes:
    """The digest that stands for a file's bytes in cache keys."""
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest()


def status_of(info: os.stat_result) -> Status:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class StatIndex:
    """The index of one catalog folder (``base``): relative name → :data:`Entry`.

    ``entries`` come from the cache (or are empty); :meth:`known` answers from them when the
    status matches, :meth:`read` reads and renews; :attr:`changed` says whether the index
    should be written back. ``clock`` is the wall clock in nanoseconds (tests move it).
    """

    def __init__(
        self,
        base: str,
        entries: dict[str, Entry] | None = None,
        max_bytes: int | None = None,
        clock: Callable[[], int] = time.time_ns,
    ) -> None:
        self.base = base
        self._prefix = os.path.join(base, "")
        self.entries: dict[str, Entry] = entries if entries is not None else {}
        self.max_bytes = max_bytes
        self.clock = clock
        self.changed = False
        self.seen: set[str] = set()
        self.hits = 0

    def packed(self) -> tuple[tuple[str, ...], bytes, bytes]:
        """The entries as the cache stores them: the names, their statuses as 64-bit numbers,
        their digests end to end (a 5,000-file index loads in a millisecond)."""
        names = tuple(self.entries)
        numbers = array("q")
        digests = bytearray()
        for name in names:
            entry = self.entries[name]
            numbers.extend(entry[:4])
            digests += entry[4]
        return names, numbers.tobytes(), bytes(digests)

    @staticmethod
    def unpacked(value: Any) -> dict[str, Entry] | None:
        """Stored entries (see :meth:`packed`), or None when ``value`` has another shape (a
        damaged or planted file)."""
        if not (isinstance(value, tuple) and len(value) == 3):
            return None
        names, numbers_raw, digests = value
        if not (
            isinstance(names, tuple)
            and isinstance(numbers_raw, bytes)
            and isinstance(digests, bytes)
            and len(numbers_raw) == 32 * len(names)
            and len(digests) == DIGEST_SIZE * len(names)
            and all(type(name) is str for name in names)
        ):
            return None
        numbers = array("q")
        numbers.frombytes(numbers_raw)
        size = DIGEST_SIZE
        return {
            name: (*numbers[4 * i : 4 * i + 4], digests[size * i : size * (i + 1)])  # type: ignore[misc]
            for i, name in enumerate(names)
        }

    def known(self, rel: str) -> bytes | None:
        """The digest of ``rel``'s bytes when its status says it is unchanged, else None (read
        it). One ``lstat``; never opens the file."""
        self.seen.add(rel)
        entry = self.entries.get(rel)
        if entry is None:
            return None
        try:
            info = os.lstat(self._prefix + rel)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode) or status_of(info) != entry[:4]:
            return None
        if self.max_bytes is not None and info.st_size > self.max_bytes:
            return None
        self.hits += 1
        return entry[4]

    def read(self, rel: str, read: Callable[[str], bytes]) -> bytes:
        """``read(rel)`` (which applies every check and may raise), recording ``rel``'s entry
        when its status can be trusted (see the module documentation); else dropping it."""
        self.seen.add(rel)
        path = os.path.join(self.base, rel)
        now = self.clock()
        try:
            before = os.lstat(path)
        except (OSError, ValueError):
            before = None
        try:
            data = read(rel)
        except BaseException:
            self._drop(rel)
            raise
        try:
            after = os.lstat(path) if before is not None else None
        except (OSError, ValueError):
            after = None
        if (
            before is not None
            and after is not None
            and stat.S_ISREG(before.st_mode)
            and status_of(before) == status_of(after)
            and len(data) == before.st_size
            and max(before.st_mtime_ns, before.st_ctime_ns) <= now - RACY_NS
        ):
            entry = (*status_of(before), content_digest(data))
            if self.entries.get(rel) != entry:
                self.entries[rel] = entry
                self.changed = True
        else:
            self._drop(rel)
        return data

    def _drop(self, rel: str) -> None:
        if self.entries.pop(rel, None) is not None:
            self.changed = True

    def forget_unseen(self) -> None:
        """Drop the entries of files not looked at (after a whole catalog was listed: they are
        gone)."""
        for rel in [rel for rel in self.entries if rel not in self.seen]:
            del self.entries[rel]
            self.changed = True


INDEX_SLOT = "index"


def load_index(
    cache: Cache, scope: str, base: str, max_bytes: int | None, files: int = 0
) -> StatIndex:
    """The index the cache holds for the catalog ``scope`` of ``files`` files (empty when
    absent, damaged or too large for it)."""
    stored = StatIndex.unpacked(cache.value(scope, INDEX_SLOT, base, PLAIN, files))
    return StatIndex(base, stored, max_bytes)


def save_index(cache: Cache, scope: str, index: StatIndex) -> None:
    """Write ``index`` back when it changed (one file, replaced atomically: runs sharing the
    cache each leave a whole index, and every entry checks itself against the file)."""
    if index.changed:
        cache.save_value(scope, INDEX_SLOT, index.base, index.packed(), PLAIN)
        index.changed = False

"""The cache: per-file load results, the parsed units registry and whole validation results,
reused while nothing changed.

Where it lives: ``$TTHC_CACHE_DIR`` when set, else the user's cache folder
(``$XDG_CACHE_HOME/tthc`` or ``~/.cache/tthc``; ``~/Library/Caches/tthc`` on macOS;
``%LOCALAPPDATA%\\tthc\\Cache`` on Windows) — never inside the catalog, so a cloned repository
cannot bring one along. ``TTHC_NO_CACHE=1`` or ``--no-cache`` turns it off.

What a hit needs: every entry is keyed on the file's bytes and the name findings show for it,
and the whole store is salted with the tthc version, a fingerprint of its code and schemas, and
the settings in force (they change findings). A changed file, setting or tthc misses.

Safety: files are written whole to a temporary name and renamed into place, so two runs that
share the cache each leave a complete file (the last one wins). A missing, unreadable, corrupt
or foreign file is a miss, never an error; a file that cannot be written is skipped. Entries
are read only when they are regular files (a link, a pipe or a device planted in a shared
folder is a miss, never followed or waited on), and only as many bytes as they hold.

Whose folder: the cache folder and its store (``v2``) must be real folders (not links), and on
POSIX owned by the user running tthc and writable by nobody else; tthc creates them so (mode
0o700). Otherwise the cache is off for the run (:meth:`Cache.refusal` says why; the command
warns once): a store someone else can write could point tthc's writes and clean-up at another
folder (a planted ``v2`` link), or hold a planted entry. An entry is trusted by its key, not by
re-reading what it describes, so the cache is only as trustworthy as that folder: only someone
who can write it can plant one, and a private folder is what stops them. The clean-up deletes
only names tthc writes (``<40 hex digits>.<slot>``, ``.<that>.<random>.tmp``), never through a
link.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import IO, Any

from tthc_cli import __version__
from tthc_cli.load import opening, packaged
from tthc_cli.load.pickling import PLAIN, Codec

FORMAT = 2
Blob = tuple[tuple[str, ...], bytes]  # files' keys, and their results pickled together
KEEP_FILES = 256  # the store holds at most this many files; the oldest go first
# A cache file larger than its bound is a miss, found from its size without reading it: the
# bound only limits what a planted or damaged file can make a run read, in proportion to the
# catalog. Measured on 5,000 generated procedures (14.7 MB of YAML, bench/gen.py): the files
# store 12.6 MB (0.86 bytes a catalog byte), the index 350 KB (70 bytes a file), the result
# 145 KB, the units registry 30 KB. Every bound is a fixed part far above the small entries,
# plus, for what grows with the catalog, many times what was measured.
ENTRY_BASE_BYTES = 64 * 1024**2
PER_FILE_BYTES = {"index": 1024, "result": 16 * 1024, "result-part": 16 * 1024}
FILES_STORE_PER_BYTE = 8  # the files store, per byte of the catalog's files


def entry_limit(slot: str, files: int = 0) -> int:
    """The largest ``slot`` entry read for a catalog of ``files`` files."""
    return ENTRY_BASE_BYTES + PER_FILE_BYTES.get(slot, 0) * files


def default_folder() -> Path:
    explicit = os.environ.get("TTHC_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "tthc" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "tthc"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tthc"


def disabled_by_env() -> bool:
    return os.environ.get("TTHC_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@cache
def code_fingerprint() -> str:
    """A digest of tthc's own code, data and schemas, by content, and of the Python and PyYAML
    that run it: any other tthc (an upgrade, a downgrade, an edited checkout) or reader never
    reuses entries. Reading and hashing the package's
    files costs about 3 ms (129 files, measured), once per run and only when the cache is used.
    """
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{__version__}\0{FORMAT}\0".encode())
    # What reads the files besides tthc's own code: Python, and PyYAML with or without libyaml.
    h.update(f"{sys.version}\0".encode())
    h.update(_pyyaml())
    package = str(packaged.PACKAGE)
    cut = len(os.path.join(package, ""))
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".yaml", ".json")):
                path = os.path.join(folder, name)
                h.update(path[cut:].encode("utf-8", "surrogateescape"))
                try:
                    with open(path, "rb") as handle:
                        h.update(handle.read())
                except OSError:
                    h.update(b"\0unreadable")
    for name in packaged.SCHEMA_NAMES:
        h.update(packaged.schema_text(name).encode("utf-8"))
    h.update(_holidays_version())
    return h.hexdigest()


def _package_init(name: str) -> str | None:
    """The ``__init__.py`` of an installed package, found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec is not None else None


def _pyyaml() -> bytes:
    """PyYAML's version and whether its libyaml extension is there, found without importing
    it (10 ms that a run the cache answers does not need): its ``__init__.py`` holds the
    version, and the extension is a file ``_yaml.*`` beside it."""
    origin = _package_init("yaml")
    if origin is None:
        return b"yaml: none"
    folder = os.path.dirname(origin)
    try:
        with open(origin, "rb") as handle:
            init = handle.read(65536)
        extensions = sorted(n for n in os.listdir(folder) if n.startswith("_yaml."))
    except OSError:
        return b"yaml: unknown"
    return b"yaml: " + init + "\0".join(extensions).encode("utf-8", "surrogateescape")


def _holidays_version() -> bytes:
    """The ``holidays`` package's version file (the working calendar outside the years tthc's
    own table covers comes from it), found without importing it (50 ms) or reading package
    metadata (50 ms too): 0.5 ms."""
    origin = _package_init("holidays")
    if origin is None:
        return b"holidays: none"
    try:
        with open(os.path.join(os.path.dirname(origin), "version.py"), "rb") as handle:
            return b"holidays: " + handle.read(4096)
    except OSError:
        return b"holidays: unknown"


# The only names the clean-up deletes: entries (``<digest>.<slot>``) and their temporaries.
_ENTRY_NAME = re.compile(r"[0-9a-f]{40}\.[a-z][a-z0-9-]*")
_TEMP_NAME = re.compile(r"\.[0-9a-f]{40}\.[a-z][a-z0-9-]*\.[A-Za-z0-9_]+\.tmp")


def folder_refusal(path: Path, create: bool = True) -> str | None:
    """Why ``path`` cannot hold the cache (None when it can): it must be a real folder — not a
    link, not a junction — and on POSIX owned by this user and writable by nobody else.
    A missing folder is created (mode 0o700) when ``create`` is set."""
    if create:
        try:
            path.mkdir(mode=0o700, parents=True)
        except FileExistsError:
            pass
        except OSError:
            return "unwritable"
    try:
        info = os.lstat(path)
    except OSError:
        return "unwritable"
    if opening.is_link(info):
        return "link"
    if not stat.S_ISDIR(info.st_mode):
        return "not-folder"
    user = getattr(os, "geteuid", None)  # POSIX; Windows has no owner or mode bits to check
    if user is not None:
        if info.st_uid != user():
            return "owner"
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return "shared"
    return None


class Cache:
    """One cache folder with one salt; ``scope`` names a catalog (its entries live together)."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.root = folder
        self.folder = folder / f"v{FORMAT}"
        self.salt = salt
        self._checked = False
        self._refusal: tuple[str, Path] | None = None

    def refusal(self) -> tuple[str, Path] | None:
        """Why the cache is off for this run, and which folder (None when it is usable);
        checked once, creating the folders as needed (see the module's docstring)."""
        if not self._checked:
            self._checked = True
            for path in (self.root, self.folder):
                reason = folder_refusal(path)
                if reason is not None:
                    self._refusal = (reason, path)
                    break
        return self._refusal

    @classmethod
    def for_settings(cls, settings: str, folder: Path | None = None) -> Cache:
        return cls(folder or default_folder(), digest(code_fingerprint(), settings))

    def _path(self, scope: str, kind: str) -> Path:
        return self.folder / f"{digest(scope)}.{kind}"

    def _read(self, path: Path, codec: Codec, limit: int) -> Any:
        if self.refusal() is not None:
            return None
        try:
            with _open_entry(path, limit) as handle:
                salt, payload = codec.load(handle)
        except Exception:  # any unreadable, refused or corrupt file is a miss
            return None
        return payload if salt == self.salt else None

    @contextmanager
    def _writing(self, path: Path, codec: Codec) -> Iterator[Callable[[Any], None]]:
        """Pickle what is put, one value after another, into a temporary file that replaces
        ``path`` when the block ends normally. A file that cannot be written is given up
        silently (a cache only saves time); an exception in the block leaves nothing behind."""
        handle: IO[bytes] | None = None
        tmp = ""
        try:
            if self.refusal() is not None:
                raise OSError("the cache folder is not private")
            _write_gitignore(self.root / ".gitignore")
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=self.folder)
        except OSError:
            pass
        else:
            try:
                handle = os.fdopen(fd, "wb")
            except OSError:
                os.close(fd)
                Path(tmp).unlink(missing_ok=True)

        def give_up() -> None:
            nonlocal handle
            if handle is not None:
                with suppress(OSError):
                    handle.close()
                handle = None
                Path(tmp).unlink(missing_ok=True)

        def put(value: Any) -> None:
            if handle is not None:
                try:
                    codec.dump(value, handle)
                except OSError:
                    give_up()

        try:
            yield put
        except BaseException:
            give_up()
            raise
        if handle is None:
            return
        try:
            handle.close()
            os.replace(tmp, path)
            self._prune()
        except OSError:
            give_up()

    def _write(self, path: Path, payload: Any, codec: Codec) -> None:
        with self._writing(path, codec) as put:
            put((self.salt, payload))

    def _prune(self) -> None:
        """Keep the newest ``KEEP_FILES`` entries, and drop temporary files a killed run left.
        Only names tthc writes are touched, and only regular files (a link is never followed:
        ``unlink`` removes the link itself, but none is even considered)."""
        with os.scandir(self.folder) as found:
            entries = [e for e in found if e.is_file(follow_symlinks=False)]
        stale = time.time() - 3600
        for entry in entries:
            if _TEMP_NAME.fullmatch(entry.name) and entry.stat().st_mtime < stale:
                Path(entry.path).unlink(missing_ok=True)
        kept = [e for e in entries if _ENTRY_NAME.fullmatch(e.name)]
        if len(kept) <= KEEP_FILES:
            return
        kept.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns)
        for entry in kept[: len(kept) - KEEP_FILES]:
            Path(entry.path).unlink(missing_ok=True)

    def blobs(self, scope: str, catalog_bytes: int = 0) -> list[Blob]:
        """A catalog's stored results: blobs of files' results pickled together, each with the
        keys of its files (see :func:`file_key`), in blob order.

        Blobs stay pickled, so a run unpickles only those it uses and writes the others back as
        they were; results pickled together share their recurring texts, in the file and in
        memory. A damaged store, or one larger than ``ENTRY_BASE_BYTES`` and
        ``FILES_STORE_PER_BYTE`` times ``catalog_bytes`` (what the files read hold), is a miss
        as a whole.
        """
        found: list[Blob] = []
        if self.refusal() is not None:
            return []
        try:
            limit = ENTRY_BASE_BYTES + FILES_STORE_PER_BYTE * catalog_bytes
            with _open_entry(self._path(scope, "files"), limit) as handle:
                salt, kind = PLAIN.load(handle)
                if salt != self.salt or kind != "blobs":
                    return []
                while (record := PLAIN.load(handle)) is not None:
                    keys, blob = record
                    if not isinstance(keys, tuple) or not isinstance(blob, bytes):
                        return []
                    if not all(isinstance(key, str) for key in keys):
                        return []
                    found.append((keys, blob))
        except Exception:  # missing, unreadable, truncated (no end mark) or corrupt: a miss
            return []
        return found

    @contextmanager
    def blobs_writer(self, scope: str) -> Iterator[Callable[[tuple[str, ...], bytes], None]]:
        """Store a catalog's blobs, written as they are given (a large catalog's are never all
        in memory), then an end mark: a store cut short has none and is a miss. The store
        replaces the old one when the block ends normally."""
        with self._writing(self._path(scope, "files"), PLAIN) as put:
            put((self.salt, "blobs"))
            yield lambda keys, blob: put((keys, blob))
            put(None)

    def value(self, scope: str, slot: str, key: str, codec: Codec, files: int = 0) -> Any:
        """The value stored in a catalog's ``slot`` for ``key`` (None when absent or stale).

        A slot holds one value (the last saved): ``result`` the whole catalog's validation,
        ``result-part`` a selection's (beside the whole catalog's, so validating one file in
        pre-commit never costs the next full run its result), ``units`` the parsed registry.
        An entry larger than :func:`entry_limit` for a catalog of ``files`` files is a miss.
        """
        found = self._read(self._path(scope, slot), codec, entry_limit(slot, files))
        if isinstance(found, tuple) and len(found) == 2 and found[0] == key:
            return found[1]
        return None

    def save_value(self, scope: str, slot: str, key: str, value: Any, codec: Codec) -> None:
        self._write(self._path(scope, slot), (key, value), codec)


def _open_entry(path: Path, limit: int) -> IO[bytes]:
    """A cache file opened for reading: a regular file (never a link, a pipe or a device, which
    someone sharing ``TTHC_CACHE_DIR`` could plant) of at most ``limit`` bytes, known from
    its size before any is read. Anything else raises (a miss)."""
    fd, size = opening.open_regular(str(path))
    if size > limit:
        os.close(fd)
        raise opening.TooLarge(size, limit)
    return os.fdopen(fd, "rb")


def _write_gitignore(path: Path) -> None:
    """Create the cache's ``.gitignore`` unless a file (or a link: never followed) has its name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | opening.NOFOLLOW | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError:  # there already, or not writable: a cache only saves time
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(b"# written by tthc\n*\n")


def file_key(file: str, raw: bytes) -> str:
    return digest(file, raw)

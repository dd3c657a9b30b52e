"""Writing files: whole or not at all, never over an existing file unless asked, and safe when
two runs race or one is killed.

Every file goes through :func:`write_file`: the bytes go to a temporary file in the same folder
(named ``.tthc-NAME.XXXX.tmp``, so a run recognises what a killed one left behind and
:func:`clean_leftovers` removes it — each write first clears that folder of leftovers older
than an hour), then take the target's name in one step: ``os.replace`` when overwriting is
allowed, a hard link when it is not — which fails if the name exists, even if another run
created it a moment ago. Where there are no hard links (a FAT or exFAT USB stick, some network
shares, a platform without ``os.link``) the target is created with ``O_EXCL`` instead: still
never over another file, but a run killed while writing may then leave it short.

A target another program holds open (Word or Excel on Windows refuse to let it be replaced) or
may not write is one line saying so (``error.output-locked``), never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from pathlib import Path

from tthc_cli.errors import TthcError

TMP_PREFIX = ".tthc-"
TMP_SUFFIX = ".tmp"
STALE_AFTER = 3600  # seconds: a temporary file this old belongs to no live run
# What os.link says where the file system has no hard links: POSIX errors, and the Windows
# ones (ERROR_INVALID_FUNCTION 1, ERROR_NOT_SAME_DEVICE 17, ERROR_NOT_SUPPORTED 50).
NO_HARD_LINKS = (
    errno.EPERM,
    errno.EOPNOTSUPP,
    errno.ENOTSUP,
    errno.EXDEV,
    errno.EMLINK,
    errno.EINVAL,
)
NO_HARD_LINKS_WINDOWS = (1, 17, 50)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_file(path: Path, data: bytes, overwrite: bool) -> None:
    """Write ``data`` to ``path`` atomically. Without ``overwrite`` an existing ``path`` is an
    error (``error.exists``, exit 3), decided at the moment of writing, not before."""
    folder = _folder(path)
    clean_leftovers(folder)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f"{TMP_PREFIX}{path.name}.", suffix=TMP_SUFFIX, dir=folder
        )
    except OSError as exc:
        raise _output_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path, data)
    except FileExistsError:
        raise TthcError("error.exists", path=str(path)) from None
    except OSError as exc:
        raise _output_error(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _output_error(path: Path, exc: OSError) -> TthcError:
    """One line for a file that cannot be written; a held-open or protected file says so."""
    if isinstance(exc, PermissionError):
        return TthcError("error.output-locked", path=str(path))
    return TthcError("error.output", path=str(path), detail=exc.strerror or str(exc))


def _no_hard_links(exc: OSError) -> bool:
    return exc.errno in NO_HARD_LINKS or getattr(exc, "winerror", None) in NO_HARD_LINKS_WINDOWS


def _link_new(tmp: str, path: Path, data: bytes) -> None:
    """Give ``tmp`` the name ``path`` only if no file has it (FileExistsError otherwise)."""
    link = getattr(os, "link", None)
    if link is not None:
        try:
            link(tmp, path)
            return
        except FileExistsError:
            raise
        except OSError as exc:
            if not _no_hard_links(exc):
                raise
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666)  # O_EXCL: fails on any existing name, a link included
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def is_leftover(name: str) -> bool:
    """Whether ``name`` is a temporary file of tthc's (``.tthc-NAME.XXXX.tmp``)."""
    return name.startswith(TMP_PREFIX) and name.endswith(TMP_SUFFIX)


def clean_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files a killed run of tthc left in ``folder`` (older than an hour,
    so a live run's are kept); the paths removed."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not is_leftover(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and info.st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed

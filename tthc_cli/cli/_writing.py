"""Writing files: whole or not at all, never over an existing file unless asked, and safe when
two runs race or one is killed.

Every file goes through :func:`write_file`: the bytes go to a temporary file in the same folder
(named ``.tthc-NAME.XXXX.tmp``, so a run recognises what a killed one left behind and
:func:`clean_leftovers` removes it), then take the target's name in one step: ``os.replace``
when overwriting is allowed, a hard link when it is not — which fails if the name exists, even
if another run created it a moment ago. File systems without hard links fall back to creating
the target with ``O_EXCL`` (never overwriting; a kill may then leave it short).
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
NO_HARD_LINKS = (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_file(path: Path, data: bytes, overwrite: bool) -> None:
    """Write ``data`` to ``path`` atomically. Without ``overwrite`` an existing ``path`` is an
    error (``error.exists``, exit 3), decided at the moment of writing, not before."""
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f"{TMP_PREFIX}{path.name}.", suffix=TMP_SUFFIX, dir=_folder(path)
        )
    except OSError as exc:
        raise TthcError("error.output", path=str(path), detail=exc.strerror or str(exc)) from None
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
        raise TthcError("error.output", path=str(path), detail=exc.strerror or str(exc)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _link_new(tmp: str, path: Path, data: bytes) -> None:
    """Give ``tmp`` the name ``path`` only if no file has it (FileExistsError otherwise)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (
            errno.EPERM,
            errno.EOPNOTSUPP,
            errno.ENOTSUP,
            errno.EXDEV,
            errno.EMLINK,
        ):
            raise
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)


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
        if not (entry.name.startswith(TMP_PREFIX) and entry.name.endswith(TMP_SUFFIX)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed

"""Opening files that someone else wrote: regular files only, symbolic links only by choice and
only inside the folder they belong to, and never more bytes read than the limit allows.

A pull request is untrusted input. It can commit a symbolic link ``x.yaml → /dev/zero`` (an
endless read), ``x.yaml → ~/.config/token.yaml`` (a file of the runner, whose values findings
would quote) or leave a named pipe where a file should be (a read that never returns). Every
file tthc reads from a catalog, the configuration or the cache goes through :func:`read_file`:

- the last component is opened with ``O_NOFOLLOW`` and ``O_NONBLOCK``, then ``fstat`` must say
  *regular file*: a pipe opens at once and is refused, a link is refused before it is opened;
- where the platform has no ``O_NOFOLLOW`` or ``O_NONBLOCK`` (Windows), ``lstat`` decides
  before opening and ``fstat`` after must name the same file (resolve and check);
- a link is followed only when the caller allows it (``follow_symlinks: true`` in tthc.yaml)
  and its target lies inside ``root``; the target is then opened as above;
- at most ``limit + 1`` bytes are read, so a file over the limit is known without holding it.

Refusals are :class:`Refused` (the read check's rule names why) and :class:`TooLarge`; both
are ``OSError`` so a caller that only knows "unreadable" still copes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from tthc_cli.findings import Finding, Pos, Severity, make

# 0 where the platform lacks them: :func:`_open_checked` then checks with lstat first.
NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
# What open(2) says about a link under O_NOFOLLOW: ELOOP (Linux, macOS), EMLINK (FreeBSD).
_LINK_ERRORS = (errno.ELOOP, errno.EMLINK)

SYMLINK = "file-symlink"  # a link inside the root, not followed (follow_symlinks is off)
OUTSIDE = "file-outside-catalog"  # a link whose target is outside the root
NOT_REGULAR = "file-not-regular"  # a pipe, a device, a socket (or a folder named *.yaml)
SEVERITY = {SYMLINK: Severity.WARNING, OUTSIDE: Severity.ERROR, NOT_REGULAR: Severity.ERROR}


class Refused(OSError):
    """A file not read, and why: the rule of the finding that reports it."""

    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


class TooLarge(OSError):
    """A file over the size limit (``size``: at least what was found)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} > {limit}")
        self.size = size
        self.limit = limit


def is_link(info: os.stat_result) -> bool:
    """A symbolic link, or on Windows any reparse point (a junction too)."""
    return stat.S_ISLNK(info.st_mode) or bool(getattr(info, "st_reparse_tag", 0))


def inside(path: str, root: str) -> bool:
    """Whether ``path`` (already resolved) is ``root`` or lies below it (both resolved)."""
    path, root = os.path.normcase(path), os.path.normcase(root)
    return path == root or path.startswith(os.path.join(root, ""))


def _open_checked(path: str) -> tuple[int, os.stat_result]:
    """An open descriptor on the regular file at ``path`` and its status; :class:`Refused`
    with ``SYMLINK`` when the last component is a link (the caller decides), ``NOT_REGULAR``
    for anything but a regular file."""
    before = None
    if not (NOFOLLOW and NONBLOCK):  # Windows: decide before opening what cannot block
        before = os.lstat(path)
        if is_link(before):
            raise Refused(SYMLINK)
        if not stat.S_ISREG(before.st_mode):
            raise Refused(NOT_REGULAR)
    try:
        fd = os.open(path, _READ_FLAGS | NOFOLLOW | NONBLOCK)
    except OSError as exc:
        if NOFOLLOW and exc.errno in _LINK_ERRORS and os.path.islink(path):
            raise Refused(SYMLINK) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(NOT_REGULAR)
        if before is not None and (info.st_dev, info.st_ino) != (before.st_dev, before.st_ino):
            raise Refused(NOT_REGULAR)  # replaced between the check and the opening
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def open_regular(path: str, root: str | None = None, follow: bool = False) -> tuple[int, int]:
    """An open descriptor on the regular file ``path`` and its size in bytes.

    A symbolic link is followed only with ``follow`` and only when its target resolves inside
    ``root`` (without ``root``, never); otherwise :class:`Refused` says why."""
    try:
        fd, info = _open_checked(path)
    except Refused as refused:
        if refused.rule != SYMLINK:
            raise
        target = os.path.realpath(path)
        if root is None or not inside(target, os.path.realpath(root)):
            raise Refused(OUTSIDE) from None
        if not follow:
            raise
        fd, info = _open_checked(target)  # resolved: no link is left to follow
    return fd, info.st_size


def read_fd(fd: int, size: int, limit: int | None) -> bytes:
    """Read to the end of ``fd`` (closed afterwards), never more than ``limit + 1`` bytes;
    :class:`TooLarge` when there are more than ``limit``."""
    try:
        cap = None if limit is None else limit + 1
        chunks: list[bytes] = []
        total = 0
        while cap is None or total < cap:
            want = max(size + 1 - total, 1 << 16)
            chunk = os.read(fd, want if cap is None else min(want, cap - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if limit is not None and total > limit:
        raise TooLarge(max(size, total), limit)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_file(
    path: str | Path, limit: int | None, root: str | Path | None = None, follow: bool = False
) -> bytes:
    """The bytes of the regular file ``path``: see :func:`open_regular` and :func:`read_fd`."""
    fd, size = open_regular(str(path), None if root is None else str(root), follow)
    return read_fd(fd, size, limit)


def exists(path: str | Path) -> bool:
    """Whether ``path`` names something; False also for a name the system cannot even look
    up (too long, a NUL byte), so such an argument gets the ordinary "not found" message."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def is_file(path: str | Path) -> bool:
    """:func:`exists`, for a regular file (a link to one counts)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def is_dir(path: str | Path) -> bool:
    """:func:`exists`, for a folder (a link to one counts)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def refusal_finding(exc: OSError, file: str) -> Finding:
    """The finding for a file that could not be read, naming the file and never its content."""
    where = Pos(file)
    if isinstance(exc, Refused):
        return make(exc.rule, SEVERITY[exc.rule], where)
    if isinstance(exc, TooLarge):
        return make("file-too-large", Severity.ERROR, where, size=exc.size, limit=exc.limit)
    error = exc.strerror or str(exc)
    return make("file-unreadable", Severity.ERROR, where, error=error)

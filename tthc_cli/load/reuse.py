"""Results built by an earlier load in the same command, taken for the same file in another
version of the catalog (``tthc diff``, ``report --baseline``).

A file with the same bytes at the same place inside its catalog takes the first load's result,
renamed. Renaming goes through :mod:`tthc_cli.load.pickling` and costs about a quarter of
building.
"""

from __future__ import annotations

import hashlib
from typing import Any

from tthc_cli.findings import Pos
from tthc_cli.load.pickling import reducer
from tthc_cli.load.pipeline import FileResult, results_codec


def inside(file: str, root: str) -> str:
    """A file's path inside its catalog (so a catalog in git and on disk compare alike)."""
    if root and file.startswith(root):
        return file[len(root) :].lstrip("/:")
    return file


def renamed(result: FileResult, old: str, new: str) -> FileResult:
    """``result`` of file ``old`` as the same bytes named ``new`` give it.

    The name lives in every position (:class:`Pos`) and in the procedure's ``path``.
    """
    from tthc_cli.model import Procedure

    def pos(p: Pos) -> tuple[Any, ...]:
        return (Pos, (new if p.file == old else p.file, p.line, p.column))

    plain = reducer(Procedure)

    def procedure(p: Procedure) -> tuple[Any, ...]:
        cls, values = plain(p)
        return (cls, (new if p.path == old else p.path, *values[1:]))

    codec = results_codec()
    copy: FileResult = codec.loads(codec.dumps(result, {Pos: pos, Procedure: procedure}))
    return copy


ReuseKey = tuple[str, bytes]  # (path inside the catalog, digest of the bytes)


class Reuse:
    """Results built by earlier loads in this process, by place in the catalog and content.

    The key holds neither settings nor limits: every load sharing one ``Reuse`` must use the
    same (both sides of a diff, a report and its baseline do).
    """

    def __init__(self) -> None:
        self._built: dict[ReuseKey, tuple[str, FileResult]] = {}

    @staticmethod
    def key(file: str, root: str, raw: bytes) -> ReuseKey:
        return (inside(file, root), hashlib.blake2b(raw, digest_size=16).digest())

    def remember(self, key: ReuseKey, file: str, result: FileResult) -> None:
        self._built.setdefault(key, (file, result))

    def recall(self, key: ReuseKey, file: str) -> FileResult | None:
        """The result for ``file`` with this key, if one was built."""
        found = self._built.get(key)
        if found is None:
            return None
        old, result = found
        return result if old == file else renamed(result, old, file)

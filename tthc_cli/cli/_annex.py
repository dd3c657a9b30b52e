"""``tthc table --since REV [--until REV]``: the Quyết định công bố and its annex, from what
changed in the catalog between two versions (see :mod:`tthc_cli.render.annex`).

``--since`` is the version the decision announces changes from (a git revision, or a folder);
``--until`` the version it announces (default: the working tree). Both are opened as ``tthc
diff`` opens its sides, and matched the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tthc_cli.cli._common import open_config
from tthc_cli.cli._loading import loading
from tthc_cli.config import Config
from tthc_cli.diff import diff_catalogs
from tthc_cli.diff.announce import Announcement, Entry, announce
from tthc_cli.load.packaged import packaged_yaml
from tthc_cli.load.reuse import Reuse
from tthc_cli.load.sides import check_order, open_side
from tthc_cli.messages import text
from tthc_cli.model import Catalog, Procedure
from tthc_cli.render.annex import annex_document, default_bases
from tthc_cli.render.frame import blank_note
from tthc_cli.render.tables import Document
from tthc_cli.textnorm import visible

ANNEX_DATA = "annex.yaml"


def _sides(
    since: str, until: str | None, paths: list[Path], config: Config
) -> tuple[Catalog, Catalog, Announcement]:
    check_order(since, until, config, paths)
    reuse = Reuse()  # files both versions share are built once
    with loading(config) as options:
        options = replace(options, reuse=reuse)
        old, old_side = open_side(since, config, options, paths)
        new, new_side = open_side(until, config, options, paths)
    diff = diff_catalogs(old, new, old_side, new_side)
    return old, new, announce(diff, old, new)


def _only(announcement: Announcement, keep: Callable[[Procedure], bool]) -> Announcement:
    def chosen(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
        return tuple(e for e in entries if keep(e.procedure))

    return Announcement(
        chosen(announcement.new),
        chosen(announcement.amended),
        chosen(announcement.abolished),
        chosen(announcement.corrections),
    )


def annex(
    since: str,
    until: str | None,
    paths: list[Path],
    config_path: Path | None,
    lang: str | None,
    keep: Callable[[Procedure], bool],
) -> tuple[Document, str]:
    """The annex document and the language it is written in."""
    config = open_config(paths, config_path, lang)
    _, new, announcement = _sides(since, until, paths, config)
    announcement = _only(announcement, keep)
    language = config.lang
    bases = default_bases(packaged_yaml(ANNEX_DATA), announcement)
    document = annex_document(announcement, new, bases, language)
    if not (announcement.new or announcement.amended or announcement.abolished):
        print(f"tthc: {visible(text('annex.empty', language))}", file=sys.stderr)
    if announcement.corrections:
        codes = ", ".join(e.procedure.code for e in announcement.corrections)
        hint = text(
            "annex.corrections-hint", language, count=len(announcement.corrections), codes=codes
        )
        print(f"tthc: {visible(hint)}", file=sys.stderr)
    if document.frame is not None:
        note = blank_note(document.frame, language)
        if note:
            print(f"tthc: {visible(note)}", file=sys.stderr)
    return document, language

"""How commands load catalogs: the cache and worker options, the progress bar, the libyaml hint."""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from tthc_cli import findings
from tthc_cli.config import Config
from tthc_cli.findings import Severity, ValidationResult
from tthc_cli.load.cache import Cache, disabled_by_env
from tthc_cli.load.options import LoadOptions
from tthc_cli.load.pickling import Codec
from tthc_cli.load.reading import Listing, RawCatalog
from tthc_cli.load.unchanged import save_index
from tthc_cli.messages import text

if TYPE_CHECKING:
    from tthc_cli.load.reuse import Reuse
    from tthc_cli.model import Catalog

NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache", help="Không dùng bộ nhớ đệm (also TTHC_NO_CACHE=1; folder: TTHC_CACHE_DIR)."
    ),
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help="Số tiến trình cho danh mục lớn; 0 = tự chọn theo khối lượng và số lõi CPU đang rảnh.",
    ),
]
PROGRESS_FROM = 500  # files to build before a progress bar is worth showing
# A whole validation's result, as the cache keeps it.
RESULT_CODEC = Codec(findings)


def open_cache(config: Config, no_cache: bool) -> Cache | None:
    """The cache for these settings (language and exit threshold do not change results)."""
    if no_cache or disabled_by_env():
        return None
    settings = dataclasses.replace(config, lang="vi", fail_on=Severity.ERROR)
    cache = Cache.for_settings(repr(settings))
    refused = cache.refusal()
    if refused is not None:  # off for this run; said once when others could have written it
        reason, folder = refused
        if reason == "unwritable":  # a cache only saves time
            return None
        why = text(f"cache.refused.{reason}", config.lang)
        print(
            f"tthc: {text('cache.refused', config.lang, folder=str(folder), why=why)}",
            file=sys.stderr,
        )
        return None
    return cache


YAMLSAFE = "tthc_cli.load.yamlsafe"


def _warn_without_libyaml(lang: str) -> None:
    from tthc_cli.load.yamlsafe import HAVE_LIBYAML

    if not HAVE_LIBYAML:
        print(f"tthc: {text('load.no-libyaml', lang)}", file=sys.stderr)


@contextmanager
def _libyaml_hint(lang: str) -> Iterator[None]:
    """Say once when PyYAML lacks libyaml (every file parses 9 times slower): before the load
    when the parser is already imported, else after it if it parsed anything (a run the cache
    answers never imports the parser, and has nothing to say)."""
    if YAMLSAFE in sys.modules:
        _warn_without_libyaml(lang)
        yield
        return
    try:
        yield
    finally:
        if YAMLSAFE in sys.modules:
            _warn_without_libyaml(lang)


def _progress_wanted() -> bool:
    if os.environ.get("CI") or os.environ.get("TTHC_NO_PROGRESS"):
        return False
    return sys.stderr.isatty()


@contextmanager
def loading(config: Config, no_cache: bool = False, jobs: int = 0) -> Iterator[LoadOptions]:
    """Load options for one command; a progress bar on a terminal's stderr for long loads."""
    with _libyaml_hint(config.lang):
        options = LoadOptions(cache=open_cache(config, no_cache), jobs=jobs)
        if not _progress_wanted():
            yield options
            return
        with _progress_bar(config, options) as shown:
            yield shown


@contextmanager
def _progress_bar(config: Config, options: LoadOptions) -> Iterator[LoadOptions]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TimeRemainingColumn,
    )

    bar = Progress(
        "{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task: list[TaskID] = []

    def report(done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if not task:
            task.append(bar.add_task(text("load.progress", config.lang, total=total), total=total))
            bar.start()
        bar.update(task[0], completed=done)

    try:
        yield dataclasses.replace(options, tally=report)
    finally:
        bar.stop()


def _held(hit: object, today: date) -> ValidationResult | None:
    """A cached result, if it is one and holds on ``today``: it is stored as ``(since, until,
    result)``, the days around the day it was made on which the rules come out the same."""
    if not (isinstance(hit, tuple) and len(hit) == 3 and isinstance(hit[2], ValidationResult)):
        return None
    since, until, result = hit
    if not all(bound is None or type(bound) is date for bound in (since, until)):
        return None
    if (since is not None and today < since) or (until is not None and today >= until):
        return None
    return cast(ValidationResult, result)


SMALL_SELECTION = 64  # fewer files than this are read, not looked up in the cache's index


def validated(catalog: Listing | RawCatalog, options: LoadOptions) -> ValidationResult:
    """``validate`` of the catalog, reused whole from the cache while no input changed and
    today is within the days the stored result holds for (see :mod:`tthc_cli.rules.today`).

    Given a :class:`Listing` (what ``tthc validate`` does), files the cache's index knows
    unchanged are not even opened (:mod:`tthc_cli.load.unchanged`): a run where nothing
    changed costs one ``lstat`` per file and the reading of two cache files. The result is
    stored under the key of the bytes actually read and built, never under one computed
    before (a file edited in between would otherwise file its result under the old bytes).
    """
    cache = options.cache
    slot = "result" if catalog.complete else "result-part"  # the key names the selected files
    today = catalog.config.today()
    if isinstance(catalog, Listing):
        index = None
        if catalog.complete or len(catalog.listed) >= SMALL_SELECTION:
            index = catalog.index(cache)
        if cache is not None:
            key = catalog.fingerprint("validate", index=index)
            files = len(catalog.listed)
            held = _held(cache.value(catalog.scope, slot, key, RESULT_CODEC, files), today)
            if held is not None:
                if index is not None:
                    save_index(cache, catalog.scope, index)
                return held
        raw = catalog.read(index)
        if cache is not None and index is not None:
            save_index(cache, catalog.scope, index)
    else:
        raw = catalog
    key = raw.fingerprint("validate")
    if cache is not None and not isinstance(catalog, Listing):
        held = _held(cache.value(raw.scope, slot, key, RESULT_CODEC, len(raw.items)), today)
        if held is not None:
            return held
    from tthc_cli.load.catalog import build_catalog
    from tthc_cli.rules.engine import validate  # the rules and the model: only when building
    from tthc_cli.rules.today import DayWindow

    built = build_catalog(raw, options)
    gc.freeze()  # see load_catalog
    window = DayWindow(today)
    result = validate(built, window=window)
    if cache is not None:
        stored = (window.since, window.until, result)
        cache.save_value(raw.scope, slot, key, stored, RESULT_CODEC)
    return result


def load_catalog(
    paths: list[Path],
    config: Config,
    no_cache: bool = False,
    jobs: int = 0,
    reuse: Reuse | None = None,
) -> Catalog:
    """The catalog for command-line paths, with the cache, workers and progress bar (and the
    results of earlier loads, with ``reuse``)."""
    from tthc_cli.load.catalog import load_paths

    with loading(config, no_cache, jobs) as options:
        catalog = load_paths(paths, config, dataclasses.replace(options, reuse=reuse))
    # What was loaded lives until the command ends and holds no reference cycles: keep the
    # cyclic collector from walking it again and again (it would cost seconds at 100,000 files).
    gc.freeze()
    return catalog

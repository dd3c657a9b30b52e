"""The loading edge: config files, catalog folders, single files, git revisions.

Input is read here and in the modules this one drives (:mod:`tthc_cli.sources` lists and reads
files, :mod:`tthc_cli.shipped` the packaged data, :mod:`tthc_cli.cache` its own store). Each
file is read once, parsed by :mod:`tthc_cli.yamlsafe`, checked against its JSON Schema and,
when that passes, turned into the typed model — from the cache when its bytes are unchanged,
in worker processes for large catalogs (:mod:`tthc_cli.pool`). Everything after this works on
the model.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from tthc_cli import schemacheck
from tthc_cli.cache import Cache, digest, file_key
from tthc_cli.config import (
    CONFIG_NAMES,
    Config,
    env_lang,
    find_config,
    from_data,
    regex_problems,
)
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.findings import Finding, Pos, Severity, make
from tthc_cli.messages import render
from tthc_cli.pool import Progress, gc_paused
from tthc_cli.results import Reuse, file_results
from tthc_cli.sources import DirSource, Source, display_path
from tthc_cli.yamlsafe import Limits, parse_yaml

if TYPE_CHECKING:  # the model is imported when something is built, not for a cached result
    from tthc_cli.model import Catalog, Procedure, Unit

UNITS_FILE = "units.yaml"


def load_config(path: Path | None, lang: str | None = None) -> Config:
    """Read and check a tthc.yaml; a broken one stops the command (exit 3), saying why in
    ``lang`` (else the environment's language: the file's own setting is not known yet)."""
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TthcError(
            "error.config", path=display_path(path), detail=exc.strerror or str(exc)
        ) from None
    file = display_path(path)
    parsed = parse_yaml(raw, file)
    problems = [f for f in parsed.findings if f.severity is Severity.ERROR]
    if parsed.data is not None:
        problems += schemacheck.check(parsed.data, "config", file)
        problems += [] if problems else regex_problems(parsed.data, file)
    if problems:
        first = problems[0]
        raise TthcError(
            "error.config",
            path=f"{file}:{first.line}:{first.column}",
            detail=render(first.message, first.arg_map, lang or env_lang() or "vi"),
        )
    return from_data(parsed.data, path)


def resolve_config(paths: Sequence[Path], explicit: Path | None, lang: str | None = None) -> Config:
    if explicit is not None:
        return load_config(explicit, lang)
    start = paths[0] if paths else Path.cwd()
    return load_config(find_config(start), lang)


def _is_ignored(rel: str, config: Config) -> bool:
    name = rel.rsplit("/", 1)[-1]
    if name in CONFIG_NAMES or rel == UNITS_FILE:
        return True
    return any(fnmatch.fnmatch(rel, pattern) for pattern in config.ignore)


def _read_units(source: Source) -> tuple[str | None, bytes | None, list[Finding]]:
    """The units registry's name, bytes (None when absent or unreadable) and read findings."""
    file = source.display(UNITS_FILE)
    try:
        return file, source.read(UNITS_FILE), []
    except (FileNotFoundError, NotADirectoryError, KeyError):
        return None, None, []
    except OSError as exc:
        error = exc.strerror or str(exc)
        return file, None, [make("file-unreadable", Severity.ERROR, Pos(file), error=error)]


def _units(raw: RawCatalog, cache: Cache | None) -> tuple[dict[str, Unit], list[Finding]]:
    """The units registry and its findings; from the cache while its bytes are unchanged."""
    if raw.units_file is None or raw.units_raw is None:
        return {}, []
    key = file_key(raw.units_file, raw.units_raw)
    if cache is not None and _units_shaped(hit := cache.value(raw.scope, "units", key)):
        return hit[0], list(hit[1])
    found = _parse_units(raw.units_raw, raw.units_file, raw.config.limits)
    if cache is not None:
        cache.save_value(raw.scope, "units", key, found)
    return found


def _units_shaped(value: Any) -> TypeGuard[tuple[dict[str, Unit], list[Finding]]]:
    """Whether a cached value has the shape :func:`_units` stores (a planted file may not)."""
    from tthc_cli.model import Unit

    if not (isinstance(value, tuple) and len(value) == 2):
        return False
    units, findings = value
    return (
        isinstance(units, dict)
        and all(isinstance(unit, Unit) for unit in units.values())
        and isinstance(findings, list)
        and all(isinstance(finding, Finding) for finding in findings)
    )


def _parse_units(raw: bytes, file: str, limits: Limits) -> tuple[dict[str, Unit], list[Finding]]:
    parsed = parse_yaml(raw, file, limits)
    findings = list(parsed.findings)
    if parsed.data is None:
        return {}, findings
    problems = schemacheck.check(parsed.data, "units", file)
    findings += problems
    from tthc_cli import build

    return (build.units(parsed.data, file) if not problems else {}), findings


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How to load: which cache to reuse, how many processes, whom to tell about progress."""

    cache: Cache | None = None
    jobs: int = 1
    progress: Progress | None = None
    reuse: Reuse | None = None  # earlier loads of another version (diff, report --baseline)


@dataclass(slots=True)
class RawCatalog:
    """A catalog read but not parsed: each procedure file's bytes (or why it could not be read).

    :func:`build_catalog` consumes it: each file's bytes are released once the file is built, so
    a large catalog is never in memory twice. Take the :meth:`fingerprint` before building.
    """

    root: str
    scope: str  # names the catalog in the cache
    config: Config
    items: list[tuple[str, bytes | Finding | None]]  # (name in findings, bytes | error | used)
    units_file: str | None
    units_raw: bytes | None  # None: no registry, or an unreadable one (see findings)
    findings: tuple[Finding, ...]  # what could not be read: the registry, folders in the walk
    complete: bool  # the whole catalog, not a selection

    def fingerprint(self, *extra: str) -> str:
        """Changes whenever any input that findings depend on changes."""
        units = b"-" if self.units_raw is None else b"+" + self.units_raw
        parts: list[str | bytes] = [self.root, *extra, units, repr(self.findings)]
        for file, data in self.items:
            if data is None:
                raise ValueError("fingerprint of a catalog already built")
            parts += [file, data if isinstance(data, bytes) else repr(data)]
        return digest(*parts)


def read_source(
    source: Source,
    config: Config,
    only: Iterable[str] | None = None,
    root: str = "",
    scope: str | None = None,
) -> RawCatalog:
    """Read a catalog's files from any source; ``only`` restricts which procedure files."""
    listed = source.list() if only is None else sorted(set(only))
    units_file, units_raw, findings = _read_units(source)
    findings += getattr(source, "walk_findings", [])
    items: list[tuple[str, bytes | Finding | None]] = []
    for rel in listed:
        if _is_ignored(rel, config):
            continue
        file = source.display(rel)
        try:
            items.append((file, source.read(rel)))
        except OSError as exc:
            error = exc.strerror or str(exc)
            items.append((file, make("file-unreadable", Severity.ERROR, Pos(file), error=error)))
    return RawCatalog(
        root=root,
        scope=scope or root,
        config=config,
        items=items,
        units_file=units_file,
        units_raw=units_raw,
        findings=tuple(findings),
        complete=only is None,
    )


def build_catalog(raw: RawCatalog, options: LoadOptions | None = None) -> Catalog:
    """Parse, schema-check and build every procedure file of ``raw`` into the model."""
    from tthc_cli.model import Catalog

    options = options or LoadOptions()
    units, unit_findings = _units(raw, options.cache)
    findings = unit_findings + list(raw.findings)
    with gc_paused(freeze=True):
        results = file_results(raw, options)
    procedures: list[Procedure] = []
    for (_, data), result in zip(raw.items, results, strict=True):
        if isinstance(data, Finding):  # unreadable; readable items are None by now
            findings.append(data)
        elif result is not None:
            findings += result.findings
            if result.procedure is not None:
                procedures.append(result.procedure)
    return Catalog(
        root=raw.root,
        procedures=tuple(procedures),
        units=units,
        config=raw.config,
        findings=tuple(findings),
        files=tuple(file for file, _ in raw.items),
        units_file=raw.units_file,
    )


def load_source(
    source: Source,
    config: Config,
    only: Iterable[str] | None = None,
    root: str = "",
    options: LoadOptions | None = None,
) -> Catalog:
    """Load a catalog from any source; ``only`` restricts which procedure files are read."""
    return build_catalog(read_source(source, config, only, root), options)


def catalog_root(path: Path, config: Config) -> Path:
    """The catalog folder a path belongs to: the configured one, or the nearest with units.yaml."""
    resolved = path.resolve()
    if config.catalog is not None:
        catalog = config.catalog.resolve()
        if resolved == catalog or catalog in resolved.parents:
            return catalog
    folder = resolved if resolved.is_dir() else resolved.parent
    for candidate in (folder, *folder.parents):
        if (candidate / UNITS_FILE).is_file():
            return candidate
    return folder


def load_paths(
    paths: Sequence[Path], config: Config, options: LoadOptions | None = None
) -> Catalog:
    """The catalog for command-line paths (see :func:`read_paths`)."""
    return build_catalog(read_paths(paths, config), options)


def read_paths(paths: Sequence[Path], config: Config) -> RawCatalog:
    """The catalog files for command-line paths (none: the configured catalog, else this folder).

    Every path must lie in one catalog folder (the configured one, or the nearest folder with a
    units.yaml, or the path's own folder). The folder itself means the whole catalog; a subfolder
    or a file selects those procedure files, and the units registry is still read from the root.
    """
    if not paths:
        target = config.catalog or Path.cwd()
        if not target.is_dir():
            raise TthcError("error.path-missing", path=display_path(target))
        paths = [target]
    for path in paths:
        if not path.exists():
            raise TthcError("error.path-missing", path=str(path))
    root = catalog_root(paths[0], config)
    source = DirSource(root)
    selected: set[str] | None = set()
    for path in paths:
        resolved = path.resolve()
        if resolved != root and root not in resolved.parents:
            raise UsageError("error.mixed-catalogs", path=str(path), root=display_path(root))
        rel = resolved.relative_to(root).as_posix()
        if resolved == root:
            selected = None
        elif selected is not None and resolved.is_dir():
            selected.update(name for name in source.list() if name.startswith(rel + "/"))
        elif selected is not None:
            selected.add(rel)
    return read_source(source, config, selected, display_path(root), scope=str(root))

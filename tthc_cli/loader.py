"""The only module that reads input: config files, catalog folders, single files, git revisions.

Each file is read once, parsed by :mod:`tthc_cli.yamlsafe`, checked against its JSON Schema and,
when that passes, turned into the typed model. Everything after this works on the model.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tthc_cli import build, resources, schemacheck
from tthc_cli.config import CONFIG_NAMES, Config, find_config, from_data
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.findings import Finding, Pos, Severity, make
from tthc_cli.messages import render
from tthc_cli.model import Catalog, Procedure, Unit

if TYPE_CHECKING:
    from tthc_cli.calendar import WorkCalendar
    from tthc_cli.milestones import PlanData

from tthc_cli.sources import DirSource, Source, display_path
from tthc_cli.yamlsafe import Limits, parse_yaml

UNITS_FILE = "units.yaml"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one procedure file gave: the model (when usable) and the findings."""

    procedure: Procedure | None
    findings: tuple[Finding, ...]


def process_procedure(raw: bytes, file: str, limits: Limits) -> FileResult:
    """Parse, schema-check and build one procedure file. Pure: bytes in, model out."""
    parsed = parse_yaml(raw, file, limits)
    if parsed.data is None:
        return FileResult(None, parsed.findings)
    problems = schemacheck.check(parsed.data, "procedure", file)
    if problems:
        return FileResult(None, (*parsed.findings, *problems))
    return FileResult(build.procedure(parsed.data, file), parsed.findings)


def load_config(path: Path | None) -> Config:
    """Read and check a tthc.yaml; a broken one stops the command (exit 3)."""
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
    if problems:
        first = problems[0]
        raise TthcError(
            "error.config",
            path=f"{file}:{first.line}:{first.column}",
            detail=render(first.message, first.arg_map),
        )
    return from_data(parsed.data, path)


def resolve_config(paths: Sequence[Path], explicit: Path | None) -> Config:
    if explicit is not None:
        return load_config(explicit)
    start = paths[0] if paths else Path.cwd()
    return load_config(find_config(start))


def _is_ignored(rel: str, config: Config) -> bool:
    name = rel.rsplit("/", 1)[-1]
    if name in CONFIG_NAMES or rel == UNITS_FILE:
        return True
    return any(fnmatch.fnmatch(rel, pattern) for pattern in config.ignore)


def _load_units(
    source: Source, config: Config
) -> tuple[dict[str, Unit], list[Finding], str | None]:
    file = source.display(UNITS_FILE)
    try:
        raw = source.read(UNITS_FILE)
    except (FileNotFoundError, NotADirectoryError, KeyError):
        return {}, [], None
    except OSError as exc:
        return (
            {},
            [make("file-unreadable", Severity.ERROR, Pos(file), error=exc.strerror or str(exc))],
            file,
        )
    parsed = parse_yaml(raw, file, config.limits)
    findings = list(parsed.findings)
    if parsed.data is None:
        return {}, findings, file
    problems = schemacheck.check(parsed.data, "units", file)
    findings += problems
    return (build.units(parsed.data, file) if not problems else {}), findings, file


def load_source(
    source: Source, config: Config, only: Iterable[str] | None = None, root: str = ""
) -> Catalog:
    """Load a catalog from any source; ``only`` restricts which procedure files are read."""
    listed = source.list() if only is None else sorted(set(only))
    units, findings, units_file = _load_units(source, config)
    findings += getattr(source, "walk_findings", [])
    procedures: list[Procedure] = []
    files: list[str] = []
    for rel in listed:
        if _is_ignored(rel, config):
            continue
        file = source.display(rel)
        files.append(file)
        try:
            raw = source.read(rel)
        except OSError as exc:
            findings.append(
                make("file-unreadable", Severity.ERROR, Pos(file), error=exc.strerror or str(exc))
            )
            continue
        result = process_procedure(raw, file, config.limits)
        findings += result.findings
        if result.procedure is not None:
            procedures.append(result.procedure)
    return Catalog(
        root=root,
        procedures=tuple(procedures),
        units=units,
        config=config,
        findings=tuple(findings),
        files=tuple(files),
        units_file=units_file,
    )


@cache
def packaged_yaml(name: str) -> Any:
    """A YAML file shipped in ``tthc_cli/data``, read and parsed once per process."""
    file = f"tthc_cli/data/{name}"
    try:
        raw = resources.data_bytes(name)
    except (OSError, ValueError) as exc:
        raise TthcError("error.data", name=file, detail=str(exc)) from None
    parsed = parse_yaml(raw, file)
    problems = [f for f in parsed.findings if f.severity is Severity.ERROR]
    if parsed.data is None or problems:
        detail = render(problems[0].message, problems[0].arg_map) if problems else "empty"
        raise TthcError("error.data", name=file, detail=detail)
    return parsed.data


def load_plan(config: Config) -> PlanData:
    """The simplification plan named in the config, with its choices applied."""
    from tthc_cli.milestones import parse_plan, plan_file

    file = plan_file(config)
    return parse_plan(packaged_yaml(file), config, file)


def load_calendar(config: Config) -> WorkCalendar:
    """The working-day calendar: holidays, the shipped make-up days, the config's overrides.

    Imported here, not at the top: ``holidays`` is only needed by the commands that count days.
    """
    from tthc_cli.calendar import CALENDAR_DATA, WorkCalendar

    return WorkCalendar.from_config(config, packaged_yaml(CALENDAR_DATA))


def _catalog_root(path: Path, config: Config) -> Path:
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


def load_paths(paths: Sequence[Path], config: Config) -> Catalog:
    """The catalog for command-line paths (none: the configured catalog, else this folder).

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
    root = _catalog_root(paths[0], config)
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
    return load_source(source, config, selected, root=display_path(root))

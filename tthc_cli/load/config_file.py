"""Finding and reading ``tthc.yaml``: a broken one stops the command (exit 3), saying where."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tthc_cli.config import (
    CONFIG_NAMES,
    Config,
    Limits,
    env_lang,
    from_data,
    office_hours_problems,
    regex_problems,
)
from tthc_cli.errors import TthcError
from tthc_cli.findings import Severity
from tthc_cli.load import shape
from tthc_cli.load.opening import OUTSIDE, is_file, read_file, refusal_finding
from tthc_cli.load.opening import Refused as OpeningRefused
from tthc_cli.load.sources import display_path
from tthc_cli.load.yamlsafe import parse_yaml
from tthc_cli.messages import render


def load_config(path: Path | None, lang: str | None = None, found: bool = False) -> Config:
    """Read and check a tthc.yaml; a broken one stops the command (exit 3), saying why in
    ``lang`` (else the environment's language: the file's own setting is not known yet).

    A file tthc ``found`` (not named with ``--config``) is read only if it is a regular file or
    a symbolic link to one in the same folder or below (a repository cannot point tthc at a
    file elsewhere on the machine); any config is read up to the default size limit."""
    if path is None:
        return Config()
    file = display_path(path)
    try:
        raw = _config_bytes(path, found)
    except OSError as exc:
        finding = refusal_finding(exc, file)
        detail = render(finding.message, finding.arg_map, lang or env_lang() or "vi")
        raise TthcError("error.config", path=file, detail=detail) from None
    parsed = parse_yaml(raw, file)
    problems = [f for f in parsed.findings if f.severity is Severity.ERROR]
    if parsed.data is not None:
        problems += shape.check(parsed.data, "config", file)
        if not problems:
            problems += regex_problems(parsed.data, file)
            problems += office_hours_problems(parsed.data, file)
    if problems:
        first = problems[0]
        raise TthcError(
            "error.config",
            path=f"{file}:{first.line}:{first.column}",
            detail=render(first.message, first.arg_map, lang or env_lang() or "vi"),
        )
    config = from_data(parsed.data, path)
    if found and config.catalog is not None and not _within(config.catalog, path.parent):
        # A repository's own tthc.yaml cannot send tthc to read files elsewhere on the machine
        # (``catalog: /etc`` in a pull request); named with --config, it is the user's choice.
        marks = getattr(parsed.data, "value_marks", {})
        line, column = marks.get("catalog", (1, 1))
        raise TthcError(
            "error.catalog-outside", path=f"{file}:{line}:{column}", catalog=str(config.catalog)
        )
    return config


def _within(folder: Path, base: Path) -> bool:
    try:
        resolved, top = folder.resolve(), base.resolve()
    except (OSError, RuntimeError):
        return False
    return resolved == top or top in resolved.parents


def _config_bytes(path: Path, found: bool) -> bytes:
    limit = Limits().max_file_bytes
    try:
        return read_file(path, limit, path.parent, follow=True)
    except OpeningRefused as exc:
        if exc.rule == OUTSIDE and not found:  # named with --config: the user's choice
            return read_file(path.resolve(), limit)
        raise


def resolve_config(paths: Sequence[Path], explicit: Path | None, lang: str | None = None) -> Config:
    if explicit is not None:
        return load_config(explicit, lang)
    start = paths[0] if paths else Path.cwd()
    return load_config(find_config(start), lang, found=True)


def find_config(start: Path) -> Path | None:
    """The nearest tthc.yaml or .tthc.yaml from ``start`` upward, as ruff and yamllint do."""
    here = start.resolve()
    if is_file(here):
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if is_file(candidate):
                return candidate
    return None

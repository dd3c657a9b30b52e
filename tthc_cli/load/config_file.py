"""Finding and reading ``tthc.yaml``: a broken one stops the command (exit 3), saying where.

A command that uses the cache (``tthc validate``) also keeps the checked settings there, keyed
on the file's bytes and tthc's code: a run the cache answers then never imports the YAML
parser or the schema checker (a fifth of its time). Only a file that passed every check is
kept; the checks that depend on more than the bytes (where ``catalog`` points) run every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
from tthc_cli.load.opening import OUTSIDE, is_file, read_file, refusal_finding
from tthc_cli.load.opening import Refused as OpeningRefused
from tthc_cli.load.sources import display_path
from tthc_cli.messages import render

Mark = tuple[int, int]
Checked = tuple[Any, Mark]  # a config file's data (plain values), and where ``catalog`` stands


def load_config(
    path: Path | None, lang: str | None = None, found: bool = False, cached: bool = False
) -> Config:
    """Read and check a tthc.yaml; a broken one stops the command (exit 3), saying why in
    ``lang`` (else the environment's language: the file's own setting is not known yet).

    A file tthc ``found`` (not named with ``--config``) is read only if it is a regular file or
    a symbolic link to one in the same folder or below (a repository cannot point tthc at a
    file elsewhere on the machine); any config is read up to the default size limit. With
    ``cached``, the checked data comes from the cache while the file's bytes are unchanged."""
    if path is None:
        return Config()
    file = display_path(path)
    try:
        raw = _config_bytes(path, found)
    except OSError as exc:
        finding = refusal_finding(exc, file)
        detail = render(finding.message, finding.arg_map, lang or env_lang() or "vi")
        raise TthcError("error.config", path=file, detail=detail) from None
    checked = _remembered(path, raw) if cached else None
    config = None
    if checked is not None:
        try:
            config = from_data(checked[0], path)
        except Exception:  # a damaged or planted entry: check the file as always
            checked = config = None
    if checked is None or config is None:
        checked = _checked(raw, file, lang)
        config = from_data(checked[0], path)
        if cached:
            _remember(path, raw, checked)
    if found and config.catalog is not None and not _within(config.catalog, path.parent):
        # A repository's own tthc.yaml cannot send tthc to read files elsewhere on the machine
        # (``catalog: /etc`` in a pull request); named with --config, it is the user's choice.
        line, column = checked[1]
        raise TthcError(
            "error.catalog-outside", path=f"{file}:{line}:{column}", catalog=str(config.catalog)
        )
    return config


def _checked(raw: bytes, file: str, lang: str | None) -> Checked:
    """Parse and check a config file's bytes: its data and where ``catalog`` stands; a problem
    stops the command."""
    from tthc_cli.load import shape
    from tthc_cli.load.yamlsafe import parse_yaml

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
    marks = getattr(parsed.data, "value_marks", {})
    return parsed.data, marks.get("catalog", (1, 1))


def _plain(value: Any) -> Any:
    """Parsed data as plain dicts and lists (what the cache may hold)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


CONFIG_SLOT = "config"


def _config_cache() -> Any:
    from tthc_cli.load.cache import Cache, disabled_by_env

    return None if disabled_by_env() else Cache.for_settings(CONFIG_SLOT)


def _remembered(path: Path, raw: bytes) -> Checked | None:
    from tthc_cli.load.cache import digest
    from tthc_cli.load.pickling import PLAIN

    cache = _config_cache()
    if cache is None:
        return None
    found = cache.value(str(path.absolute()), CONFIG_SLOT, digest(raw), PLAIN)
    if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], dict)):
        return None
    mark = found[1]
    if not (isinstance(mark, tuple) and len(mark) == 2 and all(type(m) is int for m in mark)):
        return None
    return found[0], mark


def _remember(path: Path, raw: bytes, checked: Checked) -> None:
    from tthc_cli.load.cache import digest
    from tthc_cli.load.pickling import PLAIN

    cache = _config_cache()
    if cache is not None:
        value = (_plain(checked[0]), checked[1])
        cache.save_value(str(path.absolute()), CONFIG_SLOT, digest(raw), value, PLAIN)


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


def resolve_config(
    paths: Sequence[Path], explicit: Path | None, lang: str | None = None, cached: bool = False
) -> Config:
    if explicit is not None:
        return load_config(explicit, lang, cached=cached)
    start = paths[0] if paths else Path.cwd()
    return load_config(find_config(start), lang, found=True, cached=cached)


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

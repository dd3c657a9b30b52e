"""What `tthc import` reads: portal records (JSON), list exports (XLSX), the unit
mapping file and existing output files. Everything else in the importer is pure."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tthc_cli.errors import TthcError
from tthc_cli.findings import ref
from tthc_cli.load.opening import Refused, TooLarge, read_file
from tthc_cli.load.sources import display_path
from tthc_cli.load.yamlsafe import parse_yaml

MAX_RECORD_BYTES = 8 * 1024 * 1024
UNIT_MAP_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record: its data, or why it could not be read (``error`` a message key)."""

    file: str
    data: dict[str, Any] | None
    error: str | None = None
    detail: str = ""


def record_files(paths: list[Path]) -> list[Path]:
    """The JSON files named or found (recursively, sorted) under ``paths``; exit 3 if missing."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*.json") if p.is_file())
        elif path.is_file():
            out.append(path)
        else:
            raise TthcError("error.path-missing", path=str(path))
    return out


def read_records(paths: list[Path]) -> Iterator[RawRecord]:
    for path in record_files(paths):
        file = display_path(path)
        try:
            raw = read_file(path, MAX_RECORD_BYTES)
            data = json.loads(raw.decode("utf-8-sig"))
        except TooLarge:
            yield RawRecord(file, None, "import.failed.too-large")
            continue
        except OSError as exc:
            yield RawRecord(file, None, "import.failed.unreadable", _why(exc))
            continue
        except (UnicodeDecodeError, ValueError) as exc:
            yield RawRecord(file, None, "import.failed.not-json", str(exc).splitlines()[0])
            continue
        if isinstance(data, dict):
            yield RawRecord(file, data)
        elif isinstance(data, list) and all(isinstance(item, dict) for item in data):
            for index, item in enumerate(data, start=1):
                yield RawRecord(f"{file}#{index}", item)
        else:
            yield RawRecord(file, None, "import.failed.not-record")


def read_list_rows(path: Path) -> list[list[Any]]:
    """Every row of the first sheet of a list export; an unreadable workbook stops (exit 3)."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # only `import list`

    if not path.is_file():
        raise TthcError("error.path-missing", path=str(path))
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken or foreign file
        raise TthcError("import.error.xlsx", path=display_path(path), detail=str(exc)) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_unit_map(path: Path | None) -> dict[str, str]:
    """The mapping file: portal unit wording → unit id (YAML mapping of strings)."""
    if path is None:
        return {}
    try:
        raw = read_file(path, UNIT_MAP_BYTES)
    except OSError as exc:
        raise TthcError("import.error.unit-map", path=str(path), detail=_why(exc)) from None
    parsed = parse_yaml(raw, display_path(path))
    data = parsed.data
    if data is None or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise TthcError("import.error.unit-map", path=str(path), detail="name: unit-id")
    return {str(k): str(v) for k, v in data.items()}


def read_existing(path: Path) -> bytes | None:
    """A catalog file the import would change (a link or a pipe is refused, never followed)."""
    try:
        return read_file(path, None)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise TthcError("error.output", path=str(path), detail=_why(exc)) from None


def _why(exc: OSError) -> str:
    """Why a file could not be read, for a message: a refusal (a link, a pipe) in words."""
    return ref(exc.rule) if isinstance(exc, Refused) else exc.strerror or str(exc)


def schema_ref(folder: Path) -> str:
    """Where a file in ``folder`` finds the procedure schema: a relative path when a
    ``schemas/procedure.schema.json`` is found upward, else the schema's $id."""
    start = folder.resolve()
    for candidate in (start, *start.parents):
        target = candidate / "schemas" / "procedure.schema.json"
        if target.is_file():
            depth = len(start.relative_to(candidate).parts)
            return "../" * depth + "schemas/procedure.schema.json"
    return "https://tthc.invalid/schemas/2/procedure.schema.json"

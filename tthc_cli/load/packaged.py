"""Files shipped inside the package: the JSON Schemas and the data in ``tthc_cli/data``.

The schemas live in the repository's ``schemas/`` folder and are copied into the wheel as
``tthc_cli/schemas``; this is the one place that knows both locations. Data files (the plans,
the calendar) are read through :mod:`tthc_cli.load.yamlsafe` like any input; a broken one is a
one-line exit 3. What the data means is decided by the modules that use it (``plan/``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from tthc_cli.errors import TthcError
from tthc_cli.findings import Severity
from tthc_cli.messages import render

SCHEMA_NAMES = ("procedure", "units", "legal", "config", "plan")
# The package's folder: wheels and checkouts install it as plain files. (importlib.resources
# would find the same folder, and its readers would cost every run 2 ms of imports.)
PACKAGE = Path(__file__).resolve().parent.parent


def schema_dir() -> Path:
    packaged = PACKAGE / "schemas"
    if packaged.is_dir():
        return packaged
    return PACKAGE.parent / "schemas"


def schema_text(name: str) -> str:
    path = schema_dir() / f"{name}.schema.json"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TthcError("error.schema", name=name, detail=str(exc)) from None


@cache
def schema(name: str) -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = json.loads(schema_text(name))
    except json.JSONDecodeError as exc:
        raise TthcError("error.schema", name=name, detail=str(exc)) from None
    return loaded


def data_bytes(name: str) -> bytes:
    """A data file shipped inside the package (``tthc_cli/data``), as bytes."""
    return (PACKAGE / "data" / name).read_bytes()


def data_names(folder: str) -> list[str]:
    """The ``*.yaml`` files of a folder of ``tthc_cli/data`` (``plans``), sorted by name."""
    found = (PACKAGE / "data" / folder).glob("*.yaml")
    return sorted(f"{folder}/{path.name}" for path in found if path.is_file())


@cache
def packaged_yaml(name: str) -> Any:
    """A YAML file shipped in ``tthc_cli/data``, read and parsed once per process."""
    from tthc_cli.load.yamlsafe import parse_yaml  # not for a run the cache answers

    file = f"tthc_cli/data/{name}"
    try:
        raw = data_bytes(name)
    except (OSError, ValueError) as exc:
        raise TthcError("error.data", name=file, detail=str(exc)) from None
    parsed = parse_yaml(raw, file)
    problems = [f for f in parsed.findings if f.severity is Severity.ERROR]
    if parsed.data is None or problems:
        detail = render(problems[0].message, problems[0].arg_map) if problems else "empty"
        raise TthcError("error.data", name=file, detail=detail)
    return parsed.data

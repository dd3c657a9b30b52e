"""Files shipped with the tool: the JSON Schemas and the plan data.

The schemas live in the repository's ``schemas/`` folder and are copied into the wheel as
``tthc_cli/schemas``; this is the one place that knows both locations.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from tthc_cli.errors import TthcError

SCHEMA_NAMES = ("procedure", "units", "config")
# The package's folder: wheels and checkouts install it as plain files. (importlib.resources
# would find the same folder, and its readers would cost every run 2 ms of imports.)
PACKAGE = Path(__file__).resolve().parent


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
    """A data file shipped inside the package (``tthc_cli/data``); the loader parses it."""
    return (PACKAGE / "data" / name).read_bytes()

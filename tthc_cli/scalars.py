"""How a YAML scalar's text becomes a value, and when other YAML tools would read it otherwise.

Plain (unquoted) scalars follow YAML 1.2's core schema restricted to what PyYAML also reads the
same way: ``null``/``~``, ``true``/``false``, decimal and hex integers, floats with a dot.
Everything else stays text. Where YAML 1.1 tools (PyYAML, go-yaml v2, many editors' plugins)
would read the text as something else — ``NO`` as false, ``010`` as 8, ``1:30`` as 90 — it
stays text and :func:`resolve_plain` says why it is ambiguous, so the caller can warn.
"""

from __future__ import annotations

import re
from typing import Any

STR_TAG = "tag:yaml.org,2002:str"
ALLOWED_TAGS = frozenset(
    {
        STR_TAG,
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    }
)
# Why a plain scalar is ambiguous: a message argument naming the YAML 1.1 reading, or
# YAML12_ONLY for numbers that only YAML 1.2 reads as numbers (kept as text, as PyYAML does).
YAML12_ONLY = "yaml12-only"

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOLS = {
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "on", "On", "ON", "off", "Off", "OFF",
}  # fmt: skip
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OTHER = re.compile(r"0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
# What YAML 1.1 (PyYAML's safe_load and safe_dump) reads as a float: a dot is required and an
# exponent needs a sign. Numbers YAML 1.2 accepts beyond this (1e5, -.5, 0o17) stay text here.
_FLOAT_11 = re.compile(
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?\Z|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?\Z"
)
_FLOAT_SPECIAL = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": None}
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?\Z")
_UNDERSCORE_NUMBER = re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?\Z")


def resolve_plain(text: str) -> tuple[Any, str | None]:
    """The value of an unquoted scalar, and why it is ambiguous (None when it is not)."""
    if text in _NULLS:
        return None, None
    if text in _BOOLS:
        return _BOOLS[text], None
    if text in _YAML11_BOOLS:
        return text, "@reading.boolean"
    first = text[0]
    if not (first.isdigit() or first in "+-."):
        return text, None
    if _INT.match(text):
        digits = text.lstrip("+-")
        if len(digits) > 1 and digits[0] == "0":
            return text, "@reading.octal"
        return int(text), None
    if _INT_OTHER.match(text):
        return (text, YAML12_ONLY) if text.startswith("0o") else (int(text, 0), None)
    if _FLOAT.match(text):
        return (float(text), None) if _FLOAT_11.match(text) else (text, YAML12_ONLY)
    if text in _FLOAT_SPECIAL:
        special = _FLOAT_SPECIAL[text]
        return (float("nan") if special is None else special), None
    if _SEXAGESIMAL.match(text):
        return text, "@reading.sexagesimal"
    if _UNDERSCORE_NUMBER.match(text):
        return text, "@reading.number"
    return text, None


def resolve_tagged(text: str, tag: str) -> tuple[Any, bool]:
    """The value of a scalar with an explicit standard tag (``!!int 010``), and whether the text
    fits the tag. An explicit tag decides: ``!!float 1e5`` is a number."""
    value, _ = resolve_plain(text)
    kind = tag.rsplit(":", 1)[-1]
    if isinstance(value, str) and kind in ("int", "float"):
        if _INT_OTHER.match(text):
            value = int(text, 0)
        elif _FLOAT.match(text):
            value = float(text)
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "null": value is None,
    }.get(kind, True)
    if not ok:
        return text, False
    return (float(value) if kind == "float" else value), True

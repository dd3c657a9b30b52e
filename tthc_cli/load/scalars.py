"""How a YAML scalar's text becomes a value, and when other YAML tools would read it otherwise.

Plain (unquoted) scalars follow YAML 1.2's core schema restricted to what PyYAML also reads the
same way: ``null``/``~``, ``true``/``false``, decimal and hex integers, floats with a dot.
Everything else stays text. Where YAML 1.1 tools (PyYAML, go-yaml v2, many editors' plugins)
would read the text as something else — ``NO`` as false, ``010`` as 8, ``1:30`` as 90,
``0b101`` as 5, ``-0x1F`` as -31 — it stays text and :func:`resolve_plain` says why it is
ambiguous, so the caller can warn.

A number is always finite: ``.inf``, ``.nan`` and numbers beyond the range of a float
(``1.5e+400``, an integer of 400 digits) stay text with their own reason (:data:`NON_FINITE`),
so the schema reports them where a number is needed and nothing downstream computes with them.
"""

from __future__ import annotations

import math
import re
from typing import Any

from tthc_cli.findings import ref

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
OCTAL = ref("reading.octal")
BOOLEAN = ref("reading.boolean")
SEXAGESIMAL = ref("reading.sexagesimal")
NUMBER = ref("reading.number")
BINARY = ref("reading.binary")
HEX = ref("reading.hex")
# Numbers that are not finite as YAML tools read them: kept as text, never a float.
INFINITY = ref("reading.infinity")
NAN = ref("reading.nan")
TOO_LARGE = ref("reading.too-large")
NON_FINITE = frozenset({INFINITY, NAN, TOO_LARGE})
# A value with an explicit standard tag (``!!int abc``) that is not of the tag's type.
MISMATCH = "tag-mismatch"

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOLS = {
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "on", "On", "ON", "off", "Off", "OFF",
}  # fmt: skip
# .inf and .nan as YAML 1.1 and the YAML 1.2 core schema both spell them.
_SPECIAL = {
    **{sign + "." + word: INFINITY for sign in ("", "+", "-") for word in ("inf", "Inf", "INF")},
    **{"." + word: NAN for word in ("nan", "NaN", "NAN")},
}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCTAL_12 = re.compile(r"0o[0-7]+\Z")
_HEX_12 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
# What YAML 1.1 (PyYAML's safe_load and safe_dump) reads as a float: a dot is required and an
# exponent needs a sign. Numbers YAML 1.2 accepts beyond this (1e5, -.5, 0o17) stay text here.
_FLOAT_11 = re.compile(
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?\Z|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?\Z"
)
# The rest of what YAML 1.1 reads as numbers (PyYAML's implicit resolvers), by reading.
_OCTAL_11 = re.compile(r"[-+]?0_*[0-7][0-7_]*\Z")
_BINARY_11 = re.compile(r"[-+]?0b[0-1_]+\Z")
_HEX_11 = re.compile(r"[-+]?0x[0-9a-fA-F_]+\Z")
_SEXAGESIMAL_11 = re.compile(
    r"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+\Z|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*\Z"
)
_DECIMAL_11 = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)\Z|[-+]?0[0-7_]+\Z")
# Beyond this many characters a number may not fit a float (about 1.8e308, or 2**1024).
_LONG_NUMBER = 300


def resolve_plain(text: str) -> tuple[Any, str | None]:
    """The value of an unquoted scalar, and why it is ambiguous (None when it is not)."""
    if text in _NULLS:
        return None, None
    if text in _BOOLS:
        return _BOOLS[text], None
    if text in _YAML11_BOOLS:
        return text, BOOLEAN
    first = text[0]
    if not (first.isdigit() or first in "+-."):
        return text, None
    if _INT.match(text):
        digits = text.lstrip("+-")
        if len(digits) > 1 and digits[0] == "0":
            # YAML 1.1 reads 010 as 8, but 08 and 09 as text; YAML 1.2 reads all as decimals.
            return text, (OCTAL if _OCTAL_11.match(text) else YAML12_ONLY)
        if len(text) > _LONG_NUMBER and math.isinf(float(text)):
            return text, TOO_LARGE  # and int() refuses beyond 4300 digits
        return int(text), None
    if _HEX_12.match(text):
        number = int(text, 16)
        if number.bit_length() > 1000 and _overflows(number):
            return text, TOO_LARGE
        return number, None
    if _OCTAL_12.match(text):
        return text, YAML12_ONLY
    if _FLOAT.match(text):
        value = float(text)
        if math.isinf(value):  # 1.5e+400 overflows: YAML tools read infinity
            return text, INFINITY
        return (value, None) if _FLOAT_11.match(text) else (text, YAML12_ONLY)
    special = _SPECIAL.get(text)
    if special is not None:
        return text, special
    return text, _yaml11_reading(text)


def _overflows(number: int) -> bool:
    try:
        float(number)
    except OverflowError:
        return True
    return False


def _yaml11_reading(text: str) -> str | None:
    """What YAML 1.1 reads as a number in text that YAML 1.2 (and so tthc) reads as text."""
    if _SEXAGESIMAL_11.match(text):
        return SEXAGESIMAL
    if _BINARY_11.match(text):
        return BINARY
    if _HEX_11.match(text):
        return HEX
    if _OCTAL_11.match(text):
        return OCTAL
    if _DECIMAL_11.match(text) or _FLOAT_11.match(text):
        return NUMBER
    return None


def short_tag(tag: str) -> str:
    """``!!int`` for ``tag:yaml.org,2002:int``, as authors write it; other tags unchanged."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def resolve_tagged(text: str, tag: str) -> tuple[Any, str | None]:
    """The value of a scalar with an explicit standard tag (``!!int 10``), and what is wrong.

    The tag decides the type, so ``!!float 1e5`` is a number and ``!!int 0o17`` is 15, as
    YAML 1.2 reads them. The value is accepted when the text is of that type; otherwise it stays
    text and the second item says why: a YAML 1.1 reading from :func:`resolve_plain` when
    YAML 1.1 tools read the text as another number or boolean (``!!int 010``: 8 there, 10 in
    YAML 1.2), one of :data:`NON_FINITE` (``!!float .inf``), or :data:`MISMATCH` when the text
    is not of the tag's type. ``!!str`` is the caller's: its text is the value.
    """
    kind = tag.rsplit(":", 1)[-1]
    if kind in ("map", "seq"):
        return text, MISMATCH  # a collection tag on a scalar
    value, ambiguity = resolve_plain(text)
    if ambiguity in NON_FINITE:
        return text, (ambiguity if kind in ("int", "float") else MISMATCH)
    if kind == "float" and _FLOAT.match(text):
        number = float(text)  # YAML 1.2 decimal notation; PyYAML's !!float reads it alike
        return (text, INFINITY) if math.isinf(number) else (number, None)
    if kind == "int" and ambiguity == YAML12_ONLY:
        if _OCTAL_12.match(text):
            return int(text, 8), None
        if _INT.match(text):  # 09: YAML 1.1 cannot read it as an integer at all
            too_large = len(text) > _LONG_NUMBER and math.isinf(float(text))
            return (text, TOO_LARGE) if too_large else (int(text), None)
    if ambiguity is None:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        fits = {
            "int": numeric and isinstance(value, int),
            "float": numeric,
            "bool": isinstance(value, bool),
            "null": value is None,
        }.get(kind, False)
        if fits:
            return (float(value) if kind == "float" else value), None
    elif ambiguity in _READINGS_OF.get(kind, ()):
        return text, ambiguity
    return text, MISMATCH


# The YAML 1.1 readings that make a tagged text ambiguous rather than of another type.
_READINGS_OF = {
    "int": frozenset({OCTAL, SEXAGESIMAL, NUMBER, BINARY, HEX}),
    "float": frozenset({OCTAL, SEXAGESIMAL, NUMBER, BINARY, HEX}),
    "bool": frozenset({BOOLEAN}),
}

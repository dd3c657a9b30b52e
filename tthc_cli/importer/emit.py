"""A small deterministic YAML writer for procedure documents.

Keys come out in the schema's property order (then any others, sorted); strings are written
plain only when every YAML reader, 1.1 or 1.2, reads them back as the same string (so codes
like ``"1.001230"`` and dates are quoted); multi-line text is a literal block when that is
exact, else a double-quoted scalar with escapes. Same document in, same bytes out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from tthc_cli.load.scalars import resolve_plain

INDENT = "  "
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`~+.")
_UNSAFE_INSIDE = re.compile(r": |:$| #|\t")
_NEEDS_ESCAPE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def _printable(char: str) -> bool:
    if char in "\n\t":
        return True
    return unicodedata.category(char)[0] not in "CZ" or char == " "


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text:
        return False
    if text[0] in _INDICATORS or text[0].isdigit() or _UNSAFE_INSIDE.search(text):
        return False
    if not all(_printable(c) for c in text) or "\ufeff" in text:
        return False
    value, ambiguity = resolve_plain(text)
    return value == text and isinstance(value, str) and ambiguity is None


def quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _NEEDS_ESCAPE:
            out.append(_NEEDS_ESCAPE[char])
        elif not _printable(char) or char == "\ufeff":
            code = ord(char)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _block_ok(text: str) -> bool:
    lines = text.split("\n")
    return (
        "\n" in text
        and all(line == line.rstrip() and line for line in lines)
        and not text[0].isspace()
        and all(_printable(c) and c not in "\t\ufeff" for c in text)
    )


def scalar(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if re.fullmatch(r"-?\d+\.\d+", text) else f"{value:.6f}".rstrip("0")
    text = str(value)
    return text if _plain_ok(text) else quoted(text)


def _order(keys: list[str], order: list[str]) -> list[str]:
    rank = {key: index for index, key in enumerate(order)}
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), k))


def _resolve(
    schema: Mapping[str, Any], node: Mapping[str, Any] | None, value: Any = None
) -> Mapping[str, Any]:
    """The schema node for ``value``: references followed, and of a ``oneOf`` the branch of
    the value's kind (one result is a mapping, several a list)."""
    while node is not None and "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if node is not None and "oneOf" in node and "properties" not in node:
        wanted = "array" if isinstance(value, list) else "object"
        for branch in node["oneOf"]:
            resolved = _resolve(schema, branch)
            if resolved.get("type") == wanted:
                return resolved
    return node or {}


def _value_lines(
    value: Any, schema: Mapping[str, Any], node: Mapping[str, Any], depth: int
) -> tuple[str, list[str]]:
    """What follows ``key:`` on its line, and the lines below it."""
    pad = INDENT * depth
    if isinstance(value, Mapping | list) and not value:
        return " {}" if isinstance(value, Mapping) else " []", []
    if isinstance(value, Mapping):
        return "", _mapping(value, schema, node, depth)
    if isinstance(value, list):
        if all(isinstance(v, str) and _plain_ok(v) and not set(v) & set("[]{},#") for v in value):
            return " [" + ", ".join(value) + "]", []
        return "", _sequence(value, schema, node, depth)
    if isinstance(value, str) and _block_ok(value):
        return " |-", [pad + line for line in value.split("\n")]
    return " " + scalar(value), []


def _mapping(
    data: Mapping[str, Any], schema: Mapping[str, Any], node: Mapping[str, Any], depth: int
) -> list[str]:
    node = _resolve(schema, node, data)
    props: Mapping[str, Any] = node.get("properties", {})
    lines: list[str] = []
    for key in _order([k for k in data if data[k] is not None], list(props)):
        child = _resolve(schema, props.get(key), data[key])
        head, body = _value_lines(data[key], schema, child, depth + 1)
        lines.append(f"{INDENT * depth}{key}:{head}")
        lines += body
    return lines


def _sequence(
    items: list[Any], schema: Mapping[str, Any], node: Mapping[str, Any], depth: int
) -> list[str]:
    item_node = _resolve(schema, node.get("items"))
    pad = INDENT * depth
    lines: list[str] = []
    for item in items:
        if isinstance(item, Mapping) and item:
            inner = _mapping(item, schema, item_node, depth + 1)
            lines.append(pad + "- " + inner[0][len(INDENT * (depth + 1)) :])
            lines += inner[1:]
        else:
            head, body = _value_lines(item, schema, item_node, depth + 1)
            lines.append(pad + "-" + head)
            lines += body
    return lines


def emit(doc: Mapping[str, Any], schema: Mapping[str, Any], schema_ref: str) -> str:
    """The YAML text of ``doc``: a schema modeline, then the canonical body, one final newline."""
    lines = [f"# yaml-language-server: $schema={schema_ref}"]
    lines += _mapping(doc, schema, schema, 0)
    return "\n".join(lines) + "\n"

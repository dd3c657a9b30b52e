"""JSON Schema checks that point at lines: jsonschema errors turned into positioned findings."""

from __future__ import annotations

import datetime
import difflib
import functools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from tthc_cli.findings import Finding, Pos, Severity, make, ref
from tthc_cli.load import packaged, shape_checkers
from tthc_cli.load.decoding import Mark
from tthc_cli.load.yamlsafe import MDict, MList

if TYPE_CHECKING:  # jsonschema is imported when a document is first checked, not at start-up
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

RULE = "schema"
_TYPE_OF = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


@cache
def validator(name: str) -> Draft202012Validator:
    """One validator per schema, built once per process."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = packaged.schema(name)
    return Draft202012Validator(schema, format_checker=FormatChecker(formats=("date",)))


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_date(value: object) -> bool:
    """The ``date`` format, as strict as jsonschema's (a real calendar day, ISO form)."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_FORMATS = {"date": is_date}


@cache
def compiled(name: str) -> Callable[[Any], Any]:
    """A compiled yes/no checker (fastjsonschema) for the common case of a valid document;
    it raises :class:`~tthc_cli.load.shape_checkers.Rejected` for any other.

    It only ever answers "valid" quickly; any document it rejects goes through jsonschema,
    which stays the authority and gives the positioned findings. The checker generated ahead
    of time is used while it matches the schema; otherwise (a schema edited in a checkout,
    not yet regenerated) one is compiled now, once per process.
    """
    check = shape_checkers.shipped(name)
    if check is not None:
        return functools.partial(check, custom_formats=_FORMATS)
    import fastjsonschema

    try:
        now = fastjsonschema.compile(
            packaged.schema(name), formats=_FORMATS, **shape_checkers.OPTIONS
        )
    except fastjsonschema.JsonSchemaException:  # a schema it cannot compile: jsonschema judges
        now = None

    def rejecting(data: Any) -> Any:
        if now is None:
            raise shape_checkers.Rejected
        try:
            return now(data)
        except fastjsonschema.JsonSchemaException as exc:
            raise shape_checkers.Rejected from exc

    return rejecting


def _fast_valid(data: Any, name: str) -> bool:
    try:
        compiled(name)(data)
    except shape_checkers.Rejected:
        return False
    return True


def _digits(value: Any) -> bool:
    """Text of decimal digits (``010``): a number that was kept as text."""
    return isinstance(value, str) and value.lstrip("+-").isdigit() and value.isascii()


def json_path(path: Sequence[str | int]) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _descend(data: Any, path: Sequence[str | int]) -> tuple[Any, str | int | None, Any]:
    """Follow ``path``; return (container of the last step, last key, value at the end)."""
    parent: Any = None
    last: str | int | None = None
    current = data
    for part in path:
        parent, last = current, part
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            break
    return parent, last, current


def _value_mark(parent: Any, last: str | int | None, fallback: Mark) -> Mark:
    if isinstance(parent, MDict) and isinstance(last, str):
        return parent.value_marks.get(last, parent.mark)
    if isinstance(parent, MList) and isinstance(last, int) and last < len(parent.item_marks):
        return parent.item_marks[last]
    return fallback


def _raw(parent: Any, last: str | int | None) -> str | None:
    if isinstance(parent, MDict) and isinstance(last, str):
        return parent.raw.get(last)
    if isinstance(parent, MList) and isinstance(last, int):
        return parent.raw.get(last)
    return None


def _show(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 60 else text[:57] + "…"
    return json.dumps(value)


def _leaf(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf, the most relevant sub-error."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match

        # A branch of another type (an object where a list is also allowed) explains nothing.
        fitting = [e for e in error.context if e.validator != "type" or e.path]
        chosen = best_match(fitting or error.context)
        return chosen if chosen is not None else error
    return error


def _findings_for(error: ValidationError, data: MDict, file: str) -> Iterator[Finding]:
    root_mark = data.mark
    path = list(error.absolute_path)
    parent, last, value = _descend(data, path)
    here_mark = (
        value.mark if isinstance(value, MDict | MList) else _value_mark(parent, last, root_mark)
    )
    jpath = json_path(path)

    def finding(key: str, mark: Mark, **args: Any) -> Finding:
        return make(
            RULE,
            Severity.ERROR,
            Pos(file, *mark),
            message=key,
            path=jpath,
            keyword=str(error.validator),
            **args,
        )

    kind = error.validator
    rule_value: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        missing = [name for name in rule_value if isinstance(value, dict) and name not in value]
        for name in missing or ["?"]:
            yield finding("schema.required", here_mark, name=name)
        return
    if kind == "additionalProperties" and isinstance(value, MDict):
        known = list(schema.get("properties", {}))
        for name in value:
            if name in known:
                continue
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            mark = value.key_marks.get(name, value.mark)
            if " " in name.strip():
                yield finding("schema.additional-comma", mark, name=name)
            elif close:
                yield finding("schema.additional-suggest", mark, name=name, suggestion=close[0])
            else:
                yield finding("schema.additional", mark, name=name)
        return
    if "propertyNames" in error.relative_schema_path and isinstance(value, MDict):
        # A key broke the rule for names: jsonschema reports it at the mapping; point at the key.
        name = str(error.instance)
        yield finding(
            "schema.pattern",
            value.key_marks.get(name, value.mark),
            value=_show(name),
            pattern=str(rule_value) if kind == "pattern" else "",
        )
        return
    if kind == "oneOf" and "amount" in schema.get("properties", {}):
        yield finding("schema.money", here_mark)
        return
    if kind == "anyOf" and "read_on" in schema.get("properties", {}):
        yield finding("schema.source", here_mark)
        return
    if kind == "not" and "merged_into" in schema.get("properties", {}):
        yield finding("schema.succession", here_mark)
        return
    leaf = _leaf(error)
    if leaf is not error:
        yield from _findings_for(leaf, data, file)
        return
    shown = _raw(parent, last) or _show(error.instance)
    if kind == "type":
        expected = rule_value
        expected_name = expected if isinstance(expected, str) else "/".join(expected)
        actual = _TYPE_OF.get(
            type(error.instance), "object" if isinstance(error.instance, dict) else "array"
        )
        raw = _raw(parent, last)
        if raw is not None and expected_name in ("string", "boolean", "integer", "number"):
            yield finding(
                "schema.type-quote",
                here_mark,
                value=raw,
                actual=ref(f"type.{actual}"),
                expected=ref(f"type.{expected_name}"),
            )
        elif _digits(error.instance) and expected_name in ("integer", "number"):
            # 010 stays text (YAML 1.1 would read 8): the number the user meant is 10
            number = str(int(str(error.instance)))
            yield finding("schema.type-number", here_mark, value=shown, number=number)
        else:
            yield finding(
                "schema.type", here_mark, value=shown, expected=ref(f"type.{expected_name}")
            )
    elif kind in ("enum", "const"):
        allowed = rule_value if kind == "enum" else [rule_value]
        yield finding("schema.enum", here_mark, value=shown, allowed=", ".join(map(str, allowed)))
    elif kind == "pattern":
        yield finding("schema.pattern", here_mark, value=shown, pattern=str(rule_value))
    elif kind == "format":
        yield finding("schema.format", here_mark, value=shown, format=str(rule_value))
    elif kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        yield finding("schema.minimum", here_mark, value=shown, limit=str(rule_value))
    elif kind == "minLength":
        yield finding("schema.min-length", here_mark)
    elif kind == "minItems":
        yield finding("schema.min-items", here_mark, limit=int(rule_value))
    elif kind == "uniqueItems":
        yield finding("schema.unique", here_mark)
    else:
        yield finding("schema.other", here_mark, detail=error.message)


def check(data: MDict, schema_name: str, file: str) -> list[Finding]:
    """All schema findings for one document, each at the line of the offending key or value."""
    # jsonschema raises one "required" error per missing name, each carrying the whole list,
    # so the same finding can come more than once: keep the first of each.
    if _fast_valid(data, schema_name):
        return []
    out: dict[Finding, None] = {}
    for error in validator(schema_name).iter_errors(data):
        out.update(dict.fromkeys(_findings_for(error, data, file)))
    return list(out)

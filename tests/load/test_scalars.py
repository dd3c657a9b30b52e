"""Scalars YAML tools read otherwise: non-finite numbers, YAML 1.1 numbers, explicit tags.

A number in tthc's data is always finite: ``.inf``, ``.nan`` and numbers beyond a float's range
stay text with a warning, so the schema refuses them where a number is needed instead of
``show`` crashing on them. Text that YAML 1.1 reads as a number warns. ``!!str`` and the
non-specific ``!`` make a scalar text; other standard tags are judged against their value.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import dump, make_catalog, procedure, run_tthc
from tthc_cli.config import Limits
from tthc_cli.findings import Finding
from tthc_cli.load.scalars import resolve_plain
from tthc_cli.load.yamlsafe import MDict, MList, parse_yaml
from tthc_cli.messages import en, render, vi

GOOD = dump(procedure("1.000001"))
LONG_INT = "1" + "0" * 400  # beyond a float (about 1.8e308)
HUGE_INT = "9" * 5000  # beyond Python's 4300-digit limit for int()
LONG_HEX = "0x" + "f" * 300


def parse(text: str) -> tuple[Any, tuple[Finding, ...]]:
    parsed = parse_yaml(text.encode("utf-8"), "f.yaml", Limits(max_nodes=10_000))
    return parsed.data, parsed.findings


def keys(findings: tuple[Finding, ...]) -> list[tuple[str, str, int, int]]:
    return [(f.rule, f.message, f.line, f.column) for f in findings]


def walk(value: Any) -> list[Any]:
    """Every scalar in parsed data."""
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in walk(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in walk(item)]
    return [value]


# --- non-finite numbers -------------------------------------------------------------------

NON_FINITE = [
    (".inf", "@reading.infinity"),
    ("-.inf", "@reading.infinity"),
    ("+.inf", "@reading.infinity"),
    (".Inf", "@reading.infinity"),
    ("+.INF", "@reading.infinity"),
    ("-.INF", "@reading.infinity"),
    (".nan", "@reading.nan"),
    (".NaN", "@reading.nan"),
    (".NAN", "@reading.nan"),
    ("1.5e+400", "@reading.infinity"),  # overflows to inf
    ("-1.5e+400", "@reading.infinity"),
    ("1e400", "@reading.infinity"),  # YAML 1.2 reads inf
    (LONG_INT, "@reading.too-large"),
    (HUGE_INT, "@reading.too-large"),
    (LONG_HEX, "@reading.too-large"),
]


@pytest.mark.parametrize(("text", "reading"), NON_FINITE, ids=lambda v: str(v)[:12])
def test_non_finite_numbers_stay_text_and_warn(text: str, reading: str) -> None:
    data, findings = parse(f"x: 1\nt: {text}\n")
    assert data["t"] == text
    assert "t" not in data.raw  # text: not a number written some way
    assert keys(findings) == [("yaml-ambiguous-value", "yaml-ambiguous-value.nonfinite", 2, 4)]
    assert findings[0].arg_map == {"value": text, "reading": reading}
    message = render(findings[0].message, findings[0].arg_map, "en")
    assert "@" not in message and "cannot compute with" in message


@pytest.mark.parametrize("text", [".inf", ".nan", "1.5e+400", LONG_INT], ids=lambda v: v[:12])
def test_non_finite_numbers_in_lists_and_flow_mappings(text: str) -> None:
    data, findings = parse(f"time: {{value: {text}, unit: days}}\nlist:\n  - 1\n  - {text}\n")
    assert data["time"]["value"] == text
    assert data["list"] == [1, text]
    assert [(f.line, f.column) for f in findings] == [(1, 15), (4, 5)]


@pytest.mark.parametrize(
    "source", ["!!float .inf", "!!float .nan", "!!float 1e400", f"!!float {LONG_INT}", "!!int .inf"]
)
def test_tagged_non_finite_numbers_stay_text(source: str) -> None:
    data, findings = parse(f"t: {source}\n")
    assert data["t"] == source.split(" ", 1)[1]
    assert keys(findings) == [("yaml-ambiguous-value", "yaml-ambiguous-value.nonfinite", 1, 4)]


def test_aliased_non_finite_number_is_text_everywhere() -> None:
    data, findings = parse("a: &x .inf\nb: *x\nc: [*x]\n")
    assert (data["a"], data["b"], data["c"]) == (".inf", ".inf", [".inf"])
    assert len(findings) == 1


numberish = st.text(alphabet="0123456789+-._:eExXbBoOaAfFiInNy", min_size=1, max_size=9)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(numberish, min_size=1, max_size=6))
def test_no_float_is_ever_non_finite(texts: list[str]) -> None:
    source = "".join(f"k{i}: {text}\n" for i, text in enumerate(texts))
    source += "l: [" + ", ".join(texts) + "]\n"
    try:
        yaml.safe_load(source)
    except yaml.YAMLError:
        return  # not a document YAML can read (a stray ':' or '-'); other tests cover that
    parsed = parse_yaml(source.encode(), "f.yaml")
    for leaf in walk(parsed.data):
        assert not isinstance(leaf, float) or math.isfinite(leaf)


# --- what YAML 1.1 reads as a number ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reading", "yaml11"),
    [
        ("0b101", "@reading.binary", 5),
        ("-0b1", "@reading.binary", -1),
        ("-0x1F", "@reading.hex", -31),
        ("+0x1F", "@reading.hex", 31),
        ("0x1_F", "@reading.hex", 31),
        ("1_000.5", "@reading.number", 1000.5),
        ("1.0_0", "@reading.number", 1.0),
        (".5_0", "@reading.number", 0.5),
        ("1_000.5e+3", "@reading.number", 1000500.0),
        ("190:20:30.15", "@reading.sexagesimal", 685230.15),
    ],
)
def test_yaml11_numbers_warn(text: str, reading: str, yaml11: float) -> None:
    assert yaml.safe_load(f"t: {text}\n")["t"] == yaml11  # what PyYAML (YAML 1.1) reads
    data, findings = parse(f"t: {text}\n")
    assert data["t"] == text
    assert keys(findings) == [("yaml-ambiguous-value", "yaml-ambiguous-value", 1, 4)]
    assert findings[0].arg_map["reading"] == reading


@pytest.mark.parametrize("text", ["08", "09", "0189", "-09"])
def test_leading_zero_with_8_or_9_is_not_octal(text: str) -> None:
    assert yaml.safe_load(f"t: {text}\n")["t"] == text  # YAML 1.1: text; YAML 1.2: a number
    data, findings = parse(f"t: {text}\n")
    assert data["t"] == text
    assert keys(findings) == [("yaml-ambiguous-value", "yaml-ambiguous-value.v12", 1, 4)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0b101", "YAML 1.1 tools read it as a binary number"),
        ("-0x1F", "YAML 1.1 tools read it as a hexadecimal number"),
        ("NO", "YAML 1.1 tools read it as true/false"),
        ("010", "YAML 1.1 tools read it as an octal number"),
    ],
)
def test_reading_is_rendered_as_words(text: str, expected: str) -> None:
    [finding] = parse(f"t: {text}\n")[1]
    message = render(finding.message, finding.arg_map, "en")
    assert expected in message and "@" not in message


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(numberish)
def test_unwarned_values_read_the_same_in_yaml11(text: str) -> None:
    """Whenever tthc does not warn, PyYAML (YAML 1.1) reads the same value of the same type."""
    text = text.strip()
    try:
        loaded = yaml.safe_load(f"t: {text}\n")
    except (yaml.YAMLError, ValueError):
        return
    if not isinstance(loaded, dict) or set(loaded) != {"t"}:
        return
    value, ambiguity = resolve_plain(text)
    if ambiguity is None:
        assert type(value) is type(loaded["t"]), (text, value, loaded["t"])
        assert value == loaded["t"], (text, value, loaded["t"])


# --- explicit tags ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("!!str 1.000426", "1.000426"),
        ("!<tag:yaml.org,2002:str> 1", "1"),
        ("! 1", "1"),
        ("! 010", "010"),
        ("!!str NO", "NO"),
        ("!!str .inf", ".inf"),
        ("!!str 1.5e+400", "1.5e+400"),
        ("!!str ~", "~"),
        ("!!str true", "true"),
        ("&a !!str 1", "1"),
        ("!!str &a 1", "1"),
        ("&a ! 10", "10"),
        ("&a # note\n  !!str 12", "12"),
        ("!!str", ""),
        ("!", ""),
        ("&a !!str", ""),
    ],
)
def test_str_tag_and_non_specific_tag_make_text(source: str, value: str) -> None:
    data, findings = parse(f"t: {source}\nafter: 1\n")
    assert data["t"] == value
    assert "t" not in data.raw
    assert findings == ()


def test_str_tags_in_flow_collections_and_aliases() -> None:
    data, findings = parse("l: [!!str 1, ! 2, 3, &x !!str 4, *x]\nm: {a: ! 5, b: 6}\n")
    assert data["l"] == ["1", "2", 3, "4", "4"]
    assert data["m"] == {"a": "5", "b": 6}
    assert findings == ()


def test_an_anchor_alone_does_not_make_text() -> None:
    data, findings = parse("a: &x 1.5\nb: &y NO\n")
    assert data["a"] == 1.5
    assert keys(findings) == [("yaml-ambiguous-value", "yaml-ambiguous-value", 2, 4)]


def test_untagged_empty_value_is_still_null() -> None:
    assert dict(parse("a:\nb: ''\n")[0]) == {"a": None, "b": ""}


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("!!int 2", 2),
        ("!!int 0x1F", 31),
        ("!!float 5", 5.0),
        ("!!float 1e5", 100000.0),
        ("!!float 010", 10.0),  # YAML 1.1 and 1.2 both read 10.0
        ("!!bool true", True),
        ("!!null ~", None),
        ("!!null", None),
    ],
)
def test_standard_tags_that_fit_give_the_value(source: str, value: Any) -> None:
    data, findings = parse(f"t: {source}\n")
    assert data["t"] == value and type(data["t"]) is type(value)
    assert findings == ()


@pytest.mark.parametrize(
    ("source", "reading"),
    [
        ("!!int 010", "@reading.octal"),  # 8 for YAML 1.1, 10 for YAML 1.2
        ("!!int 1_000", "@reading.number"),
        ("!!int 0b101", "@reading.binary"),
        ("!!float 1:30", "@reading.sexagesimal"),
        ("!!bool yes", "@reading.boolean"),
    ],
)
def test_standard_tag_on_a_value_yaml_versions_read_apart(source: str, reading: str) -> None:
    data, findings = parse(f"x: 1\nt: {source}\n")
    assert data["t"] == source.split(" ", 1)[1]
    assert keys(findings) == [("yaml-tag", "yaml-tag.ambiguous", 2, 4)]
    assert findings[0].arg_map["reading"] == reading
    assert findings[0].arg_map["tag"] == source.split(" ", 1)[0]
    message = render(findings[0].message, findings[0].arg_map, "en")
    assert "not allowed" not in message and "@" not in message


@pytest.mark.parametrize(
    "source", ["!!int abc", "!!int 1.5", "!!int 1e5", "!!bool 1", "!!null x", "!!map x"]
)
def test_standard_tag_on_a_value_of_another_type(source: str) -> None:
    data, findings = parse(f"t: {source}\n")
    tag, text = source.split(" ", 1)
    assert data["t"] == text
    assert keys(findings) == [("yaml-tag", "yaml-tag.mismatch", 1, 4)]
    assert findings[0].arg_map == {"tag": tag, "value": text}
    message = render(findings[0].message, findings[0].arg_map, "en")
    assert message.startswith(f"Value {text} does not fit its YAML tag {tag}")


@pytest.mark.parametrize("source", ["!!str [1]", "!!int {a: 1}", "!!map [1]", "!!seq {a: 1}"])
def test_standard_scalar_tag_on_a_collection(source: str) -> None:
    data, findings = parse(f"t: {source}\n")
    assert isinstance(data["t"], MList | MDict)
    assert keys(findings) == [("yaml-tag", "yaml-tag.collection", 1, 4)]


@pytest.mark.parametrize(
    ("source", "tag"),
    [
        ("!!python/name:os.system 1", "tag:yaml.org,2002:python/name:os.system"),
        ("!foo 1", "!foo"),
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
        ("!foo [1]", "!foo"),
    ],
)
def test_other_tags_are_still_refused(source: str, tag: str) -> None:
    _, findings = parse(f"t: {source}\n")
    assert keys(findings) == [("yaml-tag", "yaml-tag", 1, 4)]
    assert findings[0].arg_map == {"tag": tag}


# --- messages -----------------------------------------------------------------------------

NEW_KEYS = {
    "yaml-ambiguous-value.nonfinite": {"value": ".inf", "reading": "@reading.infinity"},
    "yaml-tag.mismatch": {"value": "abc", "tag": "!!int"},
    "yaml-tag.ambiguous": {"value": "010", "tag": "!!int", "reading": "@reading.octal"},
    "yaml-tag.collection": {"tag": "!!str"},
    "reading.binary": {},
    "reading.hex": {},
    "reading.infinity": {},
    "reading.nan": {},
    "reading.too-large": {},
}


@pytest.mark.parametrize("key", sorted(NEW_KEYS))
def test_new_messages_exist_in_both_languages(key: str) -> None:
    assert key in vi.MESSAGES and key in en.MESSAGES
    for catalog in (vi.MESSAGES, en.MESSAGES):
        for name in NEW_KEYS[key]:
            assert "{" + name + "}" in catalog[key]
    _, findings = parse("a: .inf\nb: !!int 010\nc: !!int abc\nd: !!str [1]\ne: 0b1\n")
    for finding in findings:
        for lang in ("vi", "en"):
            rendered = render(finding.message, finding.arg_map, lang)
            assert "{" not in rendered and "@" not in rendered


# --- through the command line -------------------------------------------------------------


def validate(tmp_path: Path, content: str, config: dict[str, Any] | None = None) -> Any:
    make_catalog(tmp_path, {"1.000001.yaml": content}, config=config)
    return run_tthc("validate", "--format", "json", "--lang", "en", "--no-cache", cwd=tmp_path)


@pytest.mark.parametrize("value", [".inf", "1.5e+400", ".nan", LONG_INT], ids=lambda v: v[:12])
def test_non_finite_time_is_refused_and_show_does_not_crash(tmp_path: Path, value: str) -> None:
    assert "    value: 5\n" in GOOD
    content = GOOD.replace("    value: 5\n", f"    value: {value}\n", 1)
    line = content.splitlines().index(f"    value: {value}") + 1
    done = validate(tmp_path, content)
    assert done.returncode == 1, done.stderr
    assert "unexpected error" not in done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert {(f["rule"], f["severity"], f["line"], f["column"]) for f in findings} == {
        ("schema", "error", line, 12),
        ("yaml-ambiguous-value", "warning", line, 12),
    }
    shown = run_tthc("show", "1.000001", "--lang", "en", cwd=tmp_path)
    assert "unexpected error" not in shown.stderr
    assert "Traceback" not in shown.stderr
    listed = run_tthc("table", "--lang", "en", cwd=tmp_path)
    assert "unexpected error" not in listed.stderr


def test_str_tag_on_a_code_is_accepted(tmp_path: Path) -> None:
    content = GOOD.replace("code: '1.000001'", "code: !!str 1.000001")
    assert content != GOOD
    done = validate(tmp_path, content)
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["findings"] == []


def test_non_finite_hours_per_working_day_is_refused(tmp_path: Path) -> None:
    make_catalog(tmp_path, {"1.000001.yaml": GOOD})
    config = tmp_path / "tthc.yaml"
    config.write_text("catalog: catalog\nhours_per_working_day: .nan\n", encoding="utf-8")
    done = run_tthc("validate", "--lang", "en", "--no-cache", cwd=tmp_path)
    assert done.returncode != 0
    assert "tthc.yaml:2:24" in done.stderr
    assert "unexpected error" not in done.stderr

"""The schema checkers generated ahead of time: current, never stale, as strict on dates."""

from __future__ import annotations

import pytest

from tthc_cli.load import packaged, shape, shape_checkers
from tthc_cli.load.yamlsafe import parse_yaml


@pytest.mark.parametrize("name", packaged.SCHEMA_NAMES)
def test_each_shipped_checker_was_generated_from_the_current_schema(name: str) -> None:
    assert shape_checkers.shipped(name) is not None, (
        f"schemas/{name}.schema.json changed: run `python -m tthc_cli.load.shape_checkers`"
    )


def test_a_checker_from_another_schema_text_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    original = packaged.schema_text
    monkeypatch.setattr(packaged, "schema_text", lambda name: original(name).replace("{", "{ ", 1))
    shape_checkers.shipped.cache_clear()
    shape.compiled.cache_clear()
    try:
        assert shape_checkers.shipped("units") is None
        check = shape.compiled("units")  # compiled now, from the schema itself
        with pytest.raises(shape_checkers.Rejected):
            check({"units": "not a list"})
    finally:
        shape_checkers.shipped.cache_clear()
        shape.compiled.cache_clear()


def test_a_schema_fastjsonschema_cannot_compile_is_judged_by_jsonschema(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An edited schema may use what only jsonschema knows (here a 2020-12 ``$anchor``)."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"units": {"$ref": "#listed"}},
        "$defs": {"list": {"$anchor": "listed", "type": "array"}},
    }
    monkeypatch.setattr(packaged, "schema", lambda name: schema)
    monkeypatch.setattr(shape_checkers, "shipped", lambda name: None)
    shape.compiled.cache_clear()
    shape.validator.cache_clear()
    try:
        data = parse_yaml(b"units: 3\n", "u.yaml").data
        assert [f.rule for f in shape.check(data, "units", "u.yaml")] == ["schema"]
        assert shape.check(parse_yaml(b"units: []\n", "u.yaml").data, "units", "u") == []
    finally:
        shape.compiled.cache_clear()
        shape.validator.cache_clear()


def test_the_generated_source_names_its_schema_and_entry_point() -> None:
    text = shape_checkers.source("units")
    assert f'SCHEMA_SHA256 = "{shape_checkers.schema_sha256("units")}"' in text
    namespace: dict[str, object] = {}
    exec(compile(text, "units", "exec"), namespace)
    assert callable(namespace["CHECK"])


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2023-02-28", True),
        ("2024-02-29", True),
        ("2023-02-29", False),  # no such day
        ("2023-13-01", False),
        ("2023-2-28", False),
        ("20230228", False),  # fromisoformat would take it; the format does not
        ("２０２３-０２-２８", False),  # fullwidth digits
        ("2023-02-28T00:00", False),
        (20230228, False),
    ],
)
def test_the_date_format_is_as_strict_as_jsonschema(value: object, ok: bool) -> None:
    from jsonschema import FormatChecker

    assert shape.is_date(value) is ok
    if isinstance(value, str):
        assert FormatChecker(formats=("date",)).conforms(value, "date") is ok


def test_the_config_checker_accepts_the_bundled_config_and_refuses_a_bad_one() -> None:
    from tests.helpers import REPO
    from tthc_cli.load.yamlsafe import parse_yaml

    data = parse_yaml((REPO / "tthc.yaml").read_bytes(), "tthc.yaml").data
    check = shape.compiled("config")
    check(data)
    with pytest.raises(shape_checkers.Rejected):
        check({**data, "fail_on": "sometimes"})
    assert list(shape.validator("config").iter_errors({**data, "fail_on": "sometimes"}))


def test_the_slimmed_code_keeps_no_message_work() -> None:
    text = shape_checkers.source("procedure")
    assert "locals()" not in text
    assert "definition=" not in text

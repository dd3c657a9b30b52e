"""The importer's YAML writer: whatever it writes, our own loader reads back unchanged."""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_cli.importer.emit import emit, scalar
from tthc_cli.load import packaged
from tthc_cli.load.yamlsafe import parse_yaml

SCHEMA = packaged.schema("procedure")
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85\u2028\u2029"),
    max_size=40,
).map(lambda s: unicodedata.normalize("NFC", s))
tricky = st.sampled_from(
    ["1.001230", "NO", "on", "010", "1:30", "2024-02-23", "- a", "a: b", "a #b", "~", "", " x",
     "null", "true", "1e5", ".5", "x\n", "\ty", "a\n\nb", "|", "'q'", "\"q\"", "@x", "%y"]
)  # fmt: skip
strings = st.one_of(texts, tricky)
values = st.one_of(strings, st.integers(-(10**9), 10**9), st.booleans())


def plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data


@settings(max_examples=300, deadline=None)
@given(
    name=strings,
    extra=st.dictionaries(st.sampled_from(["note", "field", "procedure_type"]), strings),
    subjects=st.lists(strings, max_size=4),
    requirements=st.lists(strings, max_size=3),
    flags=st.lists(values, max_size=3),
)
def test_round_trip_through_our_loader(
    name: str, extra: dict[str, str], subjects: list[str], requirements: list[str], flags: list[Any]
) -> None:
    doc: dict[str, Any] = {
        "code": "1.001230",
        "name": name,
        **extra,
        "subjects": subjects,
        "requirements": requirements,
        "channels": [{"channel": "direct", "time": {"value": 1.5, "unit": "working_days"}}],
        "zz_values": flags,
    }
    text = emit(doc, SCHEMA, "../../schemas/procedure.schema.json")
    parsed = parse_yaml(text.encode("utf-8"), "x.yaml")
    assert parsed.data is not None, parsed.findings
    assert [f for f in parsed.findings if f.rule.startswith("yaml")] == []
    assert plain(parsed.data) == doc
    assert emit(doc, SCHEMA, "../../schemas/procedure.schema.json") == text


def test_schema_order_modeline_and_quoting() -> None:
    doc = {"source": {"read_on": "2026-01-02", "url": "u"}, "name": "A", "code": "1.001230"}
    text = emit(doc, SCHEMA, "../../schemas/procedure.schema.json")
    assert text.splitlines() == [
        "# yaml-language-server: $schema=../../schemas/procedure.schema.json",
        'code: "1.001230"',
        "name: A",
        "source:",
        "  url: u",
        '  read_on: "2026-01-02"',
    ]
    assert scalar("NO") == '"NO"' and scalar("so-xay-dung") == "so-xay-dung"


def test_results_keep_the_schemas_order_as_one_mapping_or_a_list() -> None:
    from tthc_cli.load.packaged import schema

    one = emit(
        {"code": "1.000001", "result": {"code": "KQ.1", "name": "Thẻ"}}, schema("procedure"), "x"
    )
    assert "result:\n  name: Thẻ\n  code: KQ.1\n" in one
    several = emit(
        {"result": [{"code": "KQ.1", "name": "Thẻ"}, {"code": "KQ.2", "name": "Văn bản"}]},
        schema("procedure"),
        "x",
    )
    assert "result:\n  - name: Thẻ\n    code: KQ.1\n  - name: Văn bản\n    code: KQ.2\n" in several

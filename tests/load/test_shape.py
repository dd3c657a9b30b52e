"""Schema findings point at the line of the offending mapping, key or value."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import dump, make_catalog, procedure, run_tthc
from tthc_cli.findings import Finding
from tthc_cli.load import shape
from tthc_cli.load.yamlsafe import parse_yaml
from tthc_cli.messages import render


def check(text: str, schema: str = "procedure") -> list[Finding]:
    parsed = parse_yaml(text.encode("utf-8"), "f.yaml")
    assert parsed.data is not None, parsed.findings
    return shape.check(parsed.data, schema, "f.yaml")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_valid_procedure_has_no_findings() -> None:
    assert check(dump(procedure())) == []


def test_missing_required_field_is_at_the_mapping() -> None:
    data = procedure()
    del data["components"][0]["name"]
    text = dump(data)
    [finding] = check(text)
    assert finding.message == "schema.required"
    assert finding.arg_map["name"] == "name"
    assert finding.line == line_of(text, "- id: don")
    assert finding.arg_map["path"] == "$.components[0]"


def test_missing_top_level_field_is_at_the_document() -> None:
    [finding] = check(dump(procedure(source=None)))
    assert (finding.message, finding.line, finding.column) == ("schema.required", 1, 1)


def test_unknown_key_suggests_the_close_one() -> None:
    text = dump(procedure()).replace("subjects:", "subjcts:")
    [finding] = check(text)
    assert finding.message == "schema.additional-suggest"
    assert finding.arg_map["suggestion"] == "subjects"
    assert (finding.line, finding.column) == (line_of(text, "subjcts:"), 1)
    assert "subjects" in render(finding.message, finding.arg_map, "en")


def test_unknown_key_without_a_close_one() -> None:
    [finding] = check(dump(procedure()) + "zzz: 1\n")
    assert finding.message == "schema.additional"


def test_wrong_enum_value_is_at_the_value() -> None:
    text = dump(procedure(kind="publik"))
    [finding] = check(text)
    assert finding.message == "schema.enum"
    assert (finding.line, finding.column) == (line_of(text, "kind: publik"), 7)
    assert "public" in str(finding.arg_map["allowed"])


def test_comma_in_flow_mapping_text_gets_the_hint() -> None:
    text = dump(procedure()).replace(
        "result:\n  name: Văn bản chấp thuận",
        "result: {name: Văn bản chấp thuận, có chữ ký số}",
    )
    assert "có chữ ký số" in text
    [finding] = check(text)
    assert finding.message == "schema.additional-comma"
    assert finding.arg_map["name"] == "có chữ ký số"
    assert finding.line == line_of(text, "result: {")


def test_wrong_type_of_unquoted_number_says_to_quote() -> None:
    text = dump(procedure()).replace("name: Thủ tục thử nghiệm", "name: 1.50")
    [finding] = check(text)
    assert finding.message == "schema.type-quote"
    assert finding.arg_map["value"] == "1.50"


def test_property_name_pattern_is_at_the_key() -> None:
    [finding] = check("catalog: c\nrules:\n  ok-rule: warning\n  Bad Rule: error\n", "config")
    assert finding.message == "schema.pattern"
    assert (finding.line, finding.column) == (4, 3)


def test_schema_findings_through_the_cli(tmp_path: Path) -> None:
    text = dump(procedure("1.000001", kind="publik")).replace("subjects:", "subjcts:")
    make_catalog(tmp_path, {"1.000001.yaml": text})
    done = run_tthc("validate", "--format", "json", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    found = {f["message_key"]: f for f in json.loads(done.stdout)["findings"]}
    assert found["schema.enum"]["line"] == line_of(text, "kind: publik")
    assert "did you mean" in found["schema.additional-suggest"]["message"].lower()


def test_each_missing_field_is_reported_once() -> None:
    findings = check("code: '1.000001'\nkind: public\nname: x\n")
    missing = sorted(str(f.arg_map["name"]) for f in findings if f.message == "schema.required")
    assert missing == ["field", "levels", "source"]

"""Unit tests of the machine-readable reporters on hand-built results."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any

import jsonschema
import pytest
import xmlschema

from tests.helpers import SHARED
from tthc_cli.findings import Finding, Pos, Severity, ValidationResult, make
from tthc_cli.formats import OutputContext
from tthc_cli.reporters import REPORTERS, github, gitlab, junit, sarif
from tthc_cli.rules import RULES
from tthc_cli.textnorm import github_data, github_property

FORMATS = SHARED / "data" / "formats"
NEEDS_SHARED = pytest.mark.skipif(
    not FORMATS.is_dir(), reason=f"{FORMATS} (JUnit XSD, SARIF schema) is not available"
)
VI = OutputContext(lang="vi")
EN = OutputContext(lang="en")
STAMP = datetime(2026, 11, 23, 8, 30, 0)
RULE_ID = next(iter(RULES))

TRICKY = "100% sai\ndòng hai\r"


def sample() -> ValidationResult:
    """Findings of every severity, a suppressed one, Vietnamese text, a nested Vietnamese path."""
    findings = [
        make(
            "yaml-duplicate-key",
            Severity.ERROR,
            Pos("catalog/a.yaml", 3, 5),
            key="tên",
            first_line=1,
            first_column=1,
        ),
        make(
            "schema",
            Severity.ERROR,
            Pos("catalog/a.yaml", 7, 1),
            message="schema.other",
            detail=TRICKY,
        ),
        make("text-not-nfc", Severity.WARNING, Pos("catalog/nội bộ/phường/b.yaml", 2, 9)),
        make(
            RULE_ID,
            Severity.INFO,
            Pos("catalog/nội bộ/phường/b.yaml", 4, 3),
            code="1.000001",
            other="catalog/a.yaml",
            other_line=2,
        ),
        make(
            "yaml-ambiguous-value",
            Severity.WARNING,
            Pos("catalog/c.yaml", 5, 7),
            value="on",
            reading="@reading.boolean",
        ).with_suppression("Giữ nguyên bản gốc"),
        make(
            "schema",
            Severity.ERROR,
            Pos("catalog/c.yaml", 9, 1),
            message="schema.required",
            name="name",
        ).with_suppression("Chờ bổ sung tên", in_config=True),
    ]
    files = ("catalog/a.yaml", "catalog/c.yaml", "catalog/d.yaml", "catalog/nội bộ/phường/b.yaml")
    return ValidationResult(tuple(sorted(findings, key=Finding.sort_key)), files)


def test_registry_offers_every_format() -> None:
    assert set(REPORTERS) == {"text", "markdown", "json", "junit", "sarif", "github", "gitlab"}
    for render in REPORTERS.values():
        assert render(sample(), VI).endswith("\n")


# --- github ---------------------------------------------------------------------------------


def test_github_annotations_escape_data_and_properties() -> None:
    weird = make(
        "schema", Severity.ERROR, Pos("a,b:c%.yaml", 2, 3), message="schema.other", detail=TRICKY
    )
    lines = github.render(ValidationResult((weird,), (weird.file,)), VI).splitlines()
    assert lines[0] == (
        "::error file=a%2Cb%3Ac%25.yaml,line=2,col=3,title=tthc schema"
        "::Không hợp lệ theo lược đồ: 100%25 sai%0Adòng hai%0D"
    )
    assert lines[-1].startswith("::notice::")
    assert len(lines) == 2


def test_github_maps_severities_and_skips_suppressed() -> None:
    lines = github.render(sample(), EN).splitlines()
    commands = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert commands == ["::error", "::error", "::warning", "::notice"]
    assert not any("c.yaml" in line for line in lines)
    assert "title=tthc text-not-nfc" in lines[2]
    assert "file=catalog/nội bộ/phường/b.yaml,line=2,col=9" in lines[2]
    assert lines[-1].startswith("::notice::Checked 4 file(s): 2 error(s), 1 warning(s), 1 info. ")
    assert "2 finding(s) in 1 file(s) suppressed" in lines[-1]


def test_github_puts_errors_first_and_lists_what_it_cannot_annotate() -> None:
    """GitHub shows 10 annotations of each kind per step: a units.yaml typo's real error must
    not be annotation 248 of 249."""
    warnings = [
        make("text-not-nfc", Severity.WARNING, Pos(f"catalog/a{i:02}.yaml", 1, 1))
        for i in range(14)
    ]
    errors = [
        make("yaml-empty", Severity.ERROR, Pos(f"catalog/z{i:02}.yaml", 1, 1)) for i in range(12)
    ]
    lines = github.render(ValidationResult(tuple(warnings + errors), ("x",) * 26), EN).splitlines()
    commands = [line.split(" ", 1)[0].split("::")[1] for line in lines if line.startswith("::")]
    assert commands == ["error"] * 10 + ["warning"] * 10 + ["notice"]
    assert "file=catalog/z00.yaml" in lines[0]
    plain = [line for line in lines if line.startswith("  ")]
    assert len(plain) == 2 + 4 and plain[0].startswith("  catalog/z10.yaml:1:1  error")
    assert lines[-1].startswith("::notice::Checked 26 file(s): 12 error(s), 14 warning(s)")
    assert "6 finding(s) not annotated" in lines[-1] and "this step's log" in lines[-1]


def test_escape_functions() -> None:
    assert github_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert github_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"
    assert github_data("a\x1b[2J\u202eb") == "a\\x1b[2J\\u202eb"  # never raw in the log


# --- gitlab ---------------------------------------------------------------------------------


def test_gitlab_issue_fields_and_types() -> None:
    issues = json.loads(gitlab.render(sample(), VI))
    assert isinstance(issues, list)
    assert len(issues) == 4  # suppressed ones are left out
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str)
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str)
        assert type(issue["location"]["lines"]["begin"]) is int
    assert [i["severity"] for i in issues] == ["major", "major", "minor", "info"]
    assert issues[0]["description"] == (
        "Khóa 'tên' bị lặp (lần đầu ở dòng 1, cột 1); giá trị sau không được dùng."
    )
    assert issues[2]["location"] == {"path": "catalog/nội bộ/phường/b.yaml", "lines": {"begin": 2}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def _moved(findings: tuple[Finding, ...], by: int) -> ValidationResult:
    return ValidationResult(
        tuple(
            Finding(
                f.rule, f.severity, f.message, Pos(f.file, f.line + by, f.column), f.args, f.item
            )
            for f in findings
        ),
        (findings[0].file,),
    )


def test_gitlab_fingerprint_ignores_line_but_tells_twins_apart() -> None:
    twins = (
        make("text-not-nfc", Severity.WARNING, Pos("a.yaml", 3, 1)),
        make("text-not-nfc", Severity.WARNING, Pos("a.yaml", 8, 1)),
    )
    before = [
        i["fingerprint"] for i in gitlab.to_data(ValidationResult(twins, (twins[0].file,)), VI)
    ]
    after = [i["fingerprint"] for i in gitlab.to_data(_moved(twins, 1), VI)]
    assert before == after
    assert before[0] != before[1]
    other_file = make("text-not-nfc", Severity.WARNING, Pos("b.yaml", 3, 1))
    moved = gitlab.to_data(ValidationResult((other_file,), (other_file.file,)), VI)
    assert moved[0]["fingerprint"] != before[0]


# --- sarif ----------------------------------------------------------------------------------


def _sarif_validator() -> Any:
    schema = json.loads((FORMATS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


@NEEDS_SHARED
def test_sarif_validates_against_the_official_schema() -> None:
    validator = _sarif_validator()
    for result in (sample(), ValidationResult(())):
        log = json.loads(sarif.render(result, VI))
        errors = [e.message for e in validator.iter_errors(log)]
        assert errors == []


@NEEDS_SHARED
def test_sarif_schema_check_can_fail() -> None:
    log = json.loads(sarif.render(sample(), VI))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(_sarif_validator().iter_errors(log))


def test_sarif_results_rules_and_suppressions() -> None:
    run = json.loads(sarif.render(sample(), VI))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "tthc" and driver["version"] and driver["informationUri"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    results = run["results"]
    assert len(results) == 6
    for res in results:
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
    levels = [r["level"] for r in results]
    assert levels == ["error", "error", "warning", "error", "warning", "note"]
    by_rule = {r["id"]: r for r in driver["rules"]}
    assert by_rule[RULE_ID]["shortDescription"]["text"] == RULES[RULE_ID].summary
    assert by_rule[RULE_ID]["fullDescription"]["text"].startswith(RULES[RULE_ID].summary)
    assert by_rule["yaml-duplicate-key"]["defaultConfiguration"]["level"] == "error"
    assert by_rule["text-not-nfc"]["defaultConfiguration"]["level"] == "warning"
    suppressed = {r["ruleId"]: r["suppressions"] for r in results if "suppressions" in r}
    assert suppressed == {
        "yaml-ambiguous-value": [
            {"kind": "inSource", "status": "accepted", "justification": "Giữ nguyên bản gốc"}
        ],
        "schema": [{"kind": "external", "status": "accepted", "justification": "Chờ bổ sung tên"}],
    }
    assert run["invocations"][0]["executionSuccessful"] is True
    location = results[-1]["locations"][0]["physicalLocation"]
    uri = "catalog/n%E1%BB%99i%20b%E1%BB%99/ph%C6%B0%E1%BB%9Dng/b.yaml"
    assert location["artifactLocation"]["uri"] == uri
    assert location["region"] == {"startLine": 4, "startColumn": 3}
    assert results[1]["message"]["text"] == "Không hợp lệ theo lược đồ: " + TRICKY


def test_sarif_uri() -> None:
    assert sarif.artifact_uri("catalog/a b.yaml") == "catalog/a%20b.yaml"
    assert (
        sarif.artifact_uri("/abs/đường dẫn.yaml")
        == "file:///abs/%C4%91%C6%B0%E1%BB%9Dng%20d%E1%BA%ABn.yaml"
    )
    assert sarif.artifact_uri("HEAD:catalog/a.yaml") == "HEAD%3Acatalog/a.yaml"


# --- junit ----------------------------------------------------------------------------------


@NEEDS_SHARED
def test_junit_validates_against_the_xsd() -> None:
    schema = xmlschema.XMLSchema(str(FORMATS / "JUnit.xsd"))
    for result in (sample(), ValidationResult(())):
        schema.validate(junit.render(result, VI))
    broken = junit.to_xml(sample(), VI, STAMP).replace(' hostname="localhost"', "", 1)
    assert not schema.is_valid(broken)


def _suites(xml: str) -> dict[str, ET.Element]:
    return {suite.get("name", ""): suite for suite in ET.fromstring(xml).iter("testsuite")}


def test_junit_suites_cases_and_counts() -> None:
    suites = _suites(junit.to_xml(sample(), VI, STAMP))
    assert list(suites) == [
        "catalog/a.yaml",
        "catalog/c.yaml",
        "catalog/d.yaml",
        "catalog/nội bộ/phường/b.yaml",
    ]
    counts = {
        name: (s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped"))
        for name, s in suites.items()
    }
    assert counts == {
        "catalog/a.yaml": ("2", "2", "0", "0"),
        "catalog/c.yaml": ("2", "0", "0", "2"),
        "catalog/d.yaml": ("1", "0", "0", "0"),
        "catalog/nội bộ/phường/b.yaml": ("2", "2", "0", "0"),
    }
    assert [s.get("id") for s in suites.values()] == ["0", "1", "2", "3"]
    assert all(s.get("timestamp") == "2026-11-23T08:30:00" for s in suites.values())
    passing = suites["catalog/d.yaml"].findall("testcase")
    assert len(passing) == 1 and list(passing[0]) == []
    failure = suites["catalog/a.yaml"].find("testcase/failure")
    assert failure is not None
    assert failure.get("type") == "yaml-duplicate-key"
    assert failure.text == (
        "catalog/a.yaml:3:5: lỗi: Khóa 'tên' bị lặp (lần đầu ở dòng 1, cột 1); "
        "giá trị sau không được dùng."
    )
    skipped = [c.find("skipped") for c in suites["catalog/c.yaml"].findall("testcase")]
    reasons = [s.get("message") for s in skipped if s is not None]
    assert reasons == ["Giữ nguyên bản gốc", "Chờ bổ sung tên"]


def test_junit_keeps_newlines_and_drops_characters_xml_cannot_hold() -> None:
    odd = make(
        "schema",
        Severity.ERROR,
        Pos("a.yaml", 1, 1),
        message="schema.other",
        detail="x\x01y\nz <&>",
    )
    suite = _suites(junit.to_xml(ValidationResult((odd,), ("a.yaml",)), EN, STAMP))["a.yaml"]
    failure = suite.find("testcase/failure")
    assert failure is not None
    assert failure.get("message") == "Invalid per schema: x\ufffdy\nz <&>"


def test_junit_groups_findings_of_one_rule_at_one_place() -> None:
    pos = Pos("a.yaml", 2, 1)
    two = (
        make("schema", Severity.ERROR, pos, message="schema.required", name="name"),
        make("schema", Severity.ERROR, pos, message="schema.required", name="kind"),
    )
    suite = _suites(junit.to_xml(ValidationResult(two, ("a.yaml",)), VI, STAMP))["a.yaml"]
    assert suite.get("tests") == "1" and suite.get("failures") == "1"
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.text is not None
    assert failure.text.count("\n") == 1


# --- markdown -------------------------------------------------------------------------------


def test_markdown_is_a_table_errors_first_that_text_cannot_break() -> None:
    tricky = make("yaml-empty", Severity.WARNING, Pos("catalog/x|y.yaml", 1, 1))
    result = ValidationResult((*sample().findings, tricky), sample().paths)
    lines = REPORTERS["markdown"](result, EN).splitlines()
    rows = [line for line in lines if line.startswith("| catalog")]
    assert [row.split(" | ")[1] for row in rows] == ["error", "error", "warning", "warning", "info"]
    assert all(row.replace("\\|", "").count("|") == 5 for row in rows)  # a | stays in its cell
    assert "x\\|y.yaml:1:1" in rows[3]
    assert "suppressed" not in "".join(rows)
    shown = REPORTERS["markdown"](result, OutputContext(lang="en", show_suppressed=True))
    assert "| suppressed |" in shown

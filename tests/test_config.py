"""tthc.yaml, flags and environment: discovery, broken config, language, colour, suppression."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import dump, make_catalog, procedure, run_tthc
from tthc_cli.config import Config, with_overrides
from tthc_cli.findings import Severity
from tthc_cli.formats import OutputContext
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import find_config
from tthc_cli.model import Procedure
from tthc_cli.reporters import REPORTERS
from tthc_cli.rules import Rule, RuleContext
from tthc_cli.rules.engine import validate

WITH_NO = dump(procedure("1.000001")).replace("- Doanh nghiệp\n", "- NO\n")
NO_LINE = WITH_NO.splitlines().index("- NO") + 1


def findings_of(done: Any) -> list[dict[str, Any]]:
    assert "Traceback" not in done.stderr
    return list(json.loads(done.stdout)["findings"])


# --- broken config ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("catalog: [\n", "tthc.yaml:2:1", "YAML"),
        ("catalog: catalog\ncatalgo: x\n", "tthc.yaml:2:1", "catalgo"),
        ("catalog: catalog\nfail_on: 3\n", "tthc.yaml:2:10", "error, warning, info"),
        ("catalog: catalog\nlimits: {max_depth: deep}\n", "tthc.yaml:2:21", "deep"),
        ("catalog: catalog\nrules: {Bad Rule: off}\n", "tthc.yaml:2:9", "Bad Rule"),
        ("catalog: catalog\nlegal: {unregistered: loud}\n", "tthc.yaml:2:23", "loud"),
    ],
    ids=["syntax", "unknown-key", "wrong-enum", "wrong-type", "bad-rule-id", "legal-setting"],
)
def test_broken_config_is_one_line_exit_3(
    tmp_path: Path, text: str, where: str, words: str
) -> None:
    make_catalog(tmp_path)
    (tmp_path / "tthc.yaml").write_text(text, encoding="utf-8")
    done = run_tthc("validate", cwd=tmp_path)
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert where in done.stderr and words in done.stderr
    assert "Traceback" not in done.stderr


def test_config_with_bad_encoding_is_exit_3(tmp_path: Path) -> None:
    make_catalog(tmp_path)
    (tmp_path / "tthc.yaml").write_bytes("catalog: danh-mục\n".encode("utf-16"))
    done = run_tthc("validate", cwd=tmp_path)
    assert done.returncode == 3
    assert "UTF-16" in done.stderr and done.stderr.count("\n") == 1


def test_missing_explicit_config_is_exit_3(tmp_path: Path) -> None:
    make_catalog(tmp_path)
    done = run_tthc("validate", "--config", "khong-co.yaml", cwd=tmp_path)
    assert done.returncode == 3
    assert "khong-co.yaml" in done.stderr and "Traceback" not in done.stderr


# --- discovery and --config ---------------------------------------------------------------


def test_config_is_found_from_a_subfolder(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path, {"public/1.000001.yaml": procedure("1.000001")})
    assert find_config(catalog / "public") == tmp_path / "tthc.yaml"
    done = run_tthc("validate", "--format", "json", cwd=catalog / "public")
    assert done.returncode == 0
    assert json.loads(done.stdout)["files"] == 1


def test_explicit_config_wins(tmp_path: Path) -> None:
    make_catalog(tmp_path, {"1.000001.yaml": WITH_NO})
    (tmp_path / "strict.yaml").write_text("catalog: catalog\nfail_on: warning\n", encoding="utf-8")
    assert run_tthc("validate", cwd=tmp_path).returncode == 0
    assert run_tthc("validate", "--config", "strict.yaml", cwd=tmp_path).returncode == 1


# --- language and colour ------------------------------------------------------------------


def test_language_flag_and_environment(tmp_path: Path) -> None:
    make_catalog(tmp_path, {"1.000001.yaml": WITH_NO})
    vi = run_tthc("validate", cwd=tmp_path)
    en_flag = run_tthc("validate", "--lang", "en", cwd=tmp_path)
    en_env = run_tthc("validate", cwd=tmp_path, env={"TTHC_LANG": "en"})
    assert "cảnh báo" in vi.stdout
    assert "warning" in en_flag.stdout and "cảnh báo" not in en_flag.stdout
    assert en_env.stdout == en_flag.stdout
    assert (
        run_tthc("validate", "--lang", "vi", cwd=tmp_path, env={"TTHC_LANG": "en"}).stdout
        == vi.stdout
    )


def test_bad_language_is_a_usage_error(tmp_path: Path) -> None:
    make_catalog(tmp_path)
    done = run_tthc("validate", "--lang", "fr", cwd=tmp_path)
    assert done.returncode == 2
    assert "fr" in done.stderr and "Traceback" not in done.stderr


def test_no_color_means_no_escapes(tmp_path: Path) -> None:
    make_catalog(tmp_path, {"1.000001.yaml": WITH_NO})
    colored = run_tthc("validate", cwd=tmp_path, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    plain = run_tthc("validate", cwd=tmp_path, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" in colored.stdout  # the check below can fail
    assert "\x1b[" not in plain.stdout


# --- grading and suppression --------------------------------------------------------------


def test_fail_on_warning(tmp_path: Path) -> None:
    make_catalog(tmp_path, {"1.000001.yaml": WITH_NO})
    assert run_tthc("validate", cwd=tmp_path).returncode == 0
    assert run_tthc("validate", "--fail-on", "warning", cwd=tmp_path).returncode == 1
    assert run_tthc("validate", "--fail-on", "bogus", cwd=tmp_path).returncode == 2


def test_rule_severity_off_and_raised(tmp_path: Path) -> None:
    make_catalog(
        tmp_path, {"1.000001.yaml": WITH_NO}, config={"rules": {"yaml-ambiguous-value": "off"}}
    )
    done = run_tthc("validate", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert findings_of(done) == [] and done.returncode == 0
    make_catalog(
        tmp_path, {"1.000001.yaml": WITH_NO}, config={"rules": {"yaml-ambiguous-value": "error"}}
    )
    done = run_tthc("validate", "--format", "json", cwd=tmp_path)
    assert [f["severity"] for f in findings_of(done)] == ["error"] and done.returncode == 1


def test_config_suppression_per_file(tmp_path: Path) -> None:
    files = {
        "public/1.000001.yaml": WITH_NO,
        "internal/6.000001.yaml": WITH_NO.replace("1.000001", "6.000001"),
    }
    reason = "Dữ liệu gốc ghi như vậy"
    make_catalog(
        tmp_path,
        files,
        config={
            "suppress": [{"rule": "yaml-ambiguous-value", "reason": reason, "files": ["public/*"]}]
        },
    )
    done = run_tthc("validate", "--format", "json", "--fail-on", "warning", cwd=tmp_path)
    found = {f["file"]: f for f in findings_of(done)}
    assert found["catalog/public/1.000001.yaml"]["reason"] == reason
    assert found["catalog/public/1.000001.yaml"]["suppressed"] is True
    assert found["catalog/internal/6.000001.yaml"]["suppressed"] is False
    assert done.returncode == 1


def test_file_suppression_shows_reason_and_unused_one_warns(tmp_path: Path) -> None:
    reason = "Tệp giữ tên cũ theo quyết định công bố"
    text = dump(
        procedure(
            "1.000009",
            suppress=[
                {"rule": "code-matches-filename", "reason": reason},
                {"rule": "unique-code", "reason": "Không còn cần thiết nữa"},
            ],
        )
    )
    make_catalog(tmp_path, {"1.000001.yaml": text})
    done = run_tthc("validate", "--format", "json", cwd=tmp_path)
    findings = findings_of(done)
    [suppressed] = [f for f in findings if f["rule"] == "code-matches-filename"]
    assert suppressed["suppressed"] is True and suppressed["reason"] == reason
    [unused] = [f for f in findings if f["rule"] == "unused-suppression"]
    lines = text.splitlines()
    assert unused["line"] == lines.index("- rule: unique-code") + 1
    assert unused["args"]["rule"] == "unique-code"
    assert done.returncode == 0
    shown = run_tthc("validate", "--show-suppressed", cwd=tmp_path).stdout
    assert reason in shown and "unused-suppression" in shown


def _item_rule() -> Rule:
    def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Any]:
        for step in procedure.steps:
            if step.key == "tham-dinh":
                yield RULE.finding(step.pos, message="internal-scope", item=f"steps/{step.key}")

    # a stand-in rule that borrows a real message (one without arguments)
    RULE = Rule(
        "test-item-rule", Severity.ERROR, "A test rule.", {"internal-scope": ()}, check=check
    )
    return RULE


def test_item_suppression_in_text_and_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reason = "Bước này do văn bản gốc quy định"
    data = procedure("1.000001")
    data["steps"][1]["suppress"] = [{"rule": "test-item-rule", "reason": reason}]
    data["steps"][2]["suppress"] = [{"rule": "test-item-rule", "reason": "Không áp dụng ở đây"}]
    make_catalog(tmp_path, {"1.000001.yaml": data})
    monkeypatch.chdir(tmp_path)
    config = with_overrides(Config(catalog=tmp_path / "catalog"))
    rule = _item_rule()
    monkeypatch.setattr("tthc_cli.rules.known_ids", lambda: {rule.id, "unused-suppression"})
    result = validate(load_paths([], config), {rule.id: rule})
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["test-item-rule"].suppressed == reason
    assert by_rule["unused-suppression"].arg_map["rule"] == "test-item-rule"
    assert not result.failed(Severity.ERROR)
    text = REPORTERS["text"](result, OutputContext(show_suppressed=True))
    assert reason in text
    data_out = json.loads(REPORTERS["json"](result, OutputContext()))
    assert {f["reason"] for f in data_out["findings"]} == {reason, None}


def test_unsuppressed_item_finding_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_catalog(tmp_path, {"1.000001.yaml": procedure("1.000001")})
    monkeypatch.chdir(tmp_path)
    rule = _item_rule()
    result = validate(load_paths([], Config(catalog=tmp_path / "catalog")), {rule.id: rule})
    assert [f.rule for f in result.active()] == ["test-item-rule"]
    assert result.failed(Severity.ERROR)

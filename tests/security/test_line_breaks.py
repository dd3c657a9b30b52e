"""A line break in a one-line field (a procedure's name) never starts a line of its own in
plain-text output — a CI runner reads ``::error …::`` and ``::add-mask::`` lines as commands —
and is a ``text-line-break`` warning when the file is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import commit_all, git, make_catalog, procedure, run_tthc
from tthc_cli.load.yamlsafe import parse_yaml
from tthc_cli.textnorm import one_line

INJECTED = "Cấp thẻ\n::error file=x.yaml,line=1::PWNED\r\n::add-mask::Cấp\u2028::warning::x"


def _commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.lstrip().startswith("::")]


def test_one_line_folds_every_line_break() -> None:
    assert one_line(INJECTED) == (
        "Cấp thẻ ::error file=x.yaml,line=1::PWNED ::add-mask::Cấp ::warning::x"
    )
    assert one_line("a\x0bb\x0cc\x85d\x1b") == "a b c d\\x1b"


def test_diff_text_keeps_a_name_on_one_line(tmp_path: Path) -> None:
    make_catalog(tmp_path, {"2.001219.yaml": procedure()})
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "trước")
    make_catalog(tmp_path, {"2.001219.yaml": procedure(name=INJECTED)})
    done = run_tthc("diff", "HEAD", "-f", "text", cwd=tmp_path)
    assert "PWNED" in done.stdout, done.stderr
    assert _commands(done.stdout) == []


@pytest.mark.parametrize(
    "args",
    [
        ["cost", "2.001219"],
        ["deadline", "2.001219", "--received", "07/02/2024 16:00"],
    ],
)
def test_cost_and_deadline_keep_a_name_on_one_line(tmp_path: Path, args: list[str]) -> None:
    make_catalog(tmp_path, {"2.001219.yaml": procedure(name=INJECTED)})
    done = run_tthc(*args, cwd=tmp_path)
    assert "PWNED" in done.stdout, done.stderr
    assert _commands(done.stdout) == []


def test_a_line_break_in_a_one_line_field_is_a_warning() -> None:
    raw = (
        'code: "2.001219"\nname: "Cấp\\n::error::x"\nnote: "hai\\ndòng"\n'
        'steps:\n- id: "a\\u2028b"\n'
    )
    found = [(f.rule, f.line, f.arg_map["field"]) for f in parse_yaml(raw.encode(), "x").findings]
    assert found == [("text-line-break", 2, "name"), ("text-line-break", 5, "id")]
    block = "name: |\n  Cấp thẻ\n  ::add-mask::x\ndescription: |\n  một\n  hai\n"
    found = [(f.rule, f.line) for f in parse_yaml(block.encode(), "y").findings]
    assert found == [("text-line-break", 1)]


def test_the_warning_reaches_validate(tmp_path: Path) -> None:
    make_catalog(tmp_path, {"2.001219.yaml": procedure(name=INJECTED)})
    done = run_tthc("validate", "--no-cache", "-f", "json", cwd=tmp_path)
    found = [(f["rule"], f["severity"]) for f in json.loads(done.stdout)["findings"]]
    assert ("text-line-break", "warning") in found

"""The command line itself: version, help, usage errors, schemas, the rules list."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.helpers import run_tthc
from tthc_cli import __version__
from tthc_cli.rules import READ_CHECKS, RULES

SCRIPT = Path(sys.executable).parent / "tthc"


def test_module_version() -> None:
    done = run_tthc("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"tthc {__version__}"


@pytest.mark.skipif(
    not SCRIPT.exists() and shutil.which("tthc") is None,
    reason="the tthc console script is not installed",
)
def test_console_script_version() -> None:
    script = str(SCRIPT) if SCRIPT.exists() else "tthc"
    done = subprocess.run(
        [script, "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"tthc {__version__}"


def test_help_lists_the_commands() -> None:
    done = run_tthc("-h")
    assert done.returncode == 0
    for command in ("validate", "rules", "schema", "list"):
        assert command in done.stdout


@pytest.mark.parametrize(
    "args", [("bogus",), ("validate", "--no-such-flag"), ("list", "--format", "pdf")]
)
def test_usage_errors_exit_2_without_traceback(args: tuple[str, ...]) -> None:
    done = run_tthc(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.strip()


@pytest.mark.parametrize("name", ["procedure", "units", "legal", "config"])
def test_schema_prints_a_valid_json_schema(name: str) -> None:
    done = run_tthc("schema", name)
    assert done.returncode == 0
    Draft202012Validator.check_schema(json.loads(done.stdout))


def test_schema_default_is_the_procedure_schema() -> None:
    assert json.loads(run_tthc("schema").stdout)["$id"].endswith("procedure.schema.json")


def test_schema_dir_writes_every_schema_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    assert run_tthc("schema", "-d", str(out)).returncode == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == [
        "config.schema.json",
        "legal.schema.json",
        "plan.schema.json",
        "procedure.schema.json",
        "units.schema.json",
    ]
    (out / "units.schema.json").write_text("local edit", encoding="utf-8")
    (out / "procedure.schema.json").unlink()
    again = run_tthc("schema", "-d", str(out))
    assert again.returncode == 3 and "--force" in again.stderr and "Traceback" not in again.stderr
    assert (out / "units.schema.json").read_text(encoding="utf-8") == "local edit"
    assert not (out / "procedure.schema.json").exists()  # nothing written halfway
    assert run_tthc("schema", "-d", str(out), "--force").returncode == 0
    Draft202012Validator.check_schema(
        json.loads((out / "units.schema.json").read_text(encoding="utf-8"))
    )


def test_rules_lists_every_registered_rule() -> None:
    done = run_tthc("rules", env={"COLUMNS": "80"})
    assert done.returncode == 0
    listed = {
        line.split("│")[1].strip() for line in done.stdout.splitlines() if line.count("│") >= 3
    }
    missing = (set(RULES) | set(READ_CHECKS)) - listed
    assert not missing, f"not listed by tthc rules: {sorted(missing)}"


def test_rules_with_an_unknown_id_is_a_usage_error() -> None:
    done = run_tthc("rules", "khong-co-quy-tac")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_shell_completion_offers_commands_options_and_values() -> None:
    """tthc --install-completion / --show-completion: the shells ask tthc itself."""
    # Typer detects the shell from the parent process unless told which one is meant; the
    # test names it, so that the answer does not depend on how pytest was started.
    named = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    shown = run_tthc("--show-completion", "bash", env=named)
    assert shown.returncode == 0 and "_TTHC_COMPLETE=complete_bash" in shown.stdout

    def complete(words: str) -> list[str]:
        env = {"_TTHC_COMPLETE": "complete_bash", "COMP_WORDS": words}
        env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
        done = run_tthc(env=env)
        return done.stdout.split()

    assert complete("tthc val") == ["validate"]
    assert complete("tthc validate --format s") == ["sarif"]
    assert complete("tthc list --kind ") == ["public", "internal"]
    assert "unit-exists" in complete("tthc rules unit")


def test_help_shows_choices_and_defaults() -> None:
    shown = run_tthc("validate", "--help", env={"COLUMNS": "160"}).stdout
    assert "[error|warning|info]" in shown and "[vi|en]" in shown
    assert "mặc định: error" in shown
    assert "<str>" not in shown
    report = run_tthc("report", "--help", env={"COLUMNS": "160"}).stdout
    assert "[unit|field|level|kind]" in report and "[default: unit]" in report

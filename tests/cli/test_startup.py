"""Start-up stays cheap: a run imports only what its command needs (measured in bench/)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

HEAVY = (
    "typer",
    "jsonschema",
    "rich",
    "tabulate",
    "holidays",
    "docx",
    "openpyxl",
    "fastjsonschema",  # only when a schema changed since its checker was generated
    "concurrent.futures.process",  # worker processes only for large catalogs
    "tthc_cli.model",  # only when something is built
    "tthc_cli.rules",
)
PROBE = """
import json, sys
from tthc_cli.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def imported(*args: str, env: dict[str, str] | None = None) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_version_imports_no_dependency() -> None:
    assert imported("--version") == set()


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (
            ("validate", "procedures/public/2.001219.yaml"),
            {
                "holidays",
                "docx",
                "openpyxl",
                "jsonschema",
                "fastjsonschema",
                "concurrent.futures.process",
            },
        ),
        (("list", "-f", "json"), {"holidays", "docx", "openpyxl"}),
        (("diff", "procedures", "procedures"), {"holidays", "docx", "openpyxl"}),
    ],
)
def test_a_command_does_not_import_other_commands_dependencies(
    args: tuple[str, ...], unwanted: set[str]
) -> None:
    loaded = imported(*args)
    assert "typer" in loaded  # the probe really ran the command
    assert not loaded & unwanted


def test_help_still_lists_every_command() -> None:
    from tthc_cli.cli import COMMANDS

    done = subprocess.run(
        [sys.executable, "-m", "tthc_cli", "-h"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": ""},
        timeout=120,
    )
    assert done.returncode == 0
    for name in COMMANDS:
        assert f" {name} " in done.stdout


def test_validating_an_unchanged_catalog_again_parses_nothing(tmp_path: Path) -> None:
    """The whole result comes from the cache: no model, rules or worker pool is loaded.

    A valid catalog never needs jsonschema: the checkers generated ahead of time say "valid"
    (only tthc.yaml is checked on every run, by its generated checker).
    """
    catalog = tmp_path / "catalog"
    shutil.copytree(REPO / "procedures", catalog / "procedures")
    shutil.copy(REPO / "tthc.yaml", catalog / "tthc.yaml")
    env = {"TTHC_CACHE_DIR": str(tmp_path / "cache")}
    first = imported("validate", str(catalog / "procedures"), env=env)
    assert {"tthc_cli.model", "tthc_cli.rules"} <= first  # really checked
    assert not first & {"jsonschema", "fastjsonschema"}
    again = imported("validate", str(catalog / "procedures"), env=env)
    assert "typer" in again
    assert not again & {
        "jsonschema",
        "concurrent.futures.process",
        "tthc_cli.model",
        "tthc_cli.rules",
    }


def test_an_invalid_file_is_still_explained_by_jsonschema(tmp_path: Path) -> None:
    bad = tmp_path / "2.000001.yaml"
    bad.write_text("code: '2.000001'\nname: 3\n", encoding="utf-8")
    env = {"TTHC_CACHE_DIR": str(tmp_path / "cache")}
    assert "jsonschema" in imported("validate", str(bad), env=env)

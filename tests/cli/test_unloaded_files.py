"""A file that cannot be loaded is never passed over in silence: display commands name it on
stderr, and a diff used as a gate (``--exit-code``, ``--fail-on``) fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import dump, make_catalog, procedure, run_tthc

BROKEN = "code: [unclosed\n"


@pytest.fixture
def sides(tmp_path: Path) -> Path:
    make_catalog(tmp_path / "a", {"p.yaml": procedure("1.000001")})
    make_catalog(tmp_path / "b", {"p.yaml": BROKEN})
    return tmp_path


@pytest.mark.parametrize(
    ("gate", "code"),
    [((), 0), (("--exit-code",), 1), (("--fail-on", "heavier"), 1), (("--fail-on", "any"), 1)],
)
def test_a_diff_gate_fails_when_a_side_could_not_be_loaded(
    sides: Path, gate: tuple[str, ...], code: int
) -> None:
    done = run_tthc("diff", "a/catalog", "b/catalog", *gate, cwd=sides)
    assert done.returncode == code, done.stderr
    assert "b/catalog/p.yaml" in done.stdout


@pytest.mark.parametrize("gate", [("--exit-code",), ("--fail-on", "heavier")])
def test_a_diff_gate_passes_a_fix_and_files_loaded_with_findings(
    tmp_path: Path, gate: tuple[str, ...]
) -> None:
    make_catalog(tmp_path / "a", {"p.yaml": BROKEN})  # the old side broken, fixed in the new
    make_catalog(tmp_path / "b", {"p.yaml": procedure("1.000001")})
    done = run_tthc("diff", "a/catalog", "b/catalog", "--fail-on", "heavier", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    make_catalog(tmp_path / "a", {"p.yaml": procedure("1.000001")})
    tagged = dump(procedure("1.000001")).replace("name: ", "name: !!int ", 1)
    (tmp_path / "b" / "catalog" / "p.yaml").write_text(tagged, encoding="utf-8")
    done = run_tthc("diff", "a/catalog", "b/catalog", *gate, cwd=tmp_path)
    assert "b/catalog/p.yaml" in done.stdout  # its error finding is shown, yet it was built
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (("list",), 0),
        (("show", "1.000002"), 0),
        (("table",), 0),
        (("report", "--as-of", "2025-01-01"), 1),  # report fails on a catalog with errors
    ],
)
def test_display_commands_name_the_files_they_leave_out(
    tmp_path: Path, command: tuple[str, ...], code: int
) -> None:
    files = {"ok.yaml": procedure("1.000002", kind="internal"), "broken.yaml": BROKEN}
    make_catalog(tmp_path, files)
    done = run_tthc(*command, "--lang", "en", cwd=tmp_path)
    assert done.returncode == code, done.stderr
    warning = [line for line in done.stderr.splitlines() if "could not be loaded" in line]
    assert warning == [
        "tthc: 1 file(s) could not be loaded and are left out (details: tthc validate): "
        "catalog/broken.yaml"
    ]


def test_diff_ci_formats_grade_a_new_side_finding_by_its_severity(tmp_path: Path) -> None:
    """A warning of a file the new side could not build is a warning, not an error."""
    make_catalog(tmp_path / "a", {"p.yaml": procedure("1.000001")})
    broken = "code: '1.000001'\nnote: Thu\u0309 tu\u0323c\nname: [unclosed\n"  # NFD: a warning
    make_catalog(tmp_path / "b", {"p.yaml": broken.encode("utf-8")})
    github = run_tthc("diff", "a/catalog", "b/catalog", "-f", "github", cwd=tmp_path).stdout
    commands = sorted(line.split(" ", 1)[0] for line in github.splitlines() if "p.yaml" in line)
    gitlab = json.loads(
        run_tthc("diff", "a/catalog", "b/catalog", "-f", "gitlab", cwd=tmp_path).stdout
    )
    grades = sorted((issue["check_name"], issue["severity"]) for issue in gitlab)
    assert commands == ["::error", "::warning"]
    assert grades == [("text-not-nfc", "minor"), ("yaml-syntax", "major")]

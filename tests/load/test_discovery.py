"""Which catalog a command reads when no path names one, and what a path at the repository root
means: never an arbitrary tree of YAML files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO, dump, make_catalog, procedure, run_tthc
from tthc_cli.load.roles import Role, role_of

BUNDLED = sum(  # the procedure files: units.yaml, legal.yaml and plans/ have other roles
    role_of(p.relative_to(REPO / "procedures").as_posix()) is Role.PROCEDURE
    for p in (REPO / "procedures").rglob("*.yaml")
)


def summary_line(stdout: str) -> str:
    return stdout.strip().splitlines()[-1]


def repo_copy(tmp_path: Path, with_config: bool) -> Path:
    """The repository's catalog, tthc.yaml and action.yml (a YAML file that is no procedure)."""
    root = tmp_path / "kho"
    shutil.copytree(REPO / "procedures", root / "procedures")
    shutil.copy(REPO / "action.yml", root / "action.yml")
    if with_config:
        shutil.copy(REPO / "tthc.yaml", root / "tthc.yaml")
    return root


@pytest.mark.parametrize("command", [["validate"], ["list"], ["show", "2.001219"], ["report"]])
def test_an_empty_folder_is_refused_in_one_line(tmp_path: Path, command: list[str]) -> None:
    done = run_tthc(*command, "--lang", "en", cwd=tmp_path)
    assert done.returncode == 3
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "No catalog found" in done.stderr and "catalog: FOLDER" in done.stderr


def test_loose_yaml_files_are_never_walked_as_a_catalog(tmp_path: Path) -> None:
    other = tmp_path / "du-an-khac"
    other.mkdir()
    (other / "2.001219.yaml").write_text(dump(procedure()), encoding="utf-8")
    (tmp_path / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    for command in (["validate"], ["show", "2.001219"], ["table", "2.001219"]):
        done = run_tthc(*command, cwd=tmp_path)
        assert done.returncode == 3, (command, done.stdout)
        assert "Thủ tục thử nghiệm" not in done.stdout
        assert "units.yaml" in done.stderr


def test_without_tthc_yaml_procedures_is_the_catalog_when_it_holds_units_yaml(
    tmp_path: Path,
) -> None:
    root = repo_copy(tmp_path, with_config=False)
    done = run_tthc("validate", "--lang", "en", cwd=root)
    assert done.returncode in (0, 1), done.stderr  # (HCM- codes need tthc.yaml's pattern)
    assert f"Checked {BUNDLED} file" in summary_line(done.stdout)
    assert "action.yml" not in done.stdout
    (root / "procedures" / "units.yaml").unlink()
    refused = run_tthc("validate", cwd=root)
    assert refused.returncode == 3 and refused.stdout == ""


@pytest.mark.parametrize("path", [".", "./", "procedures"])
def test_the_repository_root_means_the_configured_catalog(tmp_path: Path, path: str) -> None:
    root = repo_copy(tmp_path, with_config=True)
    whole = run_tthc("validate", "--lang", "en", cwd=root)
    named = run_tthc("validate", path, "--lang", "en", cwd=root)
    assert named.returncode == whole.returncode == 0, named.stdout
    assert named.stdout == whole.stdout
    assert f"Checked {BUNDLED} file" in summary_line(named.stdout)
    for other in ("action.yml", "procedures/units.yaml:"):
        assert other not in named.stdout


def test_a_subfolder_still_selects_part_of_the_catalog(tmp_path: Path) -> None:
    catalog = make_catalog(
        tmp_path,
        {"public/2.000001.yaml": procedure("2.000001"), "internal/1.000001.yaml": procedure()},
    )
    done = run_tthc("validate", "public", "--lang", "en", cwd=catalog)
    assert "Checked 1 file" in summary_line(done.stdout)
    (tmp_path / "tthc.yaml").unlink()
    inside = run_tthc("validate", "--lang", "en", cwd=catalog / "public")
    assert "Checked 1 file" in summary_line(inside.stdout)  # found by the units.yaml above

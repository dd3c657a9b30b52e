"""The editor modeline ``tthc import`` writes resolves in the user's own catalog: it points at
the repository's ``schemas/`` when there is one, else at the schemas import writes beside the
catalog's files (never at a placeholder address)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import REPO, run_tthc

RECORD = REPO / "tests" / "fixtures" / "import" / "clean.json"


def modeline_target(file: Path) -> Path:
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    return (file.parent / first.split("$schema=", 1)[1]).resolve()


def test_a_catalog_without_schemas_gets_them(tmp_path: Path) -> None:
    done = run_tthc("import", "portal", str(RECORD), "--into", "danh-muc", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (written,) = (tmp_path / "danh-muc").glob("*/*.yaml")
    target = modeline_target(written)
    assert target == (tmp_path / "danh-muc" / "schemas" / "procedure.schema.json").resolve()
    assert target.read_bytes() == (REPO / "schemas" / "procedure.schema.json").read_bytes()
    again = run_tthc("validate", "danh-muc", cwd=tmp_path)
    assert "schemas" not in again.stdout  # the JSON files are not read as procedures


def test_the_repository_schemas_are_used_when_present(tmp_path: Path) -> None:
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    done = run_tthc("import", "portal", str(RECORD), "--into", "procedures", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (written,) = (tmp_path / "procedures").glob("*/*.yaml")
    assert modeline_target(written) == (tmp_path / "schemas" / "procedure.schema.json").resolve()
    assert not (tmp_path / "procedures" / "schemas").exists()


def test_a_dry_run_writes_no_schemas(tmp_path: Path) -> None:
    done = run_tthc("import", "portal", str(RECORD), "--into", "x", "--dry-run", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "x").exists()

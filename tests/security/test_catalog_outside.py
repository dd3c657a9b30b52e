"""A repository's own tthc.yaml cannot send tthc to read files elsewhere on the machine: a pull
request that changes ``catalog:`` to ``/etc`` (or ``../..``) gets one line and exit 3; the same
file named with ``--config`` is the user's choice and is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import make_catalog, run_tthc


@pytest.mark.parametrize("elsewhere", ["outside", "../outside", "ABSOLUTE"])
def test_a_found_config_may_not_name_a_catalog_outside_its_folder(
    tmp_path: Path, elsewhere: str
) -> None:
    outside = make_catalog(tmp_path / "outside")  # a catalog tthc could read, with a secret
    repo = tmp_path / "repo"
    repo.mkdir()
    target = str(outside) if elsewhere == "ABSOLUTE" else elsewhere
    if elsewhere == "outside":
        target = "../outside/catalog"
    (repo / "tthc.yaml").write_text(f"catalog: {target}\n", encoding="utf-8")
    done = run_tthc("validate", cwd=repo)
    assert done.returncode == 3, done.stdout + done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "--config" in done.stderr
    assert done.stdout == ""
    chosen = run_tthc("validate", "--config", str(repo / "tthc.yaml"), cwd=repo)
    if elsewhere != "../outside":  # that one names a folder without a catalog
        assert chosen.returncode == 0, chosen.stderr


def test_a_catalog_inside_the_config_folder_is_read(tmp_path: Path) -> None:
    make_catalog(tmp_path)
    assert run_tthc("validate", cwd=tmp_path).returncode == 0

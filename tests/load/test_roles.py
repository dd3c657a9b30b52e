"""The table of file roles: a catalog's registry, register, plans and config are never read as
procedures, wherever a command is pointed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import make_catalog, procedure
from tthc_cli.config import Config
from tthc_cli.load.reading import read_paths
from tthc_cli.load.roles import Role, role_of


@pytest.mark.parametrize(
    ("rel", "role"),
    [
        ("units.yaml", Role.UNITS),
        ("legal.yaml", Role.LEGAL),
        ("plans/nq-66.yaml", Role.PLAN),
        ("tthc.yaml", Role.CONFIG),
        ("public/.tthc.yaml", Role.CONFIG),
        ("public/2.001219.yaml", Role.PROCEDURE),
        ("public/units.yaml", Role.PROCEDURE),  # a registry only at the root
        ("public/plans/x.yaml", Role.PROCEDURE),
    ],
)
def test_roles_by_place(rel: str, role: Role) -> None:
    assert role_of(rel) is role


def test_only_procedure_files_are_read_as_procedures(tmp_path: Path) -> None:
    root = make_catalog(
        tmp_path,
        {
            "public/2.001219.yaml": procedure(),
            "legal.yaml": "documents: []\n",
            "plans/ke-hoach.yaml": "id: ke-hoach\n",
        },
    )
    raw = read_paths([root], Config(catalog=root))
    assert [file.rsplit("/", 1)[-1] for file, _ in raw.items] == ["2.001219.yaml"]

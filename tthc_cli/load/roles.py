"""What each file of a catalog is: the one table of file roles every reader uses.

A catalog folder holds procedure files (any ``*.yaml``/``*.yml``, in any subfolder) and, by
name, the files that are not procedures:

=====================  =============================================================
``units.yaml``         the units registry (at the catalog root)
``legal.yaml``         the register of legal documents (at the catalog root)
``plans/*.yaml``       simplification plans the catalog carries (at the catalog root)
``tthc.yaml``          the configuration (``.tthc.yaml`` too; in any folder)
=====================  =============================================================

A file is given its role by where it stands inside the catalog, never by its content, so a
procedure can never be read as a registry or the other way round. Files whose names start with
``.`` are skipped by the sources.
"""

from __future__ import annotations

from enum import StrEnum

from tthc_cli.config import CONFIG_NAMES


class Role(StrEnum):
    PROCEDURE = "procedure"
    UNITS = "units"
    LEGAL = "legal"
    PLAN = "plan"
    CONFIG = "config"


UNITS_FILE = "units.yaml"
LEGAL_FILE = "legal.yaml"
PLANS_FOLDER = "plans"
AT_ROOT = {UNITS_FILE: Role.UNITS, LEGAL_FILE: Role.LEGAL}


def role_of(rel: str) -> Role:
    """The role of the file at ``rel`` (relative to the catalog root, with ``/``)."""
    folder, _, name = rel.rpartition("/")
    if name in CONFIG_NAMES:
        return Role.CONFIG
    if not folder and name in AT_ROOT:
        return AT_ROOT[name]
    if folder == PLANS_FOLDER:
        return Role.PLAN
    return Role.PROCEDURE

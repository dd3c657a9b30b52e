"""Build a catalog, validate it in-process and return one rule's findings (fast, pure core)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import make_catalog
from tthc_cli.findings import Finding
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import load_config
from tthc_cli.rules.engine import validate

AS_OF = "2026-11-23"


def findings_of(
    tmp_path: Path,
    rule: str,
    procedures: dict[str, Any] | None = None,
    units: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
    *,
    active_only: bool = True,
) -> list[Finding]:
    """The findings of ``rule`` for a catalog built from ``procedures`` (validated as of AS_OF)."""
    catalog_dir = make_catalog(tmp_path, procedures, units, {"as_of": AS_OF, **(config or {})})
    catalog = load_paths([catalog_dir], load_config(tmp_path / "tthc.yaml"))
    assert not [f for f in catalog.findings if f.rule == "schema"], catalog.findings
    result = validate(catalog)
    found = [f for f in result.findings if f.rule == rule]
    return [f for f in found if f.suppressed is None] if active_only else found


def line_of(tmp_path: Path, text: str, file: str = "2.001219.yaml", nth: int = 1) -> int:
    """The 1-based line of the ``nth`` occurrence of ``text`` in a written procedure file."""
    lines = (tmp_path / "catalog" / file).read_text(encoding="utf-8").splitlines()
    hits = [number for number, line in enumerate(lines, 1) if text in line]
    return hits[nth - 1]

"""Dogfood: the catalog shipped in procedures/ loads cleanly and is complete enough to be useful."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.helpers import REPO, run_tthc
from tthc_cli.config import Config
from tthc_cli.load.catalog import load_source
from tthc_cli.load.sources import DirSource
from tthc_cli.load.yamlsafe import parse_yaml

CATALOG = REPO / "procedures"
READ_RULES = ("schema", "yaml-", "file-", "text-not-nfc", "walk-")


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    done = run_tthc("list", "--format", "json", cwd=REPO)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout)["procedures"])


def test_catalog_loads_without_read_or_schema_findings() -> None:
    catalog = load_source(DirSource(CATALOG), Config(catalog=CATALOG))
    problems = [
        f"{f.file}:{f.line}:{f.column} {f.rule} {f.message} {f.arg_map}"
        for f in catalog.findings
        if f.rule.startswith(READ_RULES)
    ]
    assert not problems, "\n".join(problems)
    assert len(catalog.procedures) == len(catalog.files)
    assert catalog.units_file is not None


def test_list_records_have_the_documented_keys(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert {"code", "kind", "name", "field", "unit"} <= record.keys(), record
        assert record["kind"] in ("public", "internal")


def test_catalog_size(records: list[dict[str, Any]]) -> None:
    # The catalog is still being written; these are the numbers it must reach.
    kinds = [r["kind"] for r in records]
    fields = {r["field"] for r in records}
    levels = {level for r in records for level in r["levels"]}
    assert len(records) >= 40, f"catalog incomplete: {len(records)} procedures, need at least 40"
    assert kinds.count("internal") >= 15, (
        f"only {kinds.count('internal')} internal procedures, need 15"
    )
    assert kinds.count("public") >= 20, f"only {kinds.count('public')} public procedures, need 20"
    assert len(fields) >= 6, f"only {len(fields)} fields ({sorted(fields)}), need 6"
    assert {"province", "commune"} <= levels, f"levels present: {sorted(levels)}"


def test_every_procedure_names_its_source() -> None:
    missing = []
    for path in sorted(CATALOG.rglob("*.yaml")):
        if path.name in ("units.yaml", "legal.yaml"):  # the registries, not procedures
            continue
        data = parse_yaml(path.read_bytes(), str(path)).data
        source = (data or {}).get("source") or {}
        if not source.get("read_on") or not (source.get("url") or source.get("decision")):
            missing.append(path.relative_to(REPO).as_posix())
    assert not missing, f"procedures without source.read_on and url/decision: {missing}"

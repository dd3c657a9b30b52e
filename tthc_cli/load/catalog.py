"""Building a catalog: a :class:`~tthc_cli.load.reading.RawCatalog`'s bytes into the model.

Each file is parsed by :mod:`tthc_cli.load.yamlsafe`, checked against its JSON Schema
(:mod:`tthc_cli.load.shape`) and, when that passes, turned into the typed model
(:mod:`tthc_cli.load.build`) — from the cache when its bytes are unchanged, in worker processes
for large catalogs (:mod:`tthc_cli.load.files`). Everything after this works on the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from tthc_cli.config import Config, Limits
from tthc_cli.findings import Finding
from tthc_cli.load import shape
from tthc_cli.load.cache import Cache, file_key
from tthc_cli.load.files import LoadOptions, file_results
from tthc_cli.load.pickling import Codec
from tthc_cli.load.pool import gc_paused
from tthc_cli.load.reading import RawCatalog, read_paths, read_source
from tthc_cli.load.sources import Source
from tthc_cli.load.yamlsafe import parse_yaml

if TYPE_CHECKING:  # the model is imported when something is built, not for a cached result
    from tthc_cli.legal import LegalRegister
    from tthc_cli.model import Catalog, Procedure, Unit
    from tthc_cli.plans import PlanData


@lru_cache(maxsize=1)
def units_codec() -> Codec:
    """How the parsed units registry is cached: units and findings."""
    from tthc_cli import findings, model

    return Codec(findings, model)


def _units(raw: RawCatalog, cache: Cache | None) -> tuple[dict[str, Unit], list[Finding]]:
    """The units registry and its findings; from the cache while its bytes are unchanged."""
    if raw.units_file is None or raw.units_raw is None:
        return {}, []
    key = file_key(raw.units_file, raw.units_raw)
    if cache is not None and _units_shaped(
        hit := cache.value(raw.scope, "units", key, units_codec())
    ):
        return hit[0], list(hit[1])
    found = _parse_units(raw.units_raw, raw.units_file, raw.config.limits)
    if cache is not None:
        cache.save_value(raw.scope, "units", key, found, units_codec())
    return found


def _units_shaped(value: Any) -> TypeGuard[tuple[dict[str, Unit], list[Finding]]]:
    """Whether a cached value has the shape :func:`_units` stores (a planted file may not)."""
    from tthc_cli.model import Unit

    if not (isinstance(value, tuple) and len(value) == 2):
        return False
    units, findings = value
    return (
        isinstance(units, dict)
        and all(isinstance(unit, Unit) for unit in units.values())
        and isinstance(findings, list)
        and all(isinstance(finding, Finding) for finding in findings)
    )


def _parse_units(raw: bytes, file: str, limits: Limits) -> tuple[dict[str, Unit], list[Finding]]:
    parsed = parse_yaml(raw, file, limits)
    findings = list(parsed.findings)
    if parsed.data is None:
        return {}, findings
    problems = shape.check(parsed.data, "units", file)
    findings += problems
    from tthc_cli.load import build

    return (build.units(parsed.data, file) if not problems else {}), findings


@lru_cache(maxsize=1)
def legal_codec() -> Codec:
    """How the parsed register of legal documents is cached: the register and findings."""
    from tthc_cli import findings, legal

    return Codec(findings, legal)


def _legal(raw: RawCatalog, cache: Cache | None) -> tuple[LegalRegister | None, list[Finding]]:
    """The register of legal documents and its findings; cached like the units registry."""
    if raw.legal_file is None or raw.legal_raw is None:
        return None, []
    from tthc_cli.load.legal_register import parse_register, register_shaped

    key = file_key(raw.legal_file, raw.legal_raw)
    if cache is not None and register_shaped(
        hit := cache.value(raw.scope, "legal", key, legal_codec())
    ):
        return hit[0], list(hit[1])
    found = parse_register(raw.legal_raw, raw.legal_file, raw.config.limits)
    if cache is not None:
        cache.save_value(raw.scope, "legal", key, found, legal_codec())
    return found


def _plans(raw: RawCatalog) -> tuple[list[PlanData], list[Finding]]:
    """The catalog's own plans that pass their schema, and every plan file's findings."""
    from tthc_cli.load.plan_file import parse_plan_file

    plans: list[PlanData] = []
    findings: list[Finding] = []
    for file, data in raw.plans:
        if isinstance(data, Finding):
            findings.append(data)
            continue
        plan, found = parse_plan_file(data, file, raw.config.plan, raw.config.limits, "catalog")
        findings += found
        if plan is not None:
            plans.append(plan)
    return plans, findings


def build_catalog(raw: RawCatalog, options: LoadOptions | None = None) -> Catalog:
    """Parse, schema-check and build every procedure file of ``raw`` into the model."""
    from tthc_cli.model import Catalog

    options = options or LoadOptions()
    units, unit_findings = _units(raw, options.cache)
    legal, legal_findings = _legal(raw, options.cache)
    plans, plan_findings = _plans(raw) if raw.plans else ([], [])
    findings = unit_findings + legal_findings + plan_findings + list(raw.findings)
    with gc_paused(freeze=True):
        results = file_results(raw, options)
    procedures: list[Procedure] = []
    for (_, data), result in zip(raw.items, results, strict=True):
        if isinstance(data, Finding):  # unreadable; readable items are None by now
            findings.append(data)
        elif result is not None:
            findings += result.findings
            if result.procedure is not None:
                procedures.append(result.procedure)
    return Catalog(
        root=raw.root,
        procedures=tuple(procedures),
        units=units,
        config=raw.config,
        findings=tuple(findings),
        files=tuple(file for file, _ in raw.items),
        units_file=raw.units_file,
        legal=legal,
        plans=tuple(plans),
    )


def load_source(
    source: Source,
    config: Config,
    only: Iterable[str] | None = None,
    root: str = "",
    options: LoadOptions | None = None,
) -> Catalog:
    """Load a catalog from any source; ``only`` restricts which procedure files are read."""
    return build_catalog(read_source(source, config, only, root), options)


def load_paths(
    paths: Sequence[Path], config: Config, options: LoadOptions | None = None
) -> Catalog:
    """The catalog for command-line paths (see :func:`read_paths`)."""
    return build_catalog(read_paths(paths, config), options)

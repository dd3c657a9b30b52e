"""Every unit a procedure names is in the units registry (units.yaml).

Procedures refer to units by id (``so-xay-dung``); a typo or a unit nobody registered makes
the procedure point at nothing, so reports by unit, the dissolved-unit check and rendered
documents silently lose it. The finding suggests the closest registered id, comparing ids,
names, short names and aliases without accents. An id that several procedures use (a unit
renamed or removed in the registry) is one finding naming how many procedures use it, at its
first use. Skipped when the catalog has no registry (``units-registry-missing`` already says
so) or when the registry fails its schema (``units-registry-invalid``).

Passes (``so-xay-dung`` is registered)::

    units:
      implementing: [so-xay-dung]

Fails::

    units:
      implementing: [so-xay-dung-tp]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

from tthc_cli.findings import Finding, Severity, ref
from tthc_cli.model import Catalog, Unit, UnitUse
from tthc_cli.rules.base import Rule, RuleContext
from tthc_cli.textnorm import strip_accents

CUTOFF = 0.75  # typos and small variants; lower cut-offs suggest unrelated units


def _comparable(text: str) -> str:
    return strip_accents(text).replace("-", " ").replace("_", " ")


def suggestion(reference: str, units: Mapping[str, Unit]) -> str | None:
    """The id of the unit whose id, name, short name or alias is closest to ``reference``."""
    names: dict[str, str] = {}
    for unit in units.values():
        for label in (unit.id, unit.name, unit.short_name, *unit.aliases):
            if label:
                names.setdefault(_comparable(label), unit.id)
    close = difflib.get_close_matches(_comparable(reference), list(names), n=1, cutoff=CUTOFF)
    return names[close[0]] if close else None


def _missing(catalog: Catalog) -> dict[str, list[tuple[str, UnitUse]]]:
    """Unit ids used but not registered → their uses (file, use), in catalog order."""
    missing: dict[str, list[tuple[str, UnitUse]]] = {}
    for procedure in catalog.procedures:
        for use in procedure.unit_uses:
            if use.unit not in catalog.units:
                missing.setdefault(use.unit, []).append((procedure.path, use))
    return missing


def _guess(unit: str, units: Mapping[str, Unit]) -> dict[str, str]:
    best = suggestion(unit, units)
    return {} if best is None else {"suggestion": best, "label": units[best].label}


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    units = catalog.units
    if catalog.units_file is None:
        return
    for unit, uses in _missing(catalog).items():
        guess = _guess(unit, units)
        suffix = ".suggest" if guess else ""
        files = dict.fromkeys(file for file, _ in uses)
        if len(files) == 1:  # a typo in one procedure: each place it stands
            for _, use in uses:
                yield RULE.finding(
                    use.pos,
                    message=f"unit-exists{suffix}",
                    item=use.item,
                    unit=unit,
                    role=use.role,
                    role_name=ref(f"role.{use.role}"),
                    **guess,
                )
            continue
        # An id many procedures still use (a unit renamed or removed in units.yaml): one finding,
        # at the first use in the files this run is about.
        shown = [use for file, use in uses if ctx.only is None or file in ctx.only] or [uses[0][1]]
        yield RULE.finding(
            shown[0].pos,
            message=f"unit-exists.many{suffix}",
            unit=unit,
            procedures=len(files),
            uses=len(uses),
            **guess,
        )


MESSAGES = {  # message key → the arguments it is given
    "unit-exists": ("role", "role_name", "unit"),
    "unit-exists.suggest": ("label", "role", "role_name", "suggestion", "unit"),
    "unit-exists.many": ("procedures", "unit", "uses"),
    "unit-exists.many.suggest": ("label", "procedures", "suggestion", "unit", "uses"),
}

RULE = Rule(
    "unit-exists",
    Severity.ERROR,
    __doc__ or "",
    MESSAGES,
    check_catalog=check,
    needs=frozenset({"units"}),
)

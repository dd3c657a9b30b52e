"""Every unit a procedure names is in the units registry (units.yaml).

Procedures refer to units by id (``so-xay-dung``); a typo or a unit nobody registered makes
the procedure point at nothing, so reports by unit, the dissolved-unit check and rendered
documents silently lose it. The finding suggests the closest registered id, comparing ids,
names, short names and aliases without accents. Skipped when the catalog has no registry
(``units-registry-missing`` already says so).

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

from tthc_cli.findings import Finding, Severity
from tthc_cli.model import Procedure, Unit
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


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    units = ctx.catalog.units
    if ctx.catalog.units_file is None:
        return
    for use in procedure.unit_uses:
        if use.unit in units:
            continue
        best = suggestion(use.unit, units)
        if best is None:
            yield RULE.finding(use.pos, item=use.item, unit=use.unit, role=use.role)
        else:
            yield RULE.finding(
                use.pos,
                message="unit-exists.suggest",
                item=use.item,
                unit=use.unit,
                role=use.role,
                suggestion=best,
                label=units[best].label,
            )


MESSAGES = {  # message key → the arguments it is given
    "unit-exists": ("role", "unit"),
    "unit-exists.suggest": ("label", "role", "suggestion", "unit"),
}

RULE = Rule("unit-exists", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

"""No procedure names a unit that was dissolved by the day the procedure applies.

When departments merge (Sở Giao thông công chánh into Sở Xây dựng in 2025) or the district
level ends (1 July 2025), a procedure still naming the old unit sends citizens to an office
that no longer exists. A procedure applies on its ``effective.to`` date when it has one (it
is historical), otherwise today (or ``as_of`` in tthc.yaml). The finding names the successor
recorded in ``units.yaml``, if any.

Passes (``ubnd-quan-1`` dissolved 2025-07-01, the procedure ended before)::

    effective: {to: "2025-06-30"}
    units:
      implementing: [ubnd-quan-1]

Fails (judged in 2026)::

    units:
      implementing: [ubnd-quan-1]
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity
from tthc_cli.findings import day as day_arg
from tthc_cli.model import Procedure
from tthc_cli.rules._dates import applies_on
from tthc_cli.rules.base import Rule, RuleContext


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    day = applies_on(procedure, ctx)
    units = ctx.catalog.units
    for use in procedure.unit_uses:
        unit = units.get(use.unit)
        if unit is None or unit.dissolved is None or unit.dissolved > day:
            continue
        args = {
            "unit": unit.id,
            "label": unit.label,
            "dissolved": day_arg(unit.dissolved),
            "on": day_arg(day),
        }
        if unit.successor:
            successor = units.get(unit.successor)
            label = successor.label if successor else unit.successor
            yield RULE.finding(
                use.pos,
                message="unit-dissolved.successor",
                item=use.item,
                successor=unit.successor,
                successor_label=label,
                **args,
            )
        else:
            yield RULE.finding(use.pos, item=use.item, **args)


MESSAGES = {  # message key → the arguments it is given
    "unit-dissolved": ("dissolved", "label", "on", "unit"),
    "unit-dissolved.successor": (
        "dissolved",
        "label",
        "on",
        "successor",
        "successor_label",
        "unit",
    ),
}

RULE = Rule(
    "unit-dissolved",
    Severity.ERROR,
    __doc__ or "",
    MESSAGES,
    check=check,
    needs=frozenset({"units"}),
)

"""No procedure names a unit that was dissolved by the day the procedure applies.

When departments merge or are renamed (Sở Giao thông công chánh into Sở Xây dựng, Sở Tài nguyên
và Môi trường renamed Sở Nông nghiệp và Môi trường, both on 1 May 2025) or the district level ends
(1 July 2025), a procedure still naming the old unit sends citizens to an office that no longer
exists. A procedure applies on its ``effective.to`` date when it has one (it is historical),
otherwise today (or ``as_of`` in tthc.yaml, or ``--as-of``). The finding names the unit that
carries the work on that day, following every merge and rename recorded in ``units.yaml``
(``merged_into``, ``renamed_to``), or the units it was split among (``split_into``). A successor
that is not in the registry is not named (``units-registry-consistent`` reports the id).

Passes (``ubnd-quan-1`` dissolved 2025-07-01, the procedure ended before)::

    effective: {to: "2025-06-30"}
    units:
      implementing: [ubnd-quan-1]

Fails (judged in 2026)::

    units:
      implementing: [ubnd-quan-1]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from tthc_cli.findings import Finding, Severity
from tthc_cli.findings import day as day_arg
from tthc_cli.model import Procedure, Unit
from tthc_cli.plan.succession import resolve
from tthc_cli.rules._dates import applies_on
from tthc_cli.rules.base import Rule, RuleContext


def _label(unit_id: str, units: Mapping[str, Unit]) -> str:
    unit = units.get(unit_id)
    return unit.label if unit else unit_id


def _known(parts: tuple[str, ...], units: Mapping[str, Unit]) -> bool:
    """Whether ``parts`` (a split) are all registered units: a successor that is not (a mistyped
    id, see ``units-registry-consistent``) is never named as if it were one."""
    return bool(parts) and all(part in units for part in parts)


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
        found = resolve(use.unit, units, day)
        if found.current is not None:
            successor = {
                "successor": found.current,
                "successor_label": _label(found.current, units),
            }
            if len(found.chain) > 2:
                chain = " → ".join(_label(step, units) for step in found.chain)
                yield RULE.finding(
                    use.pos,
                    message="unit-dissolved.chain",
                    item=use.item,
                    chain=chain,
                    **successor,
                    **args,
                )
            else:
                yield RULE.finding(
                    use.pos, message="unit-dissolved.successor", item=use.item, **successor, **args
                )
        elif found.ended is not None and _known(found.ended.split_into, units):
            parts = ", ".join(f"'{u}' ({_label(u, units)})" for u in found.ended.split_into)
            yield RULE.finding(
                use.pos, message="unit-dissolved.split", item=use.item, successors=parts, **args
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
    "unit-dissolved.chain": (
        "chain",
        "dissolved",
        "label",
        "on",
        "successor",
        "successor_label",
        "unit",
    ),
    "unit-dissolved.split": ("dissolved", "label", "on", "successors", "unit"),
}

RULE = Rule(
    "unit-dissolved",
    Severity.ERROR,
    __doc__ or "",
    MESSAGES,
    check=check,
    needs=frozenset({"units"}),
)

"""The units registry (``units.yaml``) agrees with itself.

Reports by unit and the dissolved-unit check follow what the registry says became of each unit;
an id mistyped there sends a unit's work to a unit that does not exist, and nothing else
notices. So:

- every id named by ``parent``, ``merged_into``, ``renamed_to`` and each ``split_into`` item is
  a unit of the registry (the finding suggests the closest registered id);
- a unit does not name itself as its parent or its successor;
- a successor existed on the day its predecessor was dissolved: a unit cannot merge into, be
  renamed to, or be split among units already dissolved or not yet established that day;
- no chain of merges, renames and splits comes back to where it started.

Each finding points at the id as written in ``units.yaml``. Skipped when the registry fails its
schema (``units-registry-invalid``).

Passes::

    units:
      so-tai-nguyen-va-moi-truong:
        name: Sở Tài nguyên và Môi trường Thành phố Hồ Chí Minh
        kind: department
        level: province
        dissolved: "2025-05-01"
        renamed_to: so-nong-nghiep-va-moi-truong
      so-nong-nghiep-va-moi-truong:
        name: Sở Nông nghiệp và Môi trường Thành phố Hồ Chí Minh
        kind: department
        level: province
        established: "2025-05-01"

Fails (the successor's id is mistyped)::

    units:
      so-tai-nguyen-va-moi-truong:
        name: Sở Tài nguyên và Môi trường Thành phố Hồ Chí Minh
        kind: department
        level: province
        dissolved: "2025-05-01"
        renamed_to: so-nong-nghiep-va-moi-truong-x
      so-nong-nghiep-va-moi-truong:
        name: Sở Nông nghiệp và Môi trường Thành phố Hồ Chí Minh
        kind: department
        level: province
        established: "2025-05-01"
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from tthc_cli.findings import Finding, Pos, Severity, ref
from tthc_cli.findings import day as day_arg
from tthc_cli.model import Catalog, Unit
from tthc_cli.rules._graph import cycle_from
from tthc_cli.rules.base import Rule, RuleContext
from tthc_cli.rules.unit_exists import suggestion


def _named(unit: Unit) -> list[tuple[str, str, Pos]]:
    """(field, id, where it is written) for each unit id ``unit`` names."""
    out: list[tuple[str, str, Pos]] = []
    for name in ("parent", "merged_into", "renamed_to"):
        value = getattr(unit, name)
        if value is not None:
            out.append((name, value, unit.field_pos.get(name, unit.pos)))
    whole = unit.field_pos.get("split_into", unit.pos)
    for index, value in enumerate(unit.split_into):
        out.append(("split_into", value, unit.field_pos.get(f"split_into/{index}", whole)))
    return out


def _successors(unit: Unit) -> list[str]:
    return [*(u for u in (unit.merged_into, unit.renamed_to) if u), *unit.split_into]


def _named_finding(pos: Pos, key: str, unit: Unit, name: str, target: str, **more: str) -> Finding:
    """A finding about the id ``target`` that ``unit`` names in field ``name``."""
    field_name = ref(f"units-registry-consistent.field.{name}")
    return RULE.finding(
        pos, message=key, unit=unit.id, field=name, field_name=field_name, target=target, **more
    )


def _own(unit: Unit, units: Mapping[str, Unit]) -> Iterator[Finding]:
    for name, target, pos in _named(unit):
        if target == unit.id:
            yield _named_finding(pos, "units-registry-consistent.self", unit, name, target)
            continue
        other = units.get(target)
        if other is None:
            best = suggestion(target, units)
            if best is None:
                yield _named_finding(pos, "units-registry-consistent", unit, name, target)
            else:
                yield _named_finding(
                    pos,
                    "units-registry-consistent.suggest",
                    unit,
                    name,
                    target,
                    suggestion=best,
                    label=units[best].label,
                )
            continue
        dissolved = unit.dissolved
        if name == "parent" or dissolved is None or other.exists_on(dissolved):
            continue
        if other.established is not None and dissolved < other.established:
            yield _named_finding(
                pos,
                "units-registry-consistent.not-yet",
                unit,
                name,
                target,
                dissolved=day_arg(dissolved),
                established=day_arg(other.established),
                label=other.label,
            )
        elif other.dissolved is not None:
            yield _named_finding(
                pos,
                "units-registry-consistent.already-gone",
                unit,
                name,
                target,
                dissolved=day_arg(dissolved),
                gone=day_arg(other.dissolved),
                label=other.label,
            )


def _cycles(units: Mapping[str, Unit]) -> Iterator[Finding]:
    """One finding per succession chain that returns to its start, at its first unit listed
    (a unit naming itself is reported by :func:`_own`)."""
    graph = {
        unit.id: [t for t in _successors(unit) if t in units and t != unit.id]
        for unit in units.values()
    }
    reported: set[frozenset[str]] = set()
    for unit in units.values():
        path = cycle_from(unit.id, graph)
        if path is None or frozenset(path) in reported:
            continue
        reported.add(frozenset(path))
        first = _successors(unit)[0] if _successors(unit) else unit.id
        where = next((pos for _, target, pos in _named(unit) if target == first), unit.pos)
        yield RULE.finding(
            where,
            message="units-registry-consistent.cycle",
            unit=unit.id,
            chain=" → ".join([*path, path[0]]),
        )


def check_catalog(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    units = catalog.units
    for unit in units.values():
        yield from _own(unit, units)
    yield from _cycles(units)


_NAMED = ("field", "field_name", "target", "unit")

MESSAGES = {  # message key → the arguments it is given
    "units-registry-consistent": _NAMED,
    "units-registry-consistent.suggest": ("label", "suggestion", *_NAMED),
    "units-registry-consistent.self": _NAMED,
    "units-registry-consistent.not-yet": ("dissolved", "established", "label", *_NAMED),
    "units-registry-consistent.already-gone": ("dissolved", "gone", "label", *_NAMED),
    "units-registry-consistent.cycle": ("chain", "unit"),
}

RULE = Rule(
    "units-registry-consistent",
    Severity.ERROR,
    __doc__ or "",
    MESSAGES,
    check_catalog=check_catalog,
    needs=frozenset({"units"}),
)

"""Typed model objects from schema-valid data (MDict with positions). Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from tthc_cli.dates import stored_day
from tthc_cli.findings import Pos
from tthc_cli.load.yamlsafe import MDict, MList
from tthc_cli.model import (
    BusinessCondition,
    Channel,
    Compliance,
    Component,
    Duration,
    LegalRef,
    LocationIndependence,
    Money,
    Plan,
    Procedure,
    Result,
    Simplification,
    Snapshot,
    Source,
    Step,
    Suppression,
    TimeUnit,
    Unit,
    UnitUse,
)
from tthc_cli.textnorm import fold


class _Ctx:
    def __init__(self, file: str) -> None:
        self.file = file

    def pos(self, mark: tuple[int, int]) -> Pos:
        return Pos(self.file, mark[0], mark[1])

    def value_pos(self, data: MDict, key: str) -> Pos:
        return self.pos(data.value_marks.get(key, data.mark))


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _duration(ctx: _Ctx, data: Any) -> Duration | None:
    if not isinstance(data, MDict):
        return None
    return Duration(
        float(data["value"]), TimeUnit(data["unit"]), data.get("text"), ctx.pos(data.mark)
    )


def _money(data: Any) -> Money | None:
    """Money in đồng; a conditional or unknown fee, or one in another currency, has no amount."""
    if not isinstance(data, dict):
        return None
    text = data.get("text")
    if data.get("unknown") or data.get("conditional"):
        return Money(None, text, conditional=bool(data.get("conditional")))
    currency = data.get("currency")
    if currency is not None and currency != "VND":
        return Money(None, text, foreign_amount=int(data["amount"]), currency=currency)
    return Money(int(data["amount"]), text)


def _results(ctx: _Ctx, data: Any) -> tuple[Result, ...]:
    """One result (a mapping) or several (a list), each keyed by its code, else its name."""
    if isinstance(data, MDict):
        items: list[tuple[int, MDict, tuple[int, int]]] = [(0, data, data.mark)]
    else:
        items = list(_items(data))
    return tuple(
        Result(
            key=_key(item, "code" if "code" in item else "name", index),
            name=item["name"],
            pos=ctx.pos(mark),
            code=item.get("code"),
        )
        for index, item, mark in items
    )


def _suppress(ctx: _Ctx, items: Any) -> tuple[Suppression, ...]:
    if not isinstance(items, MList):
        return ()
    return tuple(
        Suppression(s["rule"], s["reason"], ctx.pos(mark))
        for s, mark in zip(items, items.item_marks, strict=True)
    )


def _key(item: MDict, name_field: str, index: int) -> str:
    if "id" in item:
        return str(item["id"])
    name = item.get(name_field)
    return fold(name) if isinstance(name, str) and name else f"#{index + 1}"


def _items(data: Any) -> Iterable[tuple[int, MDict, tuple[int, int]]]:
    if isinstance(data, MList):
        for index, (item, mark) in enumerate(zip(data, data.item_marks, strict=True)):
            if isinstance(item, MDict):
                yield index, item, mark


def _compliance(data: Any) -> Compliance | None:
    if not isinstance(data, dict):
        return None
    return Compliance(
        hours=data.get("hours"),
        other_costs=data.get("other_costs"),
        frequency_per_year=data.get("frequency_per_year"),
        subjects_per_year=data.get("subjects_per_year"),
        source=data.get("source"),
    )


def _snapshot(ctx: _Ctx, data: Any) -> Snapshot | None:
    if not isinstance(data, MDict):
        return None
    return Snapshot(
        pos=ctx.pos(data.mark),
        as_of=stored_day(data.get("as_of")),
        time=_duration(ctx, data.get("time")),
        steps=data.get("steps"),
        components=data.get("components"),
        fee=_money(data.get("fee")),
        compliance=_compliance(data.get("compliance")),
        note=data.get("note"),
        source=data.get("source"),
    )


def _plan(ctx: _Ctx, data: Any) -> Plan | None:
    if not isinstance(data, MDict):
        return None
    decision = data.get("decision") or {}
    submitted = data.get("submitted") or {}
    return Plan(
        status=data["status"],
        outcome=data["outcome"],
        pos=ctx.pos(data.mark),
        measures=_tuple(data.get("measures")),
        proposed_on=stored_day(data.get("proposed_on")),
        submitted_number=submitted.get("number"),
        submitted_on=stored_day(submitted.get("date")),
        decision_number=decision.get("number"),
        decision_date=stored_day(decision.get("date")),
        due=stored_day(data.get("due")),
        implemented_on=stored_day(data.get("implemented_on")),
        illustrative=bool(data.get("illustrative", False)),
        note=data.get("note"),
    )


def _unit_uses(
    ctx: _Ctx, container: MDict, field: str, role: str, item: str | None
) -> list[UnitUse]:
    value = container.get(field)
    if isinstance(value, str):
        return [UnitUse(value, role, ctx.value_pos(container, field), item)]
    if isinstance(value, MList):
        return [
            UnitUse(str(v), role, ctx.pos(mark), item)
            for v, mark in zip(value, value.item_marks, strict=True)
        ]
    return []


def procedure(data: MDict, file: str, digest: bytes = b"") -> Procedure:
    """A Procedure from one schema-valid document (``digest``: of the file's bytes)."""
    ctx = _Ctx(file)
    uses: list[UnitUse] = []
    units = data.get("units") or MDict(data.mark)
    for role in ("competent", "implementing", "coordinating", "delegated"):
        if isinstance(units, MDict):
            uses += _unit_uses(ctx, units, role, role, None)
    steps = []
    for index, item, mark in _items(data.get("steps")):
        key = _key(item, "action", index)
        item_ref = f"steps/{key}"
        for field, role in (
            ("lead", "lead"),
            ("coordinating", "coordinating"),
            ("consulted", "consulted"),
        ):
            uses += _unit_uses(ctx, item, field, role, item_ref)
        steps.append(
            Step(
                key=key,
                action=item["action"],
                pos=ctx.pos(mark),
                kind=item.get("kind", "other"),
                leads=_tuple(item.get("lead")),
                coordinating=_tuple(item.get("coordinating")),
                consulted=_tuple(item.get("consulted")),
                consulted_text=item.get("consulted_text"),
                response_deadline=_duration(ctx, item.get("response_deadline")),
                duration=_duration(ctx, item.get("duration")),
                when=item.get("when"),
                outside_time=bool(item.get("outside_time", False)),
                suppress=_suppress(ctx, item.get("suppress")),
            )
        )
    channels = [
        Channel(
            key=_key(item, "channel", index),
            channel=item["channel"],
            pos=ctx.pos(mark),
            time=_duration(ctx, item.get("time")),
            fee=_money(item.get("fee")),
            online_service=item.get("online_service"),
            description=item.get("description"),
            dossier_share=item.get("dossier_share"),
            suppress=_suppress(ctx, item.get("suppress")),
        )
        for index, item, mark in _items(data.get("channels"))
    ]
    conditions = [
        BusinessCondition(
            key=_key(item, "text", index),
            text=item["text"],
            pos=ctx.pos(mark),
            basis=item.get("basis"),
            cut_outcome=(item.get("cut") or {}).get("outcome"),
            cut_decision=(item.get("cut") or {}).get("decision"),
            cut_date=stored_day((item.get("cut") or {}).get("date")),
        )
        for index, item, mark in _items(data.get("business_conditions"))
    ]
    independent = data.get("location_independent")
    components = [
        Component(
            key=_key(item, "name", index),
            name=item["name"],
            pos=ctx.pos(mark),
            form=item.get("form"),
            originals=item.get("originals"),
            copies=item.get("copies"),
            quantity_text=item.get("quantity_text"),
            national_database=item.get("national_database"),
            when=item.get("when"),
            kind=item.get("kind", "submitted"),
            suppress=_suppress(ctx, item.get("suppress")),
        )
        for index, item, mark in _items(data.get("components"))
    ]
    legal = [
        LegalRef(
            key=_key(item, "number" if "number" in item else "title", index),
            title=item["title"],
            pos=ctx.pos(mark),
            number=item.get("number"),
            type=item.get("type"),
            date=item.get("date"),
            article=item.get("article"),
            number_pos=ctx.value_pos(item, "number") if "number" in item else None,
            suppress=_suppress(ctx, item.get("suppress")),
        )
        for index, item, mark in _items(data.get("legal_basis"))
    ]
    simplification = data.get("simplification")
    source = data["source"]
    publication = data.get("publication") or {}
    effective = data.get("effective") or {}
    return Procedure(
        path=file,
        code=data["code"],
        kind=data["kind"],
        name=data["name"],
        field=data["field"],
        levels=_tuple(data.get("levels")),  # absent only in incomplete skeletons
        source=Source(
            read_on=stored_day(source["read_on"]) or date.min,
            url=source.get("url"),
            decision=source.get("decision"),
            note=source.get("note"),
        ),
        pos=ctx.pos(data.mark),
        field_pos={key: ctx.pos(data.key_marks[key]) for key in data},
        internal_scope=data.get("internal_scope"),
        procedure_type=data.get("procedure_type"),
        subjects=_tuple(data.get("subjects")),
        publication_decision=publication.get("decision"),
        publication_date=stored_day(publication.get("date")),
        publication_issuer=publication.get("publisher"),
        publication_issuer_level=publication.get("issuer_level"),
        business_related=data.get("business_related"),
        business_conditions=tuple(conditions),
        location_independent=LocationIndependence(
            within=independent["within"],
            decision=independent.get("decision"),
            date=stored_day(independent.get("date")),
            source=independent.get("source"),
        )
        if isinstance(independent, dict)
        else None,
        effective_from=stored_day(effective.get("from")),
        effective_to=stored_day(effective.get("to")),
        abolished_on=stored_day((data.get("abolished") or {}).get("date")),
        abolished_by=(data.get("abolished") or {}).get("decision"),
        competent=_tuple(units.get("competent")) if isinstance(units, dict) else (),
        implementing=_tuple(units.get("implementing")) if isinstance(units, dict) else (),
        coordinating=_tuple(units.get("coordinating")) if isinstance(units, dict) else (),
        delegated=_tuple(units.get("delegated")) if isinstance(units, dict) else (),
        unit_uses=tuple(uses),
        receiving_address=data.get("receiving_address"),
        channels=tuple(channels),
        processing_time=_duration(ctx, data.get("processing_time")),
        dossier_sets=data.get("dossier_sets"),
        components=tuple(components),
        steps=tuple(steps),
        requirements=_tuple(data.get("requirements")),
        forms=_tuple(data.get("forms")),
        results=_results(ctx, data.get("result")),
        legal_basis=tuple(legal),
        compliance=_compliance(data.get("compliance")),
        simplification=Simplification(
            baseline=_snapshot(ctx, simplification.get("baseline")),
            plan=_plan(ctx, simplification.get("plan")),
            target=_snapshot(ctx, simplification.get("target")),
            baselines=tuple(
                s
                for _, item, _ in _items(simplification.get("baselines"))
                if (s := _snapshot(ctx, item)) is not None
            ),
        )
        if isinstance(simplification, dict)
        else None,
        incomplete=bool(data.get("incomplete", False)),
        note=data.get("note"),
        suppress=_suppress(ctx, data.get("suppress")),
        digest=digest,
    )


def units(data: MDict, file: str) -> dict[str, Unit]:
    """The units registry from a schema-valid ``units.yaml``."""
    ctx = _Ctx(file)
    out: dict[str, Unit] = {}
    registry = data.get("units")
    if not isinstance(registry, MDict):
        return out
    for unit_id, item in registry.items():
        if not isinstance(item, MDict):
            continue
        out[unit_id] = Unit(
            id=unit_id,
            name=item["name"],
            kind=item["kind"],
            level=item["level"],
            pos=ctx.pos(registry.key_marks[unit_id]),
            short_name=item.get("short_name"),
            parent=item.get("parent"),
            established=stored_day(item.get("established")),
            dissolved=stored_day(item.get("dissolved")),
            merged_into=item.get("merged_into"),
            renamed_to=item.get("renamed_to"),
            split_into=_tuple(item.get("split_into")),
            generic=bool(item.get("generic", False)),
            group=bool(item.get("group", False)),
            aliases=_tuple(item.get("aliases")),
            note=item.get("note"),
            source=item.get("source"),
            field_pos=_unit_field_pos(ctx, item),
        )
    return out


def _unit_field_pos(ctx: _Ctx, item: MDict) -> dict[str, Pos]:
    """Where the unit ids a unit names are written (see :attr:`Unit.field_pos`)."""
    out = {
        name: ctx.value_pos(item, name)
        for name in ("parent", "merged_into", "renamed_to", "split_into")
        if name in item
    }
    split = item.get("split_into")
    if isinstance(split, MList):
        for index, mark in enumerate(split.item_marks):
            out[f"split_into/{index}"] = ctx.pos(mark)
    return out

"""Matching list items (steps, components, channels, legal basis) by identity, and classifying
what changed inside each matched pair. Pure: model objects in, :class:`Change` objects out.

Items are matched by ``key`` (the author's ``id``, else the normalised name), never by position:
inserting a step in the middle gives one addition. Items left over on both sides whose names
fold to the same text are the same item whose id changed (a neutral change). A different order
of the items both sides share is one ``…-reordered`` change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tthc_cli.diff.model import Change, DiffValue, Verdict
from tthc_cli.diff.verdicts import (
    component_kind_verdict,
    consulted_verdict,
    count_verdict,
    database_verdict,
    duration_verdict,
    money_verdict,
    online_verdict,
)
from tthc_cli.findings import ArgValue, Pos, ref
from tthc_cli.model import Channel, Component, LegalRef, Procedure, Result, Step
from tthc_cli.textnorm import fold, shorten

LABEL_LENGTH = 60
# Item fields whose values are unit ids of units.yaml.
UNIT_ITEM_FIELDS = frozenset({"leads", "coordinating", "consulted"})


def make_change(
    kind: str,
    path: str,
    verdict: Verdict,
    old: DiffValue = None,
    new: DiffValue = None,
    old_pos: Pos | None = None,
    new_pos: Pos | None = None,
    message: str | None = None,
    units: bool = False,
    **args: ArgValue,
) -> Change:
    return Change(
        kind,
        path,
        verdict,
        old,
        new,
        old_pos,
        new_pos,
        message or f"diff.{kind}",
        tuple(sorted(args.items())),
        units,
    )


def _short(text: str) -> str:
    return shorten(text, LABEL_LENGTH)


@dataclass(frozen=True, slots=True)
class Field:
    """One compared attribute of an item: how to classify a difference and where it stands."""

    attr: str
    kind: str | None = None  # None: a neutral "<item>-field" change
    classify: Callable[[Any, Any], Verdict] | None = None


@dataclass(frozen=True, slots=True)
class Area:
    """One list in a procedure and how its items are compared."""

    prefix: str
    singular: str
    added: Verdict
    removed: Verdict
    label: Callable[[Any], str]
    fields: tuple[Field, ...]
    yaml_field: str | None = None  # the file's key when it differs from ``prefix``

    @property
    def key(self) -> str:
        return self.yaml_field or self.prefix


def neutral(*names: str) -> tuple[Field, ...]:
    return tuple(Field(n) for n in names)


def _dur(kind: str, attr: str) -> Callable[[float], Field]:
    def build(hours_per_day: float) -> Field:
        return Field(attr, kind, lambda a, b: duration_verdict(a, b, hours_per_day))

    return build


def areas(hours_per_day: float) -> tuple[Area, ...]:
    """The item lists, in the order their changes are reported."""
    return (
        Area(
            "channels",
            "channel",
            Verdict.SIMPLER,
            Verdict.HEAVIER,
            lambda c: ref(f"diff.channel.{c.channel}"),
            (
                _dur("channel-time", "time")(hours_per_day),
                Field("fee", "channel-fee", money_verdict),
                Field("online_service", "channel-online-service", online_verdict),
                *neutral("channel", "description"),
            ),
        ),
        Area(
            "components",
            "component",
            Verdict.HEAVIER,
            Verdict.SIMPLER,
            lambda c: _short(c.name),
            (
                Field("originals", "component-originals", count_verdict),
                Field("copies", "component-copies", count_verdict),
                Field("national_database", "component-national-database", database_verdict),
                Field("kind", "component-kind", component_kind_verdict),
                *neutral("name", "form", "quantity_text", "when"),
            ),
        ),
        Area(
            "steps",
            "step",
            Verdict.HEAVIER,
            Verdict.SIMPLER,
            lambda s: _short(s.action),
            (
                _dur("step-duration", "duration")(hours_per_day),
                _dur("step-response-deadline", "response_deadline")(hours_per_day),
                Field("consulted", "step-consulted", consulted_verdict),
                *neutral("action", "kind", "leads", "coordinating", "consulted_text", "when"),
            ),
        ),
        Area(
            "legal_basis",
            "legal",
            Verdict.NEUTRAL,
            Verdict.NEUTRAL,
            lambda r: _short(r.number or r.title),
            neutral("title", "number", "type", "date", "article"),
        ),
        Area(
            "results",
            "result",
            Verdict.NEUTRAL,
            Verdict.NEUTRAL,
            lambda r: _short(r.name),
            neutral("name", "code"),
            yaml_field="result",
        ),
    )


Item = Step | Component | Channel | LegalRef | Result


def _keyed(items: Sequence[Item]) -> dict[str, Item]:
    """Items by key; a repeated key gets ``#2``, ``#3``… so nothing is lost."""
    out: dict[str, Item] = {}
    for item in items:
        key, n = item.key, 1
        while key in out:
            n += 1
            key = f"{item.key}#{n}"
        out[key] = item
    return out


def _value_pos(value: Any, item: Item) -> Pos:
    pos = getattr(value, "pos", None)
    return pos if isinstance(pos, Pos) else item.pos


def _as_value(value: Any) -> DiffValue:
    return tuple(value) if isinstance(value, list) else value


def compare_pair(area: Area, path: str, old: Item, new: Item) -> list[Change]:
    """The changes between two matched items of one area."""
    out: list[Change] = []
    name = area.label(new)
    for spec in area.fields:
        a, b = getattr(old, spec.attr), getattr(new, spec.attr)
        if a == b:
            continue
        verdict = spec.classify(a, b) if spec.classify else Verdict.NEUTRAL
        kind, message = (
            spec.kind or f"{area.singular}-field",
            None if spec.kind else "diff.item-field",
        )
        extra: dict[str, ArgValue] = (
            {} if spec.kind else {"area": ref(f"diff.area.{area.prefix}"), "field": spec.attr}
        )
        out.append(
            make_change(
                kind,
                f"{path}/{spec.attr}",
                verdict,
                _as_value(a),
                _as_value(b),
                _value_pos(a, old),
                _value_pos(b, new),
                message,
                units=area.prefix == "steps" and spec.attr in UNIT_ITEM_FIELDS,
                name=name,
                **extra,
            )
        )
    return out


def compare_area(area: Area, old_proc: Procedure, new_proc: Procedure) -> list[Change]:
    """Added, removed, re-identified, changed and reordered items of one list."""
    old_items = _keyed(getattr(old_proc, area.prefix))
    new_items = _keyed(getattr(new_proc, area.prefix))
    old_list_pos, new_list_pos = old_proc.at(area.key), new_proc.at(area.key)
    pairs = [(k, k) for k in old_items if k in new_items]
    gone = [k for k in old_items if k not in new_items]
    fresh = [k for k in new_items if k not in old_items]
    by_name: dict[str, str] = {}
    for key in fresh:
        by_name.setdefault(fold(area.label(new_items[key])), key)
    area_arg = ref(f"diff.area.{area.prefix}")
    out: list[Change] = []
    for key in list(gone):
        match = by_name.pop(fold(area.label(old_items[key])), None)
        if match is not None:
            gone.remove(key)
            fresh.remove(match)
            pairs.append((key, match))
            out.append(
                make_change(
                    f"{area.singular}-id",
                    f"{area.prefix}/{match}",
                    Verdict.NEUTRAL,
                    key,
                    match,
                    old_items[key].pos,
                    new_items[match].pos,
                    message="diff.item-id",
                    area=area_arg,
                    name=area.label(new_items[match]),
                )
            )
    out.extend(
        make_change(
            f"{area.singular}-removed",
            f"{area.prefix}/{key}",
            area.removed,
            old_pos=old_items[key].pos,
            new_pos=new_list_pos,
            message="diff.item-removed",
            area=area_arg,
            name=area.label(old_items[key]),
        )
        for key in gone
    )
    out.extend(
        make_change(
            f"{area.singular}-added",
            f"{area.prefix}/{key}",
            area.added,
            old_pos=old_list_pos,
            new_pos=new_items[key].pos,
            message="diff.item-added",
            area=area_arg,
            name=area.label(new_items[key]),
        )
        for key in fresh
    )
    for old_key, new_key in sorted(pairs, key=lambda p: list(new_items).index(p[1])):
        out += compare_pair(
            area, f"{area.prefix}/{new_key}", old_items[old_key], new_items[new_key]
        )
    old_order = tuple(new_key for old_key in old_items for ok, new_key in pairs if ok == old_key)
    new_order = tuple(k for k in new_items if k in set(old_order))
    if old_order != new_order:
        out.append(
            make_change(
                f"{area.singular}-reordered",
                area.prefix,
                Verdict.NEUTRAL,
                old_order,
                new_order,
                old_list_pos,
                new_list_pos,
                message="diff.item-reordered",
                area=area_arg,
            )
        )
    return out

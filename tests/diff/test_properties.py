"""Property-based checks of the diff on generated procedures (model objects, no files).

- diff(A, A) is empty;
- every classified change of diff(A, B) has a mirror in diff(B, A) with the opposite verdict
  (simpler ⇔ heavier, neutral stays neutral), the values swapped and the same place.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_cli.config import Config
from tthc_cli.diff import Change, diff_catalogs
from tthc_cli.findings import Pos
from tthc_cli.model import (
    Catalog,
    Channel,
    Component,
    Duration,
    LegalRef,
    Money,
    Procedure,
    Source,
    Step,
    TimeUnit,
)

IDS = ["a", "b", "c", "d", "e"]
MIRROR = {
    "added": "removed",
    "removed": "added",
    "abolished": "reinstated",
    "reinstated": "abolished",
}

durations = st.one_of(
    st.none(),
    st.builds(
        Duration,
        st.integers(1, 20).map(float),
        st.sampled_from([TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS, TimeUnit.CALENDAR_DAYS]),
    ),
)
money = st.one_of(
    st.none(), st.builds(Money, st.one_of(st.none(), st.sampled_from([0, 10000, 50000])))
)
counts = st.one_of(st.none(), st.integers(0, 3))


def _pos(line: int) -> Pos:
    return Pos("p.yaml", line, 3)


@st.composite
def steps(draw: Any) -> tuple[Step, ...]:
    keys = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=5))
    return tuple(
        Step(
            key=k,
            action=f"Bước {k}",
            pos=_pos(10 + i),
            duration=draw(durations),
            consulted=tuple(
                draw(st.lists(st.sampled_from(["x", "y", "z"]), unique=True, max_size=3))
            ),
            kind=draw(st.sampled_from(["review", "approve"])),
        )
        for i, k in enumerate(keys)
    )


@st.composite
def components(draw: Any) -> tuple[Component, ...]:
    keys = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=4))
    return tuple(
        Component(
            key=k,
            name=f"Giấy tờ {k}",
            pos=_pos(30 + i),
            originals=draw(counts),
            copies=draw(counts),
            national_database=draw(st.sampled_from([None, "CSDL dân cư"])),
        )
        for i, k in enumerate(keys)
    )


@st.composite
def channels(draw: Any) -> tuple[Channel, ...]:
    kinds = draw(st.lists(st.sampled_from(["direct", "online", "postal"]), unique=True, max_size=3))
    return tuple(
        Channel(
            key=k,
            channel=k,
            pos=_pos(50 + i),
            time=draw(durations),
            fee=draw(money),
            online_service=draw(st.sampled_from([None, "partial", "full"]))
            if k == "online"
            else None,
        )
        for i, k in enumerate(kinds)
    )


@st.composite
def legal(draw: Any) -> tuple[LegalRef, ...]:
    keys = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=3))
    return tuple(
        LegalRef(
            key=f"{k}/ND-CP",
            title=draw(st.sampled_from(["Nghị định", "Luật"])),
            pos=_pos(70 + i),
            number=f"{k}/ND-CP",
        )
        for i, k in enumerate(keys)
    )


@st.composite
def procedures(draw: Any, code: str) -> Procedure:
    return Procedure(
        path=draw(st.sampled_from(["public/p.yaml", "archive/p.yaml"])),
        code=code,
        kind="public",
        name=draw(st.sampled_from(["Thủ tục A", "Thủ tục B"])),
        field="Xây dựng",
        levels=("province",),
        source=Source(read_on=date(2026, 1, 1)),
        pos=_pos(1),
        field_pos={},
        abolished_on=draw(st.sampled_from([None, date(2026, 6, 1)])),
        processing_time=draw(durations),
        dossier_sets=draw(counts),
        steps=draw(steps()),
        components=draw(components()),
        channels=draw(channels()),
        legal_basis=draw(legal()),
    )


@st.composite
def catalogs(draw: Any) -> Catalog:
    codes = draw(
        st.lists(st.sampled_from(["1.000001", "1.000002", "1.000003"]), unique=True, max_size=3)
    )
    return Catalog(
        root="", procedures=tuple(draw(procedures(c)) for c in codes), units={}, config=Config()
    )


def _mirror(change: Change, code: str) -> tuple[Any, ...]:
    head, _, op = change.kind.rpartition("-")
    kind = f"{head}-{MIRROR[op]}" if op in MIRROR else change.kind
    return (code, kind, change.path, change.verdict.flipped(), repr(change.new), repr(change.old))


def _plain(change: Change, code: str) -> tuple[Any, ...]:
    return (code, change.kind, change.path, change.verdict, repr(change.old), repr(change.new))


@settings(max_examples=200, deadline=None)
@given(catalogs())
def test_diff_of_a_catalog_with_itself_is_empty(catalog: Catalog) -> None:
    result = diff_catalogs(catalog, catalog)
    assert not result.has_changes
    assert [c for p in result.procedures for c in p.changes] == []


@settings(max_examples=300, deadline=None)
@given(catalogs(), catalogs())
def test_simpler_one_way_is_heavier_the_other_way(a: Catalog, b: Catalog) -> None:
    forward = diff_catalogs(a, b)
    backward = diff_catalogs(b, a)
    mirrored = Counter(_mirror(c, p.code) for p in forward.procedures for c in p.changes)
    plain = Counter(_plain(c, p.code) for p in backward.procedures for c in p.changes)
    assert mirrored == plain
    assert forward.any_heavier == any(
        c.verdict.value == "simpler" for p in backward.procedures for c in p.changes
    )

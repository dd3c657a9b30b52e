"""What a catalog diff is made of: changes, per-procedure diffs, catalog totals. Data only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tthc_cli.findings import ArgValue, Finding, Pos
from tthc_cli.model import Duration, Money, Side

# What a change's old or new value can be; reporters format it for people, JSON keeps the shape.
DiffValue = str | int | float | bool | Duration | Money | tuple[str, ...] | None


class Verdict(StrEnum):
    """Whether a change makes the procedure easier for the citizen, harder, or neither.

    ``MIXED`` is only a procedure verdict (it has both simpler and heavier changes).
    """

    SIMPLER = "simpler"
    HEAVIER = "heavier"
    NEUTRAL = "neutral"
    MIXED = "mixed"

    def flipped(self) -> Verdict:
        if self is Verdict.SIMPLER:
            return Verdict.HEAVIER
        if self is Verdict.HEAVIER:
            return Verdict.SIMPLER
        return self


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: a stable ``kind`` id, where (``path`` inside the procedure and lines),
    the values on both sides, the verdict and a message key with its arguments. ``units``: the
    values are unit ids of ``units.yaml`` (reporters show the units' names)."""

    kind: str
    path: str
    verdict: Verdict
    old: DiffValue = None
    new: DiffValue = None
    old_pos: Pos | None = None
    new_pos: Pos | None = None
    message: str = ""
    args: tuple[tuple[str, ArgValue], ...] = ()
    units: bool = False

    @property
    def field_label_key(self) -> str:
        """The message key naming the changed field for people: ``diff.field.<attr>`` for a
        procedure's field, ``diff.field.<area>.<attr>`` for an item's (``steps/x/leads``)."""
        parts = self.path.split("/")
        if len(parts) >= 3:
            return f"diff.field.{parts[0]}.{parts[-1]}"
        return f"diff.field.{parts[-1]}"

    @property
    def arg_map(self) -> dict[str, ArgValue]:
        return dict(self.args)


class Status(StrEnum):
    """What happened to a procedure as a whole."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Basis:
    """A legal document the new side cites and the old side did not: what is behind a change
    (see :mod:`tthc_cli.diff.legal`)."""

    number: str
    title: str
    type: str | None = None
    pos: Pos | None = None


@dataclass(frozen=True, slots=True)
class ProcedureDiff:
    code: str
    name: str
    status: Status
    old_path: str | None
    new_path: str | None
    changes: tuple[Change, ...]
    bases: tuple[Basis, ...] = ()  # the legal documents behind the change, if any

    @property
    def verdict(self) -> Verdict:
        verdicts = {c.verdict for c in self.changes}
        if Verdict.SIMPLER in verdicts and Verdict.HEAVIER in verdicts:
            return Verdict.MIXED
        if Verdict.SIMPLER in verdicts:
            return Verdict.SIMPLER
        if Verdict.HEAVIER in verdicts:
            return Verdict.HEAVIER
        return Verdict.NEUTRAL

    def count(self, verdict: Verdict) -> int:
        return sum(1 for c in self.changes if c.verdict is verdict)


@dataclass(frozen=True, slots=True)
class Totals:
    """Catalog-wide sums. Time and fee sums cover procedures present on both sides whose values
    are known on both sides; None means no procedure had comparable data."""

    procedures_old: int = 0
    procedures_new: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    simpler: int = 0
    heavier: int = 0
    mixed: int = 0
    neutral: int = 0
    time_cut_days: float | None = None
    time_cut_hours: float | None = None
    components_removed: int = 0
    components_added: int = 0
    fee_change: int | None = None
    compliance_hours_change: float | None = None
    compliance_cost_change: int | None = None


@dataclass(frozen=True, slots=True)
class Unloaded:
    """A file one side could not load, with the loader's finding saying why."""

    side: str  # "old" or "new"
    finding: Finding


@dataclass(frozen=True, slots=True)
class CatalogDiff:
    old: Side
    new: Side
    procedures: tuple[ProcedureDiff, ...]
    totals: Totals
    unloaded: tuple[Unloaded, ...] = field(default=())
    # Unit id → name from both sides' units.yaml (the new side's name wins), for people; None
    # when neither side has a units.yaml (import's preview): ids are shown as they are.
    unit_names: Mapping[str, str] | None = None

    @property
    def has_changes(self) -> bool:
        return any(p.changes for p in self.procedures)

    @property
    def any_heavier(self) -> bool:
        return any(c.verdict is Verdict.HEAVIER for p in self.procedures for c in p.changes)

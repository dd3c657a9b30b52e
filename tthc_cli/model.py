"""The typed catalog model. Rules, diff, report and rendering work on these, never on raw dicts.

Every list item carries ``key`` (its identity: the author's ``id``, else its normalised name)
and ``pos`` (where it stands in its file), so findings and diff entries can point at lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tthc_cli.config import Config
from tthc_cli.findings import Finding, Pos
from tthc_cli.legal import LegalRegister
from tthc_cli.plans import PlanData
from tthc_cli.textnorm import fold, shorten


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WORKING_HOURS = "working_hours"
    HOURS = "hours"
    MONTHS = "months"


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time; the unit is never implied."""

    value: float
    unit: TimeUnit
    text: str | None = None
    pos: Pos | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in đồng; ``amount`` None means no amount in đồng is known: the source does not
    say, the fee is ``conditional`` (reduced, exempted for a time, "theo Thông tư …" — the words
    are in ``text``), or it is stated in another currency (``foreign_amount`` in ``currency``).
    Unknown is never zero."""

    amount: int | None
    text: str | None = None
    conditional: bool = False
    foreign_amount: int | None = None
    currency: str | None = None  # ISO 4217 code when not đồng

    @property
    def known(self) -> bool:
        return self.amount is not None


@dataclass(frozen=True, slots=True)
class Suppression:
    rule: str
    reason: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class UnitUse:
    """One reference to a unit id, with where it stands and in which role."""

    unit: str
    role: str
    pos: Pos
    item: str | None = None


@dataclass(frozen=True, slots=True)
class Channel:
    key: str
    channel: str
    pos: Pos
    time: Duration | None = None
    fee: Money | None = None
    online_service: str | None = None
    description: str | None = None
    dossier_share: float | None = None  # percent of dossiers filed this way, when recorded
    suppress: tuple[Suppression, ...] = ()


@dataclass(frozen=True, slots=True)
class BusinessCondition:
    """One investment or business condition a procedure requires, and its cut when decided."""

    key: str
    text: str
    pos: Pos
    basis: str | None = None
    cut_outcome: str | None = None  # abolish or simplify
    cut_decision: str | None = None
    cut_date: date | None = None


@dataclass(frozen=True, slots=True)
class LocationIndependence:
    """The procedure is handled regardless of administrative boundaries ``within`` a province
    (or nationally), as published by ``decision`` on ``date`` when known."""

    within: str
    decision: str | None = None
    date: date | None = None
    source: str | None = None


def item_label(key: str, text: str | None) -> str:
    """How a message names a list item: the author's ``id`` as written; an item without one
    (whose key is its folded text, kept for matching) by its own text — original case, NFC,
    shortened with "…"."""
    if text and key == fold(text):
        return shorten(text)
    return key


@dataclass(frozen=True, slots=True)
class Component:
    key: str
    name: str
    pos: Pos
    form: str | None = None
    originals: int | None = None
    copies: int | None = None
    quantity_text: str | None = None
    national_database: str | None = None
    when: str | None = None
    kind: str = "submitted"  # submitted, shown (xuất trình only) or agency (made by the agency)
    suppress: tuple[Suppression, ...] = ()

    @property
    def label(self) -> str:
        return item_label(self.key, self.name)

    @property
    def submitted(self) -> bool:
        """Whether the applicant hands this document in (not only shows it, not the agency's)."""
        return self.kind == "submitted"


@dataclass(frozen=True, slots=True)
class Result:
    """One result of a procedure (several results each have their own name and code)."""

    key: str
    name: str
    pos: Pos
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    action: str
    pos: Pos
    kind: str = "other"
    leads: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    consulted_text: str | None = None
    response_deadline: Duration | None = None
    duration: Duration | None = None
    when: str | None = None
    outside_time: bool = False
    suppress: tuple[Suppression, ...] = ()

    @property
    def label(self) -> str:
        return item_label(self.key, self.action)

    @property
    def on_main_path(self) -> bool:
        return self.when is None

    @property
    def counts_toward_time(self) -> bool:
        """Whether the step spends the published processing time.

        Conditional steps, the applicant's submission (the clock starts at receipt) and steps
        marked ``outside_time`` (after the result, say) do not.
        """
        return self.on_main_path and self.kind != "submit" and not self.outside_time


@dataclass(frozen=True, slots=True)
class LegalRef:
    key: str
    title: str
    pos: Pos
    number: str | None = None
    type: str | None = None  # the kind of document as its title writes it ("Nghị định")
    date: str | None = None
    article: str | None = None
    number_pos: Pos | None = None
    suppress: tuple[Suppression, ...] = ()


@dataclass(frozen=True, slots=True)
class Compliance:
    hours: float | None = None
    other_costs: int | None = None
    frequency_per_year: float | None = None
    subjects_per_year: int | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A procedure's measurable state at one time (baseline or target)."""

    pos: Pos
    as_of: date | None = None
    time: Duration | None = None
    steps: int | None = None
    components: int | None = None
    fee: Money | None = None
    compliance: Compliance | None = None
    note: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    status: str
    outcome: str
    pos: Pos
    measures: tuple[str, ...] = ()
    proposed_on: date | None = None
    submitted_number: str | None = None
    submitted_on: date | None = None
    decision_number: str | None = None
    decision_date: date | None = None
    due: date | None = None
    implemented_on: date | None = None
    illustrative: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Simplification:
    baseline: Snapshot | None = None
    plan: Plan | None = None
    target: Snapshot | None = None
    # The states in force on given days (each with as_of and its source), for plans that
    # compare against a fixed day (Nghị quyết 66/NQ-CP: 31/12/2024).
    baselines: tuple[Snapshot, ...] = ()

    def baseline_on(self, day: date) -> Snapshot | None:
        """The state in ``baselines`` with the latest ``as_of`` not after ``day`` (None: none
        recorded). ``baseline`` (the start of a review, often undated) is not one of them."""
        dated = [s for s in self.baselines if s.as_of and s.as_of <= day]
        return max(dated, key=lambda s: s.as_of or date.min) if dated else None


@dataclass(frozen=True, slots=True)
class Source:
    read_on: date
    url: str | None = None
    decision: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Procedure:
    """One procedure file after it passed the schema."""

    path: str
    code: str
    kind: str
    name: str
    field: str
    levels: tuple[str, ...]
    source: Source
    pos: Pos
    field_pos: Mapping[str, Pos]
    internal_scope: str | None = None
    procedure_type: str | None = None
    subjects: tuple[str, ...] = ()
    publication_decision: str | None = None
    publication_date: date | None = None
    publication_issuer: str | None = None
    publication_issuer_level: str | None = None  # ministry or province; None: not recorded
    business_related: bool | None = None  # None: not recorded
    business_conditions: tuple[BusinessCondition, ...] = ()
    location_independent: LocationIndependence | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    abolished_on: date | None = None
    abolished_by: str | None = None  # the number of the decision that abolished it
    competent: tuple[str, ...] = ()
    implementing: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()
    delegated: tuple[str, ...] = ()
    unit_uses: tuple[UnitUse, ...] = ()
    receiving_address: str | None = None
    channels: tuple[Channel, ...] = ()
    processing_time: Duration | None = None
    dossier_sets: int | None = None
    components: tuple[Component, ...] = ()
    steps: tuple[Step, ...] = ()
    requirements: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    results: tuple[Result, ...] = ()
    legal_basis: tuple[LegalRef, ...] = ()
    compliance: Compliance | None = None
    simplification: Simplification | None = None
    incomplete: bool = False
    note: str | None = None
    suppress: tuple[Suppression, ...] = ()
    # A digest of the file's bytes: two procedures with the same digest (and path in their
    # catalogs) are the same, which lets ``tthc diff`` skip comparing them.
    digest: bytes = b""

    @property
    def result_name(self) -> str | None:
        """The first result's name (``results`` holds them all)."""
        return self.results[0].name if self.results else None

    @property
    def result_code(self) -> str | None:
        return self.results[0].code if self.results else None

    def at(self, name: str) -> Pos:
        """Where top-level field ``name`` stands (the file start when absent)."""
        return self.field_pos.get(name, self.pos)

    def item_suppressions(self) -> dict[str, tuple[Suppression, ...]]:
        out: dict[str, tuple[Suppression, ...]] = {}
        for prefix, items in (
            ("steps", self.steps),
            ("components", self.components),
            ("channels", self.channels),
            ("legal_basis", self.legal_basis),
        ):
            for item in items:
                if item.suppress:
                    out[f"{prefix}/{item.key}"] = item.suppress
        return out


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    name: str
    kind: str
    level: str
    pos: Pos
    short_name: str | None = None
    parent: str | None = None
    established: date | None = None
    dissolved: date | None = None
    # What became of it on ``dissolved`` (at most one is set): merged into one unit, renamed
    # (the same body under a new id), or split among several (figures cannot be reallocated).
    merged_into: str | None = None
    renamed_to: str | None = None
    split_into: tuple[str, ...] = ()
    generic: bool = False
    group: bool = False
    aliases: tuple[str, ...] = ()
    note: str | None = None
    source: str | None = None
    # Where the ids it names stand in units.yaml: "parent", "merged_into", "renamed_to" and
    # "split_into/0", "split_into/1", … (each item); only for fields that are written.
    field_pos: Mapping[str, Pos] = field(default_factory=dict, compare=False)

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def successor(self) -> str | None:
        """The one unit that took it over whole (merged into or renamed to), if any."""
        return self.merged_into or self.renamed_to

    def exists_on(self, day: date) -> bool:
        return (self.established is None or self.established <= day) and (
            self.dissolved is None or day < self.dissolved
        )


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything a command needs: procedures, units, settings, and what could not be loaded."""

    root: str
    procedures: tuple[Procedure, ...]
    units: Mapping[str, Unit]
    config: Config
    findings: tuple[Finding, ...] = ()
    files: tuple[str, ...] = ()
    units_file: str | None = None
    legal: LegalRegister | None = None  # the register of legal documents (legal.yaml), if any
    plans: tuple[PlanData, ...] = ()  # the catalog's own plans (plans/*.yaml) that passed

    def by_code(self) -> dict[str, Procedure]:
        return {p.code: p for p in self.procedures}

    def unloaded_files(self) -> list[str]:
        """The procedure files no procedure could be built from, in catalog order."""
        loaded = {p.path for p in self.procedures}
        return [file for file in self.files if file not in loaded]


@dataclass(frozen=True, slots=True)
class Side:
    """One version of a catalog as the user named it (a side of ``tthc diff``): a folder, a file
    or a git revision.

    ``root`` names the catalog as findings do; ``commit`` is the full id of a revision.
    """

    label: str
    kind: str  # "dir", "file" or "git"
    root: str = ""
    commit: str | None = None

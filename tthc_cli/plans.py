"""Simplification plans as data: what a plan file (``schemas/plan.schema.json``) holds, typed.

A plan is a programme a department reports against: the documents that set it
(``instruments``), its period, the day its cuts are measured against (``baseline_date``), the
procedures it covers (``scope``) and its milestones — each a target with the measure it uses, a
due date, the words of its source (``quote``) and the pages read (``sources``). Pure types; the
plans shipped with tthc (``tthc_cli/data/plans``), a catalog's own (``plans/*.yaml``) and a file
named on the command line are all read into these by :mod:`tthc_cli.load.plan_file`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tthc_cli.findings import Pos

# Every measure a milestone can use (see the plan schema for what each counts).
MEASURES = (
    "published_share",
    "province_published_share",
    "reviewed_share",
    "plan_submitted_share",
    "plan_approved_share",
    "plan_implemented_share",
    "procedures_cut_share",
    "cost_cut_share",
    "time_cut_share",
    "conditions_cut_share",
    "conditions_abolished_share",
    "online_full_share",
    "location_independent_share",
)


@dataclass(frozen=True, slots=True)
class Instrument:
    """A document that sets the plan or one of its milestones."""

    number: str
    title: str
    sources: tuple[str, ...]
    date: date | None = None
    issuer: str | None = None
    signer: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """Which procedures a milestone counts. None/empty: no restriction on that axis."""

    kind: str | None = None  # internal or public
    internal_scope: str | None = None  # between_agencies or within_agency
    business_related: bool | None = None
    applies_to: tuple[str, ...] = ()  # ministry, province


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    title: str
    title_en: str
    measure: str
    target: float
    due: date
    due_basis: str  # "data", "default", "choice" or "config"
    scope: str | None = None  # the internal scope (between_agencies, within_agency)
    applies_to: tuple[str, ...] = ()
    conflict_note: str | None = None
    conflict_note_en: str | None = None
    instrument: str | None = None
    sources: tuple[str, ...] = ()
    quote: str | None = None
    note: str | None = None
    kind: str | None = "internal"  # which procedures: internal, public, None for both
    business_related: bool | None = None
    baseline_date: date | None = None  # cuts of cost and time are measured against this day

    def label(self, lang: str) -> str:
        return self.title_en if lang == "en" and self.title_en else self.title


@dataclass(frozen=True, slots=True)
class NotMeasured:
    """A target of the plan the catalog's data cannot measure, listed so it is not forgotten."""

    title: str
    quote: str
    sources: tuple[str, ...]
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class PlanData:
    id: str
    title: str
    title_en: str
    decision: str  # the number of the main instrument
    milestones: tuple[Milestone, ...]
    procedures_cut_percent: float | None = None
    cost_cut_percent: float | None = None
    instruments: tuple[Instrument, ...] = ()
    start: date | None = None
    end: date | None = None  # the plan's last day; after it, a report is a closing report
    baseline_date: date | None = None
    baseline_note: str | None = None
    not_measured: tuple[NotMeasured, ...] = ()
    notes: tuple[str, ...] = ()
    origin: str = "shipped"  # shipped, catalog or file
    file: str | None = None
    pos: Pos | None = None

    def closed_on(self, day: date) -> bool:
        """Whether the plan's period is over on ``day``."""
        return self.end is not None and day > self.end

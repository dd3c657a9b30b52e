"""The "before" and "after" of one procedure for the progress report. Pure: data in, data out.

Two baselines:

* recorded (default): before is each procedure's ``simplification.baseline`` (its current figures
  when it has none); after is its ``target`` once a plan is in force on the report date.
* a catalog at a git revision (``tthc report --baseline REV``), matched by code:

  - before is the procedure as it stood at REV: its compliance inputs, the fee its channels
    state (see :func:`tthc_cli.plan.cost.channel_fee`), and its processing time (else its
    first channel's time);
  - after is the target once a plan is in force on the report date, else the procedure as it
    stands now when it cites a legal basis it did not cite at REV; a change with neither a plan
    nor a new legal basis is a correction, not a reform: after = before;
  - a procedure absent at REV has no before: it is left out of cost, time and cut counts and
    counted as ``without_before``;
  - a procedure present at REV and absent now counts as abolished (after: no cost, no time),
    whatever the report date, grouped as it stood at REV;
  - procedures before = internal procedures at REV (the denominator of the cut share).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from tthc_cli.config import HourlyValue
from tthc_cli.legal import number_key
from tthc_cli.model import Catalog, Duration, Procedure
from tthc_cli.plan.cost import (
    CUTTING_OUTCOMES,
    Cost,
    Fee,
    ProcedureCost,
    annual_cost,
    channel_fee,
    plan_in_force,
    procedure_cost,
)
from tthc_cli.plan.durations import exact_working_days


@dataclass(frozen=True)
class BaselineCatalog:
    """The catalog as it stood at a git revision: ``revision`` as the user wrote it,
    ``commit`` the commit it resolved to."""

    revision: str
    commit: str
    catalog: Catalog

    @cached_property
    def by_code(self) -> Mapping[str, Procedure]:
        return self.catalog.by_code()

    def removed_since(self, now: Catalog) -> list[Procedure]:
        """Procedures at the revision that the current catalog no longer has (abolished)."""
        present = {p.code for p in now.procedures}
        return sorted(
            (p for p in self.catalog.procedures if p.code not in present), key=lambda p: p.code
        )


@dataclass(frozen=True, slots=True)
class BaselineCounts:
    """Internal procedures at the revision (None: recorded baselines), those gone since, and
    those added since (no before)."""

    procedures: int | None
    removed: int
    without_before: int


@dataclass(frozen=True, slots=True)
class GroupBaseline:
    """What one group compares against when the baseline is a catalog at a git revision."""

    then: Mapping[str, Procedure]  # every procedure at the revision, by code
    removed: Sequence[Procedure]  # this group's procedures at the revision that are gone now

    def counts(self, procedures: Sequence[Procedure]) -> BaselineCounts:
        """Counts for a group whose procedures now are ``procedures``: matched ones where they
        are now, removed ones where they were at the revision."""
        gone = sum(1 for p in self.removed if p.kind == "internal")
        matched = sum(
            1 for p in procedures if p.code in self.then and self.then[p.code].kind == "internal"
        )
        added = sum(1 for p in procedures if p.code not in self.then)
        return BaselineCounts(matched + gone, gone, added)


@dataclass(frozen=True, slots=True)
class BeforeAfter:
    """One procedure's cost and processing time (exact working days, None when not exact)."""

    cost: ProcedureCost
    time_before: float | None
    time_after: float | None


def published_fee(procedure: Procedure) -> Fee:
    """The fee its channels state (the same whatever order they are listed in)."""
    return channel_fee(procedure.channels)


def published_time(procedure: Procedure) -> Duration | None:
    """Its processing time, else the time every channel states (None when channels differ:
    which one to take would depend on the order they are listed in)."""
    if procedure.processing_time is not None:
        return procedure.processing_time
    times = [c.time for c in procedure.channels if c.time is not None]
    if not times or len({(t.value, t.unit) for t in times}) > 1:
        return None
    return times[0]


def _days(duration: Duration | None, hours_per_day: float) -> float | None:
    return exact_working_days(duration, hours_per_day) if duration is not None else None


def recorded(
    procedure: Procedure,
    hourly: HourlyValue | None,
    as_of: date,
    hours_per_day: float,
    baseline_day: date | None = None,
) -> BeforeAfter:
    """Before and after from the procedure's own recorded baseline and target; with
    ``baseline_day``, before is the state recorded in force on that day (none: no before)."""
    simplification = procedure.simplification
    baseline = simplification.baseline if simplification else None
    if baseline_day is not None:
        baseline = simplification.baseline_on(baseline_day) if simplification else None
    target = simplification.target if simplification else None
    before = baseline.time if baseline else None
    after = target.time if target and target.time and plan_in_force(procedure, as_of) else before
    return BeforeAfter(
        procedure_cost(procedure, hourly, as_of, baseline_day),
        _days(before, hours_per_day),
        _days(after, hours_per_day),
    )


def _cost_now(procedure: Procedure, hourly: HourlyValue | None, planned: bool) -> Cost:
    simplification = procedure.simplification
    target = simplification.target if simplification else None
    plan = simplification.plan if simplification else None
    if planned and target is not None and target.compliance is not None:
        return annual_cost(target.compliance, target.fee or published_fee(procedure), hourly)
    if planned and plan is not None and plan.outcome in CUTTING_OUTCOMES and hourly is not None:
        return Cost(0.0, 0.0)
    return annual_cost(procedure.compliance, published_fee(procedure), hourly)


def new_legal_basis(procedure: Procedure, then: Procedure) -> bool:
    """Whether the procedure now cites a legal document it did not cite at the revision."""
    cited = {number_key(ref.number) for ref in then.legal_basis if ref.number}
    return any(ref.number and number_key(ref.number) not in cited for ref in procedure.legal_basis)


def against_revision(
    procedure: Procedure,
    then: Procedure,
    hourly: HourlyValue | None,
    as_of: date,
    hours_per_day: float,
) -> BeforeAfter:
    """Before from the procedure as it stood at the revision, after from the catalog now — when
    a reform is behind the change: a plan in force on ``as_of`` or a legal basis the procedure did
    not cite at the revision. A change with neither is a correction: after = before."""
    planned = plan_in_force(procedure, as_of)
    simplification = procedure.simplification
    plan = simplification.plan if simplification else None
    target = simplification.target if simplification else None
    before_cost = annual_cost(then.compliance, published_fee(then), hourly)
    if planned or new_legal_basis(procedure, then):
        after_time = (
            target.time if planned and target and target.time else published_time(procedure)
        )
        after_cost = _cost_now(procedure, hourly, planned)
    else:
        after_time, after_cost = published_time(then), before_cost
    cost = ProcedureCost(
        procedure.code, before_cost, after_cost, planned, bool(plan and plan.illustrative)
    )
    return BeforeAfter(
        cost,
        _days(published_time(then), hours_per_day),
        _days(after_time, hours_per_day),
    )


def removed(then: Procedure, hourly: HourlyValue | None, hours_per_day: float) -> BeforeAfter:
    """A procedure gone since the revision: abolished, so nothing remains after."""
    before_time = _days(published_time(then), hours_per_day)
    cost = ProcedureCost(
        then.code,
        annual_cost(then.compliance, published_fee(then), hourly),
        Cost(0.0, 0.0),
        True,
        False,
    )
    return BeforeAfter(cost, before_time, None if before_time is None else 0.0)

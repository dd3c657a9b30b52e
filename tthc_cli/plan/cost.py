"""Compliance cost (chi phí tuân thủ), Thông tư 02/2017/TT-VPCP Art. 27. Pure: data in, data out.

* cost of one procedure once = hours × value of one hour + fees + other costs (Art. 27(3)(a));
* per year = cost once × times per year × subjects per year (Art. 27(3)(b));
* reduction = (before − after) / before (checked against Hà Nội: 2,306 → 654 tỷ = 71.64%).

The value of one hour is never assumed: it comes from ``Config.hourly_values`` (amount, from,
source) and a cost without it is ``None`` ("not computed"). A fee whose amount is unknown is left
out of the sum and the result says so (``fee_unknown``); unknown is not zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tthc_cli.config import Config, HourlyValue
from tthc_cli.model import Compliance, Money, Procedure, Snapshot

CUTTING_OUTCOMES = ("abolish", "merge")


def hourly_value(config: Config, as_of: date) -> HourlyValue | None:
    """The configured value of one hour in force on ``as_of`` (latest ``from`` not after it)."""
    in_force = [h for h in config.hourly_values if h.start <= as_of]
    return max(in_force, key=lambda h: h.start) if in_force else None


def reduction(before: float, after: float) -> float | None:
    """(before − after) / before as a percentage; None when there is nothing to reduce."""
    if before <= 0:
        return None
    return (before - after) / before * 100


@dataclass(frozen=True, slots=True)
class Cost:
    """Cost of one state of a procedure; ``per_year`` None when an input is missing."""

    once: float | None
    per_year: float | None
    fee_unknown: bool = False
    missing: tuple[str, ...] = ()


def annual_cost(
    compliance: Compliance | None, fee: Money | None, hourly: HourlyValue | None
) -> Cost:
    missing: list[str] = []
    if hourly is None:
        missing.append("hourly_value")
    if compliance is None or compliance.hours is None:
        missing.append("hours")
    if compliance is None or compliance.frequency_per_year is None:
        missing.append("frequency_per_year")
    if compliance is None or compliance.subjects_per_year is None:
        missing.append("subjects_per_year")
    fee_unknown = fee is not None and fee.amount is None
    if hourly is None or compliance is None or compliance.hours is None:
        return Cost(None, None, fee_unknown, tuple(missing))
    once = compliance.hours * hourly.amount + (compliance.other_costs or 0)
    once += fee.amount if fee is not None and fee.amount is not None else 0
    if compliance.frequency_per_year is None or compliance.subjects_per_year is None:
        return Cost(once, None, fee_unknown, tuple(missing))
    return Cost(
        once, once * compliance.frequency_per_year * compliance.subjects_per_year, fee_unknown
    )


def _current_fee(procedure: Procedure) -> Money | None:
    fees = [c.fee for c in procedure.channels if c.fee is not None]
    return fees[0] if fees else None


def plan_state(procedure: Procedure, as_of: date) -> str | None:
    """The plan's state on ``as_of`` from its dated events (an undated event counts as done):
    implemented, approved, rejected, proposed, or None (no plan yet)."""
    simplification = procedure.simplification
    plan = simplification.plan if simplification else None
    if plan is None:
        return None
    decided = plan.decision_date is None or plan.decision_date <= as_of
    if plan.status == "implemented" and (
        plan.implemented_on is None or plan.implemented_on <= as_of
    ):
        return "implemented"
    if plan.status in ("approved", "implemented") and decided:
        return "approved"
    if plan.status == "rejected" and decided:
        return "rejected"
    if plan.proposed_on is None or plan.proposed_on <= as_of:
        return "proposed"
    return None


def plan_in_force(procedure: Procedure, as_of: date) -> bool:
    """True when the procedure's plan is approved (or implemented) on ``as_of``."""
    return plan_state(procedure, as_of) in ("approved", "implemented")


@dataclass(frozen=True, slots=True)
class ProcedureCost:
    code: str
    before: Cost
    after: Cost
    planned: bool
    illustrative: bool

    @property
    def reduction(self) -> float | None:
        if self.before.per_year is None or self.after.per_year is None:
            return None
        return reduction(self.before.per_year, self.after.per_year)


def _snapshot_cost(
    snapshot: Snapshot | None,
    fallback: Compliance | None,
    fee: Money | None,
    hourly: HourlyValue | None,
) -> Cost:
    compliance = snapshot.compliance if snapshot and snapshot.compliance else fallback
    chosen_fee = snapshot.fee if snapshot and snapshot.fee else fee
    return annual_cost(compliance, chosen_fee, hourly)


def procedure_cost(procedure: Procedure, hourly: HourlyValue | None, as_of: date) -> ProcedureCost:
    """Before: the baseline (else the current figures). After: the target once a plan is in force
    on ``as_of`` (zero for a procedure abolished or merged without a target), else the before."""
    simplification = procedure.simplification
    baseline = simplification.baseline if simplification else None
    target = simplification.target if simplification else None
    plan = simplification.plan if simplification else None
    before = _snapshot_cost(baseline, procedure.compliance, _current_fee(procedure), hourly)
    planned = plan_in_force(procedure, as_of)
    if not planned:
        after = before
    elif target is not None and target.compliance is not None:
        after = _snapshot_cost(target, None, None, hourly)
    elif plan is not None and plan.outcome in CUTTING_OUTCOMES and hourly is not None:
        after = Cost(0.0, 0.0)
    else:
        after = before
    return ProcedureCost(procedure.code, before, after, planned, bool(plan and plan.illustrative))


@dataclass(frozen=True, slots=True)
class CostTotals:
    """Sums over the procedures whose before and after per-year costs are both known."""

    before: float | None
    after: float | None
    counted: int
    not_computed: int

    @property
    def reduction(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return reduction(self.before, self.after)


def totals(costs: Iterable[ProcedureCost]) -> CostTotals:
    before = after = 0.0
    counted = not_computed = 0
    for cost in costs:
        if cost.before.per_year is None or cost.after.per_year is None:
            not_computed += 1
            continue
        counted += 1
        before += cost.before.per_year
        after += cost.after.per_year
    if not counted:
        return CostTotals(None, None, 0, not_computed)
    return CostTotals(before, after, counted, not_computed)

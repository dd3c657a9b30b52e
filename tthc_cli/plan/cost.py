"""Compliance cost (chi phí tuân thủ), Thông tư 02/2017/TT-VPCP Art. 27. Pure: data in, data out.

* cost of one procedure once = hours × value of one hour + fees + other costs (Art. 27(3)(a));
* per year = cost once × times per year × subjects per year (Art. 27(3)(b));
* reduction = (before − after) / before (a percentage; the formula only — Hà Nội's published
  2,306 → 654 tỷ đồng for its 293 public procedures of 2025 gives 71.64%).

The value of one hour is never assumed: it comes from ``Config.hourly_values`` (amount, from,
source) and a cost without it is ``None`` ("not computed"). Fees are stated per channel: when
every channel states the same amount, that is the fee; when amounts differ, the fee is their
average weighted by the recorded share of dossiers per channel (``dossier_share``, all channels,
adding up to 100); otherwise the cost is not computed. The channels' order never matters. A fee
that is unknown, conditional, in another currency or not recorded makes the cost not computed,
with the reason (``reasons``); unknown is never zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from tthc_cli.config import Config, HourlyValue
from tthc_cli.model import Channel, Compliance, Money, Procedure, Snapshot
from tthc_cli.plan.evidence import evidence_plan

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
class Fee:
    """The fee one filing costs, in đồng (None: not computable, ``reasons`` say why)."""

    amount: float | None
    reasons: tuple[str, ...] = ()


# Why a fee is not computable (message keys cost.reason.<reason>).
FEE_REASONS = (
    "fee-unknown",
    "fee-conditional",
    "fee-currency",
    "fee-not-recorded",
    "fee-differs",
    "no-baseline",
)


def money_fee(money: Money | None) -> Fee:
    """One stated fee: its amount in đồng, or why there is none."""
    if money is None:
        return Fee(None, ("fee-not-recorded",))
    if money.amount is not None:
        return Fee(float(money.amount))
    if getattr(money, "conditional", False):
        return Fee(None, ("fee-conditional",))
    if getattr(money, "currency", None) not in (None, "VND"):
        return Fee(None, ("fee-currency",))
    return Fee(None, ("fee-unknown",))


def channel_fee(channels: Sequence[Channel]) -> Fee:
    """The fee of a procedure from its channels' fees, whatever order they are listed in."""
    if not channels:
        return money_fee(None)
    fees = [(c, money_fee(c.fee)) for c in channels]
    reasons = sorted({r for _, fee in fees for r in fee.reasons})
    if reasons:
        return Fee(None, tuple(reasons))
    amounts = {fee.amount for _, fee in fees}
    if len(amounts) == 1:
        return Fee(amounts.pop())
    shares = [c.dossier_share for c, _ in fees]
    if all(share is not None for share in shares) and abs(sum(shares) - 100) < 1e-6:  # type: ignore[arg-type]
        weighted = sum((fee.amount or 0.0) * (c.dossier_share or 0.0) for c, fee in fees) / 100
        return Fee(weighted)
    return Fee(None, ("fee-differs",))


@dataclass(frozen=True, slots=True)
class Cost:
    """Cost of one state of a procedure; ``per_year`` None when an input is missing or the fee
    is not computable (``reasons``)."""

    once: float | None
    per_year: float | None
    fee_unknown: bool = False
    missing: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


def annual_cost(
    compliance: Compliance | None, fee: Fee | Money | None, hourly: HourlyValue | None
) -> Cost:
    chosen = fee if isinstance(fee, Fee) else money_fee(fee)
    reasons = chosen.reasons
    fee_unknown = "fee-unknown" in reasons
    missing: list[str] = []
    if hourly is None:
        missing.append("hourly_value")
    if compliance is None or compliance.hours is None:
        missing.append("hours")
    if compliance is None or compliance.frequency_per_year is None:
        missing.append("frequency_per_year")
    if compliance is None or compliance.subjects_per_year is None:
        missing.append("subjects_per_year")
    if hourly is None or compliance is None or compliance.hours is None or chosen.amount is None:
        return Cost(None, None, fee_unknown, tuple(missing), reasons)
    once = compliance.hours * hourly.amount + (compliance.other_costs or 0) + chosen.amount
    if compliance.frequency_per_year is None or compliance.subjects_per_year is None:
        return Cost(once, None, fee_unknown, tuple(missing))
    return Cost(
        once, once * compliance.frequency_per_year * compliance.subjects_per_year, fee_unknown
    )


def plan_state(procedure: Procedure, as_of: date) -> str | None:
    """The plan's state on ``as_of`` from its dated events only (an event without a date is no
    evidence: see :mod:`tthc_cli.plan.evidence`): implemented, approved, rejected, submitted,
    proposed, or None (nothing dated on or before ``as_of``, or an illustrative plan: no
    evidence of anything, see :func:`tthc_cli.plan.evidence.evidence_plan`)."""
    plan = evidence_plan(procedure)
    if plan is None:
        return None

    def by(day: date | None) -> bool:
        return day is not None and day <= as_of

    if plan.status == "implemented" and by(plan.implemented_on):
        return "implemented"
    if plan.status in ("approved", "implemented") and by(plan.decision_date):
        return "approved"
    if plan.status == "rejected" and by(plan.decision_date):
        return "rejected"
    if plan.status != "proposed" and by(plan.submitted_on):
        return "submitted"
    if by(plan.proposed_on):
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
    fee: Fee,
    hourly: HourlyValue | None,
) -> Cost:
    compliance = snapshot.compliance if snapshot and snapshot.compliance else fallback
    chosen_fee = money_fee(snapshot.fee) if snapshot and snapshot.fee else fee
    return annual_cost(compliance, chosen_fee, hourly)


def procedure_cost(
    procedure: Procedure,
    hourly: HourlyValue | None,
    as_of: date,
    baseline_day: date | None = None,
) -> ProcedureCost:
    """Before: the baseline (else the current figures); with ``baseline_day``, the state recorded
    in force on that day (``simplification.baselines``), else not computed ("no-baseline").
    After: the target once a plan is in force on ``as_of`` (zero for a procedure abolished or
    merged without a target), else the before."""
    simplification = procedure.simplification
    baseline = simplification.baseline if simplification else None
    target = simplification.target if simplification else None
    plan = simplification.plan if simplification else None
    if baseline_day is not None:
        baseline = simplification.baseline_on(baseline_day) if simplification else None
    current_fee = channel_fee(procedure.channels)
    before_fee = money_fee(baseline.fee) if baseline and baseline.fee else current_fee
    if baseline_day is not None and baseline is None:
        before = Cost(None, None, reasons=("no-baseline",))
    else:
        before = _snapshot_cost(baseline, procedure.compliance, current_fee, hourly)
    planned = plan_in_force(procedure, as_of)
    if not planned:
        after = before
    elif target is not None and target.compliance is not None:
        after = _snapshot_cost(target, None, before_fee, hourly)
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

"""Catalog totals of a diff: counts by verdict, time cut, components, fees, compliance cost.

A procedure's total time is its ``processing_time``, else its longest channel time, counted only
when it converts exactly to working days (working days or working hours). Its fee is the highest
known channel fee. Compliance figures count per year (hours × times a year × subjects a year);
the cost needs ``cost.hourly_value`` in tthc.yaml (the latest value is used). Time, fee and
compliance sums cover procedures on both sides with known values on both sides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tthc_cli.config import Config
from tthc_cli.diff.model import ProcedureDiff, Status, Totals, Verdict
from tthc_cli.model import Procedure
from tthc_cli.plan.durations import exact_working_days


def total_days(procedure: Procedure, hours_per_day: float) -> float | None:
    if procedure.processing_time is not None:
        return exact_working_days(procedure.processing_time, hours_per_day)
    days = [
        exact_working_days(c.time, hours_per_day) for c in procedure.channels if c.time is not None
    ]
    known = [d for d in days if d is not None]
    return max(known) if known else None


def top_fee(procedure: Procedure) -> int | None:
    known = [
        c.fee.amount for c in procedure.channels if c.fee is not None and c.fee.amount is not None
    ]
    return max(known) if known else None


def yearly_hours(procedure: Procedure) -> float | None:
    c = procedure.compliance
    if c is None or c.hours is None or c.frequency_per_year is None or c.subjects_per_year is None:
        return None
    return c.hours * c.frequency_per_year * c.subjects_per_year


def yearly_cost(procedure: Procedure, hourly: int | None) -> int | None:
    c = procedure.compliance
    if hourly is None or c is None or c.hours is None or c.frequency_per_year is None:
        return None
    if c.subjects_per_year is None:
        return None
    once = c.hours * hourly + (top_fee(procedure) or 0) + (c.other_costs or 0)
    return round(once * c.frequency_per_year * c.subjects_per_year)


def _add(total: float | None, old: float | None, new: float | None) -> float | None:
    if old is None or new is None:
        return total
    return (total or 0) + (new - old)


def totals(
    diffs: Sequence[ProcedureDiff],
    old_by: Mapping[str, Procedure],
    new_by: Mapping[str, Procedure],
    config: Config,
) -> Totals:
    hpd = config.hours_per_working_day
    hourly = (
        max(config.hourly_values, key=lambda h: h.start).amount if config.hourly_values else None
    )
    time_delta: float | None = None
    fee_delta: float | None = None
    hours_delta: float | None = None
    cost_delta: float | None = None
    verdicts = dict.fromkeys(Verdict, 0)
    for d in diffs:
        if d.changes:
            verdicts[d.verdict] += 1
        old, new = old_by.get(d.code), new_by.get(d.code)
        if d.status is not Status.CHANGED or old is None or new is None:
            continue
        time_delta = _add(time_delta, total_days(old, hpd), total_days(new, hpd))
        fee_delta = _add(fee_delta, top_fee(old), top_fee(new))
        hours_delta = _add(hours_delta, yearly_hours(old), yearly_hours(new))
        cost_delta = _add(cost_delta, yearly_cost(old, hourly), yearly_cost(new, hourly))
    kinds = [c.kind for d in diffs for c in d.changes]
    return Totals(
        procedures_old=len(old_by),
        procedures_new=len(new_by),
        added=sum(1 for d in diffs if d.status is Status.ADDED),
        removed=sum(1 for d in diffs if d.status is Status.REMOVED),
        changed=sum(1 for d in diffs if d.status is Status.CHANGED and d.changes),
        simpler=verdicts[Verdict.SIMPLER],
        heavier=verdicts[Verdict.HEAVIER],
        mixed=verdicts[Verdict.MIXED],
        neutral=verdicts[Verdict.NEUTRAL],
        time_cut_days=None if time_delta is None else 0.0 - time_delta,
        time_cut_hours=None if time_delta is None else 0.0 - time_delta * hpd,
        components_removed=kinds.count("component-removed"),
        components_added=kinds.count("component-added"),
        fee_change=None if fee_delta is None else round(fee_delta),
        compliance_hours_change=hours_delta,
        compliance_cost_change=None if cost_delta is None else round(cost_delta),
    )

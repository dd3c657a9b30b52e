"""A simplification target is not heavier than its baseline.

A simplification plan (``simplification``) records the procedure as it is (``baseline``) and
as the plan wants it (``target``). A target that takes longer, has more steps or components,
costs a higher fee, or costs applicants more hours or money than the baseline is a typo or a
plan that adds burden under the name of cutting it. Times are compared in working days (only
certain differences count), fees only when both amounts are known. One finding per measure.

Passes::

    simplification:
      baseline: {time: {value: 10, unit: working_days}, steps: 5}
      target: {time: {value: 7, unit: working_days}, steps: 4}

Fails::

    simplification:
      baseline: {time: {value: 10, unit: working_days}, steps: 5}
      target: {time: {value: 12, unit: working_days}, steps: 6}
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity, ref
from tthc_cli.model import Procedure, Snapshot
from tthc_cli.plan.durations import compare, format_number
from tthc_cli.rules.base import Rule, RuleContext


def _numbers(
    baseline: Snapshot, target: Snapshot
) -> Iterator[tuple[str, float | None, float | None]]:
    yield "steps", baseline.steps, target.steps
    yield "components", baseline.components, target.components
    yield (
        "fee",
        baseline.fee.amount if baseline.fee else None,
        target.fee.amount if target.fee else None,
    )
    old, new = baseline.compliance, target.compliance
    yield "compliance-hours", old.hours if old else None, new.hours if new else None
    yield "other-costs", old.other_costs if old else None, new.other_costs if new else None


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    plan = procedure.simplification
    if plan is None or plan.baseline is None or plan.target is None:
        return
    baseline, target = plan.baseline, plan.target
    if baseline.time and target.time and compare(baseline.time, target.time, ctx.hours_per_day) > 0:
        yield RULE.finding(
            target.time.pos or target.pos,
            message="target-not-heavier.time",
            measure="time",
            baseline=format_number(baseline.time.value),
            baseline_unit=ref(f"steps-fit-total.unit.{baseline.time.unit.value}"),
            target=format_number(target.time.value),
            target_unit=ref(f"steps-fit-total.unit.{target.time.unit.value}"),
        )
    for measure, old, new in _numbers(baseline, target):
        if old is not None and new is not None and new > old:
            yield RULE.finding(
                target.pos,
                measure=measure,
                measure_name=ref(f"target-not-heavier.measure.{measure}"),
                baseline=format_number(old),
                target=format_number(new),
            )


MESSAGES = {  # message key → the arguments it is given
    "target-not-heavier": ("baseline", "measure", "measure_name", "target"),
    "target-not-heavier.time": ("baseline", "baseline_unit", "measure", "target", "target_unit"),
}

RULE = Rule("target-not-heavier", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

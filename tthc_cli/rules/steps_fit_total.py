"""The steps on the main path fit in the processing time of every channel.

The published time limit (per channel, or ``processing_time``) is what the applicant is
promised; the steps are how the agencies spend it. When the steps that always run (no
``when``) need more working days than the limit allows, the published promise cannot be kept
or the steps are wrong. Calendar units are converted to the range of working days they can
hold, and only certain overruns are reported (steps' minimum above the limit's maximum), one
finding per channel. Only steps that spend the published time count: not the applicant's
submission (``kind: submit``; the limit runs from the receipt of the dossier), not conditional
steps (``when``), and not steps marked ``outside_time: true`` (an obligation of the applicant
after the result, say).

Passes::

    channels:
      - {channel: direct, time: {value: 5, unit: working_days}}
    steps:
      - {id: tham-dinh, kind: review, action: Thẩm định, lead: so-xay-dung,
         duration: {value: 3, unit: working_days}}
      - {id: tra, kind: return, action: Trả kết quả, lead: so-xay-dung,
         duration: {value: 2, unit: working_days}}

Fails (3 + 4 = 7 working days in a 5-day limit)::

    channels:
      - {channel: direct, time: {value: 5, unit: working_days}}
    steps:
      - {id: tham-dinh, kind: review, action: Thẩm định, lead: so-xay-dung,
         duration: {value: 3, unit: working_days}}
      - {id: tra, kind: return, action: Trả kết quả, lead: so-xay-dung,
         duration: {value: 4, unit: working_days}}
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Pos, Severity, ref
from tthc_cli.model import Duration, Procedure
from tthc_cli.plan.durations import format_number, sum_range, working_days_range
from tthc_cli.rules.base import Rule, RuleContext


def _targets(procedure: Procedure) -> Iterator[tuple[Duration, str, str | None, Pos]]:
    """(limit, what it limits as a message reference, item, position) for every limit."""
    timed = False
    for channel in procedure.channels:
        if channel.time is not None:
            timed = True
            target = ref(f"steps-fit-total.channel.{channel.channel}")
            yield channel.time, target, f"channels/{channel.key}", channel.time.pos or channel.pos
    limit = procedure.processing_time
    if not timed and limit is not None:
        yield (
            limit,
            ref("steps-fit-total.processing-time"),
            None,
            limit.pos or procedure.at("processing_time"),
        )


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    hours = ctx.hours_per_day
    counted = [s.duration for s in procedure.steps if s.counts_toward_time and s.duration]
    if not counted:
        return
    steps_low, _ = sum_range(counted, hours)
    for limit, target, item, pos in _targets(procedure):
        _, limit_high = working_days_range(limit, hours)
        if steps_low <= limit_high:
            continue
        yield RULE.finding(
            pos,
            item=item,
            target=target,
            steps=format_number(steps_low),
            steps_hours=format_number(steps_low * hours),
            total=format_number(limit.value),
            total_unit=ref(f"steps-fit-total.unit.{limit.unit.value}"),
            total_days=format_number(limit_high),
            total_hours=format_number(limit_high * hours),
        )


MESSAGES = {  # message key → the arguments it is given
    "steps-fit-total": (
        "steps",
        "steps_hours",
        "target",
        "total",
        "total_days",
        "total_hours",
        "total_unit",
    ),
}

RULE = Rule("steps-fit-total", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

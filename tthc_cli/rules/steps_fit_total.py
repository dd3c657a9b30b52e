"""The steps on the main path fit in the processing time of every channel.

The published time limit (per channel, or ``processing_time``) is what the applicant is
promised; the steps are how the agencies spend it. When the steps that always run (no
``when``) need more working days than the limit allows, the published promise cannot be kept
or the steps are wrong. Calendar units are converted to the range of working days they can
hold, and only certain overruns are reported (steps' minimum above the limit's maximum), one
finding per channel. The applicant's submission (``kind: submit``) is not counted: the time
limit runs from the receipt of the dossier. A step that is not part of the published time
(an obligation of the applicant after the result, say) can carry a suppression of this rule
with the reason; when that step alone causes the overrun, the finding is reported on it, so
the step's suppression applies.

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

from tthc_cli.durations import format_number, sum_range, working_days_range
from tthc_cli.findings import Finding, Pos, Severity
from tthc_cli.model import Duration, Procedure, Step
from tthc_cli.rules.base import Rule, RuleContext


def _targets(procedure: Procedure) -> Iterator[tuple[Duration, str, str | None, Pos]]:
    """(limit, what it limits as a message reference, item, position) for every limit."""
    timed = False
    for channel in procedure.channels:
        if channel.time is not None:
            timed = True
            target = f"@steps-fit-total.channel.{channel.channel}"
            yield channel.time, target, f"channels/{channel.key}", channel.time.pos or channel.pos
    limit = procedure.processing_time
    if not timed and limit is not None:
        yield (
            limit,
            "@steps-fit-total.processing-time",
            None,
            limit.pos or procedure.at("processing_time"),
        )


def _excused(step: Step) -> bool:
    return any(entry.rule == RULE.id for entry in step.suppress)


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    hours = ctx.hours_per_day
    counted = [s for s in procedure.steps if s.on_main_path and s.kind != "submit" and s.duration]
    if not counted:
        return
    steps_low, _ = sum_range([s.duration for s in counted if s.duration], hours)
    kept_low, _ = sum_range([s.duration for s in counted if s.duration and not _excused(s)], hours)
    excused = next((s for s in counted if _excused(s)), None)
    for limit, target, item, pos in _targets(procedure):
        _, limit_high = working_days_range(limit, hours)
        if steps_low <= limit_high:
            continue
        if excused is not None and kept_low <= limit_high:
            item = f"steps/{excused.key}"
        yield RULE.finding(
            pos,
            item=item,
            target=target,
            steps=format_number(steps_low),
            steps_hours=format_number(steps_low * hours),
            total=format_number(limit.value),
            total_unit=f"@steps-fit-total.unit.{limit.unit.value}",
            total_days=format_number(limit_high),
            total_hours=format_number(limit_high * hours),
        )


RULE = Rule("steps-fit-total", Severity.ERROR, __doc__ or "", check=check)

"""A milestone measured on a day: the procedures it counts, the measure's value from dated
evidence, how many facts lack evidence, and its status. Pure.

Status, in this order:

* ``outside_scope``: the milestone is another body's task (``applies_to`` names only ministries:
  "Các bộ, cơ quan ngang bộ chủ trì…"), not the province's: shown, never judged (``reason``
  ``assigned_to_ministries``); the catalog is a province's;
* ``not_applicable``: no procedure is in the milestone's scope;
* ``met``: the value from dated evidence reached the target;
* ``no_evidence`` ("chưa có căn cứ"): not reached on dated evidence, but it could be if the facts
  recorded without evidence counted (or the value cannot be computed at all) — never "met";
* once the due date has passed: ``missed`` ("trễ hạn") while the plan runs, ``not_met``
  ("không đạt") in the closing report of a plan whose period is over;
* before it: ``at_risk`` when due within ``plan.at_risk_days``, else ``pending``.

A milestone due "trước ngày X" is measured on the day before X once X has passed; the closing
report also gives the final value on the report date (``final_value``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tthc_cli.config import Config
from tthc_cli.model import Procedure
from tthc_cli.plan.evidence import Tally
from tthc_cli.plans import Milestone

# Which procedure levels a milestone's ``applies_to`` covers (a province's catalog includes the
# procedures its districts and communes carry out).
LEVELS_COVERED = {"ministry": ("ministry",), "province": ("province", "district", "commune")}
NO_TALLY = Tally()
# The level whose catalog tthc keeps (a province's): a milestone assigned only to other levels
# is not this catalog's to meet.
OWN_LEVEL = "province"
OUTSIDE_REASON = "assigned_to_ministries"
# Measures whose value is a reduction (before → after), not a share of procedures.
REDUCTIONS = ("cost_cut_share", "time_cut_share")


def business_related(procedure: Procedure, config: Config) -> bool:
    """The procedure's own flag; unset, the recorded choice of ``plan.business_related`` in
    tthc.yaml (a public procedure one of whose subjects is listed there); neither, not
    business-related. An internal procedure is never business-related by the choice."""
    if procedure.business_related is not None:
        return procedure.business_related
    listed = set(config.plan.business_subjects)
    return (
        procedure.kind == "public"
        and bool(listed)
        and any(subject in listed for subject in procedure.subjects)
    )


def milestone_population(
    procedures: Iterable[Procedure], milestone: Milestone, config: Config | None = None
) -> list[Procedure]:
    levels = {level for name in milestone.applies_to for level in LEVELS_COVERED.get(name, (name,))}
    chosen = config or Config()
    return [
        p
        for p in procedures
        if (milestone.kind is None or p.kind == milestone.kind)
        and (milestone.scope is None or p.internal_scope == milestone.scope)
        and (not levels or levels & set(p.levels))
        and (not milestone.business_related or business_related(p, chosen))
    ]


@dataclass(frozen=True, slots=True)
class MilestoneStatus:
    milestone: Milestone
    # met, no_evidence, missed, not_met, at_risk, pending, not_applicable, outside_scope
    status: str
    value: float | None  # from dated evidence on ``evaluated_on``
    population: int
    evaluated_on: date
    evidence: Tally = NO_TALLY  # counted, without evidence, out of how many (on evaluated_on)
    final_value: float | None = None  # closing report: the value on the report date
    final_evidence: Tally | None = None
    closing: bool = False

    @property
    def outside_reason(self) -> str | None:
        """Why the milestone is not judged (machine-readable), None when it is."""
        return OUTSIDE_REASON if self.status == "outside_scope" else None

    @property
    def counted(self) -> int:
        return self.evidence.counted

    @property
    def without_evidence(self) -> int:
        return self.evidence.without_evidence


def outside_own_level(milestone: Milestone, own_level: str | None = OWN_LEVEL) -> bool:
    """Whether the milestone is assigned only to levels other than the catalog's own
    (``own_level`` None: every milestone is judged)."""
    return (
        own_level is not None
        and bool(milestone.applies_to)
        and own_level not in milestone.applies_to
    )


Measure = Callable[[Sequence[Procedure], date], tuple[float | None, Tally]]


def status_of(
    milestone: Milestone,
    value: float | None,
    tally: Tally,
    as_of: date,
    at_risk_days: int,
    closing: bool,
) -> str:
    if value is not None and value >= milestone.target:
        return "met"
    possible = tally.possible_share()
    if milestone.measure in REDUCTIONS:
        unknown = value is None or tally.without_evidence > 0
    else:
        unknown = value is None or (possible is not None and possible >= milestone.target)
    if unknown:
        return "no_evidence"
    if as_of >= milestone.due:
        return "not_met" if closing else "missed"
    if (milestone.due - as_of).days <= at_risk_days:
        return "at_risk"
    return "pending"


def measure_milestone(
    milestone: Milestone,
    population: Sequence[Procedure],
    as_of: date,
    measure: Measure,
    at_risk_days: int,
    closing: bool = False,
    applicable: bool | None = None,
    own_level: str | None = OWN_LEVEL,
) -> MilestoneStatus:
    """The milestone's status on ``as_of`` from ``measure`` (value and evidence on a day)."""
    on = as_of if as_of < milestone.due else milestone.due - timedelta(days=1)
    if outside_own_level(milestone, own_level):
        return MilestoneStatus(
            milestone, "outside_scope", None, len(population), on, closing=closing
        )
    if not population and not applicable:
        return MilestoneStatus(milestone, "not_applicable", None, 0, on, closing=closing)
    value, tally = measure(population, on)
    status = status_of(milestone, value, tally, as_of, at_risk_days, closing)
    final_value = final = None
    if closing and on < as_of:
        final_value, final = measure(population, as_of)
    return MilestoneStatus(
        milestone, status, value, len(population), on, tally, final_value, final, closing
    )

"""Progress of a plan on a date, per group and for the whole catalog. Pure.

Every count follows the rules of evidence (:mod:`tthc_cli.plan.evidence`): a procedure counts
on the report date only with a fact dated on or before it (publication decision, plan events,
the day a source was read); a fact without such a date is counted apart, "without evidence",
never as done. So a report ``--as-of`` an earlier date shows what could be shown on that date.
Shares are percentages of the procedures in the group, except the two the 20% targets of
QĐ 1085 measure, which are about internal procedures only:

* the cut share counts cuts of internal procedures and divides by the internal procedures in the
  group (None when it has none); with a baseline catalog (``--baseline REV``), cuts of procedures
  internal at REV divided by the internal procedures the group had at REV;
* compliance cost before/after (and its cut share) sums internal procedures only (internal at REV
  with ``--baseline``); a public procedure is neither counted nor "not computed".

Processing time before/after covers every procedure whose time is exact, public ones included.
A milestone is measured on the procedures its scope names (see :mod:`tthc_cli.plan.measures`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from tthc_cli.config import Config, HourlyValue
from tthc_cli.messages import text
from tthc_cli.model import Catalog, Procedure
from tthc_cli.plan import evidence
from tthc_cli.plan.baseline import (
    BaselineCatalog,
    BaselineCounts,
    BeforeAfter,
    GroupBaseline,
    against_revision,
    recorded,
    removed,
)
from tthc_cli.plan.cost import CostTotals, ProcedureCost, hourly_value, plan_state, totals
from tthc_cli.plan.evidence import Tally
from tthc_cli.plan.measures import (
    LEVELS_COVERED,
    OWN_LEVEL,
    MilestoneStatus,
    business_related,
    measure_milestone,
    milestone_population,
)
from tthc_cli.plan.succession import resolve
from tthc_cli.plans import Milestone, PlanData
from tthc_cli.textnorm import vi_key

# Measured here and re-exported for the writers and tests that read them from this module.
__all__ = ["LEVELS_COVERED", "MilestoneStatus", "business_related", "milestone_population"]

GROUPINGS = ("unit", "field", "level", "kind")
COUNT_CUT_AS = ("abolished_or_merged", "abolished_merged_or_simplified")
NO_GROUP = "-"


def _share(part: float, whole: float) -> float | None:
    return part / whole * 100 if whole else None


@dataclass(frozen=True, slots=True)
class GroupProgress:
    key: str
    label: str
    procedures: int
    internal: int
    published: int  # with a dated publication fact on or before the day
    published_undated: int  # a publication decision without evidence on the day
    reviewed: int
    proposed: int
    approved: int
    implemented: int
    rejected: int
    cut_planned: int
    cut_done: int
    illustrative: int
    cost: CostTotals
    time_counted: int
    time_before_days: float
    time_after_days: float
    hours_per_day: float
    # With a baseline catalog (--baseline REV): internal procedures at REV, those gone since
    # (counted as abolished) and those added since (no before). None/0 with recorded baselines.
    baseline_procedures: int | None = None
    removed: int = 0
    without_before: int = 0
    # The rules of evidence: facts recorded without a date on or before the day.
    submitted: int = 0  # plans submitted (or decided) by the day
    plans_undated: int = 0  # plans recorded with no dated event on or before the day
    submitted_undated: int = 0
    approved_undated: int = 0
    implemented_undated: int = 0
    cut_undated: int = 0
    province_published: int = 0
    province_published_undated: int = 0
    conditions: int = 0
    conditions_cut: int = 0
    conditions_abolished: int = 0
    conditions_undated: int = 0
    online_full: int = 0
    online_full_undated: int = 0
    location_independent: int = 0
    location_independent_undated: int = 0
    time_population: int = 0  # procedures whose before and after time could be looked at
    cut_base: int | None = None  # the denominator of the cut share when not the internal count

    @property
    def published_share(self) -> float | None:
        return _share(self.published, self.procedures)

    @property
    def province_published_share(self) -> float | None:
        return _share(self.province_published, self.procedures)

    @property
    def reviewed_share(self) -> float | None:
        return _share(self.reviewed, self.procedures)

    @property
    def plan_submitted_share(self) -> float | None:
        return _share(self.submitted, self.procedures)

    @property
    def plan_approved_share(self) -> float | None:
        return _share(self.approved + self.implemented, self.procedures)

    @property
    def plan_implemented_share(self) -> float | None:
        return _share(self.implemented, self.procedures)

    @property
    def procedures_cut_share(self) -> float | None:
        if self.baseline_procedures is not None:
            return _share(self.cut_planned, self.baseline_procedures)
        return _share(self.cut_planned, self.internal if self.cut_base is None else self.cut_base)

    @property
    def cost_cut_share(self) -> float | None:
        return self.cost.reduction

    @property
    def time_cut_share(self) -> float | None:
        if self.time_before_days <= 0:
            return None
        return self.time_cut_days / self.time_before_days * 100

    @property
    def conditions_cut_share(self) -> float | None:
        return _share(self.conditions_cut, self.conditions)

    @property
    def conditions_abolished_share(self) -> float | None:
        return _share(self.conditions_abolished, self.conditions)

    @property
    def online_full_share(self) -> float | None:
        return _share(self.online_full, self.procedures)

    @property
    def location_independent_share(self) -> float | None:
        return _share(self.location_independent, self.procedures)

    @property
    def time_cut_days(self) -> float:
        return self.time_before_days - self.time_after_days

    @property
    def time_cut_hours(self) -> float:
        return self.time_cut_days * self.hours_per_day

    def measure(self, name: str) -> float | None:
        value: float | None = getattr(self, name)
        return value

    def tally(self, name: str) -> Tally:
        """The evidence behind measure ``name``: counted, without evidence, out of how many."""
        n = self.procedures
        tallies = {
            "published_share": Tally(self.published, self.published_undated, n),
            "province_published_share": Tally(
                self.province_published, self.province_published_undated, n
            ),
            "reviewed_share": Tally(self.reviewed, self.plans_undated, n),
            "plan_submitted_share": Tally(self.submitted, self.submitted_undated, n),
            "plan_approved_share": Tally(
                self.approved + self.implemented, self.approved_undated, n
            ),
            "plan_implemented_share": Tally(self.implemented, self.implemented_undated, n),
            "procedures_cut_share": Tally(
                self.cut_planned,
                self.cut_undated,
                self.baseline_procedures
                if self.baseline_procedures is not None
                else (self.internal if self.cut_base is None else self.cut_base),
            ),
            "cost_cut_share": Tally(
                self.cost.counted,
                self.cost.not_computed,
                self.cost.counted + self.cost.not_computed,
            ),
            "time_cut_share": Tally(
                self.time_counted, self.time_population - self.time_counted, self.time_population
            ),
            "conditions_cut_share": Tally(
                self.conditions_cut, self.conditions_undated, self.conditions
            ),
            "conditions_abolished_share": Tally(
                self.conditions_abolished, self.conditions_undated, self.conditions
            ),
            "online_full_share": Tally(self.online_full, self.online_full_undated, n),
            "location_independent_share": Tally(
                self.location_independent, self.location_independent_undated, n
            ),
        }
        return tallies[name]


def _cut_outcomes(count_cut_as: str) -> tuple[str, ...]:
    return (
        ("abolish", "merge", "simplify")
        if count_cut_as == COUNT_CUT_AS[1]
        else ("abolish", "merge")
    )


def _is_cut(procedure: Procedure, state: str | None, outcomes: tuple[str, ...]) -> bool:
    plan = evidence.evidence_plan(procedure)
    return plan is not None and plan.outcome in outcomes and state in ("approved", "implemented")


def _cut_undated(procedure: Procedure, state: str | None, outcomes: tuple[str, ...]) -> bool:
    """A cut decided by its status but with no dated decision on or before the day."""
    plan = evidence.evidence_plan(procedure)
    return (
        plan is not None
        and plan.outcome in outcomes
        and plan.status in ("approved", "implemented")
        and state not in ("approved", "implemented")
        and plan.decision_date is None
        and plan.implemented_on is None
    )


@dataclass(frozen=True, slots=True)
class _Evidence:
    """The evidence tallies of one group on one day (see :mod:`tthc_cli.plan.evidence`)."""

    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, procedures: Sequence[Procedure], on: date) -> _Evidence:
        def count(facts: list[evidence.Fact | None], event: bool = False) -> Tally:
            return evidence.tally(facts, on, event)

        published = count([evidence.publication(p) for p in procedures])
        province = count([evidence.province_publication(p) for p in procedures])
        reviewed = count([evidence.plan_event(p, "proposed") for p in procedures], True)
        submitted = count([evidence.plan_event(p, "submitted") for p in procedures], True)
        approved = count([evidence.plan_event(p, "approved") for p in procedures], True)
        implemented = count([evidence.plan_event(p, "implemented") for p in procedures], True)
        online = count([evidence.online_full(p) for p in procedures])
        independent = count([evidence.location_independent(p) for p in procedures])
        conditions = [c for p in procedures for c in p.business_conditions]
        cut = [c for c in conditions if c.cut_date is not None and c.cut_date <= on]
        return cls(
            {
                "published": published.counted,
                "published_undated": published.without_evidence,
                "province_published": province.counted,
                "province_published_undated": province.without_evidence,
                "plans_undated": reviewed.without_evidence,
                "submitted": submitted.counted,
                "submitted_undated": submitted.without_evidence,
                "approved_undated": approved.without_evidence,
                "implemented_undated": implemented.without_evidence,
                "online_full": online.counted,
                "online_full_undated": online.without_evidence,
                "location_independent": independent.counted,
                "location_independent_undated": independent.without_evidence,
                "conditions": len(conditions),
                "conditions_cut": len(cut),
                "conditions_abolished": sum(1 for c in cut if c.cut_outcome == "abolish"),
                "conditions_undated": sum(
                    1 for c in conditions if c.cut_outcome is not None and c.cut_date is None
                ),
                "implemented_dated": implemented.counted,
            }
        )


def summarize(
    key: str,
    label: str,
    procedures: Sequence[Procedure],
    as_of: date,
    hourly: HourlyValue | None,
    count_cut_as: str,
    hours_per_day: float = 8.0,
    baseline: GroupBaseline | None = None,
    baseline_day: date | None = None,
    cost_of_all: bool = False,
) -> GroupProgress:
    """One group's progress on ``as_of``. ``baseline_day``: cost and time are measured against
    the state recorded in force on that day; ``cost_of_all``: the cost sums every procedure of
    the group, not only internal ones (a plan about public procedures)."""
    states = {p.code: plan_state(p, as_of) for p in procedures}
    outcomes = _cut_outcomes(count_cut_as)
    changes: list[BeforeAfter] = []
    costs: list[ProcedureCost] = []  # internal procedures only (the 20% cost target)
    cut_planned = cut_done = illustrative = cut_undated = 0
    for p in procedures:
        state = states[p.code]
        illustrative += evidence.illustrative_plan(p) is not None  # shown apart, counted nowhere
        then = baseline.then.get(p.code) if baseline is not None else None
        counted_as = p if baseline is None else then  # what the 20% targets look at
        internal = counted_as is not None and (cost_of_all or counted_as.kind == "internal")
        if internal and _is_cut(p, state, outcomes):
            cut_planned += 1
            cut_done += state == "implemented"
        elif internal and _cut_undated(p, state, outcomes):
            cut_undated += 1
        if baseline is None:
            change = recorded(p, hourly, as_of, hours_per_day, baseline_day)
        elif then is not None:
            change = against_revision(p, then, hourly, as_of, hours_per_day)
        else:
            continue
        changes.append(change)
        if internal:
            costs.append(change.cost)
    counts = BaselineCounts(None, 0, 0)
    if baseline is not None:
        counts = baseline.counts(procedures)
        cut_planned += counts.removed
        cut_done += counts.removed
        for gone in baseline.removed:
            change = removed(gone, hourly, hours_per_day)
            changes.append(change)
            if gone.kind == "internal":
                costs.append(change.cost)
    timed = [c for c in changes if c.time_before is not None and c.time_after is not None]
    count = {
        s: sum(1 for v in states.values() if v == s)
        for s in ("proposed", "approved", "implemented", "rejected")
    }
    found = _Evidence.of(procedures, as_of).counts
    return GroupProgress(
        key=key,
        label=label,
        procedures=len(procedures),
        internal=sum(1 for p in procedures if p.kind == "internal"),
        published=found["published"],
        published_undated=found["published_undated"],
        reviewed=sum(1 for v in states.values() if v is not None),
        proposed=count["proposed"],
        approved=count["approved"],
        implemented=count["implemented"],
        rejected=count["rejected"],
        cut_planned=cut_planned,
        cut_done=cut_done,
        illustrative=illustrative,
        cost=totals(costs),
        time_counted=len(timed),
        time_before_days=sum(c.time_before or 0.0 for c in timed),
        time_after_days=sum(c.time_after or 0.0 for c in timed),
        hours_per_day=hours_per_day,
        baseline_procedures=counts.procedures,
        removed=counts.removed,
        without_before=counts.without_before,
        submitted=found["submitted"],
        plans_undated=found["plans_undated"],
        submitted_undated=found["submitted_undated"],
        approved_undated=found["approved_undated"],
        implemented_undated=found["implemented_undated"],
        cut_undated=cut_undated,
        province_published=found["province_published"],
        province_published_undated=found["province_published_undated"],
        conditions=found["conditions"],
        conditions_cut=found["conditions_cut"],
        conditions_abolished=found["conditions_abolished"],
        conditions_undated=found["conditions_undated"],
        online_full=found["online_full"],
        online_full_undated=found["online_full_undated"],
        location_independent=found["location_independent"],
        location_independent_undated=found["location_independent_undated"],
        time_population=len(changes),
        cut_base=len(procedures) if cost_of_all else None,
    )


def group_keys(
    procedure: Procedure, by: str, catalog: Catalog, on: date | None = None
) -> list[tuple[str, str]]:
    """(key, label) of every group ``procedure`` belongs to under grouping ``by``.

    By unit with a day ``on``: the units as they stand that day (:mod:`.succession`): a merged
    or renamed unit's procedures count under its successor; a unit split or ended without one
    keeps its own group, labelled "đã giải thể, chưa phân bổ"."""
    if by == "unit":
        units = procedure.implementing or procedure.competent
        keys = [_unit_key(u, catalog, on) for u in units]
        return list(dict.fromkeys(keys)) or [(NO_GROUP, NO_GROUP)]
    if by == "level":
        return [(level, level) for level in procedure.levels]
    if by == "kind":
        return [(procedure.kind, procedure.kind)]
    return [(procedure.field, procedure.field)]


def _unit_key(unit_id: str, catalog: Catalog, on: date | None) -> tuple[str, str]:
    units = catalog.units
    if on is None:
        return unit_id, units[unit_id].label if unit_id in units else unit_id
    found = resolve(unit_id, units, on)
    if found.current is not None:
        current = units.get(found.current)
        return found.current, current.label if current else found.current
    ended = found.ended
    label = ended.label if ended else unit_id
    key = ended.id if ended else unit_id
    return key, text("report.group.unallocated", catalog.config.lang, label=label)


def evaluate(
    milestone: Milestone,
    procedures: Sequence[Procedure],
    as_of: date,
    catalog: Catalog,
    baseline: BaselineCatalog | None = None,
    plan: PlanData | None = None,
    own_level: str | None = OWN_LEVEL,
) -> MilestoneStatus:
    """The milestone on ``as_of`` (see :mod:`tthc_cli.plan.measures` for the statuses);
    ``own_level``: the level whose catalog this is (another level's milestone is not judged)."""
    config = catalog.config
    population = milestone_population(procedures, milestone, config)
    gone = (
        milestone_population(baseline.removed_since(catalog), milestone, config)
        if baseline is not None
        else []
    )
    baseline_day = config.plan.baseline_choices.get(milestone.id, milestone.baseline_date)

    def measure(chosen: Sequence[Procedure], on: date) -> tuple[float | None, Tally]:
        group = summarize(
            "",
            "",
            chosen,
            on,
            hourly_value(config, on),
            config.plan.count_cut_as,
            config.hours_per_working_day,
            None if baseline is None else GroupBaseline(baseline.by_code, gone),
            None if baseline is not None else baseline_day,
            cost_of_all=milestone.kind != "internal",
        )
        return group.measure(milestone.measure), group.tally(milestone.measure)

    closing = plan is not None and plan.closed_on(as_of)
    return measure_milestone(
        milestone,
        population,
        as_of,
        measure,
        config.plan.at_risk_days,
        closing,
        bool(gone),
        own_level,
    )


@dataclass(frozen=True, slots=True)
class Report:
    as_of: date
    by: str
    count_cut_as: str
    hourly: HourlyValue | None
    plan: PlanData
    total: GroupProgress
    groups: tuple[GroupProgress, ...]
    milestones: tuple[MilestoneStatus, ...]
    illustrative_codes: tuple[str, ...]
    catalog_root: str
    baseline: BaselineCatalog | None = None  # None: each procedure's recorded baseline
    # The recorded choice of which procedures are business-related (tthc.yaml), and why.
    business_subjects: tuple[str, ...] = ()
    business_reason: str | None = None
    # Grouped by unit: the groups that are not units of the province (a ministry, a central
    # agency): shown with their figures, never listed as the province's units at risk.
    outside_groups: tuple[str, ...] = ()

    @property
    def closing(self) -> bool:
        """A closing report (tổng kết): the plan's period ended before the report date."""
        return self.plan.closed_on(self.as_of)


@dataclass(frozen=True)
class ReportSet:
    """The report on one date in the grouping asked for (``chosen``), and the same report in the
    other groupings on demand (a workbook has a sheet per grouping). ``more``: the reports of the
    other plans asked for (``tthc report --plan A --plan B``), in the same grouping."""

    chosen: Report
    regroup: Callable[[str], Report]
    more: tuple[Report, ...] = ()
    config: Config | None = None  # the catalog's settings (the document frame's, among others)

    def every_plan(self) -> tuple[Report, ...]:
        """The report of each plan asked for, the first one (``chosen``) first."""
        return (self.chosen, *self.more)

    def every_grouping(self) -> dict[str, Report]:
        """Each grouping's report, the chosen one first."""
        others = {g: self.regroup(g) for g in GROUPINGS if g != self.chosen.by}
        return {self.chosen.by: self.chosen, **others}


def build_report(
    catalog: Catalog,
    plan: PlanData,
    as_of: date,
    by: str,
    baseline: BaselineCatalog | None = None,
    own_level: str | None = OWN_LEVEL,
) -> Report:
    """The report on ``as_of`` grouped ``by``; "before" is each procedure's recorded baseline, or
    with ``baseline`` the catalog at a git revision (see :mod:`tthc_cli.plan.baseline`).
    ``own_level``: whose catalog it is (a province's); milestones assigned only to other levels
    (ministries) are shown as outside its assessment, not judged."""
    config = catalog.config
    hourly = hourly_value(config, as_of)
    procedures = sorted(catalog.procedures, key=lambda p: p.code)
    members: dict[str, tuple[str, list[Procedure]]] = {}
    for procedure in procedures:
        for key, label in group_keys(procedure, by, catalog, as_of):
            members.setdefault(key, (label, []))[1].append(procedure)
    gone: dict[str, list[Procedure]] = {}
    removed_all = baseline.removed_since(catalog) if baseline is not None else []
    for procedure in removed_all:
        # the units of today's registry: it knows every merge since the baseline
        for key, label in group_keys(procedure, by, catalog, as_of):
            members.setdefault(key, (label, []))
            gone.setdefault(key, []).append(procedure)

    def group_baseline(key: str | None) -> GroupBaseline | None:
        if baseline is None:
            return None
        return GroupBaseline(baseline.by_code, removed_all if key is None else gone.get(key, []))

    args = (as_of, hourly, config.plan.count_cut_as, config.hours_per_working_day)
    groups = tuple(
        summarize(key, label, chosen, *args, group_baseline(key))
        for key, (label, chosen) in sorted(members.items(), key=lambda item: vi_key(item[1][0]))
    )
    illustrative = tuple(p.code for p in procedures if evidence.illustrative_plan(p) is not None)
    return Report(
        as_of=as_of,
        by=by,
        count_cut_as=config.plan.count_cut_as,
        hourly=hourly,
        plan=plan,
        total=summarize("total", "", procedures, *args, group_baseline(None)),
        groups=groups,
        milestones=tuple(
            evaluate(m, procedures, as_of, catalog, baseline, plan, own_level)
            for m in plan.milestones
        ),
        illustrative_codes=illustrative,
        catalog_root=catalog.root,
        baseline=baseline,
        business_subjects=config.plan.business_subjects,
        business_reason=config.plan.business_reason,
        outside_groups=tuple(key for key in members if by == "unit" and _outside(key, catalog)),
    )


def _outside(key: str, catalog: Catalog) -> bool:
    """Whether the group ``key`` (grouped by unit) is a unit outside the province: one the units
    registry places at the central level (a ministry, its departments)."""
    unit = catalog.units.get(key)
    return unit is not None and unit.level == "central"

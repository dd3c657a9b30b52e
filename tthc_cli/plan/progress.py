"""Progress of the simplification plan on a date, per group and for the whole catalog. Pure.

Every count uses dated events (publication date, proposed_on, decision date, implemented_on),
so a report ``--as-of`` an earlier date shows the state on that date. An event recorded without
a date counts as done. Shares are percentages of the procedures in the group, except the two the
20% targets of QĐ 1085 measure, which are about internal procedures only:

* the cut share counts cuts of internal procedures and divides by the internal procedures in the
  group (None when it has none); with a baseline catalog (``--baseline REV``), cuts of procedures
  internal at REV divided by the internal procedures the group had at REV;
* compliance cost before/after (and its cut share) sums internal procedures only (internal at REV
  with ``--baseline``); a public procedure is neither counted nor "not computed".

Processing time before/after covers every procedure whose time is exact, public ones included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tthc_cli.config import Config, HourlyValue
from tthc_cli.messages import text
from tthc_cli.model import Catalog, Procedure
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
from tthc_cli.plan.milestones import Milestone, PlanData
from tthc_cli.plan.succession import resolve
from tthc_cli.textnorm import vi_key

GROUPINGS = ("unit", "field", "level", "kind")
COUNT_CUT_AS = ("abolished_or_merged", "abolished_merged_or_simplified")
NO_GROUP = "-"
# Which procedure levels a milestone's ``applies_to`` covers (a province's catalog includes the
# procedures its districts and communes carry out).
LEVELS_COVERED = {"ministry": ("ministry",), "province": ("province", "district", "commune")}


def _share(part: float, whole: float) -> float | None:
    return part / whole * 100 if whole else None


@dataclass(frozen=True, slots=True)
class GroupProgress:
    key: str
    label: str
    procedures: int
    internal: int
    published: int
    published_undated: int
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

    @property
    def published_share(self) -> float | None:
        return _share(self.published, self.procedures)

    @property
    def reviewed_share(self) -> float | None:
        return _share(self.reviewed, self.procedures)

    @property
    def plan_approved_share(self) -> float | None:
        return _share(self.approved + self.implemented, self.procedures)

    @property
    def procedures_cut_share(self) -> float | None:
        if self.baseline_procedures is not None:
            return _share(self.cut_planned, self.baseline_procedures)
        return _share(self.cut_planned, self.internal)

    @property
    def cost_cut_share(self) -> float | None:
        return self.cost.reduction

    @property
    def time_cut_days(self) -> float:
        return self.time_before_days - self.time_after_days

    @property
    def time_cut_hours(self) -> float:
        return self.time_cut_days * self.hours_per_day

    def measure(self, name: str) -> float | None:
        value: float | None = getattr(self, name)
        return value


def _cut_outcomes(count_cut_as: str) -> tuple[str, ...]:
    return (
        ("abolish", "merge", "simplify")
        if count_cut_as == COUNT_CUT_AS[1]
        else ("abolish", "merge")
    )


def _is_cut(procedure: Procedure, state: str | None, outcomes: tuple[str, ...]) -> bool:
    simplification = procedure.simplification
    plan = simplification.plan if simplification else None
    return plan is not None and plan.outcome in outcomes and state in ("approved", "implemented")


def summarize(
    key: str,
    label: str,
    procedures: Sequence[Procedure],
    as_of: date,
    hourly: HourlyValue | None,
    count_cut_as: str,
    hours_per_day: float = 8.0,
    baseline: GroupBaseline | None = None,
) -> GroupProgress:
    states = {p.code: plan_state(p, as_of) for p in procedures}
    outcomes = _cut_outcomes(count_cut_as)
    published = [
        p
        for p in procedures
        if p.publication_decision is not None
        and (p.publication_date is None or p.publication_date <= as_of)
    ]
    changes: list[BeforeAfter] = []
    costs: list[ProcedureCost] = []  # internal procedures only (the 20% cost target)
    cut_planned = cut_done = illustrative = 0
    for p in procedures:
        state = states[p.code]
        simplification = p.simplification
        plan = simplification.plan if simplification else None
        if plan is not None and state is not None and plan.illustrative:
            illustrative += 1
        then = baseline.then.get(p.code) if baseline is not None else None
        counted_as = p if baseline is None else then  # what the 20% targets look at
        internal = counted_as is not None and counted_as.kind == "internal"
        if internal and _is_cut(p, state, outcomes):
            cut_planned += 1
            cut_done += state == "implemented"
        if baseline is None:
            change = recorded(p, hourly, as_of, hours_per_day)
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
    return GroupProgress(
        key=key,
        label=label,
        procedures=len(procedures),
        internal=sum(1 for p in procedures if p.kind == "internal"),
        published=len(published),
        published_undated=sum(1 for p in published if p.publication_date is None),
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


@dataclass(frozen=True, slots=True)
class MilestoneStatus:
    milestone: Milestone
    status: str  # met, at_risk, missed, pending, not_applicable
    value: float | None
    population: int
    evaluated_on: date


def milestone_population(procedures: Iterable[Procedure], milestone: Milestone) -> list[Procedure]:
    levels = {level for name in milestone.applies_to for level in LEVELS_COVERED.get(name, (name,))}
    return [
        p
        for p in procedures
        if p.kind == "internal"
        and (milestone.scope is None or p.internal_scope == milestone.scope)
        and (not levels or levels & set(p.levels))
    ]


def evaluate(
    milestone: Milestone,
    procedures: Sequence[Procedure],
    as_of: date,
    catalog: Catalog,
    baseline: BaselineCatalog | None = None,
) -> MilestoneStatus:
    """Met when the measure reached the target on ``as_of`` (or, once due, the day before the due
    date: "trước ngày X"); missed when due and not met; at risk when due within ``at_risk_days``."""
    config = catalog.config
    population = milestone_population(procedures, milestone)
    gone = (
        milestone_population(baseline.removed_since(catalog), milestone)
        if baseline is not None
        else []
    )
    on = as_of if as_of < milestone.due else milestone.due - timedelta(days=1)
    if not population and not gone:
        return MilestoneStatus(milestone, "not_applicable", None, 0, on)
    group = summarize(
        "",
        "",
        population,
        on,
        hourly_value(config, on),
        config.plan.count_cut_as,
        config.hours_per_working_day,
        None if baseline is None else GroupBaseline(baseline.by_code, gone),
    )
    value = group.measure(milestone.measure)
    if value is not None and value >= milestone.target:
        status = "met"
    elif as_of >= milestone.due:
        status = "missed"
    elif (milestone.due - as_of).days <= config.plan.at_risk_days:
        status = "at_risk"
    else:
        status = "pending"
    return MilestoneStatus(milestone, status, value, len(population), on)


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


@dataclass(frozen=True)
class ReportSet:
    """The report on one date in the grouping asked for (``chosen``), and the same report in the
    other groupings on demand (a workbook has a sheet per grouping)."""

    chosen: Report
    regroup: Callable[[str], Report]
    config: Config | None = None  # the catalog's settings (the document frame's, among others)

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
) -> Report:
    """The report on ``as_of`` grouped ``by``; "before" is each procedure's recorded baseline, or
    with ``baseline`` the catalog at a git revision (see :mod:`tthc_cli.plan.baseline`)."""
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
    illustrative = tuple(
        p.code
        for p in procedures
        if p.simplification and p.simplification.plan and p.simplification.plan.illustrative
    )
    return Report(
        as_of=as_of,
        by=by,
        count_cut_as=config.plan.count_cut_as,
        hourly=hourly,
        plan=plan,
        total=summarize("total", "", procedures, *args, group_baseline(None)),
        groups=groups,
        milestones=tuple(
            evaluate(m, procedures, as_of, catalog, baseline) for m in plan.milestones
        ),
        illustrative_codes=illustrative,
        catalog_root=catalog.root,
        baseline=baseline,
    )

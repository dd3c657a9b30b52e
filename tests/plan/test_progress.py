"""Progress on a date: dated events, two ways of counting cuts, milestones flipping with as-of."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests import report_fixture
from tests.helpers import dump, make_catalog, procedure
from tthc_cli.cli._common import shipped_plan
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.load.yamlsafe import parse_yaml
from tthc_cli.model import Catalog
from tthc_cli.plan.baseline import BaselineCatalog
from tthc_cli.plan.milestones import parse_plan
from tthc_cli.plan.progress import Report, build_report


def _catalog(root: Path, **kwargs: Any) -> Catalog:
    catalog = report_fixture.write(root, **kwargs)
    return load_paths([catalog], resolve_config([catalog], None))


def _report(catalog: Catalog, on: str, by: str = "unit") -> Report:
    return build_report(catalog, shipped_plan(catalog.config), date.fromisoformat(on), by)


def _milestone(report: Report, ident: str) -> str:
    return next(s.status for s in report.milestones if s.milestone.id == ident)


def test_counts_follow_dated_events(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    early = _report(catalog, "2024-04-01").total
    assert (early.procedures, early.internal, early.published, early.reviewed) == (5, 4, 3, 0)
    later = _report(catalog, "2024-10-01").total
    assert (later.published, later.reviewed, later.approved, later.proposed) == (4, 2, 2, 0)
    middle = _report(catalog, "2024-07-01").total
    assert (middle.approved, middle.proposed) == (1, 1)


def test_as_of_flips_a_milestone(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    # hcm-approved-25: ≥25% of internal procedures with an approved plan before 2025-01-01.
    assert _milestone(_report(catalog, "2024-05-31"), "hcm-approved-25") == "pending"
    assert _milestone(_report(catalog, "2024-06-01"), "hcm-approved-25") == "met"
    # province-published: 100% published before 2024-07-01; 6.000003's decision is dated
    # 2024-08-01, which does not show it was unpublished before (it may have replaced an earlier
    # decision): no evidence either way, never met and never "missed".
    for day in ("2024-03-01", "2024-06-15", "2024-07-01", "2026-01-01"):
        assert _milestone(_report(catalog, day), "province-published") == "no_evidence"
    # province-reviewed-100: plans of 2 of 4 internal procedures, dated 2024-05-01.
    assert _milestone(_report(catalog, "2024-03-01"), "province-reviewed-100") == "pending"
    assert _milestone(_report(catalog, "2024-10-01"), "province-reviewed-100") == "at_risk"
    assert _milestone(_report(catalog, "2024-11-01"), "province-reviewed-100") == "missed"
    # after the plan's period (31/12/2025) the report is a closing report: "not met"
    closing = _report(catalog, "2026-01-01")
    assert closing.closing
    assert _milestone(closing, "province-reviewed-100") == "not_met"


def test_count_cut_as_is_configurable(tmp_path: Path) -> None:
    strict = _report(_catalog(tmp_path / "a"), "2024-10-01")
    loose = _report(
        _catalog(tmp_path / "b", chosen={"count_cut_as": "abolished_merged_or_simplified"}),
        "2024-10-01",
    )
    assert strict.count_cut_as == "abolished_or_merged" and strict.total.cut_planned == 1
    assert loose.count_cut_as == "abolished_merged_or_simplified" and loose.total.cut_planned == 2


def test_cost_and_time_cut(tmp_path: Path) -> None:
    total = _report(_catalog(tmp_path), "2024-10-01").total
    # 4 internal procedures at 4 h × 50,000 × 10 = 2,000,000 each; after: 0 and 2 h.
    assert total.cost.before == 8_000_000 and total.cost.after == 5_000_000
    assert total.cost_cut_share == pytest.approx(37.5)
    assert total.time_cut_days == 4 and total.time_cut_hours == 32


def test_no_hourly_value_means_cost_not_computed(tmp_path: Path) -> None:
    report = _report(_catalog(tmp_path, hourly=False), "2024-10-01")
    assert report.hourly is None
    assert report.total.cost.before is None and report.total.cost_cut_share is None


def test_unit_without_plan_has_zero_shares(tmp_path: Path) -> None:
    report = _report(_catalog(tmp_path), "2024-10-01")
    tu_phap = next(g for g in report.groups if g.key == "so-tu-phap")
    assert (tu_phap.procedures, tu_phap.reviewed, tu_phap.reviewed_share) == (1, 0, 0)
    assert tu_phap.cost_cut_share == 0


def test_empty_catalog(tmp_path: Path) -> None:
    catalog_dir = make_catalog(tmp_path, {})
    catalog = load_paths([catalog_dir], resolve_config([catalog_dir], None))
    report = _report(catalog, "2024-10-01")
    assert report.total.procedures == 0 and report.groups == ()
    assert report.total.published_share is None
    # the ministries' milestones are outside a province's assessment, the others have no procedure
    assert {s.status for s in report.milestones} == {"not_applicable", "outside_scope"}


def test_catalog_without_internal_procedures(tmp_path: Path) -> None:
    catalog_dir = make_catalog(tmp_path, {"2.001219.yaml": procedure()})
    catalog = load_paths([catalog_dir], resolve_config([catalog_dir], None))
    report = _report(catalog, "2024-10-01", by="kind")
    assert [g.key for g in report.groups] == ["public"]
    # the ministries' milestones are outside a province's assessment, the others have no procedure
    assert {s.status for s in report.milestones} == {"not_applicable", "outside_scope"}


def test_plan_choice_overrides_conflicting_due_date(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, chosen={"choices": {"plan-approved-50": "2024-10-01"}})
    milestone = next(
        m for m in shipped_plan(catalog.config).milestones if m.id == "plan-approved-50"
    )
    assert milestone.due == date(2024, 10, 1) and milestone.due_basis == "choice"
    default = next(
        m
        for m in shipped_plan(_catalog(tmp_path / "d").config).milestones
        if m.id == "plan-approved-50"
    )
    assert default.due == date(2024, 1, 1) and default.due_basis == "default"


PLAN_TEXT = (
    "id: x\ntitle: T\ninstruments: [{number: '1/QĐ', title: T, sources: [u]}]\n"
    "period: {start: '2022-01-01', end: '2025-12-31'}\nmilestones:\n"
    "  - {id: a, title: A, measure: reviewed_share, target: 50, quote: q, sources: [u],"
    " due_options: [{due: '2024-01-01', sources: [u]}, {due: '2024-10-01', sources: [v]}],"
    " default_due: '2024-10-01', conflict_note: n}\n"
)


def test_parse_plan_accepts_the_documented_shape(tmp_path: Path) -> None:
    config = _catalog(tmp_path, chosen={"name": "x"}).config
    plan = parse_plan(parse_yaml(PLAN_TEXT.encode("utf-8"), "plan.yaml").data, config)
    # the config's extra milestones join its default plan (plan.name) only
    assert [m.id for m in plan.milestones] == ["a", "hcm-approved-25"]
    assert plan.milestones[0].due == date(2024, 10, 1)
    assert plan.milestones[0].sources == ("u", "v")
    other = _catalog(tmp_path / "other").config
    alone = parse_plan(parse_yaml(PLAN_TEXT.encode(), "p").data, other)
    assert [m.id for m in alone.milestones] == ["a"]


def _baseline_pair(tmp_path: Path) -> tuple[Catalog, BaselineCatalog]:
    """The fixture at a revision ("then") and the catalog now, 6.000004 removed since."""
    then = _catalog(tmp_path / "then")
    now_dir = report_fixture.write(tmp_path / "now", chosen=None)
    for file in now_dir.rglob("6.*.yaml"):
        file.unlink()
    for rel, data in report_fixture.procedures_changed_since().items():
        (now_dir / rel).write_text(dump(data), encoding="utf-8")
    now = load_paths([now_dir], resolve_config([now_dir], None))
    return now, BaselineCatalog("v1", "0" * 40, then)


def test_baseline_catalog_is_the_before_of_every_measure(tmp_path: Path) -> None:
    now, then = _baseline_pair(tmp_path)
    plan = shipped_plan(now.config)
    total = build_report(now, plan, date(2024, 10, 1), "unit", then).total
    # before = 4 internal procedures at the revision; cut = 6.000001 (abolish, approved) and
    # 6.000004 (gone since: abolished); 6.000005 is new, so neither its plan nor its cost counts.
    assert (total.baseline_procedures, total.removed, total.without_before) == (4, 1, 1)
    assert (total.cut_planned, total.cut_done) == (2, 1)
    assert total.procedures_cut_share == 50
    # cost (4 h × 50,000 × 10 each): 6.000001 → 0, 6.000002 → 2 h, 6.000004 gone → 0;
    # 6.000003 was edited to 2 h with no plan and no new legal basis: a correction, not a cut;
    # 2.001219 is public: not in the cost against the 20% target at all.
    assert (total.cost.before, total.cost.after) == (8_000_000, 3_000_000)
    assert (total.cost.counted, total.cost.not_computed) == (4, 0)
    # time: 5 procedures with 5 working days then; now 3, 3, 5 (corrected: as before), 5, 0.
    assert (total.time_counted, total.time_before_days, total.time_after_days) == (5, 25, 16)
    recorded = build_report(now, plan, date(2024, 10, 1), "unit").total
    # recorded baselines do not see the correction of 6.000003 either, and count 6.000005's plan
    assert recorded.baseline_procedures is None
    assert (recorded.cost.before, recorded.cost.after) == (8_000_000, 3_500_000)
    assert recorded.procedures_cut_share == 25  # 1 of the 4 internal procedures now


def test_baseline_groups_removed_procedures_where_they_were(tmp_path: Path) -> None:
    now, then = _baseline_pair(tmp_path)
    report = build_report(now, shipped_plan(now.config), date(2024, 10, 1), "unit", then)
    tu_phap = next(g for g in report.groups if g.key == "so-tu-phap")
    assert (tu_phap.procedures, tu_phap.baseline_procedures, tu_phap.removed) == (0, 1, 1)
    assert tu_phap.procedures_cut_share == 100 and tu_phap.cost_cut_share == 100
    assert report.baseline is then


def test_baseline_changes_the_cut_milestone(tmp_path: Path) -> None:
    now, then = _baseline_pair(tmp_path)
    plan = shipped_plan(now.config)

    def cut(baseline: BaselineCatalog | None) -> float | None:
        report = build_report(now, plan, date(2024, 10, 1), "unit", baseline)
        return next(
            s.value for s in report.milestones if s.milestone.id == "province-procedures-cut-20"
        )

    assert cut(None) == 25  # 6.000001 of the 4 internal procedures now
    assert cut(then) == 50  # 6.000001 and the removed 6.000004 of the 4 internal then


def test_a_cut_public_procedure_is_not_counted_against_the_20_percent_targets(
    tmp_path: Path,
) -> None:
    # so-xay-dung holds 6.000001 (abolished), 6.000002, 6.000003 and the public 2.001219, which
    # here is abolished too and has compliance inputs: neither its cut nor its cost may count.
    procedures = report_fixture.procedures()
    public = procedures["public/2.001219.yaml"]
    public["compliance"] = {
        "hours": 40,
        "other_costs": 0,
        "frequency_per_year": 1,
        "subjects_per_year": 10,
    }
    public["simplification"] = {
        "plan": {
            "status": "implemented",
            "outcome": "abolish",
            "decision": {"number": "9/QĐ-UBND", "date": "2024-06-01"},
        }
    }
    root = make_catalog(
        tmp_path, procedures, config={"cost": {"hourly_value": [report_fixture.HOURLY]}}
    )
    catalog = load_paths([root], resolve_config([root], None))
    report = _report(catalog, "2024-10-01")
    xay_dung = next(g for g in report.groups if g.key == "so-xay-dung")
    assert (xay_dung.procedures, xay_dung.internal) == (4, 3)
    assert (xay_dung.cut_planned, xay_dung.cut_done) == (1, 0)  # 6.000001 only
    assert xay_dung.procedures_cut_share == pytest.approx(100 / 3)  # of the 3 internal ones
    # 3 internal procedures at 2,000,000 each; after: 0, 1,000,000 (2 h) and 2,000,000
    assert (xay_dung.cost.before, xay_dung.cost.after) == (6_000_000, 3_000_000)
    assert (xay_dung.cost.counted, xay_dung.cost.not_computed) == (3, 0)
    total = report.total
    assert (total.cut_planned, total.procedures_cut_share) == (1, 25)
    assert total.cost.before == 8_000_000
    public_only = next(
        g for g in _report(catalog, "2024-10-01", by="kind").groups if g.key == "public"
    )
    assert (public_only.cut_planned, public_only.procedures_cut_share) == (0, None)
    assert public_only.cost.before is None and public_only.cost_cut_share is None


def test_an_illustrative_plan_counts_toward_no_figure(tmp_path: Path) -> None:
    # 6.000004's plan is an illustration (implemented abolition, dated): counted apart only.
    report = _report(_catalog(tmp_path), "2024-10-01")
    total = report.total
    assert total.illustrative == 1 and report.illustrative_codes == ("6.000004",)
    assert (total.reviewed, total.submitted, total.approved, total.implemented) == (2, 2, 2, 0)
    assert total.cut_planned == 1 and total.cut_undated == 0
    assert total.cost.after == 5_000_000  # its cost stays as it was
    tally = total.tally("plan_implemented_share")
    assert (tally.counted, tally.without_evidence) == (0, 0)
    group = next(g for g in report.groups if g.key == "so-tu-phap")
    assert (group.illustrative, group.reviewed, group.procedures_cut_share) == (1, 0, 0)

"""Progress on a date: dated events, two ways of counting cuts, milestones flipping with as-of."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests import report_fixture
from tests.helpers import make_catalog, procedure
from tthc_cli.loader import load_paths, load_plan, resolve_config
from tthc_cli.milestones import parse_plan
from tthc_cli.model import Catalog
from tthc_cli.progress import Report, build_report
from tthc_cli.yamlsafe import parse_yaml


def _catalog(root: Path, **kwargs: Any) -> Catalog:
    catalog = report_fixture.write(root, **kwargs)
    return load_paths([catalog], resolve_config([catalog], None))


def _report(catalog: Catalog, on: str, by: str = "unit") -> Report:
    return build_report(catalog, load_plan(catalog.config), date.fromisoformat(on), by)


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
    # province-published: 100% published before 2024-07-01; 6.000003 is published on 2024-08-01.
    assert _milestone(_report(catalog, "2024-03-01"), "province-published") == "pending"
    assert _milestone(_report(catalog, "2024-06-15"), "province-published") == "at_risk"
    assert _milestone(_report(catalog, "2024-07-01"), "province-published") == "missed"


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
    assert {s.status for s in report.milestones} == {"not_applicable"}


def test_catalog_without_internal_procedures(tmp_path: Path) -> None:
    catalog_dir = make_catalog(tmp_path, {"2.001219.yaml": procedure()})
    catalog = load_paths([catalog_dir], resolve_config([catalog_dir], None))
    report = _report(catalog, "2024-10-01", by="kind")
    assert [g.key for g in report.groups] == ["public"]
    assert {s.status for s in report.milestones} == {"not_applicable"}


def test_plan_choice_overrides_conflicting_due_date(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, chosen={"choices": {"plan-approved-50": "2024-10-01"}})
    milestone = next(m for m in load_plan(catalog.config).milestones if m.id == "plan-approved-50")
    assert milestone.due == date(2024, 10, 1) and milestone.due_basis == "choice"
    default = next(
        m
        for m in load_plan(_catalog(tmp_path / "d").config).milestones
        if m.id == "plan-approved-50"
    )
    assert default.due == date(2024, 1, 1) and default.due_basis == "default"


def test_parse_plan_accepts_the_documented_shape(tmp_path: Path) -> None:
    config = _catalog(tmp_path).config
    text = (
        "id: x\ntitle: T\ndecision: {number: '1/QĐ'}\ntargets: {procedures_cut_percent: 20,"
        " cost_cut_percent: 20}\nmilestones:\n  - {id: a, title: A, measure: reviewed_share,"
        " target: 50, due_options: [{due: '2024-01-01'}, {due: '2024-10-01'}],"
        " default_due: '2024-10-01', conflict_note: n}\n"
    )
    plan = parse_plan(parse_yaml(text.encode("utf-8"), "plan.yaml").data, config)
    assert [m.id for m in plan.milestones] == ["a", "hcm-approved-25"]
    assert plan.milestones[0].due == date(2024, 10, 1)

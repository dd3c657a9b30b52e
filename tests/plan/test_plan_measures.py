"""Each shipped plan's measures on a small catalog: qd-1085 (submitted vs approved, the province's
own publication) and nq-66 (time and cost against 31/12/2024, business conditions, online
end-to-end, regardless of administrative boundaries)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tests.helpers import make_catalog, procedure
from tthc_cli.cli._common import shipped_plan
from tthc_cli.config import PlanSettings
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.load.plan_file import shipped_plans
from tthc_cli.model import Catalog
from tthc_cli.plan.milestones import available, find
from tthc_cli.plan.progress import Report, build_report

HOURLY = {"amount": 50000, "from": "2022-01-01", "source": "Giá trị thử nghiệm cho kiểm thử"}
PEOPLE = {"other_costs": 0, "frequency_per_year": 1, "subjects_per_year": 10}


def _load(root: Path, procedures: dict[str, Any], **config: Any) -> Catalog:
    catalog = make_catalog(root, procedures, config={"cost": {"hourly_value": [HOURLY]}, **config})
    return load_paths([catalog], resolve_config([catalog], None))


def _plan(ident: str, catalog: Catalog) -> Any:
    config = catalog.config
    return find(ident, available(shipped_plans(config.plan, config.limits), catalog.plans))


def _status(report: Report, ident: str) -> Any:
    return next(s for s in report.milestones if s.milestone.id == ident)


def _business(code: str, days: int, hours: float, **extra: Any) -> dict[str, Any]:
    """A business-related public procedure with its state in force on 31/12/2024."""
    data = procedure(code, business_related=True, compliance={"hours": hours, **PEOPLE})
    data["simplification"] = {
        "baselines": [
            {
                "as_of": "2024-12-31",
                "source": "Quyết định công bố số 1/QĐ-UBND (thử nghiệm)",
                "time": {"value": 10, "unit": "working_days"},
                "compliance": {"hours": 4, **PEOPLE},
            }
        ],
        "plan": {
            "status": "implemented",
            "outcome": "simplify",
            "decision": {"number": "2/QĐ-UBND", "date": "2025-06-01"},
            "implemented_on": "2025-07-01",
        },
        "target": {
            "time": {"value": days, "unit": "working_days"},
            "compliance": {"hours": hours, **PEOPLE},
        },
    }
    data.update(extra)
    return data


def test_nq66_time_and_cost_against_the_state_in_force_on_31_12_2024(tmp_path: Path) -> None:
    catalog = _load(
        tmp_path,
        {
            "a.yaml": _business("1.000001", 5, 2),  # 10 → 5 days, 4 → 2 hours
            "b.yaml": _business("1.000002", 8, 3),  # 10 → 8 days, 4 → 3 hours
        },
    )
    plan = _plan("nq-66", catalog)
    report = build_report(catalog, plan, date(2026, 12, 4), "unit")
    time_2025 = _status(report, "time-cut-30-2025")
    # measured on 31/12/2025: (20 − 13) / 20 = 35% ≥ 30%
    assert time_2025.status == "met" and round(time_2025.value, 2) == 35
    assert (time_2025.counted, time_2025.without_evidence) == (2, 0)
    assert _status(report, "time-cut-50-2026").status == "at_risk"  # 35% < 50%, due 1/1/2027
    cost = _status(report, "cost-cut-30-2025")  # fee 0; (8 − 5) / 8 hours = 37.5%
    assert cost.status == "met" and round(cost.value, 2) == 37.5
    before_plan = build_report(catalog, plan, date(2025, 5, 31), "unit")
    assert _status(before_plan, "time-cut-30-2025").value == 0  # the decision is dated 1/6/2025


def test_nq66_without_a_2024_state_is_no_evidence(tmp_path: Path) -> None:
    data = _business("1.000001", 5, 2)
    data["simplification"]["baselines"][0]["as_of"] = "2026-11-23"  # read after the base day
    catalog = _load(tmp_path, {"a.yaml": data})
    report = build_report(catalog, _plan("nq-66", catalog), date(2026, 12, 4), "unit")
    for ident in ("time-cut-30-2025", "cost-cut-30-2025", "time-cut-50-2026"):
        status = _status(report, ident)
        assert status.status == "no_evidence" and status.value is None, ident
        assert (status.counted, status.without_evidence) == (0, 1)


def test_nq66_business_conditions_online_and_location(tmp_path: Path) -> None:
    conditions = [
        {"text": "Có vốn pháp định", "cut": {"outcome": "abolish", "decision": "3/NĐ-CP",
                                             "date": "2025-08-01"}},
        {"text": "Có chứng chỉ hành nghề", "cut": {"outcome": "simplify"}},  # undated
        {"text": "Có trụ sở"},
    ]  # fmt: skip
    online = [
        {"channel": "online", "online_service": "full", "fee": {"amount": 0}},
        {"channel": "direct", "fee": {"amount": 0}},
    ]
    data = _business(
        "1.000001",
        5,
        2,
        business_conditions=conditions,
        channels=online,
        location_independent={"within": "province", "decision": "4/QĐ-UBND", "date": "2025-05-01"},
    )
    other = procedure(
        "1.000002",
        subjects=["Doanh nghiệp"],
        channels=[{"channel": "online", "fee": {"amount": 0}}],  # level not stated: unknown
        location_independent={"within": "none"},
    )
    catalog = _load(
        tmp_path,
        {"a.yaml": data, "b.yaml": other},
        plan={"business_related": {"subjects": ["Doanh nghiệp"], "reason": "Thử nghiệm"}},
    )
    report = build_report(catalog, _plan("nq-66", catalog), date(2026, 12, 4), "unit")
    abolished = _status(report, "conditions-abolished-30-2025")
    assert round(abolished.value, 2) == 33.33 and abolished.status == "met"
    assert (abolished.counted, abolished.without_evidence) == (1, 1)
    online_status = _status(report, "online-100-2025")
    # 1.000001's source was read on 23/11/2026: no evidence it was end-to-end during 2025
    assert online_status.status == "no_evidence" and online_status.population == 2
    where = _status(report, "location-independent-100-2025")
    assert (where.counted, where.population, where.status) == (1, 2, "missed")


def test_qd1085_measures_submission_where_the_text_says_trinh(tmp_path: Path) -> None:
    plan = {
        "status": "submitted",
        "outcome": "simplify",
        "submitted": {"number": "5/TTr-BXD", "date": "2023-09-15"},
    }
    data = procedure(
        "6.000001",
        kind="internal",
        internal_scope="between_agencies",
        levels=["ministry"],
        simplification={"plan": plan},
    )
    catalog = _load(tmp_path, {"a.yaml": data})
    # a ministry's catalog: its own milestones are judged
    plan = shipped_plan(catalog.config)
    report = build_report(catalog, plan, date(2023, 9, 30), "unit", own_level="ministry")
    assert _status(report, "priority-fields-plan").status == "met"  # submitted on time
    assert _status(report, "plan-approved-100").value == 0  # not approved
    # a province's catalog (the default): the ministries' milestones are not its to meet
    city = build_report(catalog, plan, date(2023, 9, 30), "unit")
    outside = _status(city, "priority-fields-plan")
    assert (outside.status, outside.value, outside.outside_reason) == (
        "outside_scope",
        None,
        "assigned_to_ministries",
    )
    assert _status(city, "province-reviewed-100").outside_reason is None


def test_qd1085_province_milestone_counts_the_province_decision_only(tmp_path: Path) -> None:
    def internal(code: str, level: str) -> dict[str, Any]:
        return procedure(
            code,
            kind="internal",
            internal_scope="between_agencies",
            publication={"decision": "1/QĐ-X", "date": "2024-05-01", "issuer_level": level},
        )

    catalog = _load(
        tmp_path,
        {"a.yaml": internal("6.000001", "ministry"), "b.yaml": internal("6.000002", "province")},
    )
    report = build_report(catalog, shipped_plan(catalog.config), date(2024, 6, 1), "unit")
    status = _status(report, "province-published")
    assert (status.value, status.counted, status.without_evidence) == (50, 1, 0)
    assert status.status == "at_risk"


def test_plans_are_found_by_id_and_a_catalog_plan_wins(tmp_path: Path) -> None:
    shipped = shipped_plans(PlanSettings(), __import__("tthc_cli.config").config.Limits())
    assert {p.id for p in shipped} == {"qd-1085", "nq-66"}
    nq66 = next(p for p in shipped if p.id == "nq-66")
    targets = {(m.id, m.target) for m in nq66.milestones}
    assert {("time-cut-30-2025", 30), ("cost-cut-30-2025", 30)} <= targets
    assert {("time-cut-50-2026", 50), ("cost-cut-50-2026", 50)} <= targets
    assert nq66.baseline_date == date(2024, 12, 31)
    assert all(m.quote and m.sources for p in shipped for m in p.milestones)
    assert find("plan-1085", available(shipped, ())).id == "qd-1085"  # the old name

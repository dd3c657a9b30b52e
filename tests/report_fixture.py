"""A small catalog with dated plan events, shared by the progress and report tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import procedure

HOSTILE_NAME = '=HYPERLINK("http://evil.example","x")'
HOURLY = {"amount": 50000, "from": "2022-01-01", "source": "Giá trị thử nghiệm cho kiểm thử"}
EXTRA_MILESTONE = {
    "id": "hcm-approved-25",
    "title": "Ít nhất 25% TTHC nội bộ có phương án được phê duyệt",
    "due": "2025-01-01",
    "measure": "plan_approved_share",
    "target": 25,
    "source": "Kiểm thử",
}


ILLUSTRATIVE_PLAN = {
    "status": "implemented",
    "outcome": "abolish",
    "proposed_on": "2024-04-01",
    "submitted": {"date": "2024-04-15"},
    "decision": {"number": "9/QĐ-UBND", "date": "2024-05-01"},
    "implemented_on": "2024-05-15",
    "illustrative": True,
}


def _compliance(hours: float) -> dict[str, Any]:
    return {"hours": hours, "other_costs": 0, "frequency_per_year": 1, "subjects_per_year": 10}


def internal(
    code: str,
    published: str | None,
    plan: dict[str, Any] | None = None,
    unit: str = "so-xay-dung",
    name: str = "Thủ tục nội bộ thử nghiệm",
    target_hours: float | None = None,
) -> dict[str, Any]:
    data = procedure(
        code,
        kind="internal",
        internal_scope="between_agencies",
        name=name,
        units={"implementing": [unit]},
        compliance=_compliance(4),
        field=name if name == HOSTILE_NAME else "Tổ chức cán bộ",
    )
    if published:
        data["publication"] = {
            "decision": "1/QĐ-UBND",
            "date": published,
            "issuer_level": "province",
        }
    simplification: dict[str, Any] = {
        "baseline": {"time": {"value": 5, "unit": "working_days"}, "compliance": _compliance(4)},
    }
    if plan is not None:
        simplification["plan"] = plan
        if target_hours is not None:
            simplification["target"] = {
                "time": {"value": 3, "unit": "working_days"},
                "compliance": _compliance(target_hours),
            }
    data["simplification"] = simplification
    return data


def procedures() -> dict[str, Any]:
    return {
        "internal/6.000001.yaml": internal(
            "6.000001",
            "2024-03-01",
            {
                "status": "approved",
                "outcome": "abolish",
                "proposed_on": "2024-05-01",
                "decision": {"number": "2/QĐ-UBND", "date": "2024-06-01"},
            },
            target_hours=0,
            name=HOSTILE_NAME,
        ),
        "internal/6.000002.yaml": internal(
            "6.000002",
            "2024-03-01",
            {
                "status": "approved",
                "outcome": "simplify",
                "proposed_on": "2024-05-01",
                "decision": {"number": "3/QĐ-UBND", "date": "2024-09-01"},
            },
            target_hours=2,
        ),
        "internal/6.000003.yaml": internal("6.000003", "2024-08-01"),
        # an illustration: an example plan, evidence of nothing, counted toward no figure
        "internal/6.000004.yaml": internal(
            "6.000004", "2024-03-01", ILLUSTRATIVE_PLAN, unit="so-tu-phap", target_hours=0
        ),
        "public/2.001219.yaml": procedure(),
    }


def write(
    root: Path, hourly: bool = True, extra: bool = True, chosen: dict[str, Any] | None = None
) -> Path:
    from tests.helpers import make_catalog

    config: dict[str, Any] = {}
    if hourly:
        config["cost"] = {"hourly_value": [HOURLY]}
    if extra:
        config["plan"] = {"extra_milestones": [EXTRA_MILESTONE]}
    if chosen:
        config["plan"] = {**config.get("plan", {}), **chosen}
    return make_catalog(root, procedures(), config=config)


def procedures_changed_since() -> dict[str, Any]:
    """The fixture catalog some time later: 6.000004 removed; 6.000003 edited directly (2 h, 4
    working days, no plan); 6.000005 added with an approved simplification plan."""
    changed = procedures()
    del changed["internal/6.000004.yaml"]
    edited = changed["internal/6.000003.yaml"]
    edited["compliance"] = _compliance(2)
    edited["channels"][0]["time"] = {"value": 4, "unit": "working_days"}
    changed["internal/6.000005.yaml"] = internal(
        "6.000005",
        "2024-03-01",
        {
            "status": "approved",
            "outcome": "simplify",
            "proposed_on": "2024-05-01",
            "decision": {"number": "4/QĐ-UBND", "date": "2024-06-01"},
        },
        target_hours=1,
    )
    return changed

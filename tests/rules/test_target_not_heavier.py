from pathlib import Path
from typing import Any

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of


def _simplification(baseline: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
    return procedure(
        simplification={
            "baseline": baseline,
            "plan": {"status": "proposed", "outcome": "simplify"},
            "target": target,
        }
    )


def test_lighter_target_passes(tmp_path: Path) -> None:
    data = _simplification(
        {"time": {"value": 10, "unit": "working_days"}, "steps": 5, "fee": {"amount": 50000}},
        {"time": {"value": 7, "unit": "working_days"}, "steps": 4, "fee": {"amount": 0}},
    )
    assert findings_of(tmp_path, "target-not-heavier", {"2.001219.yaml": data}) == []


def test_one_finding_per_heavier_measure(tmp_path: Path) -> None:
    data = _simplification(
        {
            "time": {"value": 10, "unit": "working_days"},
            "steps": 5,
            "components": 3,
            "compliance": {"hours": 4, "other_costs": 10000},
        },
        {
            "time": {"value": 12, "unit": "working_days"},
            "steps": 6,
            "components": 3,
            "compliance": {"hours": 5, "other_costs": 10000},
        },
    )
    found = findings_of(tmp_path, "target-not-heavier", {"2.001219.yaml": data})
    assert sorted(str(f.arg_map["measure"]) for f in found) == ["compliance-hours", "steps", "time"]
    time = next(f for f in found if f.arg_map["measure"] == "time")
    assert (time.arg_map["baseline"], time.arg_map["target"]) == ("10", "12")
    assert time.line == line_of(tmp_path, "value: 12")


def test_time_in_other_units_compares_in_working_days(tmp_path: Path) -> None:
    # 7 calendar days hold at most 5 working days: certainly not longer than 10 working days.
    data = _simplification(
        {"time": {"value": 10, "unit": "working_days"}},
        {"time": {"value": 7, "unit": "calendar_days"}},
    )
    assert findings_of(tmp_path, "target-not-heavier", {"2.001219.yaml": data}) == []
    data = _simplification(
        {"time": {"value": 16, "unit": "working_hours"}},
        {"time": {"value": 3, "unit": "working_days"}},
    )
    (finding,) = findings_of(tmp_path / "b", "target-not-heavier", {"2.001219.yaml": data})
    assert finding.arg_map["target_unit"] == "@steps-fit-total.unit.working_days"


def test_unknown_fee_is_not_compared(tmp_path: Path) -> None:
    data = _simplification({"fee": {"unknown": True}}, {"fee": {"amount": 100000}})
    assert findings_of(tmp_path, "target-not-heavier", {"2.001219.yaml": data}) == []
    data = _simplification({"fee": {"amount": 0}}, {"fee": {"amount": 100000}})
    (finding,) = findings_of(tmp_path / "b", "target-not-heavier", {"2.001219.yaml": data})
    assert finding.arg_map["measure"] == "fee"

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of


def _plan(**plan: Any) -> dict[str, Any]:
    return procedure(simplification={"plan": {"outcome": "simplify", **plan}})


@pytest.mark.parametrize("status", ["proposed", "rejected"])
def test_undecided_plan_needs_no_decision(tmp_path: Path, status: str) -> None:
    assert findings_of(tmp_path, "plan-decision", {"2.001219.yaml": _plan(status=status)}) == []


def test_approved_plan_with_decision_passes(tmp_path: Path) -> None:
    data = _plan(status="approved", decision={"number": "4324/QĐ-UBND", "date": "2025-10-01"})
    assert findings_of(tmp_path, "plan-decision", {"2.001219.yaml": data}) == []


def test_implemented_plan_without_decision_fails_per_part(tmp_path: Path) -> None:
    found = findings_of(tmp_path, "plan-decision", {"2.001219.yaml": _plan(status="implemented")})
    assert sorted(str(f.arg_map["part"]) for f in found) == ["date", "number"]
    # The plan mapping starts on the line of its first key, right under "plan:".
    assert {f.line for f in found} == {line_of(tmp_path, "plan:") + 1}


def test_approved_plan_missing_date_fails(tmp_path: Path) -> None:
    data = _plan(status="approved", decision={"number": "4324/QĐ-UBND"})
    (finding,) = findings_of(tmp_path, "plan-decision", {"2.001219.yaml": data})
    assert finding.arg_map["part"] == "date"
    assert finding.arg_map["status"] == "approved"

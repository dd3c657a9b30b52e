from pathlib import Path
from typing import Any

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of
from tthc_cli.messages import render


def _with_consult(**step: Any) -> dict[str, Any]:
    data = procedure()
    data["steps"].insert(
        2,
        {
            "id": "lay-y-kien",
            "kind": "consult",
            "action": "Lấy ý kiến",
            "lead": "so-xay-dung",
            **step,
        },
    )
    return data


def test_specific_units_with_deadline_pass(tmp_path: Path) -> None:
    data = _with_consult(
        consulted=["so-tu-phap"], response_deadline={"value": 5, "unit": "working_days"}
    )
    assert findings_of(tmp_path, "consult-specific", {"2.001219.yaml": data}) == []


def test_no_units_quotes_directive_and_text(tmp_path: Path) -> None:
    data = _with_consult(
        consulted_text="các sở, ngành liên quan",
        response_deadline={"value": 5, "unit": "working_days"},
    )
    (finding,) = findings_of(tmp_path, "consult-specific", {"2.001219.yaml": data})
    assert finding.message == "consult-specific.text"
    assert finding.item == "steps/lay-y-kien"
    assert finding.line == line_of(tmp_path, "id: lay-y-kien")
    message = render(finding.message, finding.arg_map)
    assert "chỉ lấy ý kiến các cơ quan liên quan trực tiếp" in message
    assert "các sở, ngành liên quan" in message


def test_group_unit_and_missing_deadline_fail_separately(tmp_path: Path) -> None:
    data = _with_consult(consulted=["cac-so-nganh"])
    found = findings_of(tmp_path, "consult-specific", {"2.001219.yaml": data})
    assert sorted(f.message for f in found) == [
        "consult-specific.group",
        "consult-specific.no-deadline",
    ]
    group = next(f for f in found if f.message == "consult-specific.group")
    assert group.arg_map["unit"] == "cac-so-nganh"
    assert group.line == line_of(tmp_path, "cac-so-nganh")


def test_role_filled_by_one_agency_is_specific(tmp_path: Path) -> None:
    units = {
        "units": {
            "so-xay-dung": {"name": "Sở Xây dựng", "kind": "department", "level": "province"},
            "ubnd-cap-tinh": {
                "name": "Ủy ban nhân dân cấp tỉnh",
                "kind": "people_committee",
                "level": "province",
                "generic": True,
            },
        }
    }
    data = _with_consult(
        consulted=["ubnd-cap-tinh"], response_deadline={"value": 5, "unit": "working_days"}
    )
    assert findings_of(tmp_path, "consult-specific", {"2.001219.yaml": data}, units) == []

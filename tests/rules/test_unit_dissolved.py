from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of

UNITS = {
    "units": {
        "so-xay-dung": {"name": "Sở Xây dựng", "kind": "department", "level": "province"},
        "so-gtcc": {
            "name": "Sở Giao thông công chánh",
            "kind": "department",
            "level": "province",
            "dissolved": "2025-03-01",
            "successor": "so-xay-dung",
        },
        "ubnd-quan-1": {
            "name": "Ủy ban nhân dân Quận 1",
            "kind": "people_committee",
            "level": "district",
            "dissolved": "2025-07-01",
        },
    }
}


def test_historical_procedure_may_name_dissolved_unit(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["ubnd-quan-1"]}, effective={"to": "2025-06-30"})
    assert findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, UNITS) == []


def test_current_procedure_naming_dissolved_unit_fails(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["ubnd-quan-1"]})
    (finding,) = findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, UNITS)
    assert finding.message == "unit-dissolved"
    assert finding.line == line_of(tmp_path, "ubnd-quan-1")
    assert finding.arg_map["dissolved"] == "2025-07-01"
    assert finding.arg_map["on"] == "2026-11-23"


def test_dissolved_on_the_day_it_applies_fails(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["ubnd-quan-1"]}, effective={"to": "2025-07-01"})
    assert len(findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, UNITS)) == 1


def test_successor_is_named(tmp_path: Path) -> None:
    data = procedure()
    data["steps"][1]["lead"] = "so-gtcc"
    (finding,) = findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, UNITS)
    assert finding.message == "unit-dissolved.successor"
    assert finding.arg_map["successor"] == "so-xay-dung"
    assert finding.item == "steps/tham-dinh"

from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of


def test_province_and_commune_pass(tmp_path: Path) -> None:
    data = procedure(levels=["province", "commune"])
    assert findings_of(tmp_path, "district-level", {"2.001219.yaml": data}) == []


def test_historical_district_procedure_passes(tmp_path: Path) -> None:
    data = procedure(levels=["district"], effective={"to": "2025-06-30"})
    assert findings_of(tmp_path, "district-level", {"2.001219.yaml": data}) == []


def test_current_district_procedure_fails(tmp_path: Path) -> None:
    data = procedure(levels=["province", "district"])
    (finding,) = findings_of(tmp_path, "district-level", {"2.001219.yaml": data})
    assert finding.line == line_of(tmp_path, "levels:")
    assert finding.arg_map == {"ended": "2025-07-01", "on": "2026-11-23"}


def test_as_of_before_the_reform_passes(tmp_path: Path) -> None:
    data = procedure(levels=["district"])
    config = {"as_of": "2025-06-30"}
    assert findings_of(tmp_path, "district-level", {"2.001219.yaml": data}, config=config) == []

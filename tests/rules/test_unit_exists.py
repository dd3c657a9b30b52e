from pathlib import Path

from tests.helpers import make_catalog, procedure
from tests.rules.support import findings_of, line_of
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import load_config
from tthc_cli.rules.engine import validate


def test_registered_units_pass(tmp_path: Path) -> None:
    assert findings_of(tmp_path, "unit-exists") == []


def test_unknown_unit_suggests_closest_id(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["so-xay-dung-tp"]})
    (finding,) = findings_of(tmp_path, "unit-exists", {"2.001219.yaml": data})
    assert finding.message == "unit-exists.suggest"
    assert finding.arg_map["unit"] == "so-xay-dung-tp"
    assert finding.arg_map["suggestion"] == "so-xay-dung"
    assert finding.line == line_of(tmp_path, "so-xay-dung-tp")


def test_suggestion_matches_names_without_accents(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["so-tu-phap-thanh-pho"]})
    (finding,) = findings_of(tmp_path, "unit-exists", {"2.001219.yaml": data})
    assert finding.arg_map["suggestion"] == "so-tu-phap"


def test_unrelated_unit_has_no_suggestion(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["cuc-hang-khong"]})
    (finding,) = findings_of(tmp_path, "unit-exists", {"2.001219.yaml": data})
    assert finding.message == "unit-exists"
    assert finding.arg_map["role"] == "implementing"


def test_step_lead_reference_carries_item(tmp_path: Path) -> None:
    data = procedure()
    data["steps"][1]["lead"] = "so-xay-dug"
    (finding,) = findings_of(tmp_path, "unit-exists", {"2.001219.yaml": data})
    assert finding.item == "steps/tham-dinh"
    assert finding.arg_map["role"] == "lead"


def test_skipped_without_registry(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["khong-co"]})
    catalog = make_catalog(tmp_path, {"2.001219.yaml": data})
    (catalog / "units.yaml").unlink()
    result = validate(load_paths([catalog], load_config(tmp_path / "tthc.yaml")))
    assert [f.rule for f in result.findings] == ["units-registry-missing"]

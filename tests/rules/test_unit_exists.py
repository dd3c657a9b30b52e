from pathlib import Path
from typing import Any

from tests.helpers import UNITS, dump, make_catalog, procedure
from tests.rules.support import findings_of, line_of
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import load_config
from tthc_cli.messages import text
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


def _validate(tmp_path: Path, procedures: dict[str, Any], units: Any = None) -> list[Any]:
    catalog = make_catalog(tmp_path, procedures, units)
    return list(validate(load_paths([catalog], load_config(tmp_path / "tthc.yaml"))).findings)


def test_an_id_many_procedures_use_is_one_finding_with_the_count(tmp_path: Path) -> None:
    renamed = {"units": {**UNITS["units"]}}
    renamed["units"]["so-xay-dung-moi"] = renamed["units"].pop("so-xay-dung")
    procedures = {f"2.00000{i}.yaml": procedure(f"2.00000{i}") for i in range(1, 4)}
    (finding,) = [f for f in _validate(tmp_path, procedures, renamed) if f.rule == "unit-exists"]
    assert finding.message == "unit-exists.many.suggest"
    assert finding.arg_map == {
        "unit": "so-xay-dung",
        "procedures": 3,
        "uses": 9,  # implementing and two step leads in each
        "suggestion": "so-xay-dung-moi",
        "label": "Sở Xây dựng",
    }
    assert finding.file.endswith("2.000001.yaml")
    shown = text(finding.message, "vi", **finding.arg_map)
    assert "'so-xay-dung'" in shown and "3 thủ tục" in shown


def test_the_summed_finding_stands_in_the_files_the_run_is_about(tmp_path: Path) -> None:
    procedures = {f"2.00000{i}.yaml": procedure(f"2.00000{i}") for i in range(1, 4)}
    renamed = {"units": {k: v for k, v in UNITS["units"].items() if k != "so-xay-dung"}}
    catalog = load_paths(
        [make_catalog(tmp_path, procedures, renamed)], load_config(tmp_path / "tthc.yaml")
    )
    third = next(f for f in catalog.files if f.endswith("2.000003.yaml"))
    result = validate(catalog, only=frozenset({third}))
    (finding,) = [f for f in result.findings if f.rule == "unit-exists"]
    assert finding.file == third and finding.arg_map["procedures"] == 3


def test_a_registry_failing_its_schema_stops_the_unit_checks(tmp_path: Path) -> None:
    broken = {"units": {**UNITS["units"]}}
    broken["units"]["so-tu-phap"] = {**broken["units"]["so-tu-phap"], "kind": "departmen"}
    procedures = {
        f"2.00000{i}.yaml": procedure(f"2.00000{i}", units={"implementing": ["so-tu-phap"]})
        for i in range(1, 6)
    }
    found = _validate(tmp_path, procedures, broken)
    assert [(f.rule, Path(f.file).name) for f in found] == [
        ("units-registry-invalid", "units.yaml"),
        ("schema", "units.yaml"),
    ]
    assert found[0].arg_map["rules"] == "unit-dissolved, unit-exists, units-registry-consistent"


def test_registry_findings_come_before_the_procedures(tmp_path: Path) -> None:
    broken = dump(UNITS) + "units: {}\n"  # a duplicate key: an error in units.yaml
    catalog = make_catalog(tmp_path, {"2.000001.yaml": procedure("2.000001", name=None)})
    (catalog / "units.yaml").write_text(broken, encoding="utf-8")
    found = list(validate(load_paths([catalog], load_config(tmp_path / "tthc.yaml"))).findings)
    files = [Path(f.file).name for f in found]
    assert files[0] == "units.yaml" and "2.000001.yaml" in files
    assert files.index("2.000001.yaml") > max(i for i, n in enumerate(files) if n == "units.yaml")

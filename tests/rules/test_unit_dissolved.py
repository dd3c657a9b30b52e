from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of

UNITS = {
    "units": {
        "so-xay-dung": {"name": "Sở Xây dựng", "kind": "department", "level": "province"},
        "so-gtvt": {
            "name": "Sở Giao thông vận tải",
            "kind": "department",
            "level": "province",
            "dissolved": "2025-02-20",
            "renamed_to": "so-gtcc",
        },
        "so-gtcc": {
            "name": "Sở Giao thông công chánh",
            "kind": "department",
            "level": "province",
            "dissolved": "2025-05-01",
            "merged_into": "so-xay-dung",
        },
        "ubnd-tp": {"name": "UBND Thành phố", "kind": "people_committee", "level": "province"},
        "ubnd-cap-xa": {"name": "UBND cấp xã", "kind": "people_committee", "level": "commune"},
        "ubnd-quan-1": {
            "name": "Ủy ban nhân dân Quận 1",
            "kind": "people_committee",
            "level": "district",
            "dissolved": "2025-07-01",
            "split_into": ["ubnd-tp", "ubnd-cap-xa"],
        },
        "ban-cu": {
            "name": "Ban đã giải thể",
            "kind": "other",
            "level": "province",
            "dissolved": "2024-01-01",
        },
    }
}


def test_historical_procedure_may_name_dissolved_unit(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["ubnd-quan-1"]}, effective={"to": "2025-06-30"})
    assert findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, UNITS) == []


def test_split_unit_names_the_units_it_was_split_among(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["ubnd-quan-1"]})
    (finding,) = findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, UNITS)
    assert finding.message == "unit-dissolved.split"
    assert finding.line == line_of(tmp_path, "ubnd-quan-1")
    assert finding.arg_map["dissolved"] == "2025-07-01"
    assert finding.arg_map["on"] == "2026-11-23"
    assert "'ubnd-tp'" in str(finding.arg_map["successors"])
    assert "'ubnd-cap-xa'" in str(finding.arg_map["successors"])


def test_unit_ended_without_successor(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["ban-cu"]})
    (finding,) = findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, UNITS)
    assert finding.message == "unit-dissolved"


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


def test_two_step_chain_ends_at_todays_unit(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["so-gtvt"]})
    (finding,) = findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, UNITS)
    assert finding.message == "unit-dissolved.chain"
    assert finding.arg_map["successor"] == "so-xay-dung"
    assert finding.arg_map["chain"] == (
        "Sở Giao thông vận tải → Sở Giao thông công chánh → Sở Xây dựng"
    )


def test_chain_stops_at_the_day_the_procedure_applies(tmp_path: Path) -> None:
    data = procedure(units={"implementing": ["so-gtvt"]}, effective={"to": "2025-03-01"})
    (finding,) = findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, UNITS)
    assert finding.message == "unit-dissolved.successor"
    assert finding.arg_map["successor"] == "so-gtcc"


def test_successor_fields_need_a_date_and_only_one_kind(tmp_path: Path) -> None:
    from tests.helpers import make_catalog
    from tthc_cli.load.catalog import load_paths
    from tthc_cli.load.config_file import load_config

    bad = {
        "units": {
            "a": {"name": "A", "kind": "other", "level": "province", "merged_into": "b"},
            "b": {
                "name": "B",
                "kind": "other",
                "level": "province",
                "dissolved": "2025-01-01",
                "merged_into": "a",
                "renamed_to": "a",
            },
        }
    }
    catalog_dir = make_catalog(tmp_path, None, bad)
    catalog = load_paths([catalog_dir], load_config(tmp_path / "tthc.yaml"))
    messages = sorted(f.message for f in catalog.findings if f.rule == "schema")
    assert messages == ["schema.required", "schema.succession"]


def _with(unit_id: str, **fields: object) -> dict[str, object]:
    units: dict[str, dict[str, object]] = {k: dict(v) for k, v in UNITS["units"].items()}
    units[unit_id].update(fields)
    return {"units": units}


def test_a_successor_missing_from_the_registry_is_not_named(tmp_path: Path) -> None:
    # a mistyped successor id (units-registry-consistent reports it) is never shown as a unit
    units = _with("so-gtcc", merged_into="so-xay-dung-x")
    data = procedure(units={"implementing": ["so-gtcc"]})
    (finding,) = findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, units)
    assert finding.message == "unit-dissolved"
    assert "so-xay-dung-x" not in str(finding.arg_map)


def test_a_chain_through_a_successor_missing_from_the_registry_names_none(
    tmp_path: Path,
) -> None:
    units = _with("so-gtcc", merged_into="so-xay-dung-x")
    data = procedure(units={"implementing": ["so-gtvt"]})
    (finding,) = findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, units)
    assert finding.message == "unit-dissolved"
    assert "so-xay-dung-x" not in str(finding.arg_map)


def test_a_split_among_a_unit_missing_from_the_registry_names_none(tmp_path: Path) -> None:
    units = _with("ubnd-quan-1", split_into=["ubnd-tp", "ubnd-cap-xaa"])
    data = procedure(units={"implementing": ["ubnd-quan-1"]})
    (finding,) = findings_of(tmp_path, "unit-dissolved", {"2.001219.yaml": data}, units)
    assert finding.message == "unit-dissolved"
    assert "ubnd-cap-xaa" not in str(finding.arg_map)

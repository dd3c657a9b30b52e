"""``units-registry-consistent``: every id ``units.yaml`` names is a unit, on the right day."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import make_catalog
from tests.rules.support import findings_of
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import load_config
from tthc_cli.rules.engine import validate

RULE = "units-registry-consistent"

UNITS: dict[str, Any] = {
    "units": {
        "ubnd-tp": {"name": "UBND Thành phố", "kind": "people_committee", "level": "province"},
        "ubnd-cap-xa": {"name": "UBND cấp xã", "kind": "people_committee", "level": "commune"},
        "so-xay-dung": {
            "name": "Sở Xây dựng",
            "kind": "department",
            "level": "province",
            "parent": "ubnd-tp",
        },
        "so-tu-phap": {"name": "Sở Tư pháp", "kind": "department", "level": "province"},
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
            "established": "2025-02-20",
            "dissolved": "2025-05-01",
            "merged_into": "so-xay-dung",
        },
        "ubnd-quan-1": {
            "name": "Ủy ban nhân dân Quận 1",
            "kind": "people_committee",
            "level": "district",
            "dissolved": "2025-07-01",
            "split_into": ["ubnd-tp", "ubnd-cap-xa"],
        },
    }
}


def _units(**changes: dict[str, Any]) -> dict[str, Any]:
    """UNITS with some units' fields changed (a value None removes the field)."""
    units = copy.deepcopy(UNITS)
    for unit_id, fields in changes.items():
        entry = units["units"].setdefault(unit_id, {})
        for name, value in fields.items():
            if value is None:
                entry.pop(name, None)
            else:
                entry[name] = value
    return units


def _units_line(tmp_path: Path, text: str) -> tuple[int, int]:
    """(line, column) of the first ``text`` in the written units.yaml."""
    lines = (tmp_path / "catalog" / "units.yaml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


def test_a_consistent_registry_passes(tmp_path: Path) -> None:
    assert findings_of(tmp_path, RULE, units=UNITS) == []


@pytest.mark.parametrize(
    ("unit", "field", "typo", "meant"),
    [
        ("so-gtvt", "renamed_to", "so-gtcc-x", "so-gtcc"),
        ("so-gtcc", "merged_into", "so-xay-dungx", "so-xay-dung"),
        ("so-xay-dung", "parent", "ubnd-tpx", "ubnd-tp"),
    ],
)
def test_a_mistyped_id_is_found_where_it_is_written(
    tmp_path: Path, unit: str, field: str, typo: str, meant: str
) -> None:
    units = _units(**{unit: {field: typo}})
    (finding,) = findings_of(tmp_path, RULE, units=units)
    assert finding.message == f"{RULE}.suggest"
    assert finding.arg_map["unit"] == unit
    assert finding.arg_map["field"] == field
    assert finding.arg_map["target"] == typo
    assert finding.arg_map["suggestion"] == meant
    assert finding.file.endswith("units.yaml")
    assert (finding.line, finding.column) == _units_line(tmp_path, typo)
    assert finding.severity.value == "error"


def test_a_split_item_is_found_at_the_item(tmp_path: Path) -> None:
    units = _units(**{"ubnd-quan-1": {"split_into": ["ubnd-tp", "ubnd-cap-xaa"]}})
    (finding,) = findings_of(tmp_path, RULE, units=units)
    assert finding.arg_map["field"] == "split_into"
    assert finding.arg_map["suggestion"] == "ubnd-cap-xa"
    assert (finding.line, finding.column) == _units_line(tmp_path, "ubnd-cap-xaa")


def test_an_unrelated_id_has_no_suggestion(tmp_path: Path) -> None:
    units = _units(**{"so-gtcc": {"merged_into": "cuc-hang-khong-viet-nam"}})
    (finding,) = findings_of(tmp_path, RULE, units=units)
    assert finding.message == RULE


def test_a_unit_does_not_name_itself(tmp_path: Path) -> None:
    units = _units(**{"so-tu-phap": {"parent": "so-tu-phap"}})
    (finding,) = findings_of(tmp_path, RULE, units=units)
    assert finding.message == f"{RULE}.self"
    assert finding.line == _units_line(tmp_path, "parent: so-tu-phap")[0]


def test_a_successor_already_dissolved_that_day_is_inconsistent(tmp_path: Path) -> None:
    # Sở GTVT ended on 20/02/2025, but is said to have merged into a unit gone since 01/01/2025
    units = _units(
        **{
            "so-cu": {
                "name": "Sở cũ",
                "kind": "department",
                "level": "province",
                "dissolved": "2025-01-01",
            },
            "so-gtvt": {"renamed_to": None, "merged_into": "so-cu"},
        }
    )
    (finding,) = findings_of(tmp_path, RULE, units=units)
    assert finding.message == f"{RULE}.already-gone"
    assert finding.arg_map["dissolved"] == "2025-02-20"
    assert finding.arg_map["gone"] == "2025-01-01"
    assert finding.line == _units_line(tmp_path, "merged_into: so-cu")[0]


def test_a_successor_not_yet_established_that_day_is_inconsistent(tmp_path: Path) -> None:
    units = _units(**{"so-gtcc": {"established": "2025-03-01"}})
    (finding,) = findings_of(tmp_path, RULE, units=units)
    assert finding.message == f"{RULE}.not-yet"
    assert finding.arg_map["unit"] == "so-gtvt"
    assert finding.arg_map["established"] == "2025-03-01"


def test_a_successor_established_on_the_day_passes(tmp_path: Path) -> None:
    # so-gtcc is established on 20/02/2025, the day so-gtvt ends: the fixture itself
    assert findings_of(tmp_path, RULE, units=UNITS) == []


def test_a_succession_loop_is_found(tmp_path: Path) -> None:
    units = {
        "units": {
            "a": {
                "name": "A",
                "kind": "other",
                "level": "province",
                "dissolved": "2025-01-01",
                "merged_into": "b",
            },
            "b": {
                "name": "B",
                "kind": "other",
                "level": "province",
                "dissolved": "2025-01-01",
                "renamed_to": "a",
            },
        }
    }
    found = findings_of(tmp_path, RULE, units=units)
    cycles = [f for f in found if f.message == f"{RULE}.cycle"]
    assert len(cycles) == 1
    assert cycles[0].arg_map["chain"] == "a → b → a"
    assert cycles[0].line == _units_line(tmp_path, "merged_into: b")[0]


def test_skipped_when_the_registry_fails_its_schema(tmp_path: Path) -> None:
    units = _units(**{"so-gtvt": {"renamed_to": "so-gtcc-x", "kind": "khong-co"}})
    catalog = make_catalog(tmp_path, None, units)
    result = validate(load_paths([catalog], load_config(tmp_path / "tthc.yaml")))
    rules = {f.rule for f in result.findings}
    assert RULE not in rules
    assert "units-registry-invalid" in rules

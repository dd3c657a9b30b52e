"""``report --by unit`` rolls figures up to the units as they stand on the report's date.

A successor's totals are the sum of its predecessors'; a unit split among several keeps its own
group, "đã giải thể, chưa phân bổ", and is never dropped; before a unit's end it is its own group.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.helpers import make_catalog, procedure
from tthc_cli.cli._common import shipped_plan
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.model import Catalog
from tthc_cli.plan.progress import Report, build_report

UNITS = {
    "units": {
        "so-xd": {"name": "Sở Xây dựng", "kind": "department", "level": "province"},
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
            "merged_into": "so-xd",
        },
        "ubnd-tp": {"name": "UBND Thành phố", "kind": "people_committee", "level": "province"},
        "ubnd-cap-xa": {"name": "UBND cấp xã", "kind": "people_committee", "level": "commune"},
        "ubnd-quan-1": {
            "name": "Ủy ban nhân dân Quận 1",
            "short_name": "UBND Quận 1",
            "kind": "people_committee",
            "level": "district",
            "dissolved": "2025-07-01",
            "split_into": ["ubnd-tp", "ubnd-cap-xa"],
        },
    }
}


def _catalog(root: Path) -> Catalog:
    procedures = {
        "2.000001.yaml": procedure("2.000001", units={"implementing": ["so-xd"]}),
        "2.000002.yaml": procedure("2.000002", units={"implementing": ["so-gtcc"]}),
        "2.000003.yaml": procedure("2.000003", units={"implementing": ["so-gtvt"]}),
        "2.000004.yaml": procedure("2.000004", units={"implementing": ["so-gtcc", "so-xd"]}),
        "2.000005.yaml": procedure("2.000005", units={"implementing": ["ubnd-quan-1"]}),
    }
    catalog = make_catalog(root, procedures, UNITS)
    return load_paths([catalog], resolve_config([catalog], None))


def _groups(report: Report) -> dict[str, tuple[str, int]]:
    return {g.key: (g.label, g.procedures) for g in report.groups}


def _report(catalog: Catalog, on: str) -> Report:
    return build_report(catalog, shipped_plan(catalog.config), date.fromisoformat(on), "unit")


def test_today_every_merged_or_renamed_unit_rolls_up_to_its_successor(tmp_path: Path) -> None:
    groups = _groups(_report(_catalog(tmp_path), "2026-12-01"))
    assert set(groups) == {"so-xd", "ubnd-quan-1"}
    # 4 procedures: its own, Sở GTCC's, Sở GTVT's (two steps), one naming both (counted once)
    assert groups["so-xd"] == ("Sở Xây dựng", 4)
    assert groups["ubnd-quan-1"] == ("UBND Quận 1 (đã giải thể, chưa phân bổ)", 1)


def test_a_successors_totals_are_the_sum_of_its_predecessors(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    before = _groups(_report(catalog, "2025-04-30"))
    after = _groups(_report(catalog, "2025-05-01"))
    merged = {"so-xd", "so-gtcc"}
    assert before["so-xd"][1] == 2 and before["so-gtcc"][1] == 3
    # one procedure was in both groups before the merge: the sum counts it once after
    assert after["so-xd"][1] == before["so-xd"][1] + before["so-gtcc"][1] - 1
    assert merged & set(after) == {"so-xd"}


def test_as_of_before_the_end_shows_the_unit_itself(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    early = _groups(_report(catalog, "2025-01-15"))
    assert early["so-gtvt"] == ("Sở Giao thông vận tải", 1)
    assert early["ubnd-quan-1"] == ("UBND Quận 1", 1)
    assert "so-gtcc" in _groups(_report(catalog, "2025-03-01"))
    assert "so-gtvt" not in _groups(_report(catalog, "2025-03-01"))


def test_no_procedure_is_dropped(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    for on in ("2025-01-01", "2025-03-01", "2025-06-01", "2026-12-01"):
        report = _report(catalog, on)
        covered = {p for g in report.groups for p in _codes(catalog, g.key, on)}
        assert covered == {p.code for p in catalog.procedures}, on
        assert report.total.procedures == 5


def _codes(catalog: Catalog, key: str, on: str) -> set[str]:
    from tthc_cli.plan.progress import group_keys

    day = date.fromisoformat(on)
    return {p.code for p in catalog.procedures if key in dict(group_keys(p, "unit", catalog, day))}


def test_a_successor_missing_from_the_registry_is_never_shown_as_a_unit(tmp_path: Path) -> None:
    # a typo in units.yaml (units-registry-consistent reports it): the figures stay with the
    # unit that ended, never under a group named by the raw, unknown id
    units = {"units": {**UNITS["units"], "so-gtcc": {**UNITS["units"]["so-gtcc"]}}}
    units["units"]["so-gtcc"]["merged_into"] = "so-xd-x"
    procedures = {"2.000002.yaml": procedure("2.000002", units={"implementing": ["so-gtcc"]})}
    folder = make_catalog(tmp_path, procedures, units)
    catalog = load_paths([folder], resolve_config([folder], None))
    groups = _groups(_report(catalog, "2026-12-01"))
    assert groups == {"so-gtcc": ("Sở Giao thông công chánh (đã giải thể, chưa phân bổ)", 1)}

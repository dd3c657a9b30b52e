"""Dogfood: on the bundled catalog, every reference to a unit gone before today is reported,
naming the unit that carries the work now (or the units a split went to); a suppression there
must give its reason. And ``report --by unit`` has no group for a unit that no longer exists."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from tests.helpers import REPO, run_tthc
from tthc_cli.config import Config
from tthc_cli.load.catalog import load_source
from tthc_cli.load.sources import DirSource

TODAY = "2026-12-04"


def test_every_reference_to_a_dissolved_unit_is_reported() -> None:
    catalog = load_source(DirSource(REPO / "procedures"), Config(catalog=REPO / "procedures"))
    day = date.today()  # validate judges current procedures today
    expected = {
        (p.path.split("procedures/")[-1], use.pos.line)
        for p in catalog.procedures
        if p.effective_to is None
        for use in p.unit_uses
        if (u := catalog.units.get(use.unit)) and u.dissolved and u.dissolved <= day
    }
    done = run_tthc("validate", "-f", "json", cwd=REPO)
    found = [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "unit-dissolved"]
    assert {(f["file"].split("procedures/")[-1], f["line"]) for f in found} == expected
    assert expected, "the bundled catalog names dissolved units: the test must see them"
    for finding in found:
        assert finding["message_key"] != "unit-dissolved", finding  # a successor is named
        assert not finding["suppressed"] or finding["reason"], finding


def test_report_by_unit_shows_only_units_that_exist_on_the_date() -> None:
    catalog = load_source(DirSource(REPO / "procedures"), Config(catalog=REPO / "procedures"))
    gone = {
        u.label for u in catalog.units.values() if u.dissolved and u.dissolved <= date(2026, 12, 4)
    }
    today = run_tthc("report", "--by", "unit", "-f", "csv", "--as-of", TODAY, cwd=REPO)
    assert today.returncode == 0, today.stderr
    groups = {row[0] for row in csv.reader(io.StringIO(today.stdout))}
    assert not groups & gone, groups & gone
    assert "Sở Nông nghiệp và Môi trường" in groups
    before = run_tthc("report", "--by", "unit", "-f", "csv", "--as-of", "2025-04-30", cwd=REPO)
    assert "Sở Tài nguyên và Môi trường" in {
        row[0] for row in csv.reader(io.StringIO(before.stdout))
    }

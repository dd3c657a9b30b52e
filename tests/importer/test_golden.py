"""The importer against facts read by hand from 47 hard portal records of two ministries
(``golden/portal-facts.yaml``): every structured value right, and at least 95% of the values
structured. Reads the records from ../shared (TTHC_SHARED) and skips without them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import SHARED
from tests.importer import golden_check as check
from tthc_cli.importer.convert import convert

RECORDS = SHARED / "data" / "dvcqg" / "records"
FACTS = Path(__file__).parent / "golden" / "portal-facts.yaml"
pytestmark = pytest.mark.skipif(
    not RECORDS.is_dir(), reason=f"needs the portal records in {RECORDS}"
)
COMPONENT_ISSUES = ("component", "dossier-sets")


def facts() -> list[dict[str, Any]]:
    data: dict[str, Any] = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    return list(data["records"])


def tallies() -> dict[str, check.Tally]:
    out = {area: check.Tally() for area in ("legal", "results", "channels", "submitted")}
    for fact in facts():
        path = RECORDS / fact["ministry"] / f"{fact['code']}.json"
        record = json.loads(path.read_text(encoding="utf-8"))
        converted = convert(record, "2026-12-01", {})
        doc = converted.doc
        unclear = any(i.what.startswith(COMPONENT_ISSUES) for i in converted.issues)
        out["legal"].add(check.legal(fact["code"], doc, fact["legal"]))
        out["results"].add(check.results(fact["code"], doc, fact["results"]))
        out["channels"].add(check.channels(fact["code"], doc, fact["channels"]))
        out["submitted"].add(check.submitted(fact["code"], doc, fact["submitted"], unclear))
    return out


def test_the_facts_cover_both_ministries_and_hard_records() -> None:
    found = facts()
    assert len(found) >= 40
    assert {f["ministry"] for f in found} == {"bo-xay-dung", "bo-tu-phap"}
    assert sum(1 for f in found if len(f["results"]) > 1) >= 20
    assert sum(1 for f in found if len(f["legal"]) >= 5) >= 25
    assert sum(1 for f in found if any(isinstance(c["fee"], int) for c in f["channels"])) >= 5


def test_every_structured_value_is_right_and_95_percent_are_structured() -> None:
    found = tallies()
    total = check.Tally()
    for tally in found.values():
        total.add(tally)
    report = {area: (t.structured, t.text, len(t.wrong)) for area, t in found.items()}
    print(f"golden: {report}; structured {total.structured}/{total.total}")
    assert total.wrong == []
    assert total.structured / total.total >= 0.95, report

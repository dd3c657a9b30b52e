"""What a Quyết định công bố announces: diff's matching decides new, abolished and changed; a
change is an amendment only when a legal document or a plan decision causes it, else it is a
correction, never listed as amended."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from tests.diff.test_legal import AMENDING, LEGAL, _load, amended
from tests.helpers import procedure
from tthc_cli.diff import diff_catalogs
from tthc_cli.diff.announce import Announcement, announce


def announcement(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> Announcement:
    before, after = _load(tmp_path / "old", old), _load(tmp_path / "new", new)
    return announce(diff_catalogs(before, after), before, after)


def codes(entries: Any) -> list[str]:
    return [e.procedure.code for e in entries]


def test_new_amended_abolished_and_corrected_each_in_their_list(tmp_path: Path) -> None:
    old = {
        "a.yaml": procedure("2.001219"),
        "b.yaml": procedure("1.000001"),
        "c.yaml": procedure("1.000002"),
    }
    corrected = procedure("1.000002", name="Thủ tục thử nghiệm (sửa lỗi chính tả)")
    new = {
        "a.yaml": amended(),  # cites 14/2026/NĐ-CP, which it did not
        "c.yaml": corrected,  # changed, nothing behind it
        "d.yaml": procedure("1.000003"),
        "legal.yaml": LEGAL,
    }
    found = announcement(tmp_path, old, new)
    assert codes(found.new) == ["1.000003"]
    assert codes(found.amended) == ["2.001219"]
    assert codes(found.abolished) == ["1.000001"]
    assert codes(found.corrections) == ["1.000002"]
    (change,) = found.amended
    assert [b.number for b in change.documents] == ["14/2026/NĐ-CP"]
    assert any(p.startswith("legal_basis") for p in change.changed)
    assert any(p.startswith("channels") for p in change.changed)


def test_an_unchanged_procedure_is_not_announced(tmp_path: Path) -> None:
    found = announcement(tmp_path, {"a.yaml": procedure()}, {"a.yaml": procedure()})
    assert found.empty


def test_a_timing_change_without_a_document_is_a_correction(tmp_path: Path) -> None:
    faster = procedure()
    faster["channels"][0]["time"]["value"] = 3  # simpler, but nothing causes it
    found = announcement(tmp_path, {"a.yaml": procedure()}, {"a.yaml": faster})
    assert codes(found.corrections) == ["2.001219"] and not found.amended


def _planned(decision: str | None, status: str = "implemented", **extra: Any) -> dict[str, Any]:
    data = procedure("6.000001", kind="internal", internal_scope="between_agencies")
    plan: dict[str, Any] = {"status": status, "outcome": "simplify", **extra}
    if decision is not None:
        plan["decision"] = {"number": decision, "date": "2025-06-01"}
    data["simplification"] = {"plan": plan}
    return data


def test_a_plan_decision_makes_a_change_an_amendment(tmp_path: Path) -> None:
    before = procedure("6.000001", kind="internal", internal_scope="between_agencies")
    after = _planned("1234/QĐ-UBND")
    after["channels"][0]["time"]["value"] = 3
    found = announcement(tmp_path, {"a.yaml": before}, {"a.yaml": after})
    (change,) = found.amended
    assert [(b.number, b.type) for b in change.documents] == [("1234/QĐ-UBND", "Quyết định")]


def test_an_illustrative_or_already_recorded_plan_decision_causes_nothing(tmp_path: Path) -> None:
    illustrative = _planned("1234/QĐ-UBND", illustrative=True)
    illustrative["channels"][0]["time"]["value"] = 3
    before = procedure("6.000001", kind="internal", internal_scope="between_agencies")
    found = announcement(tmp_path, {"a.yaml": before}, {"a.yaml": illustrative})
    assert codes(found.corrections) == ["6.000001"]
    recorded = _planned("1234/QĐ-UBND")
    again = copy.deepcopy(recorded)
    again["channels"][0]["time"]["value"] = 3
    found = announcement(tmp_path / "2", {"a.yaml": recorded}, {"a.yaml": again})
    assert codes(found.corrections) == ["6.000001"]


def test_an_abolished_procedure_carries_its_decision(tmp_path: Path) -> None:
    gone = procedure(abolished={"date": "2026-07-01", "decision": "99/QĐ-UBND"})
    found = announcement(tmp_path, {"a.yaml": procedure()}, {"a.yaml": gone})
    (entry,) = found.abolished
    assert [b.number for b in entry.documents] == ["99/QĐ-UBND"]
    removed = announcement(tmp_path / "2", {"a.yaml": gone}, {})
    assert [b.number for e in removed.abolished for b in e.documents] == ["99/QĐ-UBND"]


def test_a_new_procedure_names_the_documents_no_one_cited_before(tmp_path: Path) -> None:
    fresh = procedure("1.000009", legal_basis=[AMENDING])
    found = announcement(
        tmp_path, {"a.yaml": procedure()}, {"a.yaml": procedure(), "b.yaml": fresh}
    )
    (entry,) = found.new
    assert [b.number for b in entry.documents] == ["14/2026/NĐ-CP"]

"""``import --update`` keeps curated work: the portal's fields are updated, the rest stays."""

from __future__ import annotations

from typing import Any

from tthc_cli.importer.common import issue
from tthc_cli.importer.convert import note_for
from tthc_cli.importer.merge import lost_units, merge, split_note


def portal(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "code": "1.000001",
        "kind": "public",
        "name": "Cấp thẻ",
        "field": "Tư pháp",
        "levels": ["province"],
        "channels": [
            {"channel": "online", "time": {"value": 5, "unit": "working_days"}},
            {"channel": "direct", "time": {"value": 5, "unit": "working_days"}},
        ],
        "components": [{"name": "Đơn đề nghị", "originals": 1}],
        "legal_basis": [{"number": "77/2008/NĐ-CP", "title": "tư vấn pháp luật"}],
        "result": {"name": "Thẻ", "code": "KQ.G15.000077"},
        "source": {"url": "https://x.invalid/1", "read_on": "2026-12-01"},
    }
    doc.update(changes)
    return doc


def curated() -> dict[str, Any]:
    doc = portal()
    doc["source"] = {"url": "https://x.invalid/1", "read_on": "2026-11-01", "note": "Đọc kỹ."}
    doc["units"] = {"implementing": ["so-tu-phap"]}
    doc["channels"] = [
        {
            "id": "truc-tuyen",
            "channel": "online",
            "online_service": "partial",
            "time": {"value": 5, "unit": "working_days"},
            "suppress": [{"rule": "channel-fee", "reason": "Ghi tay."}],
        },
        {"channel": "direct", "time": {"value": 5, "unit": "working_days"}},
    ]
    doc["components"] = [
        {"id": "don", "name": "Đơn đề nghị", "originals": 1, "national_database": "CSDL dân cư"}
    ]
    doc["legal_basis"] = [
        {
            "id": "nd-77",
            "number": "77/2008/NĐ-CP",
            "title": "tư vấn pháp luật",
            "article": "Điều 19",
        }
    ]
    doc["steps"] = [
        {"id": "nop", "kind": "submit", "action": "Nộp hồ sơ."},
        {"id": "cap", "kind": "approve", "lead": "so-tu-phap", "action": "Cấp thẻ."},
    ]
    doc["simplification"] = {"plan": {"status": "proposed", "outcome": "simplify"}}
    doc["compliance"] = {"hours": 2}
    doc["suppress"] = [{"rule": "mandatory-parts", "reason": "Chấp nhận."}]
    doc["effective"] = {"from": "2025-07-01"}
    doc["note"] = "Ghi chú của người biên tập."
    return doc


def test_curated_fields_and_item_additions_survive() -> None:
    new = portal(name="Cấp thẻ (sửa)", steps=[{"action": "Nộp hồ sơ."}, {"action": "Cấp thẻ."}])
    new["channels"][0]["time"] = {"value": 4, "unit": "working_days"}
    merged = merge(curated(), new)
    assert merged["name"] == "Cấp thẻ (sửa)"
    for key in ("simplification", "compliance", "suppress", "effective", "units", "note"):
        assert merged[key] == curated()[key]
    online = merged["channels"][0]
    assert online["time"]["value"] == 4
    assert online["id"] == "truc-tuyen" and online["online_service"] == "partial"
    assert online["suppress"] == [{"rule": "channel-fee", "reason": "Ghi tay."}]
    assert merged["components"][0]["national_database"] == "CSDL dân cư"
    assert merged["legal_basis"][0]["article"] == "Điều 19"
    assert merged["legal_basis"][0]["id"] == "nd-77"
    assert merged["steps"] == curated()["steps"]  # the same text, split and annotated by hand
    assert merged["source"]["read_on"] == "2026-12-01"
    assert merged["source"]["note"] == "Đọc kỹ."
    assert lost_units(curated(), merged) == []


def test_what_the_import_does_not_understand_is_kept_from_the_file() -> None:
    new = portal()
    del new["legal_basis"]
    new["channels"][0].pop("time")
    merged = merge(curated(), new)
    assert merged["legal_basis"] == curated()["legal_basis"]
    assert merged["channels"][0]["time"] == {"value": 5, "unit": "working_days"}


def test_what_the_portal_stopped_listing_goes() -> None:
    new = portal(components=[{"name": "Tờ khai", "originals": 1}])
    merged = merge(curated(), new)
    assert [c["name"] for c in merged["components"]] == ["Tờ khai"]


def test_units_change_only_with_a_mapping_and_losses_are_named() -> None:
    merged = merge(curated(), portal(units={"implementing": ["ubnd-tp"]}))
    assert merged["units"] == {"implementing": ["ubnd-tp"]}
    assert lost_units(curated(), merged) == [("implementing", "so-tu-phap")]


def test_the_importers_note_is_replaced_the_editors_kept() -> None:
    old_note = "Ý kiến riêng.\n" + note_for([issue("time-without-unit", "Trực tiếp: 7")])
    new_note = note_for([issue("fee-not-understood", "Trực tiếp: 50 VNĐ")])
    merged = merge({**curated(), "note": old_note}, portal(note=new_note))
    own, imported = split_note(merged["note"])
    assert own == "Ý kiến riêng."
    assert "50 VNĐ" in imported and "Trực tiếp: 7" not in imported
    assert "note" not in merge(
        {**curated(), "note": note_for([issue("time-without-unit", "y")])}, portal()
    )


def test_a_skeleton_completes_nothing() -> None:
    skeleton = {
        "code": "1.000001",
        "kind": "public",
        "name": "Cấp thẻ",
        "field": "Tư pháp",
        "source": {"read_on": "2026-12-01", "note": "Danh sách."},
        "incomplete": True,
    }
    merged = merge(curated(), skeleton)
    assert "incomplete" not in merged
    assert merged["channels"] == curated()["channels"]
    assert merge({**skeleton, "incomplete": True}, portal()).get("incomplete") is None

"""Dossier components: one document per row, quantities only where they are a cell, notes and
dossier sets apart, documents only shown marked as such."""

from __future__ import annotations

from tthc_cli.importer.parse_components import HEADER as CO
from tthc_cli.importer.parse_components import parse_components


def test_cases_forms_and_quantities() -> None:
    items, forms, issues, kept, sets = parse_components(
        f"Trường hợp cấp mới:{CO}- Đơn đề nghịMẫu số 01.docx1 bản chính,2 bản sao"
        f"Trường hợp cấp lại{CO}Giấy phép cũ1 bản sao"
    )
    assert issues == [] and kept == [] and sets is None
    assert forms == ["Mẫu số 01.docx"]
    assert items == [
        {
            "name": "Đơn đề nghị",
            "form": "Mẫu số 01.docx",
            "originals": 1,
            "copies": 2,
            "quantity_text": "1 bản chính,2 bản sao",
            "when": "Trường hợp cấp mới",
        },
        {
            "name": "Giấy phép cũ",
            "copies": 1,
            "quantity_text": "1 bản sao",
            "when": "Trường hợp cấp lại",
        },
    ]


def test_quantities_inside_a_name_are_not_cells() -> None:
    items, _, issues, _, _ = parse_components(
        f"--{CO}Hợp đồng bảo đảm (01 bản chính hoặc 01 bản sao có chứng thực)1 bản chính,1 bản sao"
        "Văn bản X: 01 bản chính;1 bản chính"
    )
    assert [i["name"] for i in items] == [
        "Hợp đồng bảo đảm (01 bản chính hoặc 01 bản sao có chứng thực)",
        "Văn bản X: 01 bản chính;",
    ]
    assert issues == []


def test_notes_sets_and_shown_documents() -> None:
    items, _, issues, kept, sets = parse_components(
        f"* Giấy tờ phải nộp:{CO}- Tờ khai theo mẫu;1 bản chính"
        "- Trường hợp gửi qua bưu chính thì gửi kèm bản sao có chứng thực.0 bản chính"
        "Số lượng hồ sơ: 01 bộ.1 bản chính"
        f"* Giấy tờ phải xuất trình:{CO}- Hộ chiếu/Thẻ căn cước còn giá trị sử dụng.1 bản chính"
        f"* Lưu ý:{CO}Giấy tờ nước ngoài phải hợp pháp hóa lãnh sự.1 bản chính,1 bản sao"
    )
    assert [(i["name"], i.get("kind", "submitted")) for i in items] == [
        ("Tờ khai theo mẫu;", "submitted"),
        ("Hộ chiếu/Thẻ căn cước còn giá trị sử dụng.", "shown"),
    ]
    assert sets == 1
    assert issues == []
    assert [k.what for k in kept] == ["component-note", "component-note"]


def test_a_count_glued_to_digits_only_after_a_year() -> None:
    items, _, issues, _, _ = parse_components(
        f"--{CO}Giấy tờ theo Luật Đất đai năm 20241 bản chínhGiấy ủy quyền Việt Nam 21 bản chính"
    )
    assert items[0]["name"] == "Giấy tờ theo Luật Đất đai năm 2024" and items[0]["originals"] == 1
    assert items[1]["name"].endswith("Việt Nam 2") and "originals" not in items[1]
    assert [i.what for i in issues] == ["component-quantity-unclear"]


def test_forms_split_only_where_they_clearly_start() -> None:
    items, forms, issues, _, _ = parse_components(
        f"--{CO}Đơn (Mẫu D07-THADS).MauDon.docx1 bản chính"
        "Văn bản đề nghị theo quy địnhvăn bản đề nghị.docx1 bản chính"
    )
    assert items[0] == {
        "name": "Đơn (Mẫu D07-THADS).",
        "form": "MauDon.docx",
        "originals": 1,
        "quantity_text": "1 bản chính",
    }
    assert forms == ["MauDon.docx"]
    assert items[1]["name"].endswith("đề nghị.docx")
    assert [i.what for i in issues] == ["component-form-unclear"]


def test_duplicate_rows_are_one_document() -> None:
    items, _, _, kept, _ = parse_components(f"--{CO}- Đơn đề nghị1 bản chínhĐơn đề nghị1 bản chính")
    assert len(items) == 1
    assert [k.what for k in kept] == ["component-duplicate"]


def test_not_understood() -> None:
    assert [i.what for i in parse_components("Hồ sơ gồm đơn")[2]] == ["components-not-understood"]
    assert parse_components("--") == ([], [], [], [], None)

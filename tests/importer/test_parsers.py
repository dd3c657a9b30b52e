"""The importer's pure parsers: each parsing path and each way a record is not understood."""

from __future__ import annotations

import pytest

from tthc_cli.importer.convert import RecordError, convert, split_list
from tthc_cli.importer.listexport import skeletons
from tthc_cli.importer.parse_channels import HEADER as CH
from tthc_cli.importer.parse_channels import parse_channels
from tthc_cli.importer.parse_components import HEADER as CO
from tthc_cli.importer.parse_components import parse_components
from tthc_cli.importer.parse_legal import HEADER as LE
from tthc_cli.importer.parse_legal import parse_legal
from tthc_cli.importer.parse_steps import parse_steps


def whats(issues: list) -> list[str]:  # type: ignore[type-arg]
    return [i.what for i in issues]


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [
        ("2 Ngày làm việc", 2, "working_days"),
        ("1.5 Ngày", 1.5, "calendar_days"),
        ("4 Giờ", 4, "hours"),
        ("3 Tháng", 3, "months"),
    ],
)
def test_channel_time_units(cell: str, value: float, unit: str) -> None:
    rows, issues = parse_channels(f"{CH}Trực tiếp{cell}Miễn phí")
    assert issues == []
    assert rows == [
        {
            "channel": "direct",
            "time": {"value": value, "unit": unit, "text": cell},
            "fee": {"amount": 0, "text": "Miễn phí"},
        }
    ]


def test_channel_fees_amount_unknown_and_description() -> None:
    rows, issues = parse_channels(
        f"{CH}Trực tuyến5 Ngày làm việc1,200,000 Việt Nam Đồng(/hồ sơ)Nộp qua cổng"
        f"Dịch vụ bưu chínhKhông có thông tinKhông có thông tin"
    )
    assert issues == []
    assert rows[0]["fee"] == {"amount": 1200000, "text": "1,200,000 Việt Nam Đồng(/hồ sơ)"}
    assert rows[0]["description"] == "Nộp qua cổng"
    assert rows[1] == {"channel": "postal", "fee": {"unknown": True, "text": "Không có thông tin"}}


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("Trực tiếp7Miễn phí", "time-without-unit"),
        ("Trực tuyến140,000 Việt Nam Đồng", "time-fee-run-together"),
        ("Trực tiếp2 Ngày150 USD", "fee-not-understood"),
    ],
)
def test_channel_rows_not_guessed(body: str, what: str) -> None:
    rows, issues = parse_channels(CH + body)
    assert whats(issues) == [what]
    assert "time" not in rows[0] or what == "fee-not-understood"
    assert "fee" not in rows[0] or rows[0]["fee"]["amount"] == 0


def test_channels_without_header_or_repeated() -> None:
    assert whats(parse_channels("Trực tiếp 2 ngày")[1]) == ["channels-not-understood"]
    rows, _ = parse_channels(f"{CH}Trực tiếp1 NgàyMiễn phíTrực tiếp2 NgàyMiễn phí")
    assert [r["id"] for r in rows] == ["direct-1", "direct-2"]


def test_components_cases_forms_and_quantities() -> None:
    items, forms, issues = parse_components(
        f"Trường hợp cấp mới:{CO}- Đơn đề nghịMẫu số 01.docx1 bản chính,2 bản sao"
        f"Trường hợp cấp lại{CO}Giấy phép cũ1 bản sao"
    )
    assert issues == []
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


def test_components_not_understood() -> None:
    assert whats(parse_components("Hồ sơ gồm đơn")[2]) == ["components-not-understood"]
    _, _, issues = parse_components(f"* Giấy tờ phải nộp:{CO}Đơn.2.1 don.docx1 bản chính1 bản sao")
    assert whats(issues) == [
        "component-group-heading",
        "component-form-unclear",
        "component-without-name",
    ]


def test_legal_numbers_dates_and_missing_numbers() -> None:
    items, issues = parse_legal(
        f"{LE}Luật Xây dựng50/2014/QH13Quyết định 1085/QĐ-TTg ngày 15/9/2022 về kế hoạch"
        "1085/QĐ-TTgVăn bản không số"
    )
    assert items[0] == {"number": "50/2014/QH13", "title": "Luật Xây dựng"}
    assert items[1]["number"] == "1085/QĐ-TTg"
    assert items[1]["date"] == "2022-09-15"
    assert items[2] == {"title": "Văn bản không số"}
    assert whats(issues) == ["legal-number-missing"]
    assert parse_legal("Không có thông tin") == ([], [])


def test_steps_numbered_durations_and_units() -> None:
    steps, issues = parse_steps(
        "Bước 1: Nộp hồ sơ.\nBước 2: Trong thời hạn 02 ngày làm việc, Sở Xây dựng thẩm định.\n"
        "- chi tiết thêm\nBước 3: không quá 4 giờ làm việc trả kết quả",
        {"Sở Xây dựng": "so-xay-dung"},
    )
    assert issues == []
    assert steps[0]["action"] == "Nộp hồ sơ."
    assert steps[1]["lead"] == "so-xay-dung"
    assert steps[1]["duration"]["value"] == 2
    assert steps[1]["action"].endswith("- chi tiết thêm")
    assert steps[2]["duration"]["unit"] == "working_hours"
    assert "lead" not in steps[0]


def test_steps_not_guessed() -> None:
    assert whats(parse_steps("Nộp hồ sơ rồi chờ.", {})[1]) == ["steps-not-numbered"]
    _, issues = parse_steps("a) trong thời hạn 02 ngày và trong thời hạn 03 ngày", {})
    assert whats(issues) == ["step-several-durations"]


def test_subject_lists_keep_commas_inside_labels() -> None:
    assert split_list(
        "Cán bộ, công chức, viên chức, Tổ chức (không bao gồm doanh nghiệp, HTX)"
    ) == [
        "Cán bộ, công chức, viên chức",
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
    ]


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"ma_thu_tuc": "12"}, "import.failed.no-code"),
        ({"ten_thu_tuc": ""}, "import.failed.no-name"),
        ({"linh_vuc": "Không có thông tin"}, "import.failed.no-field"),
        ({"cap_thuc_hien": "Cấp vùng"}, "import.failed.no-level"),
        ({"detail_url": "", "so_quyet_dinh": ""}, "import.failed.no-source"),
    ],
)
def test_malformed_records_fail(change: dict[str, str], key: str) -> None:
    record = {
        "ma_thu_tuc": "1.000001",
        "ten_thu_tuc": "Tên",
        "linh_vuc": "Lĩnh vực",
        "cap_thuc_hien": "Cấp tỉnh",
        "detail_url": "https://example.invalid/x",
        **change,
    }
    with pytest.raises(RecordError) as caught:
        convert(record, "2026-01-02", {})
    assert caught.value.key == key


def test_internal_codes_and_unmapped_units() -> None:
    record = {
        "ma_thu_tuc": "6.000001",
        "ten_thu_tuc": "Tên",
        "linh_vuc": "Lĩnh vực",
        "cap_thuc_hien": "Cấp bộ",
        "so_quyet_dinh": "1/QĐ-BXD",
        "co_quan_thuc_hien": "Sở Lạ",
    }
    done = convert(record, "2026-01-02", {"Sở Xây dựng": "so-xay-dung"})
    assert done.kind == "internal"
    assert "units" not in done.doc
    assert whats(list(done.issues)) == ["unit-unmapped"]
    assert "Sở Lạ" in done.doc["note"] and "Sở Lạ" in done.doc["source"]["note"]


def test_list_export_skeletons() -> None:
    rows = [
        ("DANH SÁCH", None, None, None, None),
        ("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"),
        ("1.000001", "Thủ tục A", "Bộ Xây dựng", "Sở Xây dựng", "Nhà ở"),
        ("x", "Thủ tục lỗi", None, None, "Nhà ở"),
        (None, None, None, None, None),
    ]
    done, failed = skeletons(rows, "2026-01-02", "ds.xlsx")
    assert [c.doc["incomplete"] for c in done] == [True]
    assert "levels" not in done[0].doc
    assert [(row, e.key) for row, e in failed] == [(4, "import.failed.no-code")]
    assert skeletons(rows[2:], "2026-01-02", "ds.xlsx")[1][0][1].key == "import.failed.no-header"

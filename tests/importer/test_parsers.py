"""The importer's pure parsers: each parsing path and each way a record is not understood."""

from __future__ import annotations

import pytest

from tthc_cli.importer.convert import RecordError, convert, split_list
from tthc_cli.importer.listexport import skeletons
from tthc_cli.importer.parse_channels import HEADER as CH
from tthc_cli.importer.parse_channels import parse_channels
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

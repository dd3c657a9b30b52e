"""The neutral table model: procedure sheets and the danh mục, built from a fixed catalog."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import make_catalog, procedure
from tthc_cli.config import Config
from tthc_cli.load.catalog import load_paths
from tthc_cli.model import Catalog, Duration, Money, TimeUnit
from tthc_cli.render.tables import (
    duration_text,
    listing_document,
    listing_table,
    money_text,
    number_text,
    procedure_sheet,
)

SECTION_HEADINGS = (
    "1. Trình tự thực hiện",
    "2. Cách thức thực hiện",
    "3. Thành phần, số lượng hồ sơ",
    "4. Thời hạn giải quyết",
    "5. Đối tượng thực hiện",
    "6. Cơ quan thực hiện",
    "7. Kết quả thực hiện",
    "8. Phí, lệ phí",
    "9. Tên mẫu đơn, mẫu tờ khai",
    "10. Yêu cầu, điều kiện",
    "11. Căn cứ pháp lý",
)


def fixture_procedures() -> dict[str, Any]:
    """A fixed sample catalog: two parts, two levels, three fields, known and unknown fees."""
    fee_channels = [
        {
            "channel": "direct",
            "time": {"value": 10, "unit": "working_days"},
            "fee": {"amount": 150000},
        },
        {
            "channel": "online",
            "time": {"value": 10, "unit": "working_days"},
            "fee": {"amount": 100000},
        },
    ]
    return {
        "public/2.001219.yaml": procedure(
            "2.001219",
            forms=["Mẫu số 01: Đơn đề nghị"],
            requirements=["Có phương án bảo đảm an toàn"],
            dossier_sets=1,
        ),
        "public/1.000001.yaml": procedure(
            "1.000001",
            name="Cấp giấy phép hành nghề",
            field="Công chứng",
            units={"implementing": ["so-tu-phap"], "competent": ["ubnd-tp"]},
            channels=fee_channels,
        ),
        "public/1.000002.yaml": procedure(
            "1.000002",
            name="Đăng ký hộ tịch",
            field="Hộ tịch",
            levels=["province", "commune"],
            units={"implementing": ["so-tu-phap"]},
            channels=[
                {
                    "channel": "direct",
                    "time": {"value": 3, "unit": "calendar_days"},
                    "fee": {"unknown": True},
                }
            ],
        ),
        "internal/6.000001.yaml": procedure(
            "6.000001",
            kind="internal",
            name="Xét tặng danh hiệu thi đua",
            field="Thi đua, khen thưởng",
            subjects=["Cán bộ, công chức, viên chức"],
            channels=None,
            components=None,
            steps=None,
            result=None,
            legal_basis=None,
            processing_time={"value": 20, "unit": "working_days"},
        ),
    }


def load_fixture(tmp_path: Path, procedures: dict[str, Any] | None = None) -> Catalog:
    root = make_catalog(tmp_path, procedures or fixture_procedures())
    return load_paths([root], Config())


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    loaded = load_fixture(tmp_path)
    assert not [f for f in loaded.findings if f.severity.value == "error"], loaded.findings
    return loaded


def test_sheet_has_every_section_in_order_and_absent_ones_say_khong(catalog: Catalog) -> None:
    internal = catalog.by_code()["6.000001"]
    sheet = procedure_sheet(internal, catalog)
    assert [s.heading for s in sheet.sections] == list(SECTION_HEADINGS)
    by_heading = {s.heading: s for s in sheet.sections}
    for heading in (
        "1. Trình tự thực hiện",
        "2. Cách thức thực hiện",
        "3. Thành phần, số lượng hồ sơ",
        "7. Kết quả thực hiện",
        "9. Tên mẫu đơn, mẫu tờ khai",
        "11. Căn cứ pháp lý",
    ):
        assert by_heading[heading].paragraphs == ("Không",)
        assert by_heading[heading].table is None
    assert by_heading["4. Thời hạn giải quyết"].paragraphs == ("20 ngày làm việc",)


def test_sheet_tables_use_unit_names_and_vietnamese_values(catalog: Catalog) -> None:
    sheet = procedure_sheet(catalog.by_code()["2.001219"], catalog)
    steps = sheet.sections[0].table
    assert steps is not None
    assert [c.title for c in steps.columns] == [
        "Bước",
        "Nội dung công việc",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian",
    ]
    assert steps.rows[1].cells == (
        "Bước 2",
        "Thẩm định",
        "Sở Xây dựng Thành phố Hồ Chí Minh",
        "",
        "03 ngày làm việc",
    )
    channels = sheet.sections[1].table
    assert channels is not None
    assert [c.title for c in channels.columns] == [
        "Hình thức nộp",
        "Thời hạn giải quyết",
        "Phí, lệ phí",
        "Mô tả",
    ]
    assert channels.rows[0].cells[:3] == ("Trực tiếp", "05 ngày làm việc", "Miễn phí")
    components = sheet.sections[2]
    assert components.table is not None
    assert components.table.rows[0].cells == ("Đơn đề nghị", "", "01 bản chính")
    assert components.paragraphs == ("Số lượng hồ sơ: 01 bộ.",)


def test_fees_differ_per_channel_and_unknown_is_not_free(catalog: Catalog) -> None:
    by_code = catalog.by_code()
    fee = procedure_sheet(by_code["1.000001"], catalog).sections[7].paragraphs
    assert fee == ("Trực tiếp: 150.000 đồng; Trực tuyến: 100.000 đồng",)
    unknown = procedure_sheet(by_code["1.000002"], catalog).sections[7].paragraphs
    assert unknown == ("Không có thông tin",)
    agencies = procedure_sheet(by_code["1.000001"], catalog).sections[5].paragraphs
    assert agencies == (
        "Cơ quan có thẩm quyền: Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "Cơ quan trực tiếp thực hiện: Sở Tư pháp Thành phố Hồ Chí Minh",
    )


def test_english_headings(catalog: Catalog) -> None:
    sheet = procedure_sheet(catalog.by_code()["2.001219"], catalog, "en")
    assert sheet.sections[0].heading == "1. Steps"
    assert sheet.sections[10].heading == "11. Legal basis"


@pytest.mark.parametrize(
    ("unit", "vi", "en"),
    [
        (TimeUnit.WORKING_DAYS, "02 ngày làm việc", "2 working days"),
        (TimeUnit.CALENDAR_DAYS, "02 ngày", "2 days"),
        (TimeUnit.WORKING_HOURS, "02 giờ làm việc", "2 working hours"),
        (TimeUnit.HOURS, "02 giờ", "2 hours"),
        (TimeUnit.MONTHS, "02 tháng", "2 months"),
    ],
)
def test_duration_wording(unit: TimeUnit, vi: str, en: str) -> None:
    assert duration_text(Duration(2, unit), "vi") == vi
    assert duration_text(Duration(2, unit), "en") == en


def test_money_wording() -> None:
    assert money_text(Money(0), "vi") == "Miễn phí"
    assert money_text(Money(150000), "vi") == "150.000 đồng"
    assert money_text(Money(1500000), "en") == "1,500,000 VND"
    assert money_text(Money(None), "vi") == "Không có thông tin"
    assert money_text(None, "vi") == "Không có thông tin"


@given(st.integers(min_value=1, max_value=10**12))
def test_money_digits_survive_grouping(amount: int) -> None:
    shown = money_text(Money(amount), "vi")
    assert shown.endswith(" đồng")
    assert int(shown.removesuffix(" đồng").replace(".", "")) == amount


def test_number_text_pads_and_uses_decimal_comma() -> None:
    assert number_text(5, "vi") == "05"
    assert number_text(12, "vi") == "12"
    assert number_text(1.5, "vi") == "1,5"
    assert number_text(1.5, "en") == "1.5"


def test_listing_groups_parts_levels_fields_and_numbers_rows(catalog: Catalog) -> None:
    table = listing_table(sorted(catalog.procedures, key=lambda p: p.code), catalog)
    assert [c.title for c in table.columns] == [  # the field is the group row's, not a column
        "STT",
        "Mã số",
        "Tên thủ tục",
        "Cơ quan thực hiện",
        "Thời hạn giải quyết",
        "Phí, lệ phí",
    ]
    outline = [(r.group, r.cells[0], r.cells[1]) for r in table.rows]
    assert outline == [
        ("part", "A", "Thủ tục hành chính"),
        ("level", "I", "Thủ tục hành chính cấp tỉnh"),
        ("field", "", "Lĩnh vực Công chứng"),
        (None, "1", "1.000001"),
        ("field", "", "Lĩnh vực Hoạt động xây dựng"),
        (None, "2", "2.001219"),
        ("field", "", "Lĩnh vực Hộ tịch"),
        (None, "3", "1.000002"),
        ("level", "II", "Thủ tục hành chính cấp xã"),
        ("field", "", "Lĩnh vực Hộ tịch"),
        (None, "1", "1.000002"),
        ("part", "B", "Thủ tục hành chính nội bộ"),
        ("level", "I", "Thủ tục hành chính cấp tỉnh"),
        ("field", "", "Lĩnh vực Thi đua, khen thưởng"),
        (None, "1", "6.000001"),
    ]
    hotich = table.rows[7].cells
    assert hotich[3:] == ("Sở Tư pháp Thành phố Hồ Chí Minh", "03 ngày", "Không có thông tin")
    assert table.numbered and document_is_landscape(catalog)


def document_is_landscape(catalog: Catalog) -> bool:
    return listing_document(list(catalog.procedures), catalog).landscape


def test_listing_fields_follow_vietnamese_alphabetical_order(tmp_path: Path) -> None:
    fields = ["Hoạt động xây dựng", "Hàng hải", "Hạ tầng kỹ thuật", "Kinh doanh", "Kiến trúc"]
    fields += ["Đường bộ", "Dược", "Em", "Ăn uống"]
    data = {
        f"1.00{i:04d}.yaml": procedure(f"1.00{i:04d}", field=field)
        for i, field in enumerate(fields)
    }
    catalog = load_fixture(tmp_path, data)
    table = listing_table(sorted(catalog.procedures, key=lambda p: p.code), catalog)
    shown = [r.cells[1].removeprefix("Lĩnh vực ") for r in table.rows if r.group == "field"]
    assert shown == [
        "Ăn uống",
        "Dược",
        "Đường bộ",
        "Em",
        "Hạ tầng kỹ thuật",
        "Hàng hải",
        "Hoạt động xây dựng",
        "Kiến trúc",
        "Kinh doanh",
    ]


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("1 bản chính,1 bản sao", "01 bản chính, 01 bản sao"),
        ("0 bản chính,1 bản sao", "01 bản sao"),
        ("2 bản sao", "02 bản sao"),
        ("1 bản chính; 0 bản sao", "01 bản chính"),
        ("Bản chính hoặc bản sao có chứng thực", "Bản chính hoặc bản sao có chứng thực"),
        ("0 bản chính,0 bản sao", "0 bản chính,0 bản sao"),  # nothing to say: kept as written
    ],
)
def test_quantities_in_one_wording(tmp_path: Path, written: str, printed: str) -> None:
    components = [{"name": "Đơn đề nghị", "quantity_text": written}]
    catalog = load_fixture(tmp_path, {"2.001219.yaml": procedure(components=components)})
    sheet = procedure_sheet(catalog.by_code()["2.001219"], catalog)
    table = sheet.sections[2].table
    assert table is not None and table.rows[0].cells[2] == printed


def test_legal_basis_lines_are_citations_in_one_style(tmp_path: Path) -> None:
    legal_basis = [
        {"number": "48/2019/NĐ-CP", "title": "Quy định về quản lý hoạt động vui chơi"},
        {"number": "12/2026/QĐ-UBND", "title": "Quyết định sửa đổi quy trình"},
        {"number": "19/2024/NĐ-CP", "title": "Nghị định số 19/2024/NĐ-CP ngày 23/02/2024 sửa đổi"},
        {"number": "27/2023/QH15", "title": "Luật Nhà ở"},
    ]
    catalog = load_fixture(tmp_path, {"2.001219.yaml": procedure(legal_basis=legal_basis)})
    lines = procedure_sheet(catalog.by_code()["2.001219"], catalog).sections[10].paragraphs
    assert lines == (
        "Nghị định số 48/2019/NĐ-CP quy định về quản lý hoạt động vui chơi",
        "Quyết định số 12/2026/QĐ-UBND sửa đổi quy trình",
        "Nghị định số 19/2024/NĐ-CP ngày 23/02/2024 sửa đổi",  # as written: it names the number
        "Luật Nhà ở (số 27/2023/QH15)",  # a law's symbol does not say its type: not guessed
    )


def test_sheet_says_what_kind_of_procedure_it_describes(catalog: Catalog) -> None:
    internal = procedure_sheet(catalog.by_code()["6.000001"], catalog)
    assert internal.marks == (  # for whom is not recorded: not guessed
        "Thủ tục hành chính nội bộ",
        "Lĩnh vực: Thi đua, khen thưởng",
        "Cấp thực hiện: Cấp tỉnh",
    )
    between = replace(catalog.by_code()["6.000001"], internal_scope="between_agencies")
    assert procedure_sheet(between, catalog).marks[0] == (
        "Thủ tục hành chính nội bộ giữa các cơ quan hành chính nhà nước"
    )
    public = procedure_sheet(catalog.by_code()["1.000002"], catalog, "en")
    assert public.marks == ("Field: Hộ tịch", "Level: Province, Commune")


def test_listing_document_names_the_unit(catalog: Catalog) -> None:
    document = listing_document(list(catalog.procedures), catalog, unit="so-tu-phap")
    assert document.title == "Danh mục thủ tục hành chính"
    assert document.subtitle == "thuộc phạm vi giải quyết của Sở Tư pháp Thành phố Hồ Chí Minh"


def test_conditional_and_foreign_fees_are_never_a_number_they_do_not_state() -> None:
    conditional = Money(None, "Miễn phí (Mức lệ phí do HĐND tỉnh quyết định)", conditional=True)
    assert money_text(conditional, "vi") == (
        "Có điều kiện: Miễn phí (Mức lệ phí do HĐND tỉnh quyết định)"
    )
    assert money_text(Money(None, "150 USD", foreign_amount=150, currency="USD"), "vi") == "150 USD"
    assert money_text(Money(None, "1500 USD", foreign_amount=1500, currency="USD"), "en") == (
        "1,500 USD"
    )


def test_sheet_lists_every_result_and_marks_documents_only_shown(tmp_path: Path) -> None:
    data = procedure(
        "2.001219",
        result=[
            {"name": "Giấy phép", "code": "KQ.G17.000001"},
            {"name": "Văn bản từ chối", "code": "KQ.G17.000002"},
        ],
        components=[
            {"id": "don", "name": "Đơn đề nghị", "originals": 1},
            {"id": "cccd", "name": "Thẻ căn cước", "originals": 1, "kind": "shown"},
        ],
    )
    loaded = load_fixture(tmp_path, {"public/2.001219.yaml": data})
    [proc] = loaded.procedures
    assert [r.code for r in proc.results] == ["KQ.G17.000001", "KQ.G17.000002"]
    assert proc.result_name == "Giấy phép"
    sheet = procedure_sheet(proc, loaded)
    result_section = next(s for s in sheet.sections if s.heading.startswith("7."))
    assert result_section.paragraphs == (
        "Giấy phép (mã kết quả KQ.G17.000001)",
        "Văn bản từ chối (mã kết quả KQ.G17.000002)",
    )
    components = next(s for s in sheet.sections if s.heading.startswith("3.")).table
    assert components is not None
    assert components.rows[1].cells[2] == "01 bản chính (xuất trình (không nộp))"


def test_fees_once_per_channel_without_doubled_parentheses(tmp_path: Path) -> None:
    """The portal's "Miễn phí((Theo quy định …))" prints with single parentheses (then equal
    to the other channels' and printed once); two direct channels are named once."""
    from tthc_cli.render.tables import fee_summary, tidy_parentheses

    assert tidy_parentheses("Miễn phí((Theo quy định))") == "Miễn phí (Theo quy định)"
    assert tidy_parentheses("a (b) c") == "a (b) c"
    free = {"conditional": True, "text": "Miễn phí((Theo quy định của HĐND))"}
    plain = {"conditional": True, "text": "Miễn phí(Theo quy định của HĐND)"}
    data = procedure(
        "2.001219",
        channels=[
            {"id": "a", "channel": "online", "fee": free},
            {"id": "b", "channel": "direct", "fee": plain},
        ],
    )
    catalog = load_fixture(tmp_path / "a", {"2.001219.yaml": data})
    assert fee_summary(catalog.procedures[0], "vi") == (
        "Có điều kiện: Miễn phí (Theo quy định của HĐND)"
    )
    two = procedure(
        "2.001219",
        channels=[
            {"id": "a", "channel": "direct", "fee": {"amount": 2000}},
            {"id": "b", "channel": "direct"},
        ],
    )
    catalog = load_fixture(tmp_path / "b", {"2.001219.yaml": two})
    assert fee_summary(catalog.procedures[0], "vi") == "Trực tiếp: 2.000 đồng / Không có thông tin"

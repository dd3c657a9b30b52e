"""The legal-basis table read by its structure: the rows the portal runs together, the numbers
inside titles, decimal numbers, glued digits, malformed code cells (kept as text, never made
into a number)."""

from __future__ import annotations

import pytest

from tthc_cli.importer.parse_legal import HEADER as LE
from tthc_cli.importer.parse_legal import parse_legal
from tthc_cli.rules.legal_number import problems


def numbers(body: str) -> list[str | None]:
    items, _ = parse_legal(LE + body)
    return [item.get("number") for item in items]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the title repeats the number its code cell holds
        ("Luật 54/2014/QH1354/2014/QH13", ["54/2014/QH13"]),
        ("Luật … 28/2009/QH1228/2009/QH12", ["28/2009/QH12"]),
        (
            "Luật 61/2014/QH1361/2014/QH13LUẬT  HÀNG KHÔNG DÂN DỤNG VIỆT NAM66/2006/QH11",
            ["61/2014/QH13", "66/2006/QH11"],
        ),
        # decimal numbers, in the title and in the code cell
        (
            "Nghị quyết số 66.7/2025/NQ-CP của Chính phủ: Quy định cắt giảm dựa trên dữ liệu"
            "66.7/2025/NQ-CP",
            ["66.7/2025/NQ-CP"],
        ),
        # a code cell with its label, after a title that cites other documents
        (
            "Thông tư sửa đổi một số điều của Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ "
            "Tài chính.106/2021/TT-BTCquy định mức thu, lệ phí quốc tịch"
            "Thông tư số 281/2016/TT-BTC",
            ["106/2021/TT-BTC", "281/2016/TT-BTC"],
        ),
        # a code cell glued to a whole year or a date in the title
        ("Luật Giám định tư pháp năm 201213/2012/QH13", ["13/2012/QH13"]),
        ("có hiệu lực từ ngày 01/01/2017120/2016/NĐ-CP", ["120/2016/NĐ-CP"]),
        # a code cell glued to capitals that start the next title
        (
            "Về phân loại đô thị111/2025/UBTVQH15QUY ĐỊNH CHI TIẾT35/2026/NĐ-CP",
            ["111/2025/UBTVQH15", "35/2026/NĐ-CP"],
        ),
        ("Thông tư 56/2018/TT-BGTVT01/2013/TT-BVHTTDL01/2013/TT-BVHTTDL", ["01/2013/TT-BVHTTDL"]),
        # a decision number without a year
        ("Quy chế nội bộ của Bộ Xây dựngQuyết định số 180/QĐ-BXD", ["180/QĐ-BXD"]),
    ],
)
def test_rows_read_by_structure(body: str, expected: list[str | None]) -> None:
    found = numbers(body)
    assert [n for n in found if n is not None][-len(expected) :] == expected
    assert all(not problems(n) for n in found if n is not None)


@pytest.mark.parametrize(
    "body",
    [
        "Luật Kiến trúc40/2029/QH14",  # 2029 is outside the 14th legislature
        "Quy định mức thu phí đường thủy198/2016/TT/BTC",  # a slash for a hyphen
        "sửa đổi Thông tư về thuốc thú y15/2026/TT-BNNPTNT",  # the ministry no longer existed
        "Nghị định số 165/2024/NĐ- CP ngày 26/12/2024 của Chính phủ",  # a space inside
        "Luật Thi đua khen thưởng 202206",  # no number at all
        "Luật Nhà ở số 6565/2014/QH13",  # "65" + "65/…"? "656" + "5/…"? not decided
    ],
)
def test_malformed_or_undecided_code_cells_stay_text(body: str) -> None:
    items, issues = parse_legal(LE + body)
    assert [item.get("number") for item in items] == [None]
    assert issues
    assert body.split("/")[0][:8] in items[0]["title"] + str(issues)


def test_never_a_number_made_from_a_cut() -> None:
    items, _ = parse_legal(LE + "Luật 54/2014/QH1354/2014/QH13Thông tư 11/2026/TT-NHNN5")
    for item in items:
        assert item.get("number") not in ("1354/2014/QH13", "11/2026/TT-NHNN5", "4/2014/QH13")


def test_type_as_written_and_dates_only_where_stated() -> None:
    items, issues = parse_legal(
        f"{LE}Nghị định số 104/2025/NĐ-CP ngày 15/5/2025 của Chính phủ quy định chi tiết"
        "104/2025/NĐ-CPLuật Công chứng năm 202446/2024/QH15"
    )
    assert issues == []
    assert items[0] == {
        "number": "104/2025/NĐ-CP",
        "type": "Nghị định",
        "title": "Nghị định số 104/2025/NĐ-CP ngày 15/5/2025 của Chính phủ quy định chi tiết",
        "date": "2025-05-15",
    }
    assert items[1] == {
        "number": "46/2024/QH15",
        "type": "Luật",
        "title": "Luật Công chứng năm 2024",
    }


def test_a_row_without_a_number_glued_before_a_title() -> None:
    items, issues = parse_legal(
        f"{LE}Luật Nuôi con nuôiLuật Nuôi con nuôiThông tư sửa đổi một số điều11/2021/TT-BTP"
    )
    assert [i.get("number") for i in items] == [None, "11/2021/TT-BTP"]
    assert [i.what for i in issues] == ["legal-number-missing"]


def test_empty_and_foreign_text() -> None:
    assert parse_legal("Không có thông tin") == ([], [])
    assert parse_legal(LE + "Không có thông tin") == ([], [])
    assert [i.what for i in parse_legal("Luật 1/2020/QH14")[1]] == ["legal-not-understood"]

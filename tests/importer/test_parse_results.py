"""Results: each "Mã:" closes one result; all are kept, each with its own code."""

from __future__ import annotations

from tthc_cli.importer.parse_results import parse_results

TAIL = "Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phố"


def test_several_results_each_with_its_code() -> None:
    results, issues, kept = parse_results(
        "Giấy phép thành lập Văn phòng đại diện nước ngoàiMã: KQ.G19.000258"
        "văn bản từ chốiMã: KQ.G19.000567" + TAIL
    )
    assert results == [
        {"name": "Giấy phép thành lập Văn phòng đại diện nước ngoài", "code": "KQ.G19.000258"},
        {"name": "văn bản từ chối", "code": "KQ.G19.000567"},
    ]
    assert issues == [] and kept == []


def test_code_formats_and_codes_ending_at_a_capital() -> None:
    results, issues, _ = parse_results(
        "- Giấy ĐKHĐMã: 000.00.00.G15-KQ0187Văn bản chấp thuậnMã: 78Giấy đăng kýMã: KQ-G17.000001"
        + TAIL
    )
    assert [r["code"] for r in results] == ["000.00.00.G15-KQ0187", "78", "KQ-G17.000001"]
    assert results[0]["name"] == "Giấy ĐKHĐ"
    assert issues == []


def test_a_code_whose_end_the_text_does_not_show() -> None:
    results, issues, _ = parse_results("Quyết địnhMã: abcvăn bảnMã: KQ.G15.000001" + TAIL)
    assert results == [{"name": "Quyết định"}]  # the next name is glued to that code too
    assert [i.what for i in issues] == ["result-code-unclear", "result-without-name"]


def test_keywords_and_description_are_kept_as_written() -> None:
    _, _, kept = parse_results(
        "Thẻ Mã: KQ.G15.000001Từ khóaThẻ tư vấnMô tảCá nhân nhận thẻ tại Sở.Chọn cơ quan thực hiện"
    )
    assert [(k.what, k.text) for k in kept] == [
        ("result-keywords", "Thẻ tư vấn"),
        ("result-description", "Cá nhân nhận thẻ tại Sở."),
    ]
    assert parse_results("") == ([], [], [])

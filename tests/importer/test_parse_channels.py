"""Channels: working or clock time from the description; fees with currency; conditional and
unknown fees kept as words with a flag, never 0."""

from __future__ import annotations

import pytest

from tthc_cli.importer.parse_channels import HEADER as CH
from tthc_cli.importer.parse_channels import parse_channels


def row(body: str) -> dict:  # type: ignore[type-arg]
    rows, _ = parse_channels(CH + body)
    return rows[0]


@pytest.mark.parametrize(
    ("body", "unit"),
    [
        ("Trực tiếp12 GiờMiễn phíKhông quá 12 giờ làm việc kể từ khi nhận hồ sơ", "working_hours"),
        ("Trực tiếp12 GiờMiễn phíTrong vòng 12 giờ kể từ khi nhận hồ sơ", "hours"),
        ("Trực tiếp10 NgàyMiễn phíTrong thời hạn 10 ngày làm việc", "working_days"),
        ("Trực tiếp10 NgàyMiễn phíTrong thời hạn 05 ngày làm việc và 10 ngày", "calendar_days"),
    ],
)
def test_time_unit_from_the_description(body: str, unit: str) -> None:
    assert row(body)["time"]["unit"] == unit


def test_the_same_number_in_two_units_is_not_decided() -> None:
    rows, issues = parse_channels(CH + "Trực tiếp10 NgàyMiễn phí10 ngày làm việc hoặc 10 ngày")
    assert "time" not in rows[0]
    assert [i.what for i in issues] == ["time-unit-unclear"]


@pytest.mark.parametrize(
    ("fee", "expected"),
    [
        ("Miễn phí", {"amount": 0}),
        ("Miễn phí(Không quy định.)", {"amount": 0}),
        ("Miễn phí(Thực hiện theo Thông tư 244/2016/TT-BTC … mức thu …)", {"conditional": True}),
        (
            "Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)",
            {"conditional": True},
        ),
        ("Miễn phí(Miễn phí đối với: người di cư từ Lào)", {"conditional": True}),
        ("Không có thông tin", {"unknown": True}),
        ("100 USD", {"amount": 100, "currency": "USD"}),
        (
            "150 USD(Mức lệ phí được quy đổi ra đồng tiền của nước sở tại theo tỷ giá)",
            {"amount": 150, "currency": "USD"},
        ),
        ("1,200,000 Việt Nam Đồng(/hồ sơ)", {"amount": 1200000}),
        (
            "35,000,000 VNĐ(35.000.000 đồng (ba mươi lăm triệu đồng)/lần gia hạn.)",
            {"amount": 35000000},
        ),
        ("50,000 Việt Nam Đồng(Thông tư 199/2016/TT-BTC )", {"amount": 50000}),
        (
            "800,000 Việt Nam Đồng(áp dụng mức phí 400.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến hết "
            "ngày 31/12/2026 theo Thông tư số 64/2025/TT-BTC)",
            {"conditional": True},
        ),
        ("140,000 Việt Nam Đồng(- Xe ô tô từ 10 chỗ trở lên)", {"conditional": True}),
        (
            "2,000,000 VNĐ(đ/lần cấp (Miễn phí từ ngày 07/4/2026 đến 30/6/2026)",
            {"conditional": True},
        ),
    ],
)
def test_fees(fee: str, expected: dict) -> None:  # type: ignore[type-arg]
    found = row(f"Trực tiếp5 Ngày làm việc{fee}")["fee"]
    assert {k: v for k, v in found.items() if k != "text"} == expected
    assert found["text"].startswith(fee.split("(")[0])


def test_an_amount_changed_by_the_description_is_conditional() -> None:
    found = row(
        "Trực tiếp6 Ngày làm việc800,000 Việt Nam ĐồngPhí: 800.000 đồng/hồ sơ (áp dụng mức phí "
        "400.000 đồng/hồ sơ đến hết ngày 31/12/2026). Lệ phí: 100.000 đồng/hồ sơ."
    )["fee"]
    assert found["conditional"] is True and "amount" not in found


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("Trực tiếp7Miễn phí", "time-without-unit"),
        ("Trực tuyến140,000 Việt Nam Đồng", "time-fee-run-together"),
        ("Trực tiếp2 Ngày50 VNĐ", "fee-not-understood"),  # a cut-off figure, not a fee
    ],
)
def test_channel_rows_not_guessed(body: str, what: str) -> None:
    rows, issues = parse_channels(CH + body)
    assert [i.what for i in issues] == [what]
    assert "time" not in rows[0] or what == "fee-not-understood"
    assert "fee" not in rows[0] or rows[0]["fee"]["amount"] == 0


def test_channels_without_header_or_repeated() -> None:
    assert [i.what for i in parse_channels("Trực tiếp 2 ngày")[1]] == ["channels-not-understood"]
    rows, _ = parse_channels(f"{CH}Trực tiếp1 NgàyMiễn phíTrực tiếp2 NgàyMiễn phí")
    assert [r["id"] for r in rows] == ["direct-1", "direct-2"]

"""Periods written as staff write them: one grammar for import, validation and ``deadline``."""

from __future__ import annotations

import pytest

from tthc_cli.model import TimeUnit
from tthc_cli.plan.durations import parse_duration


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("5 ngày làm việc", 5, TimeUnit.WORKING_DAYS),
        ("05 Ngày làm việc", 5, TimeUnit.WORKING_DAYS),
        ("04 giờ làm việc", 4, TimeUnit.WORKING_HOURS),
        ("30 ngày", 30, TimeUnit.CALENDAR_DAYS),
        ("03 tháng", 3, TimeUnit.MONTHS),
        ("12 Giờ", 12, TimeUnit.HOURS),
        ("1,5 ngày làm việc", 1.5, TimeUnit.WORKING_DAYS),
        ("Trong thời hạn 05 ngày làm việc", 5, TimeUnit.WORKING_DAYS),
        ("trong 04 giờ làm việc", 4, TimeUnit.WORKING_HOURS),
        ("10 (mười) ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 10, TimeUnit.WORKING_DAYS),
        ("tối đa 30 ngày, kể từ ngày nhận được báo cáo", 30, TimeUnit.CALENDAR_DAYS),
        ("không quá 03 tháng", 3, TimeUnit.MONTHS),
    ],
)
def test_written_periods(text: str, value: float, unit: TimeUnit) -> None:
    found = parse_duration(text)
    assert found is not None and (found.value, found.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "5",
        "ngày làm việc",
        "5 ngày làm việc 2 ngày",
        "năm ngày",
        "",
        "05 ngày làm việc tại Sở và 03 ngày làm việc tại Cục",
        "5 ngày làm việcc",
        "trong 5",
    ],
)
def test_anything_else_is_not_guessed(text: str) -> None:
    assert parse_duration(text) is None

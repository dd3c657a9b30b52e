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
    ],
)
def test_written_periods(text: str, value: float, unit: TimeUnit) -> None:
    found = parse_duration(text)
    assert found is not None and (found.value, found.unit) == (value, unit)


@pytest.mark.parametrize("text", ["5", "ngày làm việc", "5 ngày làm việc 2 ngày", "năm ngày", ""])
def test_anything_else_is_not_guessed(text: str) -> None:
    assert parse_duration(text) is None

"""Dates as Vietnamese users write and read them, and as machines do."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tthc_cli.dates import parse_day, parse_moment, show_day, show_moment


@pytest.mark.parametrize("text", ["2025-07-01", "01/07/2025", "1/7/2025", " 01/07/2025 "])
def test_days_in_either_form(text: str) -> None:
    assert parse_day(text) == date(2025, 7, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2025-07-01 08:30",
        "2025-07-01T08:30",
        "01/07/2025 08:30",
        "1/7/2025 8:30",
        "01/07/2025  08:30",
    ],
)
def test_moments_in_either_form(text: str) -> None:
    assert parse_moment(text) == datetime(2025, 7, 1, 8, 30)


@pytest.mark.parametrize(
    "text", ["31/02/2025", "07/31/2025", "2025/07/01", "01/07/25", "", "hôm nay"]
)
def test_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day(text)


def test_a_day_is_not_a_moment() -> None:
    with pytest.raises(ValueError):
        parse_day("01/07/2025 08:30")
    assert parse_moment("01/07/2025") == datetime(2025, 7, 1)


def test_shown_by_language() -> None:
    assert show_day(date(2025, 7, 1), "vi") == "01/07/2025"
    assert show_day(date(2025, 7, 1), "en") == "2025-07-01"
    assert show_moment(datetime(2026, 1, 5, 8, 0), "vi") == "05/01/2026 08:00"

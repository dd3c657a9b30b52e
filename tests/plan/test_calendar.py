"""The working-day calendar and deadlines (BLDS 2015 Art. 147–148), pinned to published dates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc_cli.config import DayNote, OfficeHours
from tthc_cli.load.packaged import packaged_yaml
from tthc_cli.model import Duration, TimeUnit
from tthc_cli.plan.calendar import CALENDAR_DATA, OffKind, WorkCalendar, deadline


def vn_calendar(**overrides: Any) -> WorkCalendar:
    """The calendar as the commands build it: holidays plus the shipped make-up days."""
    return WorkCalendar(builtin=packaged_yaml(CALENDAR_DATA), **overrides)


def _d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize("saturday", ["2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22"])
def test_swap_saturdays_are_working_days(saturday: str) -> None:
    assert vn_calendar().is_working(_d(saturday))


def test_tet_2026_is_nine_days_off_from_14_to_22_february() -> None:
    calendar = vn_calendar()
    off = [d.day for d in calendar.days_off(_d("2026-02-13"), _d("2026-02-23"))]
    assert off == [_d("2026-02-14") + timedelta(days=i) for i in range(9)]
    assert calendar.is_working(_d("2026-02-13")) and calendar.is_working(_d("2026-02-23"))


def test_tet_2024_received_wednesday_afternoon_two_working_days() -> None:
    result = deadline(
        datetime(2024, 2, 7, 16, 0), Duration(2, TimeUnit.WORKING_DAYS), vn_calendar()
    )
    assert result.due == _d("2024-02-16")
    assert [s.day for s in result.skipped] == [
        _d("2024-02-08") + timedelta(days=i) for i in range(7)
    ]
    assert {s.kind for s in result.skipped} == {OffKind.HOLIDAY}
    assert all(s.notice is not None for s in result.skipped)


def test_counting_starts_the_next_day_within_office_hours() -> None:
    calendar = vn_calendar()
    morning = deadline(datetime(2024, 3, 4, 7, 30), Duration(1, TimeUnit.WORKING_DAYS), calendar)
    late = deadline(datetime(2024, 3, 4, 16, 59), Duration(1, TimeUnit.WORKING_DAYS), calendar)
    assert morning.due == late.due == _d("2024-03-05")
    night = deadline(datetime(2024, 3, 4, 23, 0), Duration(1, TimeUnit.WORKING_DAYS), calendar)
    assert night.receipt is not None and night.receipt.counted_from == datetime(2024, 3, 5, 7, 30)
    assert night.due == _d("2024-03-06")


def test_calendar_days_ending_on_a_day_off_move_to_the_next_working_day() -> None:
    # 12/2/2026 + 3 days = Sunday 15/2 (Tết); the period ends on Monday 23/2 (Art. 148).
    result = deadline(datetime(2026, 2, 12, 9), Duration(3, TimeUnit.CALENDAR_DAYS), vn_calendar())
    assert result.moved_from == _d("2026-02-15")
    assert result.due == _d("2026-02-23")
    assert len(result.skipped) == 8


def test_calendar_days_ending_on_a_working_day_are_not_moved() -> None:
    result = deadline(datetime(2024, 3, 4, 9), Duration(10, TimeUnit.CALENDAR_DAYS), vn_calendar())
    assert result.due == _d("2024-03-14") and result.moved_from is None and not result.skipped


def test_working_hours_run_from_the_moment_of_receipt() -> None:
    calendar = vn_calendar()
    four = deadline(datetime(2024, 3, 4, 9), Duration(4, TimeUnit.WORKING_HOURS), calendar)
    sixteen = deadline(datetime(2024, 3, 4, 9), Duration(16, TimeUnit.WORKING_HOURS), calendar)
    assert four.due_at == datetime(2024, 3, 4, 14, 30)
    assert sixteen.due_at == datetime(2024, 3, 6, 9)


def test_office_hours_from_the_config_are_used() -> None:
    office = OfficeHours(((time(8), time(12)), (time(13, 30), time(17, 30))), "Quy chế")
    result = deadline(
        datetime(2024, 3, 4, 8), Duration(8, TimeUnit.WORKING_HOURS), vn_calendar(), office
    )
    assert result.due_at == datetime(2024, 3, 4, 17, 30)


def test_clock_hours_run_from_receipt() -> None:
    result = deadline(datetime(2024, 3, 4, 9), Duration(24, TimeUnit.HOURS), vn_calendar())
    assert result.due_at == datetime(2024, 3, 5, 9)
    moved = deadline(datetime(2024, 3, 8, 9), Duration(24, TimeUnit.HOURS), vn_calendar())
    assert moved.due == _d("2024-03-11") and moved.moved_from == _d("2024-03-09")


def test_months_end_on_the_same_day_number_or_the_month_end() -> None:
    result = deadline(datetime(2024, 1, 31, 9), Duration(1, TimeUnit.MONTHS), vn_calendar())
    assert result.due == _d("2024-02-29")


def test_config_overrides_win() -> None:
    calendar = vn_calendar(
        days_off=[DayNote(_d("2024-03-05"), "Nghỉ bù theo quyết định của Thành phố")],
        working_days=[DayNote(_d("2024-02-12"), "Làm việc trực Tết")],
    )
    off = calendar.day_off(_d("2024-03-05"))
    assert off is not None and off.kind is OffKind.CONFIG and "Thành phố" in off.name
    assert calendar.is_working(_d("2024-02-12"))
    result = deadline(datetime(2024, 3, 4, 9), Duration(1, TimeUnit.WORKING_DAYS), calendar)
    assert result.due == _d("2024-03-06")


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 30)),
    days=st.integers(min_value=1, max_value=60),
)
def test_working_day_deadline_is_a_working_day_with_exactly_n_working_days(
    start: date, days: int
) -> None:
    calendar = vn_calendar()
    result = deadline(
        datetime.combine(start, time(9)),
        Duration(days, TimeUnit.WORKING_DAYS),
        calendar,
    )
    counted = result.receipt.counted_from.date() if result.receipt else start
    assert calendar.is_working(result.due)
    assert calendar.working_days_between(counted + timedelta(days=1), result.due) == days
    assert len(result.skipped) == (result.due - start).days - days

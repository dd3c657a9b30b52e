"""The whole working calendar 2022–2027, pinned: a data edit or a ``holidays`` upgrade that
changes any day fails here, loudly, naming the day.

``FULL_TABLE`` is written from the notices cited in ``tthc_cli/data/vn-calendar.yaml`` (weekdays
off, and Saturdays worked), not from the code. ``HOLIDAYS_DIFFERENCES`` lists where the
``holidays`` package (the version range pinned in pyproject.toml) knowingly disagrees.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest

from tthc_cli.config import UnsettledChoice
from tthc_cli.load.packaged import packaged_yaml
from tthc_cli.plan.calendar import CALENDAR_DATA, OffKind, WorkCalendar

FULL_TABLE = {
    2022: (
        "01-03 01-31 02-01 02-02 02-03 02-04 04-11 05-02 05-03 09-01 09-02",
        "",
    ),
    2023: ("01-02 01-20 01-23 01-24 01-25 01-26 05-01 05-02 05-03 09-01 09-04", ""),
    2024: ("01-01 02-08 02-09 02-12 02-13 02-14 04-18 04-29 04-30 05-01 09-02 09-03", "05-04"),
    2025: ("01-01 01-27 01-28 01-29 01-30 01-31 04-07 04-30 05-01 05-02 09-01 09-02", "04-26"),
    2026: (
        "01-01 01-02 02-16 02-17 02-18 02-19 02-20 04-27 04-30 05-01 08-31 09-01 09-02",
        "01-10 08-22",
    ),
    2027: ("01-01 02-04 02-05 02-08 02-09 02-10 04-16 04-30 05-03 09-02 09-03", ""),
}

# Where holidays (pinned range) and the notices differ, on purpose:
# 2026-01-02: the New Year swap of Văn bản 12729/VPCP-KGVX is not in holidays 0.109;
# 24/11 from 2026: holidays counts it off, the calendar's default is a working day (unsettled).
HOLIDAYS_DIFFERENCES = {
    date(2026, 1, 2): "off in the calendar only",
    date(2026, 11, 24): "off in holidays only",
    date(2027, 11, 24): "off in holidays only",
}


def _calendar() -> WorkCalendar:
    return WorkCalendar(builtin=packaged_yaml(CALENDAR_DATA))


def _year(is_working: object, year: int) -> tuple[set[date], set[date]]:
    check = is_working  # a callable date -> bool
    off, worked = set(), set()
    day = date(year, 1, 1)
    while day.year == year:
        working = check(day)  # type: ignore[operator]
        if day.weekday() < 5 and not working:
            off.add(day)
        if day.weekday() >= 5 and working:
            worked.add(day)
        day += timedelta(days=1)
    return off, worked


def _expected(year: int) -> tuple[set[date], set[date]]:
    off, worked = FULL_TABLE[year]
    return (
        {date.fromisoformat(f"{year}-{d}") for d in off.split()},
        {date.fromisoformat(f"{year}-{d}") for d in worked.split()},
    )


@pytest.mark.parametrize("year", sorted(FULL_TABLE))
def test_the_shipped_calendar_is_the_published_table(year: int) -> None:
    assert _year(_calendar().is_working, year) == _expected(year)


@pytest.mark.parametrize("year", sorted(FULL_TABLE))
def test_the_holidays_package_agrees_except_where_recorded(year: int) -> None:
    package = holidays.country_holidays("VN", years=year)

    def working(day: date) -> bool:
        return day not in package and day.weekday() < 5

    off, _ = _expected(year)
    got_off, _ = _year(working, year)
    # holidays has no make-up Saturdays (it lists the swapped weekday only): weekdays compared
    differences = got_off ^ off
    unexplained = {d for d in differences if d not in HOLIDAYS_DIFFERENCES}
    assert not unexplained, f"holidays {holidays.__version__} differs on {sorted(unexplained)}"


def test_every_table_day_names_its_notice() -> None:
    data = packaged_yaml(CALENDAR_DATA)
    notices = data["notices"]
    for item in data["days"]:
        assert item["notice"] in notices, item
        assert item["name"] and item["name_en"], item
    for notice in notices.values():
        assert notice["number"] and notice["title"] and isinstance(notice["verified"], bool)


def test_every_weekday_off_in_covered_years_comes_from_the_table() -> None:
    calendar = _calendar()
    for year in FULL_TABLE:
        off, _ = _expected(year)
        for day in off:
            found = calendar.day_off(day)
            assert found is not None and found.kind is OffKind.HOLIDAY and found.notice, day


def test_15_february_2025_is_an_ordinary_saturday() -> None:
    found = _calendar().day_off(date(2025, 2, 15))
    assert found is not None and found.kind is OffKind.WEEKEND


def test_culture_day_follows_the_recorded_choice() -> None:
    day = date(2026, 11, 24)
    assert _calendar().is_working(day)
    chosen = WorkCalendar(
        builtin=packaged_yaml(CALENDAR_DATA),
        unsettled={"ngay-van-hoa-viet-nam": UnsettledChoice("off", "Thành phố cho nghỉ")},
    )
    found = chosen.day_off(day)
    assert found is not None and found.kind is OffKind.UNSETTLED
    assert found.reason == "Thành phố cho nghỉ"
    assert not chosen.is_working(date(2028, 11, 24))  # a Friday, after the table's years


def test_years_outside_the_table_fall_back_to_the_package_labelled() -> None:
    found = _calendar().day_off(date(2030, 1, 1))
    assert found is not None and found.kind is OffKind.PACKAGE

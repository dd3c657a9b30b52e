"""Working days in Vietnam and deadlines counted the way Bộ luật Dân sự 2015 counts them.

A working day is Monday–Friday (QĐ 188/1999/QĐ-TTg) that is not a public holiday. Holidays come
from the ``holidays`` package (country VN, which includes the weekdays given off by a swap); the
Saturdays worked in exchange and any other built-in corrections are data in
``tthc_cli/data/vn-calendar.yaml``; the catalog config (``calendar.days_off`` and
``calendar.working_days``) wins over both.

Counting (BLDS 2015 Art. 147–148):

* days (working or calendar) start the day after the dossier is received, whatever the hour;
* working days skip weekends and holidays; calendar days count every day;
* when the last day is not a working day the period ends at the end of the next working day;
* the period ends at 24:00 of its last day;
* clock hours (``hours``) run from the moment of receipt (Art. 147(1)); if they end on a day off
  the period moves to the end of the next working day;
* working hours convert at ``hours_per_day`` (8) working hours per working day, rounded up to the
  working day the period ends in, counted like working days (the calendar knows days, not office
  hours);
* months end on the same day number of the last month (the month's last day if it has none).
"""

from __future__ import annotations

import calendar as month_calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import holidays

from tthc_cli.config import Config, DayNote
from tthc_cli.model import Duration, TimeUnit

CALENDAR_DATA = "vn-calendar.yaml"
SATURDAY = 5


class OffKind(StrEnum):
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    BUILTIN = "builtin"
    CONFIG = "config"


@dataclass(frozen=True, slots=True)
class DayOff:
    """A day that is not a working day, and why (``name`` is the holiday name or the reason)."""

    day: date
    kind: OffKind
    name: str = ""


@dataclass(frozen=True, slots=True)
class Deadline:
    received: datetime
    duration: Duration
    due: date
    due_at: datetime | None
    skipped: tuple[DayOff, ...]
    moved_from: date | None = None


@dataclass(frozen=True, slots=True)
class _Builtin:
    working: dict[date, str]
    off: dict[date, str]


def _builtin(data: Mapping[str, Any], lang: str) -> _Builtin:
    field = "reason_en" if lang == "en" else "reason"

    def notes(key: str) -> dict[date, str]:
        return {
            date.fromisoformat(item["date"]): str(item.get(field) or item["reason"])
            for item in data.get(key) or ()
        }

    return _Builtin(working=notes("working_days"), off=notes("days_off"))


class WorkCalendar:
    """Which days are working days, with the reason for every day that is not."""

    def __init__(
        self,
        days_off: Iterable[DayNote] = (),
        working_days: Iterable[DayNote] = (),
        lang: str = "vi",
        builtin: Mapping[str, Any] | None = None,
    ) -> None:
        self._config_off = {note.day: note.reason for note in days_off}
        self._config_working = {note.day: note.reason for note in working_days}
        self._builtin = _builtin(builtin or {}, lang)
        self._lang = "vi" if lang == "vi" else "en_US"
        self._years: dict[int, holidays.HolidayBase] = {}

    @classmethod
    def from_config(cls, config: Config, builtin: Mapping[str, Any]) -> WorkCalendar:
        """``builtin`` is the shipped data (``CALENDAR_DATA``), read by the loader."""
        return cls(config.days_off, config.working_days, config.lang, builtin)

    def _holidays(self, year: int) -> holidays.HolidayBase:
        if year not in self._years:
            self._years[year] = holidays.country_holidays("VN", years=year, language=self._lang)
        return self._years[year]

    def day_off(self, day: date) -> DayOff | None:
        """None for a working day; otherwise why the day is off."""
        if day in self._config_working:
            return None
        if day in self._config_off:
            return DayOff(day, OffKind.CONFIG, self._config_off[day])
        if day in self._builtin.working:
            return None
        if day in self._builtin.off:
            return DayOff(day, OffKind.BUILTIN, self._builtin.off[day])
        name = self._holidays(day.year).get(day)
        if name is not None:
            return DayOff(day, OffKind.HOLIDAY, str(name))
        if day.weekday() >= SATURDAY:
            return DayOff(day, OffKind.WEEKEND)
        return None

    def is_working(self, day: date) -> bool:
        return self.day_off(day) is None

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``start``..``end``, both included."""
        count = 0
        day = start
        while day <= end:
            count += self.is_working(day)
            day += timedelta(days=1)
        return count

    def days_off(self, start: date, end: date) -> list[DayOff]:
        """Every day off in ``start``..``end``, both included."""
        found = []
        day = start
        while day <= end:
            off = self.day_off(day)
            if off is not None:
                found.append(off)
            day += timedelta(days=1)
        return found

    def next_working_day(self, day: date) -> tuple[date, list[DayOff]]:
        """``day`` itself when it is a working day, else the next one and the days passed over."""
        skipped: list[DayOff] = []
        while (off := self.day_off(day)) is not None:
            skipped.append(off)
            day += timedelta(days=1)
        return day, skipped

    def add_working_days(self, start: date, count: int) -> tuple[date, list[DayOff]]:
        """The ``count``-th working day after ``start`` (``start`` itself not counted)."""
        skipped: list[DayOff] = []
        day = start
        left = count
        while left > 0:
            day += timedelta(days=1)
            off = self.day_off(day)
            if off is None:
                left -= 1
            else:
                skipped.append(off)
        return day, skipped


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, month_calendar.monthrange(year, month)[1]))


def deadline(
    received: datetime, duration: Duration, calendar: WorkCalendar, hours_per_day: float = 8.0
) -> Deadline:
    """When a period of ``duration`` that starts with a dossier received at ``received`` ends."""
    start = received.date()
    unit = duration.unit
    if unit in (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS):
        days = duration.value if unit is TimeUnit.WORKING_DAYS else duration.value / hours_per_day
        due, skipped = calendar.add_working_days(start, max(1, math.ceil(days)) if days > 0 else 0)
        return Deadline(received, duration, due, None, tuple(skipped))
    if unit is TimeUnit.HOURS:
        due_at = received + timedelta(hours=duration.value)
        moved, skipped = calendar.next_working_day(due_at.date())
        if moved != due_at.date():
            return Deadline(
                received, duration, moved, None, tuple(skipped), moved_from=due_at.date()
            )
        return Deadline(received, duration, moved, due_at, ())
    if unit is TimeUnit.CALENDAR_DAYS:
        nominal = start + timedelta(days=math.ceil(duration.value))
    else:
        nominal = _add_months(start, math.ceil(duration.value))
    moved, skipped = calendar.next_working_day(nominal)
    return Deadline(
        received,
        duration,
        moved,
        None,
        tuple(skipped),
        moved_from=nominal if moved != nominal else None,
    )

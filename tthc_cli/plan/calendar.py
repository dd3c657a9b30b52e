"""Working days in Vietnam, and deadlines counted the way Bộ luật Dân sự 2015 counts them.

Which days are off comes from ``tthc_cli/data/vn-calendar.yaml``: for the years it covers
(2022–2027) it lists every day off and make-up working day with the notice that fixes it; other
years fall back to the ``holidays`` package (country VN), labelled as not checked against a
notice. Saturdays and Sundays are weekly rest days (QĐ 188/1999/QĐ-TTg) unless a make-up day.
Days whose status the law has not settled (24/11, Ngày Văn hóa Việt Nam) follow the choice in
tthc.yaml (``calendar.unsettled``) or the shipped default. ``calendar.days_off`` and
``calendar.working_days`` in tthc.yaml win over everything.

Counting (BLDS 2015 Art. 147–148, see :func:`deadline`):

* receipt outside office hours or on a day off counts, by default, as receipt when the next
  office period starts (the dated rule in the calendar data, or ``receipt`` in tthc.yaml);
* working hours run from the moment of receipt through the office hours of working days
  (Art. 147(1): a period in hours starts at the moment fixed);
* days (working or calendar) and months start the day after receipt; working days skip days
  off; when the last day is a day off the period ends at the end of the next working day
  (Art. 148); the period ends at the end of its last day;
* clock hours (``hours``) run from the moment of receipt, moving to the end of the next working
  day when they end on a day off.
"""

from __future__ import annotations

import calendar as month_calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from tthc_cli.config import Config, DayNote, OfficeHours, UnsettledChoice
from tthc_cli.model import Duration, TimeUnit

CALENDAR_DATA = "vn-calendar.yaml"
SATURDAY = 5
NEXT_WORKING_START = "next_working_start"
AS_RECEIVED = "as_received"


class OffKind(StrEnum):
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # from the calendar table, with its notice
    PACKAGE = "package"  # from the holidays package, outside the table's years
    UNSETTLED = "unsettled"  # an unsettled day counted as off
    CONFIG = "config"


@dataclass(frozen=True, slots=True)
class Notice:
    """The instrument that fixes a day off (``verified`` False: read only at second hand)."""

    id: str
    number: str
    title: str
    issuer: str | None = None
    date: date | None = None
    url: str | None = None
    verified: bool = False


@dataclass(frozen=True, slots=True)
class DayOff:
    """A day that is not a working day, why, and the notice that says so."""

    day: date
    kind: OffKind
    name: str = ""
    notice: Notice | None = None
    estimated: bool = False
    reason: str | None = None  # the config's reason, or why an unsettled day was chosen


@dataclass(frozen=True, slots=True)
class MadeUp:
    """A Saturday or Sunday worked in exchange for a day off, counted as a working day."""

    day: date
    name: str
    notice: Notice | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class KeptWorking:
    """An unsettled day (24/11) that the chosen treatment counts as a working day."""

    day: date
    name: str
    notice: Notice | None
    reason: str


@dataclass(frozen=True, slots=True)
class ReceiptRule:
    rule: str
    instrument: str
    url: str | None = None
    verified: bool = False
    from_config: bool = False


@dataclass(frozen=True, slots=True)
class Receipt:
    """When a dossier received at ``received`` counts as received, and under which rule."""

    received: datetime
    counted_from: datetime
    rule: ReceiptRule

    @property
    def moved(self) -> bool:
        return self.counted_from != self.received


@dataclass(frozen=True, slots=True)
class Deadline:
    received: datetime
    duration: Duration
    due: date
    due_at: datetime | None
    skipped: tuple[DayOff, ...]
    moved_from: date | None = None
    receipt: Receipt | None = None
    made_up: tuple[MadeUp, ...] = ()
    kept_working: tuple[KeptWorking, ...] = ()


@dataclass(frozen=True, slots=True)
class _Entry:
    off: bool
    name: str
    notice: Notice | None
    estimated: bool


@dataclass(frozen=True, slots=True)
class _Unsettled:
    key: str
    month_day: tuple[int, int]
    from_year: int
    name: str
    notice: Notice | None
    choice: UnsettledChoice


def _notice(key: str, data: Mapping[str, Any]) -> Notice:
    return Notice(
        id=key,
        number=str(data.get("number", key)),
        title=str(data.get("title", "")),
        issuer=data.get("issuer"),
        date=date.fromisoformat(data["date"]) if data.get("date") else None,
        url=data.get("url"),
        verified=bool(data.get("verified", False)),
    )


def _receipt_rules(data: Mapping[str, Any]) -> list[tuple[date, ReceiptRule]]:
    rules = [
        (
            date.fromisoformat(item["from"]),
            ReceiptRule(
                item["rule"], item["instrument"], item.get("url"), bool(item.get("verified"))
            ),
        )
        for item in data.get("receipt_rules") or ()
    ]
    return sorted(rules, key=lambda pair: pair[0])


class WorkCalendar:
    """Which days are working days, with the reason and the notice for every day that is not."""

    def __init__(
        self,
        days_off: Iterable[DayNote] = (),
        working_days: Iterable[DayNote] = (),
        lang: str = "vi",
        builtin: Mapping[str, Any] | None = None,
        unsettled: Mapping[str, UnsettledChoice] | None = None,
    ) -> None:
        data = builtin or {}
        self._config_off = {note.day: note.reason for note in days_off}
        self._config_working = {note.day: note.reason for note in working_days}
        self._lang = lang
        name_field = "name_en" if lang == "en" else "name"
        notices = {key: _notice(key, item) for key, item in (data.get("notices") or {}).items()}
        self.notices: Mapping[str, Notice] = notices
        covered = data.get("covered") or {}
        self.covered = (int(covered.get("from", 0)), int(covered.get("to", -1)))
        self._table = {
            date.fromisoformat(item["date"]): _Entry(
                bool(item["off"]),
                str(item.get(name_field) or item["name"]),
                notices.get(item.get("notice", "")),
                bool(item.get("estimated", False)),
            )
            for item in data.get("days") or ()
        }
        chosen = unsettled or {}
        self._unsettled = [
            _Unsettled(
                key,
                (int(item["month_day"][:2]), int(item["month_day"][3:])),
                int(item["from_year"]),
                str(item.get(name_field) or item["name"]),
                notices.get(item.get("notice", "")),
                chosen.get(key)
                or UnsettledChoice(
                    item["default"], str(item.get("reason_en" if lang == "en" else "reason"))
                ),
            )
            for key, item in (data.get("unsettled") or {}).items()
        ]
        self.receipt_rules = _receipt_rules(data)
        self._years: dict[int, Any] = {}

    @classmethod
    def from_config(cls, config: Config, builtin: Mapping[str, Any]) -> WorkCalendar:
        """``builtin`` is the shipped data (``CALENDAR_DATA``), read by the loader."""
        return cls(
            config.days_off, config.working_days, config.lang, builtin, config.unsettled_days
        )

    def _package(self, year: int) -> Any:
        if year not in self._years:
            import holidays  # only the years outside the table need it

            language = "vi" if self._lang == "vi" else "en_US"
            self._years[year] = holidays.country_holidays("VN", years=year, language=language)
        return self._years[year]

    def covers(self, year: int) -> bool:
        return self.covered[0] <= year <= self.covered[1]

    def _unsettled_on(self, day: date) -> _Unsettled | None:
        for item in self._unsettled:
            if day.year >= item.from_year and (day.month, day.day) == item.month_day:
                return item
        return None

    def day_off(self, day: date) -> DayOff | None:
        """None for a working day; otherwise why the day is off."""
        if day in self._config_working:
            return None
        if day in self._config_off:
            return DayOff(day, OffKind.CONFIG, self._config_off[day])
        unsettled = self._unsettled_on(day)
        if unsettled is not None:
            if unsettled.choice.treat == "off":
                return DayOff(
                    day,
                    OffKind.UNSETTLED,
                    unsettled.name,
                    unsettled.notice,
                    reason=unsettled.choice.reason,
                )
            return self._weekend(day)
        entry = self._table.get(day)
        if entry is not None:
            if not entry.off:
                return None
            return DayOff(day, OffKind.HOLIDAY, entry.name, entry.notice, entry.estimated)
        if not self.covers(day.year):
            name = self._package(day.year).get(day)
            if name is not None:
                return DayOff(day, OffKind.PACKAGE, str(name))
        return self._weekend(day)

    @staticmethod
    def _weekend(day: date) -> DayOff | None:
        return DayOff(day, OffKind.WEEKEND) if day.weekday() >= SATURDAY else None

    def made_up(self, day: date) -> MadeUp | None:
        """The make-up entry when ``day`` is a Saturday or Sunday worked, else None."""
        if day.weekday() < SATURDAY or self.day_off(day) is not None:
            return None
        if day in self._config_working:
            return MadeUp(day, self._config_working[day], reason=self._config_working[day])
        entry = self._table.get(day)
        return MadeUp(day, entry.name, entry.notice) if entry is not None else None

    def kept_working(self, day: date) -> KeptWorking | None:
        """The unsettled day ``day`` when it is counted as a working day, else None."""
        item = self._unsettled_on(day)
        if item is None or item.choice.treat == "off" or day.weekday() >= SATURDAY:
            return None
        return KeptWorking(day, item.name, item.notice, item.choice.reason)

    def is_working(self, day: date) -> bool:
        return self.day_off(day) is None

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``start``..``end``, both included."""
        return sum(1 for day in _days(start, end) if self.is_working(day))

    def days_off(self, start: date, end: date) -> list[DayOff]:
        """Every day off in ``start``..``end``, both included."""
        return [off for day in _days(start, end) if (off := self.day_off(day)) is not None]

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

    def receipt_rule(self, on: date, config_rule: str | None = None) -> ReceiptRule:
        """The rule for receipt outside office hours in force on ``on`` (the config's first)."""
        if config_rule is not None:
            return ReceiptRule(config_rule, "tthc.yaml (receipt.outside_hours)", from_config=True)
        chosen = ReceiptRule(NEXT_WORKING_START, "")
        for start, rule in self.receipt_rules:
            if start <= on:
                chosen = rule
        return chosen


def _days(start: date, end: date) -> Iterable[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, month_calendar.monthrange(year, month)[1]))


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock)


def next_office_moment(
    moment: datetime, calendar: WorkCalendar, office: OfficeHours
) -> tuple[datetime, list[DayOff]]:
    """``moment`` when it falls within office hours of a working day, else the start of the
    next office period, with the days off passed over on the way."""
    skipped: list[DayOff] = []
    day = moment.date()
    clock: time | None = moment.time()
    while True:
        off = calendar.day_off(day)
        if off is None:
            for start, end in office.periods:
                if clock is None or clock < start:
                    return _at(day, start), skipped
                if clock < end:
                    return _at(day, clock), skipped
        elif clock is None:
            skipped.append(off)
        day += timedelta(days=1)
        clock = None


def counted_receipt(
    received: datetime, calendar: WorkCalendar, office: OfficeHours, rule: ReceiptRule
) -> tuple[Receipt, list[DayOff]]:
    """When the count starts for a dossier received at ``received`` under ``rule``."""
    if rule.rule == AS_RECEIVED:
        return Receipt(received, received, rule), []
    start, skipped = next_office_moment(received, calendar, office)
    off = calendar.day_off(received.date())
    if off is not None:
        skipped.insert(0, off)
    return Receipt(received, start, rule), skipped


def add_working_hours(
    start: datetime, hours: float, calendar: WorkCalendar, office: OfficeHours
) -> tuple[datetime, list[DayOff]]:
    """The moment ``hours`` office hours after ``start`` (time outside office hours and days
    off do not count), with the days off passed over."""
    left = timedelta(hours=hours)
    moment, skipped = next_office_moment(start, calendar, office)
    while True:
        day = moment.date()
        for period_start, period_end in office.periods:
            begin = max(moment, _at(day, period_start))
            end = _at(day, period_end)
            if begin >= end:
                continue
            if left <= end - begin:
                return begin + left, skipped
            left -= end - begin
            moment = end
        following, passed = calendar.next_working_day(day + timedelta(days=1))
        skipped += passed
        moment = _at(following, office.periods[0][0])


def _counted_specials(
    calendar: WorkCalendar, start: date, end: date
) -> tuple[tuple[MadeUp, ...], tuple[KeptWorking, ...]]:
    """The make-up days and the unsettled days kept as working days in ``start``..``end``."""
    made = tuple(m for day in _days(start, end) if (m := calendar.made_up(day)) is not None)
    kept = tuple(k for day in _days(start, end) if (k := calendar.kept_working(day)) is not None)
    return made, kept


def _period(
    received: datetime, duration: Duration, calendar: WorkCalendar, office: OfficeHours
) -> tuple[date, datetime | None, list[DayOff], date | None]:
    """Due day, due moment (None: the end of the day), days passed over, nominal last day
    when it moved; ``received`` is the moment the count starts from."""
    start = received.date()
    unit = duration.unit
    if unit is TimeUnit.WORKING_HOURS:
        due_at, skipped = add_working_hours(received, duration.value, calendar, office)
        return due_at.date(), due_at, skipped, None
    if unit is TimeUnit.WORKING_DAYS:
        days = max(1, math.ceil(duration.value)) if duration.value > 0 else 0
        due, skipped = calendar.add_working_days(start, days)
        return due, None, skipped, None
    if unit is TimeUnit.HOURS:
        moment = received + timedelta(hours=duration.value)
        moved, skipped = calendar.next_working_day(moment.date())
        if moved != moment.date():
            return moved, None, skipped, moment.date()
        return moved, moment, [], None
    if unit is TimeUnit.CALENDAR_DAYS:
        nominal = start + timedelta(days=math.ceil(duration.value))
    else:
        nominal = _add_months(start, math.ceil(duration.value))
    moved, skipped = calendar.next_working_day(nominal)
    return moved, None, skipped, nominal if moved != nominal else None


def deadline(
    received: datetime,
    duration: Duration,
    calendar: WorkCalendar,
    office: OfficeHours | None = None,
    receipt_rule: ReceiptRule | None = None,
) -> Deadline:
    """When a period of ``duration`` that starts with a dossier received at ``received`` ends.

    ``receipt_rule`` (default: the dated rule of the calendar data) says when a receipt outside
    office hours counts; ``office`` (default 07:30–11:30, 13:00–17:00) gives the office hours.
    """
    office = office or OfficeHours()
    rule = receipt_rule or calendar.receipt_rule(received.date())
    receipt, before = counted_receipt(received, calendar, office, rule)
    due, due_at, skipped, moved_from = _period(receipt.counted_from, duration, calendar, office)
    made_up, kept = _counted_specials(calendar, receipt.counted_from.date(), due)
    return Deadline(
        received=received,
        duration=duration,
        due=due,
        due_at=due_at,
        skipped=tuple(before + skipped),
        moved_from=moved_from,
        receipt=receipt,
        made_up=made_up,
        kept_working=kept,
    )

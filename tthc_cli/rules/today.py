"""The days a validation result holds for, found by watching how the rules use today's date.

Some rules judge a procedure on the day it applies, today when ``as_of`` is not set: a unit
dissolved on 1 July 2025 is an error from that day on. A result cached on 30 June must not be
reused on 1 July, but reusing it on 1 June or 15 June is right, and re-running every rule on
the first run of each day would make that run slow for nothing. So the rules get today as a
:class:`WatchedDay`: a date that notes every date it is compared with (the catalog's own
dates: dissolution and abolition dates, ``DISTRICT_LEVEL_ENDED``, effective dates). From those
comparisons :class:`DayWindow` narrows the days around today on which every comparison, and so
the result, comes out the same. Any other use of the value (shown in a message, counted from,
hashed) narrows the window to today alone, so a rule written later is right by construction,
at worst cached for one day.

Rules read today only through :attr:`~tthc_cli.rules.base.RuleContext.today` (a test checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

ONE_DAY = timedelta(days=1)


@dataclass(slots=True)
class DayWindow:
    """The days ``since <= day < until`` for which everything seen so far comes out as it did
    on ``today`` (None: unbounded on that side)."""

    today: date
    since: date | None = None
    until: date | None = None

    def cut(self, boundary: date) -> None:
        """A result may change on ``boundary`` (it holds before it, and again from it on)."""
        if boundary <= self.today:
            if self.since is None or boundary > self.since:
                self.since = boundary
        elif self.until is None or boundary < self.until:
            self.until = boundary

    def only_today(self) -> None:
        self.cut(self.today)
        self.cut(self.today + ONE_DAY)

    def watched(self) -> WatchedDay:
        return WatchedDay(self.today, self)


class WatchedDay(date):
    """Today, as rules see it: compares and behaves as a date, and tells its window about it."""

    __slots__ = ("_window",)
    _window: DayWindow

    def __new__(cls, day: date, window: DayWindow) -> WatchedDay:
        made = super().__new__(cls, day.year, day.month, day.day)
        made._window = window
        return made

    # Comparisons with another date: the result is the same on one side of a boundary. For
    # ``x OP today`` Python asks this subclass first (the reflected method), so those count too.
    def __lt__(self, other: Any) -> bool:  # today < d: changes on d
        if isinstance(other, date):
            self._window.cut(other)
        return date.__lt__(self, other)

    def __ge__(self, other: Any) -> bool:  # today >= d: changes on d
        if isinstance(other, date):
            self._window.cut(other)
        return date.__ge__(self, other)

    def __le__(self, other: Any) -> bool:  # today <= d: changes the day after d
        if isinstance(other, date):
            self._window.cut(other + ONE_DAY)
        return date.__le__(self, other)

    def __gt__(self, other: Any) -> bool:  # today > d: changes the day after d
        if isinstance(other, date):
            self._window.cut(other + ONE_DAY)
        return date.__gt__(self, other)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, date):
            self._window.cut(other)
            self._window.cut(other + ONE_DAY)
        return date.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    # Anything else uses the value itself: the result may differ on any other day.
    def _plain(self) -> date:
        self._window.only_today()
        return date(date.year.__get__(self), date.month.__get__(self), date.day.__get__(self))

    def __hash__(self) -> int:
        return hash(self._plain())

    def __str__(self) -> str:
        return str(self._plain())

    def __repr__(self) -> str:
        return repr(self._plain())

    def __format__(self, spec: str) -> str:
        return format(self._plain(), spec)

    def __reduce__(self) -> tuple[Any, ...]:
        return (date, (self.year, self.month, self.day))

    def __add__(self, other: Any) -> Any:
        return self._plain() + other

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        return self._plain() - other

    def __rsub__(self, other: Any) -> Any:
        return other - self._plain()

    def isoformat(self) -> str:
        return self._plain().isoformat()

    def strftime(self, fmt: str) -> str:
        return self._plain().strftime(fmt)

    def toordinal(self) -> int:
        return self._plain().toordinal()

    def weekday(self) -> int:
        return self._plain().weekday()

    def isoweekday(self) -> int:
        return self._plain().isoweekday()

    def isocalendar(self) -> Any:
        return self._plain().isocalendar()

    def timetuple(self) -> Any:
        return self._plain().timetuple()

    def ctime(self) -> str:
        return self._plain().ctime()

    def replace(self, *args: Any, **kwargs: Any) -> date:  # type: ignore[override]
        return self._plain().replace(*args, **kwargs)

    @property
    def year(self) -> int:
        return self._plain().year

    @property
    def month(self) -> int:
        return self._plain().month

    @property
    def day(self) -> int:
        return self._plain().day

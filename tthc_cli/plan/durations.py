"""Conversions between duration units, in one place.

Working days and working hours convert exactly at ``hours_per_day`` (8 by default, the rate
HCMC uses: 1,944 ngày làm việc ≈ 15,500 giờ). Calendar units cannot be turned into working
days without a calendar, so they convert to a *range* of working days: the fewest and the
most working days the span can hold, ignoring holidays (holidays only lower the count).
Rules use the range to flag only what is certainly wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from tthc_cli.model import Duration, TimeUnit
from tthc_cli.textnorm import nfc

DAY_HOURS = 24.0

# Unit words as staff and the national portal write them (lower-cased) → the schema's unit. The
# longer phrase comes first in the pattern, so "ngày làm việc" is never read as "ngày".
TIME_UNITS: dict[str, TimeUnit] = {
    "ngày làm việc": TimeUnit.WORKING_DAYS,
    "ngày": TimeUnit.CALENDAR_DAYS,
    "giờ làm việc": TimeUnit.WORKING_HOURS,
    "giờ": TimeUnit.HOURS,
    "tháng": TimeUnit.MONTHS,
}
UNIT_PATTERN = "ngày làm việc|ngày|giờ làm việc|giờ|tháng"
# "Trong thời hạn 05 (năm) ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ": an optional lead-in,
# the number spelled out in brackets, and a trailing "kể từ …" saying when the count starts.
_LEAD = r"(?:(?:trong (?:thời hạn|thời gian|vòng)|trong|không quá|tối đa)\s+)?"
_FROM = r"(?:\s*,?\s*kể từ\b.*)?"
_WRITTEN = re.compile(
    rf"^\s*{_LEAD}(\d+(?:[.,]\d+)?)\s*(?:\([^()\d]{{1,30}}\)\s*)?({UNIT_PATTERN})"
    rf"(?![a-zà-ỹ])\s*{_FROM}\s*$",
    re.IGNORECASE,
)


def number(text: str) -> int | float:
    """``"02"`` → 2, ``"1.5"`` or ``"1,5"`` → 1.5 (a decimal mark, never thousands here)."""
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def written(value: str, unit: str, text: str | None = None) -> Duration:
    """A duration from its number and unit words as written (``"05"``, ``"ngày làm việc"``)."""
    return Duration(float(number(value)), TIME_UNITS[unit.lower()], text)


def parse_duration(text: str) -> Duration | None:
    """A period written as staff write it — "5 ngày làm việc", "04 giờ làm việc", "30 ngày",
    "03 tháng", "12 giờ", also "Trong thời hạn 05 (năm) ngày làm việc, kể từ ngày nhận đủ hồ sơ"
    — or None when ``text`` is anything else (never a guess)."""
    match = _WRITTEN.match(nfc(text))
    if match is None:
        return None
    return written(match.group(1), match.group(2), " ".join(text.split()))


def _calendar_days_range(days: float) -> tuple[float, float]:
    """Fewest and most Monday–Friday days in any span of ``days`` calendar days."""
    whole = math.floor(days)
    weeks, rest = divmod(whole, 7)
    frac = days - whole
    low = weeks * 5 + max(0, rest - 2)
    high = weeks * 5 + min(rest, 5) + frac
    return float(low), float(high)


def working_days_range(duration: Duration, hours_per_day: float = 8.0) -> tuple[float, float]:
    """The least and the most working days ``duration`` can mean."""
    value = duration.value
    if duration.unit is TimeUnit.WORKING_DAYS:
        return value, value
    if duration.unit is TimeUnit.WORKING_HOURS:
        return value / hours_per_day, value / hours_per_day
    if duration.unit is TimeUnit.CALENDAR_DAYS:
        return _calendar_days_range(value)
    if duration.unit is TimeUnit.HOURS:
        low, _ = _calendar_days_range(value / DAY_HOURS)
        return low, value / hours_per_day
    low, _ = _calendar_days_range(value * 28)
    _, high = _calendar_days_range(value * 31)
    return low, high


def exact_working_days(duration: Duration, hours_per_day: float = 8.0) -> float | None:
    """Working days when the conversion is exact (working days or working hours), else None."""
    low, high = working_days_range(duration, hours_per_day)
    return low if low == high else None


def sum_range(durations: Iterable[Duration], hours_per_day: float = 8.0) -> tuple[float, float]:
    low = high = 0.0
    for duration in durations:
        a, b = working_days_range(duration, hours_per_day)
        low += a
        high += b
    return low, high


def compare(old: Duration, new: Duration, hours_per_day: float = 8.0) -> int:
    """-1 when ``new`` is certainly shorter, 1 when certainly longer, 0 when equal or unclear."""
    if old.unit is new.unit:
        return (new.value > old.value) - (new.value < old.value)
    old_low, old_high = working_days_range(old, hours_per_day)
    new_low, new_high = working_days_range(new, hours_per_day)
    if new_high < old_low:
        return -1
    if new_low > old_high:
        return 1
    return 0


def format_number(value: float) -> str:
    """1.0 → '1', 1.5 → '1,5' is left to renderers; here: shortest exact decimal text."""
    return f"{value:g}"

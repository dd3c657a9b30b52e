"""Dates as people write and read them: ``dd/mm/yyyy`` in Vietnamese, ISO 8601 in English and
in every machine format (JSON, CSV, SARIF…).

Command-line dates (``--as-of``, ``--received``) accept both forms: ``2025-07-01`` and
``01/07/2025`` (also ``1/7/2025``), with an optional time ``HH:MM`` (``01/07/2025 08:30``,
``2025-07-01 08:30`` or ``2025-07-01T08:30``). A day written first is always the day: Vietnamese
never writes month/day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

_DMY = re.compile(
    r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"(?:[ T](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?$"
)


def show_day(day: date, lang: str = "vi") -> str:
    """``day`` for a person: 01/07/2025 in Vietnamese, 2025-07-01 in English."""
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def show_moment(moment: datetime, lang: str = "vi") -> str:
    """A date and time for a person: 01/07/2025 08:30 (vi), 2025-07-01 08:30 (en)."""
    return f"{show_day(moment.date(), lang)} {moment.strftime('%H:%M')}"


def parse_moment(text: str) -> datetime:
    """A date with an optional time, ISO or ``dd/mm/yyyy [HH:MM]``; ValueError when neither."""
    cleaned = " ".join(text.split())
    match = _DMY.match(cleaned)
    if match is None:
        return datetime.fromisoformat(cleaned)
    day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    if match["h"] is None:
        return datetime.combine(day, time())
    clock = time(int(match["h"]), int(match["mi"]), int(match["s"] or 0))
    return datetime.combine(day, clock)


def parse_day(text: str) -> date:
    """A date, ISO or ``dd/mm/yyyy``; ValueError for anything else (a time included)."""
    cleaned = text.strip()
    match = _DMY.match(cleaned)
    if match is not None and match["h"] is None:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    return date.fromisoformat(cleaned)


def stored_day(value: object) -> date | None:
    """A day as data files store it (ISO ``2025-07-01``, or a date YAML already gave), else None:
    a value the schema let through but that is no real day (``2025-02-30``) is no day."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None

"""Deadlines as the law counts them, one row per case, each expected date worked out by hand.

Law: Bộ luật Dân sự 2015 Art. 147 (a period in hours starts at the moment fixed; in days, the day
after), Art. 148 (a last day that is a day off moves to the end of the next working day); the
calendar of the notices in vn-calendar.yaml; office hours 07:30–11:30 and 13:00–17:00; a dossier
received outside office hours counts from the start of the next office period (the shipped
receipt rule, unverified and configurable) unless the row says ``as_received``.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tthc_cli.load.packaged import packaged_yaml
from tthc_cli.plan.calendar import (
    AS_RECEIVED,
    CALENDAR_DATA,
    NEXT_WORKING_START,
    ReceiptRule,
    WorkCalendar,
    deadline,
)
from tthc_cli.plan.durations import parse_duration

# (case, received, period as staff write it, expected due: "dd/mm/yyyy" = end of that day,
#  "dd/mm/yyyy HH:MM" = that moment, receipt rule)
CASES = [
    # Friday afternoon receipts
    (
        "Fri 15:30, 1 working day: Sat-Sun skipped",
        "06/03/2026 15:30",
        "1 ngày làm việc",
        "09/03/2026",
        NEXT_WORKING_START,
    ),
    (
        "Fri 17:30 after hours: counted from Mon 07:30, day 1 is Tue",
        "06/03/2026 17:30",
        "1 ngày làm việc",
        "10/03/2026",
        NEXT_WORKING_START,
    ),
    (
        "Fri 17:30 taken as received: day 1 is Mon",
        "06/03/2026 17:30",
        "1 ngày làm việc",
        "09/03/2026",
        AS_RECEIVED,
    ),
    (
        "Fri 16:00 + 4 working hours: 1 h Fri, 3 h Mon from 07:30",
        "06/03/2026 16:00",
        "04 giờ làm việc",
        "09/03/2026 10:30",
        NEXT_WORKING_START,
    ),
    # 4, 8 and 16 working hours from Monday morning
    (
        "Mon 08:00 + 4 h: 3.5 h morning, 0.5 h after lunch",
        "02/03/2026 08:00",
        "4 giờ làm việc",
        "02/03/2026 13:30",
        NEXT_WORKING_START,
    ),
    (
        "Mon 07:30 + 8 h: the whole Monday",
        "02/03/2026 07:30",
        "08 giờ làm việc",
        "02/03/2026 17:00",
        NEXT_WORKING_START,
    ),
    (
        "Mon 07:30 + 16 h: Monday and Tuesday",
        "02/03/2026 07:30",
        "16 giờ làm việc",
        "03/03/2026 17:00",
        NEXT_WORKING_START,
    ),
    (
        "Mon 12:00 (lunch) + 4 h: counted from 13:00",
        "02/03/2026 12:00",
        "4 giờ làm việc",
        "02/03/2026 17:00",
        NEXT_WORKING_START,
    ),
    # Tết 2025 (25/01–02/02/2025) and Tết 2026 (14/02–22/02/2026)
    (
        "Tết 2025: Fri 24/01, 3 working days -> 03, 04, 05/02",
        "24/01/2025 10:00",
        "3 ngày làm việc",
        "05/02/2025",
        NEXT_WORKING_START,
    ),
    (
        "Tết 2025: no make-up Saturday on 15/02/2025",
        "14/02/2025 10:00",
        "1 ngày làm việc",
        "17/02/2025",
        NEXT_WORKING_START,
    ),
    (
        "Tết 2026: Fri 13/02, 2 working days -> 23, 24/02",
        "13/02/2026 10:00",
        "2 ngày làm việc",
        "24/02/2026",
        NEXT_WORKING_START,
    ),
    (
        "Tết 2026: Fri 13/02 14:00 + 8 h: 3 h Fri, 4 h + 1 h on Mon 23/02",
        "13/02/2026 14:00",
        "8 giờ làm việc",
        "23/02/2026 14:00",
        NEXT_WORKING_START,
    ),
    # 30/4–1/5 and 2/9 in 2025 and 2026
    (
        "30/4/2025: Tue 29/04, 1 wd: 30/4, 1/5, 2/5 (swap), weekend",
        "29/04/2025 10:00",
        "1 ngày làm việc",
        "05/05/2025",
        NEXT_WORKING_START,
    ),
    (
        "26/04/2025 is a make-up Saturday",
        "25/04/2025 10:00",
        "1 ngày làm việc",
        "26/04/2025",
        NEXT_WORKING_START,
    ),
    (
        "30/4/2026: Wed 29/04, 1 wd: 30/4, 1/5, weekend",
        "29/04/2026 10:00",
        "1 ngày làm việc",
        "04/05/2026",
        NEXT_WORKING_START,
    ),
    (
        "Giỗ Tổ 2026 on Sunday 26/04: Mon 27/04 off in lieu",
        "24/04/2026 10:00",
        "1 ngày làm việc",
        "28/04/2026",
        NEXT_WORKING_START,
    ),
    (
        "2/9/2025: Fri 29/08, 1 wd: weekend, 1/9, 2/9",
        "29/08/2025 10:00",
        "1 ngày làm việc",
        "03/09/2025",
        NEXT_WORKING_START,
    ),
    (
        "2/9/2026: Fri 28/08, 1 wd: weekend, 31/8 (swap), 1/9, 2/9",
        "28/08/2026 10:00",
        "1 ngày làm việc",
        "03/09/2026",
        NEXT_WORKING_START,
    ),
    (
        "22/08/2026 is a make-up Saturday",
        "21/08/2026 10:00",
        "1 ngày làm việc",
        "22/08/2026",
        NEXT_WORKING_START,
    ),
    # New Year 2026 with the 10/01 make-up (Văn bản 12729/VPCP-KGVX)
    (
        "31/12/2025, 1 wd: 1/1, 2/1 (swap), weekend -> Mon 05/01",
        "31/12/2025 09:00",
        "1 ngày làm việc",
        "05/01/2026",
        NEXT_WORKING_START,
    ),
    (
        "Mon 05/01/2026, 5 wd: Tue..Fri, Sat 10/01 is day 5",
        "05/01/2026 09:00",
        "5 ngày làm việc",
        "10/01/2026",
        NEXT_WORKING_START,
    ),
    # A deadline falling on a day off (Art. 148)
    (
        "12/02/2026 + 3 days = Sun 15/02 (Tết) -> Mon 23/02",
        "12/02/2026 09:00",
        "3 ngày",
        "23/02/2026",
        NEXT_WORKING_START,
    ),
    (
        "01/04/2026 + 30 days = Fri 01/05 (holiday) -> Mon 04/05",
        "01/04/2026 09:00",
        "30 ngày",
        "04/05/2026",
        NEXT_WORKING_START,
    ),
    (
        "30/11/2026 + 3 months = Sun 28/02/2027 -> Mon 01/03/2027",
        "30/11/2026 09:00",
        "03 tháng",
        "01/03/2027",
        NEXT_WORKING_START,
    ),
    # A Sunday online receipt
    (
        "Sun 08/03/2026 online: counted from Mon 07:30, 5 wd -> Mon 16/03",
        "08/03/2026 09:00",
        "5 ngày làm việc",
        "16/03/2026",
        NEXT_WORKING_START,
    ),
    (
        "Sun 08/03/2026 taken as received: 5 wd -> Fri 13/03",
        "08/03/2026 09:00",
        "5 ngày làm việc",
        "13/03/2026",
        AS_RECEIVED,
    ),
    (
        "Sun 08/03/2026 online + 4 working hours -> Mon 11:30",
        "08/03/2026 09:00",
        "4 giờ làm việc",
        "09/03/2026 11:30",
        NEXT_WORKING_START,
    ),
    # 24/11/2026: unsettled, counted as a working day by default
    (
        "Mon 23/11/2026, 1 wd -> Tue 24/11 (default: working)",
        "23/11/2026 09:00",
        "1 ngày làm việc",
        "24/11/2026",
        NEXT_WORKING_START,
    ),
]


def _moment(text: str) -> datetime:
    day, _, clock = text.partition(" ")
    d, m, y = (int(part) for part in day.split("/"))
    hours, minutes = (int(part) for part in (clock or "00:00").split(":"))
    return datetime(y, m, d, hours, minutes)


@pytest.mark.parametrize(
    ("received", "period", "expected", "rule"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_deadline(received: str, period: str, expected: str, rule: str) -> None:
    duration = parse_duration(period)
    assert duration is not None
    calendar = WorkCalendar(builtin=packaged_yaml(CALENDAR_DATA))
    result = deadline(_moment(received), duration, calendar, None, ReceiptRule(rule, "test"))
    if " " in expected:
        assert result.due_at == _moment(expected)
    else:
        assert result.due == _moment(expected).date()
        assert result.due_at is None

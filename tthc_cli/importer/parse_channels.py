"""The portal's "Cách thức thực hiện" table, flattened to one string by the collector.

Header ``Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả``, then one row per channel:
``Trực tiếp`` / ``Trực tuyến`` / ``Dịch vụ bưu chính``, a time (``2 Ngày làm việc``,
``1.5 Ngày``, ``4 Giờ``, ``Không có thông tin``), a fee (``Miễn phí``, ``500,000 Việt Nam Đồng``,
``70,000 VNĐ``, ``Không có thông tin``) with an optional note in brackets, and a description.
A time without a unit, or digits that run straight into an amount (``Trực tuyến140,000 Việt
Nam Đồng``: 1 and 40,000, or 140,000?) are reported, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter

from tthc_cli.importer.common import NO_INFO, Doc, Issue, duration, issue, one_line

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
CHANNELS = {"Trực tiếp": "direct", "Trực tuyến": "online", "Dịch vụ bưu chính": "postal"}
CHANNEL_ROW = re.compile(
    r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\s*(?:\d|Không có thông tin))"
)
_TIME = re.compile(
    r"\s*(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng)(?![a-zà-ỹ])"
)
_BARE = re.compile(r"\s*(\d+(?:[.,]\d+)?)(?=\s*(?:Miễn phí|Không có thông tin))")
_MONEY_RUN = re.compile(r"\s*\d[\d.,]*\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng|USD)")
_AMOUNT = re.compile(r"\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng)(?![a-zà-ỹ])")


def _bracket(text: str) -> int:
    """Length of a balanced ``(...)`` at the start of ``text`` (0 when there is none)."""
    if not text.startswith("("):
        return 0
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index + 1
    return 0


def _fee(cell: str, label: str) -> tuple[Doc | None, str, list[Issue]]:
    """The fee at the start of ``cell``, and what follows it (the description)."""
    money: Doc
    if cell.startswith("Miễn phí"):
        size, money = len("Miễn phí"), {"amount": 0}
    elif cell.startswith(NO_INFO):
        size, money = len(NO_INFO), {"unknown": True}
    elif match := _AMOUNT.match(cell):
        size, money = match.end(), {"amount": int(match.group(1).replace(",", ""))}
    else:
        return None, "", [issue("fee-not-understood", f"{label}: {cell}")]
    size += _bracket(cell[size:])
    money["text"] = one_line(cell[:size])
    return money, cell[size:], []


def _row(label: str, cell: str) -> tuple[Doc, list[Issue]]:
    row: Doc = {"channel": CHANNELS[label]}
    if cell.startswith(NO_INFO):
        rest = cell[len(NO_INFO) :]
    elif match := _TIME.match(cell):
        row["time"] = duration(match.group(1), match.group(2), match.group(0))
        rest = cell[match.end() :]
    elif match := _BARE.match(cell):
        found = issue("time-without-unit", f"{label}: {match.group(1)}")
        return _finish(row, label, cell[match.end() :], [found])
    elif _MONEY_RUN.match(cell):
        return row, [issue("time-fee-run-together", f"{label}: {cell}")]
    else:
        return row, [issue("time-not-understood", f"{label}: {cell}")]
    return _finish(row, label, rest, [])


def _finish(row: Doc, label: str, rest: str, issues: list[Issue]) -> tuple[Doc, list[Issue]]:
    money, description, problems = _fee(rest.lstrip(), label)
    if money is not None:
        row["fee"] = money
    described = one_line(description)
    if described and described != NO_INFO:
        row["description"] = described
    return row, issues + problems


def parse_channels(text: str | None) -> tuple[list[Doc], list[Issue]]:
    """Channel rows in order; repeated channels get ids (``direct-1``, ``direct-2``)."""
    if not text or not text.strip():
        return [], []
    body = text.strip()
    if not body.startswith(HEADER):
        return [], [issue("channels-not-understood", body)]
    body = body[len(HEADER) :]
    starts = list(CHANNEL_ROW.finditer(body))
    if not starts:
        return [], ([issue("channels-not-understood", body)] if one_line(body) else [])
    issues: list[Issue] = []
    if one_line(body[: starts[0].start()]):
        issues.append(issue("channels-not-understood", body[: starts[0].start()]))
    rows: list[Doc] = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        row, problems = _row(match.group(1), body[match.end() : end].lstrip())
        rows.append(row)
        issues += problems
    counts = Counter(row["channel"] for row in rows)
    seen: Counter[str] = Counter()
    for row in rows:
        if counts[row["channel"]] > 1:
            seen[row["channel"]] += 1
            row["id"] = f"{row['channel']}-{seen[row['channel']]}"
    return rows, issues

"""The portal's "Cách thức thực hiện" table, flattened to one string by the collector.

Header ``Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả``, then one row per channel:
``Trực tiếp`` / ``Trực tuyến`` / ``Dịch vụ bưu chính``, a time (``2 Ngày làm việc``, ``1.5 Ngày``,
``4 Giờ``, ``Không có thông tin``), a fee with an optional note in brackets, and a description.

Time: the unit the cell names, made precise by the description when it states the same number
with a narrower unit: "12 Giờ" described as "Không quá 12 giờ làm việc" is 12 working hours,
"10 Ngày" described as "trong thời hạn 10 ngày làm việc" is 10 working days. A description
that says the same number in two units leaves the time as text. A number without a unit, or
digits run straight into an amount (``Trực tuyến140,000 Việt Nam Đồng``: 1 and 40,000, or
140,000?), are reported, never guessed.

Fee: ``Miễn phí`` is 0 only when nothing in its note or the description speaks of a fee; "Miễn
phí (Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh … quyết định)" or a description citing a fee
circular is *conditional*. An amount is kept with its currency (``150 USD``); an amount whose
note sets another amount, a time limit or a condition ("áp dụng mức phí 400.000 đồng … đến hết
ngày 31/12/2026", "(- Xe ô tô từ 10 chỗ trở lên)") is conditional. A conditional fee keeps its
words and no amount; ``Không có thông tin`` is unknown. Neither is ever 0.
"""

from __future__ import annotations

import re
from collections import Counter

from tthc_cli.importer.common import NO_INFO, Doc, Issue, duration, issue, one_line
from tthc_cli.plan.durations import TIME_UNITS, number

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
CHANNELS = {"Trực tiếp": "direct", "Trực tuyến": "online", "Dịch vụ bưu chính": "postal"}
CHANNEL_ROW = re.compile(
    r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\s*(?:\d|Không có thông tin))"
)
_TIME = re.compile(
    r"\s*(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng)(?![a-zà-ỹ])"
)
_BARE = re.compile(r"\s*(\d+(?:[.,]\d+)?)(?=\s*(?:Miễn phí|Không có thông tin))")
_MONEY_RUN = re.compile(r"\s*\d[\d.,]*\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng|[A-Z]{3}\b)")
CURRENCIES = {"Việt Nam Đồng": "VND", "VNĐ": "VND", "Đồng": "VND", "đồng": "VND", "USD": "USD",
              "EUR": "EUR"}  # fmt: skip
_AMOUNT = re.compile(
    r"\s*(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)\s*"
    r"(Việt Nam Đồng|VNĐ|Đồng|đồng|USD|EUR)(?![a-zà-ỹ])"
)
FREE = "Miễn phí"
# Words in a fee's note that make the amount depend on something (a period, a case, a rule).
_CONDITION = re.compile(
    r"miễn|giảm|áp dụng|kể từ|đến hết|trường hợp|đối với|nếu|theo|"
    r"tối đa|tối thiểu|không quá|hội đồng nhân dân|mức",
    re.IGNORECASE,
)
# A note that only cites the document setting the amount ("(Thông tư 199/2016/TT-BTC)", "(Theo
# quy định của Thông tư số 236/2016/TT-BTC quy định về giá dịch vụ …)") sets no condition.
_CITATION = re.compile(
    r"(?:theo\s+)?(?:quy định\s+(?:của|tại)\s+)?(?:Điều\s+[\d,\s]+(?:và\s+\d+\s+)?(?:của\s+)?)?"
    r"(?:Thông tư|Nghị định|Quyết định|Nghị quyết)(?:\s+số)?\s+\d[\w./-]*"
    r"(?:\s+ngày\s+\d{1,2}/\d{1,2}/\d{4})?",
    re.IGNORECASE,
)
# A fee spoken of (outside "miễn phí" and "không quy định phí"): then "Miễn phí" is not plainly 0.
_FEE_WORDS = re.compile(
    r"(?<!chi )(?<!miễn )\b(?:lệ phí|phí)\b|mức thu|/TT-?BTC|\d[\d.,]*\s*(?:đồng|VNĐ)",
    re.IGNORECASE,
)
# "Miễn phí" is 0 only with no note or a note that just says so ("(Không quy định.)"); any
# other note names a case, a rule or a fee ("(Miễn phí đối với: người di cư…)", "(Theo quy định
# của Hội đồng nhân dân cấp tỉnh)", "(Thiết bị lẻ, vật tư khác)") and makes it conditional.
_PLAIN_FREE = re.compile(
    r"^[\s(]*(?:không(?: quy định| có| thu)?(?: phí| lệ phí)?|miễn phí|không mất phí)[\s.)]*$",
    re.IGNORECASE,
)
_NO_FEE = re.compile(
    r"không (?:quy định|thu|mất)(?: về)? (?:phí|lệ phí)(?:,? (?:lệ phí|phí))?", re.IGNORECASE
)
_NUMBERS = re.compile(r"\d[\d.,]*\d|\d")
# A foreign amount's note on converting it to the local currency sets no condition.
_EXCHANGE = re.compile(r"quy đổi|tỷ giá", re.IGNORECASE)
# In the description of a channel with an amount: another amount, or the fee's terms changing.
_AMOUNTS = re.compile(r"(\d[\d.,]*)\s*(?:đồng|VNĐ|Việt Nam Đồng)", re.IGNORECASE)
_FEE_TERMS = re.compile(
    r"mức (?:phí|thu|lệ phí)|miễn (?:phí|lệ phí)|giảm (?:phí|lệ phí)|không phải nộp (?:lệ )?phí",
    re.IGNORECASE,
)
SMALLEST_FEE = 1000  # đồng: a smaller amount is a cut-off figure ("50 VNĐ"), not a fee
# "N <unit>" in a description, to tell working from clock hours and days.
_STATED = re.compile(r"(?<![\d.,])0*(\d+(?:[.,]\d+)?)\s*(ngày làm việc|ngày|giờ làm việc|giờ)\b",
                     re.IGNORECASE)  # fmt: skip
_NARROWER = {"calendar_days": "working_days", "hours": "working_hours"}


def _bracket(text: str) -> int:
    """Length of a balanced ``(...)`` at the start of ``text`` (0 when there is none); a bracket
    left open runs to the end (the note then holds the description too)."""
    if not text.startswith("("):
        return 0
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index + 1
    return len(text)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _conditional_note(note: str, amount: str) -> bool:
    """Whether a fee's note makes the amount depend on something (another amount, a period)."""
    note = _CITATION.sub(" ", note)
    if _CONDITION.search(note):
        return True
    stated = _digits(amount)
    return any(_digits(n) != stated for n in _NUMBERS.findall(note))


def _fee(cell: str, label: str) -> tuple[Doc | None, str, list[Issue]]:
    """The fee at the start of ``cell``, and what follows it (the description)."""
    money: Doc
    if cell.startswith(FREE):
        size = len(FREE) + _bracket(cell[len(FREE) :])
        note, rest = cell[len(FREE) : size], cell[size:]
        spoken = _FEE_WORDS.search(_NO_FEE.sub(" ", rest))
        plain = not one_line(note).strip("() ") or _PLAIN_FREE.match(note)
        money = {"amount": 0} if plain and not spoken else {"conditional": True}
    elif cell.startswith(NO_INFO):
        size = len(NO_INFO) + _bracket(cell[len(NO_INFO) :])
        money = {"unknown": True}
    elif match := _AMOUNT.match(cell):
        size = match.end() + _bracket(cell[match.end() :])
        note = cell[match.end() : size]
        currency = CURRENCIES[match.group(2)]
        rest = cell[size:]
        described = _AMOUNTS.findall(rest)
        exchange = currency != "VND" and _EXCHANGE.search(note) and not _NUMBERS.search(note)
        if (
            (note and not exchange and _conditional_note(note, match.group(1)))
            or _FEE_TERMS.search(rest)
            or any(_digits(found) != _digits(match.group(1)) for found in described)
        ):
            money = {"conditional": True}
        else:
            money = {"amount": int(_digits(match.group(1)))}
            if currency != "VND":
                money["currency"] = currency
            elif money["amount"] < SMALLEST_FEE:
                return None, "", [issue("fee-not-understood", f"{label}: {cell}")]
    else:
        return None, "", [issue("fee-not-understood", f"{label}: {cell}")]
    money["text"] = one_line(cell[:size])
    return money, cell[size:], []


def _refined(time: Doc, description: str) -> tuple[Doc | None, list[Issue]]:
    """The time with the unit its description states for the same number; None when the
    description states that number in two units."""
    units = {
        TIME_UNITS[unit.lower()].value
        for value, unit in _STATED.findall(description)
        if number(value) == time["value"]
    }
    narrower = _NARROWER.get(time["unit"])
    if narrower is None or narrower not in units:
        return time, []
    if time["unit"] in units:
        return None, [issue("time-unit-unclear", f"{time['text']}: {one_line(description)}")]
    return dict(time, unit=narrower), []


def _row(label: str, cell: str) -> tuple[Doc, list[Issue]]:
    row: Doc = {"channel": CHANNELS[label]}
    if cell.startswith(NO_INFO):
        return _finish(row, label, cell[len(NO_INFO) :], [])
    if match := _TIME.match(cell):
        row["time"] = duration(match.group(1), match.group(2), match.group(0))
        return _finish(row, label, cell[match.end() :], [])
    if match := _BARE.match(cell):
        found = issue("time-without-unit", f"{label}: {match.group(1)}")
        return _finish(row, label, cell[match.end() :], [found])
    if _MONEY_RUN.match(cell):
        return row, [issue("time-fee-run-together", f"{label}: {cell}")]
    return row, [issue("time-not-understood", f"{label}: {cell}")]


def _finish(row: Doc, label: str, rest: str, issues: list[Issue]) -> tuple[Doc, list[Issue]]:
    money, description, problems = _fee(rest.lstrip(), label)
    if money is not None:
        row["fee"] = money
    described = one_line(description)
    if described and described != NO_INFO:
        row["description"] = described
    if "time" in row:
        refined, unclear = _refined(row["time"], description)
        problems = problems + unclear
        if refined is None:
            del row["time"]
        else:
            row["time"] = refined
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

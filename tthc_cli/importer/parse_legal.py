"""The portal's "Căn cứ pháp lý" table, flattened: ``Tên văn bản pháp lýMã văn bản`` then, per
row, the document's title glued to its code cell (``…dưới nước19/2024/NĐ-CP``).

The rows are read by their structure, not by a greedy pattern. Every place where a complete,
valid document number could stand (the grammar of :mod:`tthc_cli.rules.legal_number`: known
types and issuers, ``QH``/``UBTVQH`` with a term that fits the year) is a candidate code cell;
a code cell may carry its label ("Thông tư số 281/2016/TT-BTC"). The rows are then the best
division of the text into *title, code cell* pairs, scored by what the table's structure says:

* a title usually contains, or ends with, the same number its code cell repeats
  (``Luật 61/2014/QH1361/2014/QH13`` is "Luật 61/2014/QH13" and 61/2014/QH13);
* a code cell is glued to its title and is followed by the next title (a capitalised word, a
  space, the end); a number that runs on into letters or digits is inside a title;
* a code cell that starts right after a digit is only believed when the title ends with a whole
  token (a year "năm 2012", a date, a document number): ``năm 201213/2012/QH13`` is
  "năm 2012" and 13/2012/QH13, while ``…số 20121/2012/QH13`` is not decided.

What the structure does not decide is kept as a title without a number and reported; a number
is never made up. The document type is recorded only as the title writes it ("Nghị định…"),
and a date only where the title states it right after the same number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tthc_cli.importer.common import NO_INFO, Doc, Issue, issue, one_line
from tthc_cli.rules.legal_number import SHAPE, problems, vocabulary
from tthc_cli.textnorm import nfc

HEADER = "Tên văn bản pháp lýMã văn bản"
# Document types as titles write them, longest first (the canonical spelling is recorded).
TYPES = (
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Văn bản hợp nhất",
    "Nghị định",
    "Thông tư",
    "Nghị quyết",
    "Quyết định",
    "Pháp lệnh",
    "Bộ luật",
    "Luật",
    "Chỉ thị",
)
_TYPE_WORDS = "|".join(TYPES)
_LABEL = re.compile(rf"(?:{_TYPE_WORDS})(?:\s+số)?\s*$", re.IGNORECASE)
_TYPE_START = re.compile(rf"^(?:{_TYPE_WORDS})\b", re.IGNORECASE)
# A title may end in digits only as a whole token: a year standing alone ("năm 2012", "Luật Nhà
# ở 2014") or a date; then a code cell glued to it starts right there.
_WHOLE_TAIL = re.compile(r"(?:(?:^|\s)(?:19|20)\d\d|\b\d{1,2}/\d{1,2}/(?:19|20)\d\d)$")
_DATE_END = re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)\d\d$")
_OPEN_LABEL = re.compile(r"(?:^|\s)số\s*$", re.IGNORECASE)
_NUMBER_TAIL = re.compile(r"(\d[\w./&-]*)$")
_BAD_START = re.compile(r"^(?:ngày|của|và|tại|năm|số)\s", re.IGNORECASE)
_MARKER = re.compile(r"^[\s\-–+•*;,.]+")
_DATED = re.compile(
    r"\s*,?\s*ngày\s+(\d{1,2})(?:/|\s+tháng\s+)(\d{1,2})(?:/|\s+năm\s+)(\d{4})", re.IGNORECASE
)
MAX_NUMBER = 60  # characters: longer runs are never one document number
TAIL = 80  # characters at a title's end that decide how it ends
# A code cell that looks like a document number but is not one (198/2016/TT/BTC, 40/2029/QH14):
# it still ends its row, and is kept as text.
# How far a document number starting here could reach (its symbol's longest run of letters,
# digits and hyphens); only the ends inside it are tried.
_REACH = re.compile(
    r"\d{1,5}(?:\.\d{1,3}|[a-z])?/(?:(?:19|20)\d\d/)?(?P<symbol>[A-ZĐĂÂÊÔƠƯ][\w&-]*)"
)
_CAPS = "[A-ZĐĂÂÊÔƠƯ]+"
_LOOSE = re.compile(
    rf"\d{{1,5}}(?:\.\d{{1,3}})?/(?:\d{{4}}/)?{_CAPS}(?:-\s?{_CAPS}|/{_CAPS})*\d{{0,2}}"
)


@dataclass(frozen=True, slots=True)
class Cell:
    """A candidate code cell: ``body[start:end]``; the number itself starts at ``number_at``.

    ``whole``: the number starts where its digits start (not inside a longer run); ``glued``:
    the cell touches the text before it, as the portal glues a code cell to its title;
    ``after``: how cleanly the next title starts right after it (see :func:`_after_score`).
    """

    start: int
    number_at: int
    end: int
    number: str | None  # None: a code cell whose number is malformed (kept as text)
    raw: str
    label: str
    whole: bool
    glued: bool
    after: float


def _known_tail(number: str) -> bool:
    """Whether the number ends in a known code or a term (not a free unit part)."""
    if not number:
        return True  # a malformed cell: its end is where its pattern ends
    vocab = vocabulary()
    last = number.rsplit("-", 1)[-1].rsplit("/", 1)[-1]
    return last in vocab.types or last in vocab.issuers or last[-1:].isdigit()


def _after_score(body: str, end: int, number: str, longer: bool) -> float:
    """How the text right after a code cell fits the start of the next title."""
    after = body[end : end + 2]
    if not after or after[0].isspace():
        return 1.0
    if after[0].isupper() and after[1:2].islower():
        return 1.0  # a capitalised word: "…NĐ-CPQuy định"
    if after[0].isupper() and (longer or not _known_tail(number)):
        return -3.0  # the cut splits a run of capitals (BVHTT|DL, QĐ-BXDS|ỬA)
    if after[0].islower() and not _known_tail(number):
        return -3.0  # the cut splits a word ("QĐ-BXDQ|uy")
    if after[0].isdigit():
        return -2.0
    return 0.0


def _valid(text: str) -> bool:
    """A number the rule accepts; without a year, only with a known type or issuer first
    (``180/QĐ-BXD``, ``1927/VPCP-KSTT``), so a cut through a word is never a number."""
    match = SHAPE.match(nfc(text))
    if match is None or problems(text):
        return False
    if match.group("year"):
        return True
    vocab = vocabulary()
    first = match.group("symbol").split("-")[0]
    return first in vocab.types or first in vocab.issuers


def _cells(body: str) -> list[Cell]:
    """Every place a valid document number could end a row, with its label when it has one."""
    spans: list[tuple[int, int, int]] = []  # start, end, start of its digit run
    for start in range(len(body)):
        if not body[start].isdigit():
            continue
        run = start
        while run > 0 and body[run - 1].isdigit():
            run -= 1
        if run > 0 and body[run - 1] in ".," and body[run - 2 : run - 1].isdigit():
            continue  # inside a decimal part (66.7)
        if (
            run > 0
            and body[run - 1] == "/"
            and not (start == run + 4 and _DATE_END.search(body, 0, start))
        ):
            continue  # inside a year or a date, unless right after a whole date ("01/01/2017")
        reach = _REACH.match(body, start)
        if reach is None:
            continue
        for end in range(reach.start("symbol") + 1, min(reach.end(), start + MAX_NUMBER) + 1):
            if end < len(body) and (
                body[end] in "/&"
                or (body[end] == "-" and not body[end + 1 : end + 2].isspace())
                or (body[end] in ".," and body[end + 1 : end + 2].isdigit())
            ):
                continue  # the number would go on
            if _valid(body[start:end]):
                spans.append((start, end, run))
    out: list[Cell] = []
    for start, end, run in spans:
        text = body[start:end]
        longer = any(
            s == start and e > end and body[end:e].isalpha() and _known_tail(body[s:e])
            for s, e, _ in spans
        )
        out += _with_label(
            body, start, end, text, start == run, _after_score(body, end, text, longer)
        )
    starts = {start for start, _, _ in spans}
    for match in _LOOSE.finditer(body):
        start = match.start()
        if start in starts or (start > 0 and body[start - 1].isdigit()):
            continue
        end = match.end()
        if end < len(body) and not (body[end].isspace() or body[end].isupper()):
            continue
        out += _with_label(body, start, end, None, True, _after_score(body, end, "", False))
    return out


def _glued(body: str, at: int) -> bool:
    """Whether the text at ``at`` touches the words before it (not a space or an opening
    bracket): the portal glues a code cell to the end of its title."""
    return at > 0 and not body[at - 1].isspace() and body[at - 1] not in "([{\"'“‘"


def _with_label(
    body: str, start: int, end: int, number: str | None, whole: bool, after: float
) -> list[Cell]:
    """The cell, and the same cell with the label glued before it ("Thông tư số …")."""
    glued = _glued(body, start)
    raw = body[start:end]
    out = [Cell(start, start, end, number, raw, "", whole, glued, after)]
    label = _LABEL.search(body, 0, start)
    if label is not None and label.end() == start and whole:
        stuck = _glued(body, label.start())
        text = body[label.start() : end]
        out.append(
            Cell(label.start(), start, end, number, text, label.group(0), True, stuck, after)
        )
    return out


def _broken_tail(title: str) -> bool:
    """Whether the title ends inside a number the cut went through ("…Luật số 37/2024/QH")."""
    token = title.rsplit(None, 1)[-1] if title.strip() else ""
    number_like = re.search(r"\d/(?:\d{4}/)?[A-ZĐ]", token) is not None
    return number_like and not _valid(token.strip(".,;()"))


def _row_score(body: str, title: str, cell: Cell, swallowed: int) -> float | None:
    """How well ``title`` + ``cell`` fit the table's structure; None when they cannot be a row.
    ``swallowed``: how many other code cells, glued and cleanly ended, the title would hold."""
    end = title[-TAIL:].rstrip()  # the end-anchored checks only need the title's last words
    if not any(c.isalpha() for c in title) or _OPEN_LABEL.search(end):
        return None
    if _BAD_START.match(one_line(_MARKER.sub("", title[:TAIL]))):
        return None
    if _broken_tail(end):
        return None
    before = body[cell.start - 1] if cell.start > 0 else ""
    if before.isdigit():
        tail = end
        number = _NUMBER_TAIL.search(tail)
        if not _WHOLE_TAIL.search(tail) and not (number and _valid(number.group(1))):
            return None  # the digits before it may belong to the number: not decided
    score = 1.0 + cell.after - 2.0 * swallowed
    if not cell.glued:
        score -= 3.0
    if cell.number is None:
        score -= 1.5
    elif cell.number in title and not swallowed:
        score += 3.0
    return score


def _swallowed(cells: list[Cell], start: int, end: int) -> int:
    """Code cells inside a title (after its first character), glued and cleanly ended."""
    return sum(
        1
        for other in cells
        if start < other.start
        and other.end <= end
        and other.whole
        and other.glued
        and other.after >= 0
    )


def _best_rows(body: str, cells: list[Cell]) -> list[Cell]:
    """The division of ``body`` into rows with the highest total score (dynamic programming)."""
    cells = sorted(cells, key=lambda c: (c.end, c.start))
    best: list[tuple[float, int]] = []  # per cell: best total ending with it, previous cell
    for index, cell in enumerate(cells):
        choice: tuple[float, int] = (float("-inf"), -2)
        first = _row_score(body, body[: cell.start], cell, _swallowed(cells, 0, cell.start))
        if first is not None:
            choice = (first, -1)
        for prev in range(index):
            if cells[prev].end > cell.start or best[prev][0] == float("-inf"):
                continue
            title = body[cells[prev].end : cell.start]
            swallowed = _swallowed(cells, cells[prev].end, cell.start)
            score = _row_score(body, title, cell, swallowed)
            if score is None:
                continue
            total = best[prev][0] + score
            if total > choice[0]:
                choice = (total, prev)
        best.append(choice)
    ends = [
        (total - (2.0 if one_line(body[cells[i].end :]) else 0.0), i)
        for i, (total, _) in enumerate(best)
        if total != float("-inf")
    ]
    if not ends:
        return []
    _, at = max(ends)
    chain: list[Cell] = []
    while at >= 0:
        chain.append(cells[at])
        at = best[at][1]
    return chain[::-1]


def _type(title: str, label: str) -> str | None:
    """The document type as written: the code cell's label, else the title's first words."""
    for text in (label, title):
        match = _TYPE_START.match(text.strip())
        if match:
            written = match.group(0).lower()
            return next(t for t in TYPES if t.lower() == written)
    return None


def _date(title: str, number: str) -> str | None:
    """The date written right after ``number`` in the title ("… 104/2025/NĐ-CP ngày 15/5/2025")."""
    at = title.find(number)
    if at < 0:
        return None
    match = _DATED.match(title, at + len(number))
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _item(title_text: str, cell: Cell | None) -> Doc:
    title = one_line(_MARKER.sub("", title_text))
    item: Doc = {}
    number = cell.number if cell is not None else None
    if number is not None:
        item["number"] = number
    kind = _type(title, cell.label if cell else "")
    if kind:
        item["type"] = kind
    item["title"] = title
    if number is not None and (dated := _date(title, number)):
        item["date"] = dated
    return item


def _split_glued(title: str) -> tuple[str, str]:
    """A title holding a whole row before it (``Luật Nuôi con nuôiThông tư sửa đổi…``): the text
    before the last point where a document type starts glued to a lower-case word, and after."""
    for index in range(len(title) - 1, 0, -1):
        if (
            title[index - 1].islower()
            and title[index].isupper()
            and _TYPE_START.match(title[index:])
        ):
            return title[:index], title[index:]
    return "", title


def parse_legal(text: str | None) -> tuple[list[Doc], list[Issue]]:
    """Legal-basis items in order, and what could not be read as a row with a number."""
    if not text or one_line(text) in ("", NO_INFO):
        return [], []
    body = nfc(text.strip())
    if not body.startswith(HEADER):
        return [], [issue("legal-not-understood", body)]
    body = body[len(HEADER) :]
    if one_line(body) in ("", NO_INFO):
        return [], []
    rows = _best_rows(body, _cells(body))
    items: list[Doc] = []
    issues: list[Issue] = []
    start = 0
    for cell in rows:
        before, title = _split_glued(body[start : cell.start])
        if one_line(before):
            items.append(_item(before, None))
            issues.append(issue("legal-number-missing", one_line(before)))
        item = _item(title, cell if cell.number else None)
        items.append(item)
        if cell.number is None:
            issues.append(issue("legal-number-not-understood", f"{cell.raw}: {item['title']}"))
        start = cell.end
    rest = one_line(_MARKER.sub("", body[start:]))
    if rest:
        items.append(_item(rest, None))
        issues.append(issue("legal-number-missing", rest))
    return items, issues

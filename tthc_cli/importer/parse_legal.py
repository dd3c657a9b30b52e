"""The portal's "Căn cứ pháp lý" table, flattened: ``Tên văn bản pháp lýMã văn bản`` then, per
row, the document's title glued to its number (``…dưới nước19/2024/NĐ-CP``).

A row ends at a document number glued to the text before it (no space), followed by the end or
the next title. Text that ends without such a number is kept as a title without number and
reported. A date written in the title as ``ngày 23/02/2024`` after the number is recorded.
"""

from __future__ import annotations

import re

from tthc_cli.importer.common import NO_INFO, Doc, Issue, issue, one_line

HEADER = "Tên văn bản pháp lýMã văn bản"
_SEGMENT = r"(?:TTg|[A-ZĐ0-9]+)"
_NUMBER = re.compile(
    rf"(?<=[^\s\d/])(\d+/(?:\d{{4}}/)?{_SEGMENT}(?:-{_SEGMENT})*)"
    r"(?=$|[A-ZĐÀ-Ỹ][a-zà-ỹ]|[\s\-–(]|[A-ZĐ]{2,}\s|\d+/)"
)
_DATED = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_MARKER = re.compile(r"^[\s\-–+•\t]+")


def _glued(title: str) -> bool:
    """Whether two cells seem run together: a lower-case letter or digit, then a capitalised
    word with no space between (``…Bộ Xây dựngThông tư…``)."""
    return any(
        (a.islower() or a.isdigit()) and b.isupper() and c.islower()
        for a, b, c in zip(title, title[1:], title[2:], strict=False)
    )


def _date(title: str, number: str) -> str | None:
    at = title.find(number)
    match = _DATED.search(title, at + len(number)) if at >= 0 else None
    if match is None or match.start() - (at + len(number)) > 3:
        return None
    day, month, year = (int(g) for g in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_legal(text: str | None) -> tuple[list[Doc], list[Issue]]:
    """Legal-basis items in order, and the rows that had no recognisable number."""
    if not text or one_line(text) in ("", NO_INFO):
        return [], []
    body = text.strip()
    if not body.startswith(HEADER):
        return [], [issue("legal-not-understood", body)]
    body = body[len(HEADER) :]
    if one_line(body) in ("", NO_INFO):
        return [], []
    items: list[Doc] = []
    issues: list[Issue] = []
    start = 0
    for match in _NUMBER.finditer(body):
        title = one_line(_MARKER.sub("", body[start : match.start()]))
        start = match.end()
        if not title:
            continue
        if _glued(title):
            issues.append(issue("legal-row-unclear", f"{match.group(1)}: {title}"))
        item: Doc = {"number": match.group(1), "title": title}
        dated = _date(title, match.group(1))
        if dated:
            item["date"] = dated
        items.append(item)
    rest = one_line(_MARKER.sub("", body[start:]))
    if rest:
        items.append({"title": rest})
        issues.append(issue("legal-number-missing", rest))
    return items, issues

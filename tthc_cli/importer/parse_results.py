"""The portal's "Kết quả xử lý": one or more results, each its name then ``Mã: <code>``, then
``Từ khóa`` and ``Mô tả`` (and the page's "Chọn cơ quan thực hiện…" form, dropped).

Each ``Mã:`` closes one result: ``Giấy phép …Mã: KQ.G19.000258văn bản từ chốiMã: KQ.G19.000567``
is two results, each with its own code. A code in one of the portal's formats (``KQ.G15.000075``,
``KQ-G17.000001``, ``000.00.00.G15-KQ0187``) ends where the format ends; any other code ends at
``Từ khóa`` or where a capitalised word starts (``Mã: 78Giấy …``). A code whose end the text does
not show is not made up: the result keeps its name and the text is reported. Keywords and a
description, when the portal gives them, are kept as written.
"""

from __future__ import annotations

import re

from tthc_cli.importer.common import NO_INFO, Doc, Issue, issue, one_line

_FORM_TAIL = re.compile(r"Chọn cơ quan thực hiện.*$", re.DOTALL)
_EXTRAS = re.compile(r"Từ khóa(?P<keywords>.*?)Mô tả(?P<description>.*)$", re.DOTALL)
_MARK = re.compile(r"Mã\s*:\s*")
_KNOWN_CODE = re.compile(
    r"KQ[.\-][GH]\d{2}\.\d{6}"
    r"|\d{3}\.\d{2}\.\d{2}\.[GH]\d{2}-KQ\d{4,6}"
    r"|G\d{2}-[A-Z]{2,4}\d{2}\.\d{5}"
)
_OTHER_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]*")
_LIST_MARKER = re.compile(r"^[-+•*]\s*")


def _name(text: str) -> str:
    """A result's name as written, without the list marker the portal puts before it."""
    return _LIST_MARKER.sub("", one_line(text))


def _code(text: str, at: int, last: bool) -> tuple[str | None, int]:
    """The code starting at ``at`` and where it ends; None when its end cannot be told."""
    known = _KNOWN_CODE.match(text, at)
    if known:
        return known.group(0), known.end()
    other = _OTHER_CODE.match(text, at)
    if other is None:
        return None, at
    if last and not one_line(text[other.end() :]):
        return other.group(0), other.end()
    token = other.group(0)
    for cut in range(1, len(token)):  # a capitalised word glued to the code starts the next name
        if (
            token[cut].isupper()
            and token[cut + 1 : cut + 2].islower()
            and not token[cut - 1].isupper()
        ):
            return token[:cut], at + cut
    rest = text[other.end() : other.end() + 1]
    if rest[:1].isspace() or (rest[:1].isupper() and not token[-1:].isupper()):
        return token, other.end()
    return None, at


def parse_results(text: str | None) -> tuple[list[Doc], list[Issue], list[Issue]]:
    """Results in order, what could not be read, and extra text kept as written (keywords,
    description)."""
    if not text or not one_line(text):
        return [], [], []
    body = _FORM_TAIL.sub("", text)
    kept: list[Issue] = []
    extras = _EXTRAS.search(body)
    if extras is not None:
        body = body[: extras.start()]
        for what in ("keywords", "description"):
            value = one_line(extras.group(what))
            if value and value != NO_INFO:
                kept.append(issue(f"result-{what}", value))
    marks = list(_MARK.finditer(body))
    if not marks:
        name = _name(body)
        return ([{"name": name}] if name and name != NO_INFO else []), [], kept
    results: list[Doc] = []
    issues: list[Issue] = []
    start = 0
    for index, mark in enumerate(marks):
        name = _name(body[start : mark.start()])
        end = marks[index + 1].start() if index + 1 < len(marks) else len(body)
        code, stop = _code(body[:end], mark.end(), index + 1 == len(marks))
        if code is None:
            issues.append(issue("result-code-unclear", body[start:end]))
            if name:
                results.append({"name": name})
            start = end
            continue
        if not name:
            issues.append(issue("result-without-name", body[start:stop]))
        else:
            results.append({"name": name, "code": code})
        start = stop
    rest = one_line(body[start:])
    if rest:
        issues.append(issue("result-not-understood", rest))
    return results, issues, kept

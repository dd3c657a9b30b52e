"""The portal's "Thành phần hồ sơ" table, flattened to one string by the collector.

One or more groups, each ``<heading>Tên giấy tờMẫu đơn, tờ khaiSố lượng<rows>``. The heading is
``--`` when the procedure has one case; otherwise a case ("Trường hợp …", "(1.1) Đối với …"),
the documents to show ("* Giấy tờ phải xuất trình:"), notes ("* Lưu ý:") or a label of the
group. Each row is one document: its name, the form file names (``Mẫu TP-LS-05-sđ.docx``) and
the quantity cell, run together. The quantity cell is ``N bản chính``, ``N bản sao`` or
``N bản chính,N bản sao`` (N one digit) glued to the text before it and followed by the next row
(a capital, a list marker, a number, the end); the same words inside a name ("(01 bản chính
hoặc 01 bản sao có chứng thực)") are not a cell.

* A row with 0 originals and 0 copies, and every row of a "Lưu ý" group, is a note, kept as
  written, not a document.
* Rows of a "xuất trình" group are documents the applicant only shows (``kind: shown``).
* "Số lượng hồ sơ: 01 bộ" is the number of dossier sets, not a document.
* A form is split from the name only where its file names clearly start (glued after the name's
  last word or punctuation, outside brackets); otherwise it stays in the name and is reported.
* A count glued to digits before it ("năm 20240 bản chính") is read only when those digits are
  a year; otherwise the row's quantity is reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tthc_cli.importer.common import Doc, Issue, issue, one_line

HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
_CELL = re.compile(r"(0?\d) bản (chính|sao)(?:,(0?\d) bản (chính|sao))?")
_EXT = r"\.(?:docx?|pdf|xlsx?|rtf|odt|zip|rar)"
_FILE_RUN = re.compile(rf"^(?:[^\n]*?{_EXT})+$", re.IGNORECASE)
_FILE = re.compile(rf".*?{_EXT}", re.IGNORECASE)
_MARKER = re.compile(r"^(?:[-+•*–]|\d+[.)]|\(\d+(?:\.\d+)*\)|[a-zđ][.)])?[\s;,.:]*")
_CASE = re.compile(
    r"^(?:[-+•*]\s*|\d+[.)]\s*|\(\d+(?:\.\d+)*\)\s*|[a-zđ][.)]\s*)?"
    r"(?:trường hợp|đối với|nếu|khi)\b",
    re.IGNORECASE,
)
_SHOW = re.compile(r"xuất trình", re.IGNORECASE)
_SUBMIT = re.compile(r"phải nộp|giấy tờ nộp|thành phần hồ sơ", re.IGNORECASE)
_NOTES = re.compile(r"^[\s*\-–•]*lưu ý", re.IGNORECASE)
_SETS = re.compile(r"\s*[-–]?\s*Số lượng hồ sơ\s*:?\s*0*(\d+)\s*bộ\s*[.;]?\s*", re.IGNORECASE)
_EMPTY = re.compile(r"^[\s\-–]*$")
_YEAR = re.compile(r"(?:^|\D)((?:19|20)\d\d)$")


@dataclass
class Parsed:
    items: list[Doc] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    kept: list[Issue] = field(default_factory=list)
    sets: set[int] = field(default_factory=set)


def _cell_ends(body: str, match: re.Match[str]) -> bool:
    """Whether a quantity match is a cell: followed by the next row or the end, not by words."""
    after = body[match.end() : match.end() + 3]
    if not after:
        return True
    if after[0] in "),":
        return False
    rest = body[match.end() :].lstrip(" \t;.")
    if _CELL.match(rest):
        return False  # "X: 01 bản chính;1 bản chính": the first is part of the name
    if after[0].isspace() or after[0] in ";.":
        return not rest[:1].islower()
    return True


def _quantity(match: re.Match[str]) -> Doc:
    out: Doc = {}
    for count, kind in ((match.group(1), match.group(2)), (match.group(3), match.group(4))):
        if count is not None:
            name = "originals" if kind == "chính" else "copies"
            out[name] = out.get(name, 0) + int(count)
    out["quantity_text"] = match.group(0)
    return out


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")")


def _split_forms(text: str) -> tuple[str, list[str], bool]:
    """The name and the form file names glued after it; False when file names are there but
    where they start is not clear (they stay in the name)."""
    if not re.search(_EXT, text, re.IGNORECASE):
        return text, [], True
    for at in range(1, len(text)):
        before, tail = text[:at], text[at:]
        if not _FILE_RUN.match(tail) or not _balanced(before) or not _balanced(tail):
            continue
        prev, first = before[-1], tail[0]
        if not first.isalnum():
            continue
        starts = prev in ".;:)" or (prev.islower() and (first.isupper() or first.isdigit()))
        starts = starts or (prev.isdigit() and first.isupper()) or tail.lower().startswith("mẫu")
        if starts and re.search(_EXT, before, re.IGNORECASE) is None and one_line(before):
            return before, [one_line(f) for f in _FILE.findall(tail)], True
    return text, [], False


def _kind(heading: str) -> str:
    return "shown" if _SHOW.search(heading) and "nộp" not in heading.lower() else "submitted"


def _take_sets(name: str, parsed: Parsed) -> str:
    for match in _SETS.finditer(name):
        parsed.sets.add(int(match.group(1)))
    return _SETS.sub(" ", name)


def _row(raw: str, match: re.Match[str] | None, group: Doc, parsed: Parsed) -> None:
    text = one_line(raw)
    if match is not None and raw[-1:].isdigit():  # the count was glued to digits before it
        year = _YEAR.search(text)
        if year is None:
            parsed.issues.append(issue("component-quantity-unclear", text + match.group(0)))
            match = None
    without_sets = _take_sets(text, parsed)
    name_text, forms, clear = _split_forms(without_sets)
    name = one_line(_MARKER.sub("", one_line(name_text), count=1))
    if not name and without_sets != text:
        return  # the row only said how many dossier sets ("Số lượng hồ sơ: 01 bộ")
    if not name:
        if match is not None and (match.group(1) != "0" or (match.group(3) or "0") != "0"):
            parsed.issues.append(issue("component-without-name", raw + match.group(0)))
        return
    quantity = _quantity(match) if match is not None else {}
    empty = quantity.get("originals", 0) == 0 and quantity.get("copies", 0) == 0
    if group["notes"] or (match is not None and empty):
        parsed.kept.append(issue("component-note", name))
        return
    if not clear:
        parsed.issues.append(issue("component-form-unclear", name_text))
    item: Doc = {"name": name}
    if forms:
        item["form"] = "; ".join(forms)
        parsed.forms += forms
    item.update(quantity)
    if group["when"]:
        item["when"] = group["when"]
    if group["kind"] != "submitted":
        item["kind"] = group["kind"]
    if item in parsed.items:  # the portal lists the same row twice
        parsed.kept.append(issue("component-duplicate", name))
        return
    parsed.items.append(item)


def _group(heading: str, parsed: Parsed) -> Doc:
    label = one_line(heading)
    group: Doc = {"when": None, "kind": "submitted", "notes": False}
    if _EMPTY.match(label):
        return group
    if _NOTES.match(label):
        group["notes"] = True
    elif _SHOW.search(label):
        group["kind"] = _kind(label)
    elif _CASE.match(label):
        group["when"] = _MARKER.sub("", label, count=1).rstrip(":").strip()
    elif not _SUBMIT.search(label):
        parsed.kept.append(issue("component-group", label))
    return group


def _rows(body: str, group: Doc, parsed: Parsed) -> str:
    """Read the rows of one group; what follows the last cell (the next heading) is returned."""
    start = 0
    for match in _CELL.finditer(body):
        if not _cell_ends(body, match) or match.start() < start:
            continue
        _row(body[start : match.start()], match, group, parsed)
        start = match.end()
    return body[start:]


def parse_components(
    text: str | None,
) -> tuple[list[Doc], list[str], list[Issue], list[Issue], int | None]:
    """Components in order, the form names they cite, what was not understood, notes kept as
    written, and the number of dossier sets when the text states exactly one."""
    parsed = Parsed()
    if not text or _EMPTY.match(text):
        return [], [], [], [], None
    parts = text.split(HEADER)
    if len(parts) == 1:
        return [], [], [issue("components-not-understood", text)], [], None
    heading = parts[0]
    for body in parts[1:]:
        group = _group(heading, parsed)
        before = len(parsed.items) + len(parsed.kept)
        rest = _rows(body, group, parsed)
        if len(parsed.items) + len(parsed.kept) == before and one_line(rest):
            # no row ended with a quantity: the group's text is one row without a quantity
            parsed.issues.append(issue("components-not-understood", rest))
            rest = ""
        heading = rest
    tail = one_line(_take_sets(heading, parsed))
    if not _EMPTY.match(tail):
        parsed.issues.append(issue("components-not-understood", tail))
    sets = next(iter(parsed.sets)) if len(parsed.sets) == 1 else None
    if len(parsed.sets) > 1:
        parsed.issues.append(
            issue("dossier-sets-several", ", ".join(map(str, sorted(parsed.sets))))
        )
    return parsed.items, list(dict.fromkeys(parsed.forms)), parsed.issues, parsed.kept, sets

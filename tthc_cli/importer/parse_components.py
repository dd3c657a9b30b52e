"""The portal's "Thành phần hồ sơ" table, flattened to one string by the collector.

One or more groups, each ``<case>Tên giấy tờMẫu đơn, tờ khaiSố lượng<rows>``; ``<case>`` is
``--`` when the procedure has one case, else the case's wording ("Trường hợp …"). Each row is
the document name, the form file names (``Mẫu TP-LS-05-sđ.docx``) and the quantity
(``1 bản chính``, ``1 bản chính,1 bản sao``), run together. A row is cut after its quantity;
a form is split from the name only where the file name clearly starts (``Mẫu``/``Mau`` glued to
the name); otherwise the form stays in the name and the row is reported.
"""

from __future__ import annotations

import re

from tthc_cli.importer.common import Doc, Issue, issue, one_line

HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
_QUANTITY = re.compile(r"(\d+) bản (chính|sao)(?:\s*,\s*(\d+) bản (chính|sao))?")
_FILE = re.compile(r"\.(?:docx?|pdf|xlsx?|rtf|odt|zip|rar)$", re.IGNORECASE)
_FORM_START = re.compile(r"(?<=[^\s])(?=(?:Mẫu|MẪU|Mau)[\s_.\-A-Z0-9])")
_FORM_FILE = re.compile(r"(?:Mẫu|MẪU|Mau).*?\.(?:docx?|pdf|xlsx?|rtf|odt|zip|rar)", re.IGNORECASE)
_MARKER = re.compile(r"^(?:[-+•*]|\d+[.)]|[a-zđ][.)])\s*")
_CASE = re.compile(
    r"^(?:[-+•*]\s*|\d+[.)]\s*|[a-zđ][.)]\s*)?(?:trường hợp|đối với|nếu|khi)\b", re.I
)
_EMPTY = re.compile(r"^[\s\-–]*$")


def _quantity(match: re.Match[str]) -> Doc:
    out: Doc = {}
    for count, kind in ((match.group(1), match.group(2)), (match.group(3), match.group(4))):
        if count is not None:
            field = "originals" if kind == "chính" else "copies"
            out[field] = out.get(field, 0) + int(count)
    out["quantity_text"] = match.group(0)
    return out


def _split_form(text: str) -> tuple[str, list[str], bool]:
    """Name and form file names; False when a file name is there but its start is unclear."""
    if not _FILE.search(text):
        return text, [], True
    cut = _FORM_START.search(text)
    if cut is None:
        return text, [], False
    name, tail = text[: cut.start()], text[cut.start() :]
    forms = [one_line(m) for m in _FORM_FILE.findall(tail)]
    if not forms or "".join(forms).replace(" ", "") != tail.replace(" ", ""):
        return text, [], False
    return name, forms, True


def _rows(body: str, when: str | None) -> tuple[list[Doc], list[str], list[Issue], str]:
    items: list[Doc] = []
    forms: list[str] = []
    issues: list[Issue] = []
    start = 0
    for match in _QUANTITY.finditer(body):
        raw = body[start : match.start()]
        start = match.end()
        name_text, found, clear = _split_form(one_line(raw))
        name = one_line(_MARKER.sub("", name_text))
        if not name:
            issues.append(issue("component-without-name", raw + match.group(0)))
            continue
        if not clear:
            issues.append(issue("component-form-unclear", name_text))
        item: Doc = {"name": name}
        if found:
            item["form"] = "; ".join(found)
            forms += found
        item.update(_quantity(match))
        if when:
            item["when"] = when
        items.append(item)
    return items, forms, issues, body[start:]


def parse_components(text: str | None) -> tuple[list[Doc], list[str], list[Issue]]:
    """Components in order, the form names they cite, and what was not understood."""
    if not text or _EMPTY.match(text):
        return [], [], []
    parts = text.split(HEADER)
    if len(parts) == 1:
        return [], [], [issue("components-not-understood", text)]
    items: list[Doc] = []
    forms: list[str] = []
    issues: list[Issue] = []
    label = one_line(parts[0])
    for body in parts[1:]:
        when: str | None = None
        if not _EMPTY.match(label):
            if _CASE.match(label):
                when = label.rstrip(":").strip()
            else:
                issues.append(issue("component-group-heading", label))
        found, named, problems, rest = _rows(body, when)
        items += found
        forms += named
        issues += problems
        if not found:
            issues.append(issue("components-not-understood", body))
            rest = ""
        label = one_line(rest)
    if not _EMPTY.match(label):
        issues.append(issue("components-not-understood", label))
    return items, list(dict.fromkeys(forms)), issues

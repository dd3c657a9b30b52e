"""Adding documents to the register of legal documents (``legal.yaml``) without losing a byte.

:func:`merge_documents` is what ``tthc import`` uses to record every document a portal record
cites: each new number is appended to the ``documents:`` list as written (number, title, type,
and dates only where the source states them); a number already in the register is left exactly
as someone curated it, and reported when the import reads it otherwise. The existing text —
comments, order, quoting — is kept byte for byte: new entries are only appended. Pure: bytes in,
a plan out; the caller writes it (through the import's write plan).

A register that cannot be read, fails its schema, or writes its list in flow style
(``documents: [{…}]``, other than an empty ``[]``) is never rewritten: the plan says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import yaml

from tthc_cli.config import Limits
from tthc_cli.findings import Severity
from tthc_cli.legal import number_key
from tthc_cli.load import shape
from tthc_cli.load.yamlsafe import MDict, MList, parse_yaml
from tthc_cli.textnorm import nfc

HEADER = (
    "# yaml-language-server: $schema=../schemas/legal.schema.json\n"
    "# Sổ văn bản quy phạm pháp luật: mỗi ngày tháng là một sự kiện có nguồn (sources).\n"
    "documents:\n"
)


@dataclass(frozen=True, slots=True)
class ImportedDocument:
    """A document as a source writes it; every field but ``number`` and ``title`` optional."""

    number: str
    title: str
    type: str | None = None
    issuer: str | None = None
    issued: date | None = None
    effective: date | None = None
    source: str | None = None  # the page it was read on
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RegisterMerge:
    """What adding documents does to the register.

    ``text`` is the new file (None when nothing is added or the register is refused);
    ``added`` the numbers appended; ``kept`` those already there, left as they are;
    ``differs`` (number, field) pairs where the import reads a kept document otherwise;
    ``refused`` a message key saying why the register cannot be extended (None when it can).
    """

    text: str | None
    added: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    differs: tuple[tuple[str, str], ...] = ()
    refused: str | None = None


def _entry(document: ImportedDocument) -> dict[str, object]:
    data: dict[str, object] = {"number": nfc(document.number).strip()}
    if document.type:
        data["type"] = nfc(document.type).strip()
    data["title"] = nfc(document.title).strip()
    if document.issuer:
        data["issuer"] = nfc(document.issuer).strip()
    if document.issued:
        data["issued"] = document.issued.isoformat()
    if document.effective:
        data["effective"] = document.effective.isoformat()
    if document.source:
        data["sources"] = [document.source]
    if document.note:
        data["note"] = nfc(document.note)
    return data


def _block(document: ImportedDocument, indent: str) -> str:
    """One list item, dumped by PyYAML (quoting what must be quoted), indented under the list."""
    dumped = yaml.safe_dump(
        _entry(document), allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False
    )
    lines = dumped.rstrip("\n").split("\n")
    first, rest = lines[0], lines[1:]
    return "".join([f"{indent}- {first}\n", *(f"{indent}  {line}\n" for line in rest)])


def _differs(current: MDict, document: ImportedDocument) -> list[str]:
    """The fields the import states and reads otherwise than the register's entry."""
    stated = {k: v for k, v in _entry(document).items() if k not in ("number", "sources", "note")}
    return [
        name
        for name, value in stated.items()
        if name in current and nfc(str(current[name])).strip() != value
    ]


def _indent(text: str, documents: MList) -> str:
    """The indentation of the list's dashes, as the file writes them (two spaces when empty)."""
    if not documents.item_marks:
        return "  "
    line = text.splitlines()[documents.item_marks[0][0] - 1]
    dash = line.find("-")
    return line[:dash] if dash >= 0 and not line[:dash].strip() else "  "


def merge_documents(
    existing: bytes | None,
    documents: Sequence[ImportedDocument],
    file: str = "legal.yaml",
    limits: Limits | None = None,
) -> RegisterMerge:
    """Append to the register ``existing`` (None: no register yet) the ``documents`` whose
    numbers it does not hold; never change what it holds (see the module documentation)."""
    limits = limits or Limits()
    current: dict[str, MDict] = {}
    if existing is None:
        text, listed = HEADER, MList((1, 1))
    else:
        parsed = parse_yaml(existing, file, limits)
        if parsed.data is None or any(f.severity is Severity.ERROR for f in parsed.findings):
            return RegisterMerge(None, refused="legal-merge.unreadable")
        if shape.check(parsed.data, "legal", file):
            return RegisterMerge(None, refused="legal-merge.invalid")
        text = existing.decode("utf-8")
        listed = parsed.data["documents"]
        current = {number_key(item["number"]): item for item in listed if isinstance(item, MDict)}
    added: list[ImportedDocument] = []
    kept: list[str] = []
    differs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for document in documents:
        key = number_key(document.number)
        if key in seen:
            continue
        seen.add(key)
        if key in current:
            kept.append(current[key]["number"])
            differs += [(current[key]["number"], name) for name in _differs(current[key], document)]
        else:
            added.append(document)
    if not added:
        return RegisterMerge(None, (), tuple(kept), tuple(differs))
    if existing is not None and not listed.item_marks:
        text, ok = _open_empty_flow(text)
        if not ok:
            return RegisterMerge(None, (), tuple(kept), tuple(differs), "legal-merge.flow")
    elif existing is not None and _is_flow(text, listed):
        return RegisterMerge(None, (), tuple(kept), tuple(differs), "legal-merge.flow")
    indent = _indent(text, listed)
    if not text.endswith("\n"):
        text += "\n"
    text += "".join(_block(d, indent) for d in added)
    if not _still_valid(text, file, limits):
        return RegisterMerge(None, (), tuple(kept), tuple(differs), "legal-merge.invalid-result")
    numbers = tuple(nfc(d.number).strip() for d in added)
    return RegisterMerge(text, numbers, tuple(kept), tuple(differs))


def _is_flow(text: str, listed: MList) -> bool:
    """Whether the list's first item is written inside ``[…]`` rather than after a dash."""
    line, column = listed.item_marks[0]
    before = text.splitlines()[line - 1][: column - 1].rstrip()
    return not before.endswith("-")


def _open_empty_flow(text: str) -> tuple[str, bool]:
    """``documents: []`` (or a list with no items at all) made ready for block items."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        head, _, rest = line.partition("#")
        if head.rstrip().startswith("documents:"):
            value = head.split(":", 1)[1].strip()
            if value in ("", "[]"):
                lines[index] = "documents:" + (f"  #{rest}" if rest else "")
                return "\n".join(lines), True
            return text, False
    return text, False


def _still_valid(text: str, file: str, limits: Limits) -> bool:
    parsed = parse_yaml(text.encode("utf-8"), file, limits)
    if parsed.data is None or any(f.severity is Severity.ERROR for f in parsed.findings):
        return False
    return not shape.check(parsed.data, "legal", file)

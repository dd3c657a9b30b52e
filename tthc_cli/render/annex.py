"""The decision annex (Phụ lục of a Quyết định công bố) as a table-model :class:`Document`, from
what changed between two versions of the catalog (:mod:`tthc_cli.diff.announce`). Pure.

The layout follows provincial decisions read in full (their sources are in
``tthc_cli/data/annex.yaml``, with the default căn cứ of the covering decision):

* the covering decision on its own page, in the thể thức of Nghị định 30/2020/NĐ-CP
  (:mod:`tthc_cli.render.frame`): căn cứ, "QUYẾT ĐỊNH:", Điều 1 (what is announced, with the
  counts), Điều 2 (in force from signature), Điều 3 (who carries it out), nơi nhận, chữ ký;
* **Phần I. Danh mục thủ tục hành chính**: 1. mới ban hành; 2. được sửa đổi, bổ sung, thay thế
  with the document that amends each; 3. bị bãi bỏ with the document that abolishes each — only
  the lists that have procedures, numbered in order. In each list, "A. Thủ tục hành chính cấp
  tỉnh" (B. cấp xã …; internal procedures apart), then "I. Lĩnh vực …" in Vietnamese order, then
  the procedures numbered 1, 2, 3… through the list;
* the corrections (changes no document causes), named in a note, never as amended;
* **Phần II. Nội dung cụ thể của từng thủ tục hành chính**: the sheet of each new, then each
  amended procedure, an amended one saying which parts the amendment changes.

A document the annex names comes from the register of legal documents (``legal.yaml``) when it
has it, as a citation ("Nghị định số … ngày … của … quy định …"), else as the procedure cites
it; a procedure abolished without a recorded decision gets the form's blank ("……") to fill in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tthc_cli.config import Config
from tthc_cli.diff.announce import Announcement, Entry
from tthc_cli.diff.model import Basis
from tthc_cli.messages import text
from tthc_cli.model import Catalog, Procedure
from tthc_cli.render.frame import build_frame, settings_for
from tthc_cli.render.tables import (
    KIND_ORDER,
    LEVEL_ORDER,
    PART_LETTERS,
    ROMAN,
    Column,
    Document,
    Para,
    Part,
    Row,
    Table,
    citation,
    field_order,
    procedure_sheet,
    register_citation,
    short_citation,
    unit_names,
    without_stop,
)

LISTS = ("new", "amended", "abolished")
# Portrait A4 (165 mm of text): STT 13 mm, an 8-character code whole (21 mm), the name, the
# documents, the agency.
COLUMNS = (("number", 1.5), ("code", 2.4), ("name", 6.0), ("documents", 5.0), ("agency", 3.6))
# Where a change of each part of a procedure shows on its sheet (diff's change paths).
SECTION_OF_PATH = {
    "name": "name",
    "steps": "steps",
    "channels": "channels",
    "components": "components",
    "dossier_sets": "components",
    "processing_time": "time",
    "subjects": "subjects",
    "competent": "agencies",
    "implementing": "agencies",
    "coordinating": "agencies",
    "delegated": "agencies",
    "receiving_address": "agencies",
    "results": "result",
    "forms": "forms",
    "requirements": "requirements",
    "legal_basis": "legal",
}
SECTION_ORDER = (
    "name",
    "steps",
    "channels",
    "components",
    "time",
    "subjects",
    "agencies",
    "result",
    "fee",
    "forms",
    "requirements",
    "legal",
)


def _section_of(path: str) -> str | None:
    head, _, rest = path.partition("/")
    if head == "channels":
        leaf = rest.rpartition("/")[2]
        return {"fee": "fee", "time": "time"}.get(leaf, "channels")
    return SECTION_OF_PATH.get(head)


def changed_sections(entry: Entry, lang: str) -> str:
    """The parts of the sheet an amendment changes, in the sheet's order."""
    found = {section for path in entry.changed if (section := _section_of(path))}
    names = [
        text("annex.section.name", lang) if key == "name" else text(f"table.section.{key}", lang)
        for key in SECTION_ORDER
        if key in found
    ]
    return "; ".join(names)


def basis_text(basis: Basis, catalog: Catalog, lang: str) -> str:
    """A document that causes a listing, as a citation from the register when it has it."""
    if not basis.title and basis.type == "Quyết định":  # a plan decision
        return text("annex.plan-decision", lang, number=basis.number)
    document = catalog.legal.get(basis.number) if catalog.legal is not None else None
    if document is not None:
        return without_stop(register_citation(document, lang))
    if not basis.title:
        return text("annex.decision", lang, number=basis.number)
    if basis.number in basis.title:
        return without_stop(basis.title)
    return without_stop(short_citation(basis.number, basis.title, basis.type, lang))


def _documents(entry: Entry, which: str, catalog: Catalog, lang: str) -> str:
    if entry.documents:
        return ";\n".join(basis_text(b, catalog, lang) for b in entry.documents)
    if which == "new":  # documents it cites that others cited already: its own basis
        cited = [citation(r, catalog, lang) for r in entry.procedure.legal_basis if r.number]
        if cited:
            return ";\n".join(cited)
    return text("annex.no-document", lang)


def _agency(procedure: Procedure, catalog: Catalog, lang: str) -> str:
    return unit_names(catalog, procedure.implementing or procedure.competent) or text(
        "table.unknown", lang
    )


def _groups(entries: Sequence[Entry]) -> list[tuple[str, str, list[Entry]]]:
    """(kind, level, entries) in the template's order: public then internal, by level."""
    out = []
    for kind in KIND_ORDER:
        of_kind = [e for e in entries if e.procedure.kind == kind]
        levels = [lv for lv in LEVEL_ORDER if any(lv in e.procedure.levels for e in of_kind)]
        for level in levels:
            at = [e for e in of_kind if level in e.procedure.levels]
            out.append((kind, level, sorted(at, key=lambda e: e.procedure.code)))
    return out


def list_table(entries: Sequence[Entry], which: str, catalog: Catalog, lang: str) -> Table:
    """One list of Phần I: level groups A, B…, field groups I, II…, procedures 1, 2, 3…"""
    rows: list[Row] = []
    number = 0
    for letter, (kind, level, at) in zip(PART_LETTERS, _groups(entries), strict=False):
        rows.append(Row((letter, text(f"annex.group.{kind}.{level}", lang)), "level"))
        for roman, field in zip(ROMAN, field_order(e.procedure for e in at), strict=False):
            rows.append(Row((roman, text("table.field-group", lang, field=field)), "field"))
            for entry in (e for e in at if e.procedure.field == field):
                number += 1
                procedure = entry.procedure
                rows.append(
                    Row(
                        (
                            str(number),
                            procedure.code,
                            procedure.name,
                            _documents(entry, which, catalog, lang),
                            _agency(procedure, catalog, lang),
                        )
                    )
                )
    titles = {
        "number": text("table.col.number", lang),
        "code": text("table.col.code", lang),
        "name": text("annex.col.name", lang),
        "documents": text(f"annex.col.documents.{which}", lang),
        "agency": text("table.col.agency", lang),
    }
    columns = tuple(Column(titles[key], weight) for key, weight in COLUMNS)
    return Table(columns, tuple(rows), label_column=2, numbered=True, code_column=1)


def _count(count: int, which: str, lang: str) -> str:
    return text(f"annex.count.{which}", lang, count=f"{count:02d}" if lang == "vi" else count)


def _join(items: Sequence[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return text("annex.join", lang, first=", ".join(items[:-1]), last=items[-1])


def _lists(announcement: Announcement) -> dict[str, tuple[Entry, ...]]:
    found = {
        "new": announcement.new,
        "amended": announcement.amended,
        "abolished": announcement.abolished,
    }
    return {key: entries for key, entries in found.items() if entries}


def _decision_parts(
    announcement: Announcement, config: Config, bases: Sequence[str], lang: str
) -> list[Part]:
    settings = settings_for(config, "decision")
    lists = _lists(announcement)
    counts = [_count(len(entries), which, lang) for which, entries in lists.items()]
    what = _join(counts, lang) or text("annex.nothing", lang)
    grounds = [Para(line, italic=True) for line in (settings.bases or bases)]
    # "Theo đề nghị của …" closes the căn cứ: as configured, else the form's blank to fill in.
    grounds.append(Para(settings.proposal or text("annex.proposal", lang), italic=True))
    executors = settings.executors or text("annex.executors", lang)
    articles = (
        Para(text("annex.article-1", lang, what=what), lead=text("annex.article", lang, n=1)),
        Para(text("annex.article-2", lang), lead=text("annex.article", lang, n=2)),
        Para(
            text("annex.article-3", lang, executors=executors),
            lead=text("annex.article", lang, n=3),
        ),
    )
    return [
        Part(paragraphs=tuple(grounds)),
        Part(text("annex.decides", lang), level=1, paragraphs=articles),
    ]


def _what(announcement: Announcement, lang: str) -> str:
    """ "thủ tục hành chính mới ban hành, được sửa đổi, bổ sung, thay thế và bị bãi bỏ"."""
    kinds = list(_lists(announcement)) or ["new"]
    words = [text(f"annex.what.{kinds[0]}", lang)]
    words += [text(f"annex.what-more.{which}", lang) for which in kinds[1:]]
    return _join(words, lang)


def _summary(announcement: Announcement, lang: str) -> str:
    return text("annex.summary", lang, what=_what(announcement, lang))


def _part_one(announcement: Announcement, catalog: Catalog, lang: str) -> list[Part]:
    parts = [Part(text("annex.part-1", lang), level=1)]
    for number, (which, entries) in enumerate(_lists(announcement).items(), 1):
        heading = text(f"annex.list.{which}", lang, number=number)
        parts.append(Part(heading, level=2, table=list_table(entries, which, catalog, lang)))
    if not _lists(announcement):
        parts.append(Part(paragraphs=(Para(text("annex.empty", lang)),)))
    corrections = announcement.corrections
    if corrections:
        named = "; ".join(f"{e.procedure.code} {e.procedure.name}" for e in corrections)
        note = text("annex.corrections", lang, count=len(corrections), procedures=named)
        parts.append(Part(paragraphs=(Para(note, italic=True),)))
    return parts


def _part_two(announcement: Announcement, catalog: Catalog, lang: str) -> list[Part]:
    lists = [(w, e) for w, e in _lists(announcement).items() if w != "abolished"]
    if not lists:
        return []
    parts = [Part(text("annex.part-2", lang), level=1, page_break=True)]
    number = 0
    for index, (which, entries) in enumerate(lists):
        sheets = []
        ordered = {e.procedure.code: e for _, _, at in _groups(entries) for e in at}
        for entry in ordered.values():  # a procedure of two levels: one sheet
            number += 1
            sheet = procedure_sheet(entry.procedure, catalog, lang)
            marks = list(sheet.marks)
            published = entry.procedure.publication_decision
            if published:
                marks.append(text("annex.published-in", lang, decision=published))
            if which == "amended":
                sections = changed_sections(entry, lang)
                if sections:
                    marks.append(text("annex.changed", lang, sections=sections))
            title = text("annex.sheet-title", lang, number=number, name=sheet.title)
            # Sections numbered under the procedure's number (1.1. … 1.11.), so the procedure's
            # "1." and its first section's never read alike.
            numbered = tuple(
                replace(section, heading=f"{number}.{section.heading}")
                for section in sheet.sections
            )
            sheets.append(replace(sheet, title=title, marks=tuple(marks), sections=numbered))
        heading = text(f"annex.part-2.{which}", lang, letter=PART_LETTERS[index])
        parts.append(Part(heading, level=2, sheets=tuple(sheets), page_break=index > 0))
    return parts


def annex_document(
    announcement: Announcement,
    catalog: Catalog,
    bases: Sequence[str],
    lang: str = "vi",
) -> Document:
    """The covering decision and its annex. ``catalog`` is the new side (its units and
    register name what the annex prints); ``bases`` the default căn cứ of the decision."""
    config = catalog.config
    summary = _summary(announcement, lang)
    frame = build_frame(
        config, "decision", summary, _decision_parts(announcement, config, bases, lang), lang
    )
    if not settings_for(config, "decision").proposal:  # "Theo đề nghị của …" to fill in
        blank = (*frame.blank, text("frame.element.proposal", lang))
        frame = replace(frame, blank=blank)
    attached = text("annex.attached", lang, number=frame.number)
    heading = Part(
        summary_heading(announcement, lang),
        level=1,
        paragraphs=(Para(attached, italic=True, center=True),),
    )
    parts = [
        heading,
        *_part_one(announcement, catalog, lang),
        *_part_two(announcement, catalog, lang),
    ]
    return Document(text("annex.title", lang), frame=frame, parts=tuple(parts), lang=lang)


def summary_heading(announcement: Announcement, lang: str) -> str:
    return text("annex.heading", lang, what=_what(announcement, lang)).upper()


def default_bases(data: object, announcement: Announcement) -> list[str]:
    """The default căn cứ (``tthc_cli/data/annex.yaml``) for what is announced: those of
    public procedures, then those of internal ones not already there."""
    if not isinstance(data, dict):
        return []
    every = [*announcement.new, *announcement.amended, *announcement.abolished]
    kinds = {e.procedure.kind for e in every} or {"public"}
    lines: list[str] = []
    for kind in KIND_ORDER:
        if kind in kinds:
            for line in (data.get("bases") or {}).get(kind) or ():
                if isinstance(line, str) and line not in lines:
                    lines.append(line)
    return lines

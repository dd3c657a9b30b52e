"""The neutral table model for printed documents, built from the catalog model. Pure: no I/O.

A :class:`Document` is a title and procedure sheets (one per procedure, the eleven sections of
a Quyết định công bố), or one danh mục :class:`Table`, or :class:`Part` s (headings,
paragraphs, tables, charts and sheets in order: the decision annex), optionally after the
administrative frame of a covering document (:mod:`tthc_cli.render.frame`). Renderers (HTML,
DOCX, Markdown, plain text, the terminal) turn it into their format; cell text here is plain
text, never escaped: escaping belongs to the renderers.

Printed wording is the same everywhere: quantities "01 bản chính, 01 bản sao" (a count of zero
is not printed), each legal basis as a citation "Nghị định số 48/2019/NĐ-CP ngày 05/6/2019 của
Chính phủ quy định …" when the register knows the document, and every sorted list (fields,
units) in Vietnamese alphabetical order (:func:`~tthc_cli.textnorm.vi_key`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tthc_cli.dates import show_day
from tthc_cli.legal import LegalDocument
from tthc_cli.messages import text
from tthc_cli.model import Catalog, Channel, Component, Duration, LegalRef, Money, Procedure, Step
from tthc_cli.render.legal import basis_status
from tthc_cli.textnorm import vi_key

if TYPE_CHECKING:
    from tthc_cli.render.frame import Frame

LEVEL_ORDER = ("ministry", "province", "district", "commune", "other")
KIND_ORDER = ("public", "internal")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
PART_LETTERS = "ABCDEFGH"


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    weight: float = 1.0  # relative width for paged formats (HTML, DOCX)


@dataclass(frozen=True, slots=True)
class Row:
    """A data row (``group`` None, one cell per column) or a group header row.

    A group row has two cells, its number ("A", "I", or "") and its label, and ``group`` says
    its depth: "part", "level" or "field".
    """

    cells: tuple[str, ...]
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str | None = None
    label_column: int = 1  # where a text renderer writes a group row's label
    numbered: bool = False  # the first column numbers the rows (printed centred)
    code_column: int | None = None  # a column of codes (or forms' names): as wide as the longest


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class Sheet:
    """One procedure as a Quyết định công bố prints it: its name, its code, what kind of
    procedure it is (``marks``: the field, the level, "thủ tục hành chính nội bộ" and for
    whom), then the eleven sections."""

    title: str
    code_line: str
    sections: tuple[Section, ...]
    marks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph with an optional bold lead ("Điều 1.") and a style: ``italic`` (the căn cứ
    of a decision), ``center``, ``indent`` (a first-line indent, as body text is printed)."""

    text: str
    lead: str = ""
    italic: bool = False
    center: bool = False
    indent: bool = True


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart that carries data, drawn on demand in the form each format embeds: SVG inline
    in HTML, PNG images in Word (``caption`` is printed under it)."""

    caption: str
    svg: Callable[[], str]
    png: Callable[[], Sequence[bytes]]


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a document, in order: a heading (``level`` 1: a centred part title such as
    "Phần I"; 2: a bold heading; 3: a bold italic group heading), paragraphs, a table, a chart,
    procedure sheets. A heading is always printed with what follows it."""

    heading: str | None = None
    level: int = 2
    paragraphs: tuple[str | Para, ...] = ()
    table: Table | None = None
    chart: Chart | None = None
    sheets: tuple[Sheet, ...] = ()
    page_break: bool = False  # start on a new page


@dataclass(frozen=True, slots=True)
class Document:
    """What is printed, in order: the covering document's ``frame`` (its own page), the title,
    the subtitle lines, the danh mục, the parts, the sheets. ``landscape``: printed across A4."""

    title: str
    subtitle: str | None = None
    sheets: tuple[Sheet, ...] = ()
    listing: Table | None = None
    lang: str = "vi"
    frame: Frame | None = None
    parts: tuple[Part, ...] = ()
    landscape: bool = False


# A code or a form's file name: letters and digits joined by hyphens ("HCM-STNMT-DDBD-01",
# "TP-TVPL-05-sđ.doc"); printed whole, its hyphens never ending a line.
_CODE_WORD = re.compile(r"(?<![\w-])\w[\w.]*(?:-[\w.]*)+")
CODE_WORD_LIMIT = 30


def code_words(value: str) -> list[re.Match[str]]:
    """The codes in ``value`` (at most :data:`CODE_WORD_LIMIT` characters each)."""
    return [m for m in _CODE_WORD.finditer(value) if len(m[0]) <= CODE_WORD_LIMIT]


_CODE_PADDING_MM = 4.5  # a cell's inner margins and border
_CODE_SHARE = 0.3  # a code column takes at most this share of the page


def _code_mm(code: str, points: float = 12) -> float:
    """About how wide ``code`` prints in Times New Roman (capitals wider than digits)."""
    ems = sum(0.72 if ch.isupper() else 0.5 for ch in code)
    return ems * points * 25.4 / 72


def column_widths_mm(table: Table, width_mm: float) -> list[float]:
    """Each column's width on a page ``width_mm`` wide, from the weights; a code column
    widened to hold its longest word on one line ("HCM-STNMT-DDBD-01", "TP-TVPL-05-sđ.doc"
    whole), the room taken from the widest column."""
    total = sum(c.weight for c in table.columns) or 1.0
    widths = [width_mm * c.weight / total for c in table.columns]
    index = table.code_column
    if index is None or index >= len(widths):
        return widths
    cells = [r.cells[index] for r in table.rows if r.group is None and len(r.cells) > index]
    codes = [word for value in cells for word in value.split()]
    need = max((_code_mm(c) for c in codes), default=0.0) + _CODE_PADDING_MM
    need = min(need, width_mm * _CODE_SHARE)
    if need > widths[index]:
        widest = max((i for i in range(len(widths)) if i != index), key=lambda i: widths[i])
        extra = need - widths[index]
        widths[widest] -= extra
        widths[index] = need
    return widths


# A row estimated at most this tall is kept whole on one page; a taller one may split across
# pages (a row that cannot split and is taller than the page is clipped: its text is lost).
KEEP_WHOLE_MM = 60.0
_CHAR_MM = 12 * 0.5 * 25.4 / 72  # an average character of Times New Roman at 12 pt
_LINE_MM = 12 * 1.2 * 25.4 / 72


def estimated_height_mm(values: Sequence[str], widths_mm: Sequence[float]) -> float:
    """About how tall a row of ``values`` in columns ``widths_mm`` prints at 12 pt."""
    tallest = 0
    for value, width in zip(values, widths_mm, strict=False):
        per_line = max(1, int((width - 2) / _CHAR_MM))
        lines = sum(max(1, -(-len(line) // per_line)) for line in value.split("\n"))
        tallest = max(tallest, lines)
    return tallest * _LINE_MM + 2


def keeps_whole(row: Row, widths_mm: Sequence[float]) -> bool:
    """Whether a row is kept whole on one page: a group row always (it is short), a data row
    when it surely fits on a page."""
    return row.group is not None or estimated_height_mm(row.cells, widths_mm) <= KEEP_WHOLE_MM


def as_para(value: str | Para) -> Para:
    return value if isinstance(value, Para) else Para(value)


def number_text(value: float, lang: str) -> str:
    """2 → '02' (vi) / '2' (en); 1.5 → '1,5' (vi) / '1.5' (en)."""
    if value == int(value):
        whole = int(value)
        return f"{whole:02d}" if lang == "vi" else str(whole)
    shown = f"{value:g}"
    return shown.replace(".", ",") if lang == "vi" else shown


def duration_text(duration: Duration | None, lang: str) -> str:
    if duration is None:
        return text("table.unknown", lang)
    return text(f"table.unit.{duration.unit.value}", lang, value=number_text(duration.value, lang))


def _grouped(amount: int, lang: str) -> str:
    grouped = f"{amount:,}"
    return grouped.replace(",", ".") if lang == "vi" else grouped


_DOUBLED = re.compile(r"\(\(([^()]*)\)\)")
_GLUED = re.compile(r"(?<=\w)\(")


def tidy_parentheses(value: str) -> str:
    """The portal's "Miễn phí((Theo quy định …))" as printed: "Miễn phí (Theo quy định …)"
    (doubled parentheses once, a space before one glued to a word); the words unchanged."""
    previous = None
    while previous != value:
        previous, value = value, _DOUBLED.sub(r"(\1)", value)
    return _GLUED.sub(" (", value)


def money_text(money: Money | None, lang: str) -> str:
    """A fee for people: a conditional fee shows its words, never a number it does not state."""
    if money is not None and money.conditional and money.text:
        return text("table.conditional-fee", lang, text=tidy_parentheses(money.text))
    if money is not None and money.foreign_amount is not None and money.currency:
        return text(
            "table.foreign-money",
            lang,
            amount=_grouped(money.foreign_amount, lang),
            currency=money.currency,
        )
    if money is None or money.amount is None:
        return text("table.unknown", lang)
    if money.amount == 0:
        return text("table.free", lang)
    return text("table.dong", lang, amount=_grouped(money.amount, lang))


def unit_names(catalog: Catalog, ids: Iterable[str]) -> str:
    names = []
    for unit_id in ids:
        unit = catalog.units.get(unit_id)
        names.append(unit.name if unit else unit_id)
    return ", ".join(names)


def _per_channel(channels: Sequence[Channel], values: Sequence[str], lang: str) -> str:
    """One value when every channel agrees, else each kind of channel once: 'Trực tiếp: …;
    Trực tuyến: …' (two channels of one kind with different values: 'Trực tiếp: … / …',
    in their order; section 2 tells them apart)."""
    if len(set(values)) == 1:
        return values[0]
    by_kind: dict[str, list[str]] = {}
    for channel, value in zip(channels, values, strict=True):
        seen = by_kind.setdefault(channel.channel, [])
        if value not in seen:
            seen.append(value)
    return "; ".join(
        f"{text(f'table.channel.{kind}', lang)}: {' / '.join(shown)}"
        for kind, shown in by_kind.items()
    )


def time_summary(procedure: Procedure, lang: str) -> str:
    if procedure.processing_time is not None:
        return duration_text(procedure.processing_time, lang)
    if not procedure.channels:
        return text("table.none", lang)
    return _per_channel(
        procedure.channels, [duration_text(c.time, lang) for c in procedure.channels], lang
    )


def fee_summary(procedure: Procedure, lang: str) -> str:
    if not procedure.channels:
        return text("table.unknown", lang)
    return _per_channel(
        procedure.channels, [money_text(c.fee, lang) for c in procedure.channels], lang
    )


def _columns(lang: str, names: Sequence[tuple[str, float]]) -> tuple[Column, ...]:
    return tuple(Column(text(f"table.col.{key}", lang), weight) for key, weight in names)


def _with_case(body: str, when: str | None, lang: str) -> str:
    return body if when is None else f"{body} ({text('table.case', lang, when=when)})"


def _step_row(index: int, step: Step, catalog: Catalog, lang: str) -> Row:
    partners = unit_names(catalog, step.coordinating + step.consulted)
    if step.consulted_text:
        partners = ", ".join(p for p in (partners, step.consulted_text) if p)
    return Row(
        (
            text("table.step-number", lang, number=index),
            _with_case(step.action, step.when, lang),
            unit_names(catalog, step.leads),
            partners,
            duration_text(step.duration, lang) if step.duration else "",
        )
    )


def _channel_row(channel: Channel, lang: str) -> Row:
    description = channel.description or ""
    if channel.online_service:
        service = text(f"table.online.{channel.online_service}", lang)
        description = f"{service}. {description}" if description else service
    return Row(
        (
            text(f"table.channel.{channel.channel}", lang),
            duration_text(channel.time, lang),
            money_text(channel.fee, lang),
            description,
        )
    )


def _quantity(component: Component, lang: str) -> str:
    shown = _counts(component, lang)
    if component.kind == "submitted":
        return shown
    kind = text(f"table.kind.{component.kind}", lang)
    return f"{shown} ({kind})" if shown else kind


# A quantity as the portal writes it: "1 bản chính,1 bản sao", "0 bản chính, 2 bản sao".
_COUNTS = re.compile(
    r"^\s*(\d+)\s*(bản chính|bản sao)\s*(?:[,;]\s*(\d+)\s*(bản chính|bản sao)\s*)?$"
)


def _count_parts(originals: int | None, copies: int | None, lang: str) -> str:
    parts = []
    if originals:
        parts.append(text("table.originals", lang, count=number_text(originals, lang)))
    if copies:
        parts.append(text("table.copies", lang, count=number_text(copies, lang)))
    return ", ".join(parts)


def _counts(component: Component, lang: str) -> str:
    """The quantity in one wording: "01 bản chính, 01 bản sao"; a count of zero is not printed.
    A quantity written otherwise ("Bản chính hoặc bản sao") is printed as written."""
    if component.quantity_text:
        found = _COUNTS.match(component.quantity_text)
        if found is None:
            return component.quantity_text
        counts = {found[2]: int(found[1])}
        if found[4]:
            counts[found[4]] = counts.get(found[4], 0) + int(found[3])
        shown = _count_parts(counts.get("bản chính"), counts.get("bản sao"), lang)
        return shown or component.quantity_text
    return _count_parts(component.originals, component.copies, lang)


def citation(ref: LegalRef, catalog: Catalog, lang: str) -> str:
    """A legal basis as a citation: "Nghị định số 48/2019/NĐ-CP ngày 05/06/2019 của Chính phủ
    quy định …" (a law by its name: "Luật Đầu tư số 61/2020/QH14 ngày …") from the register
    when it has the document; a title that already names the number, as written; else the
    type (as cited, or as the number's symbol says) and number, then the title."""
    document = catalog.legal.get(ref.number) if catalog.legal is not None else None
    if ref.number is None or ref.number in ref.title:
        line = ref.title
    elif document is not None:
        line = register_citation(document, lang)
    else:
        line = short_citation(ref.number, ref.title, ref.type, lang)
    line = without_stop(line)
    return f"{line} ({ref.article})" if ref.article else line


# The type a number's symbol names (Nghị định 30/2020/NĐ-CP, Phụ lục III): 12/2026/QĐ-UBND is a
# Quyết định. A law's symbol (QH15) names the legislature, not the type: not guessed.
TYPE_OF_SYMBOL = {
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
}


def _type_of(number: str) -> str | None:
    symbol = number.rpartition("/")[2].partition("-")[0]
    return TYPE_OF_SYMBOL.get(symbol)


def short_citation(number: str, title: str, kind: str | None, lang: str) -> str:
    """ "Quyết định số 12/2026/QĐ-UBND sửa đổi …" for a document the register lacks."""
    kind = kind or _type_of(number)
    if kind and title.casefold().startswith(kind.casefold()):
        return text("table.citation-named", lang, kind=kind, number=number, rest=title[len(kind) :])
    if kind:
        title = _lower_first(title, lang)
        return text("table.citation-short", lang, kind=kind, number=number, title=title)
    return text("table.citation-bare", lang, number=number, title=title)


def _lower_first(title: str, lang: str) -> str:
    """ "Quy định về …" → "quy định về …" inside a citation; an abbreviation stays."""
    if lang != "vi" or len(title) < 2 or not title[1].islower():
        return title
    return title[0].lower() + title[1:]


def register_citation(document: LegalDocument, lang: str) -> str:
    kind = document.type or ""
    named = bool(kind) and document.title.casefold().startswith(kind.casefold())
    if named:  # a law or code by its name: "Luật Đầu tư số 61/2020/QH14 ngày 17/06/2020"
        words = [text("table.citation-number", lang, kind=document.title, number=document.number)]
    else:
        words = [text("table.citation-number", lang, kind=kind, number=document.number).strip()]
    if document.issued is not None:
        words.append(text("table.citation-date", lang, date=show_day(document.issued, lang)))
    if not named and document.issuer:
        words.append(text("table.citation-issuer", lang, issuer=document.issuer))
    if not named:
        words.append(_lower_first(document.title, lang))
    return " ".join(w for w in words if w)


def _legal_line(ref: LegalRef, catalog: Catalog, lang: str, statuses: bool) -> str:
    """One legal basis; with ``statuses`` (``tthc show``, never a printed document) what the
    register says of it after a dash."""
    line = citation(ref, catalog, lang)
    if not statuses or catalog.legal is None or ref.number is None:
        return line
    return text("table.legal-status", lang, line=line, status=basis_status(ref, catalog, lang))


def without_stop(line: str) -> str:
    """A citation without the full stop its title may end with, to stand before ";" or
    "(…)" ("… hướng dẫn thi hành." → "… hướng dẫn thi hành"); an ellipsis stays."""
    line = line.rstrip()
    if line.endswith(".") and not line.endswith(".."):
        return line[:-1].rstrip()
    return line


def _section(
    number: int, key: str, lang: str, paragraphs: Iterable[str] = (), table: Table | None = None
) -> Section:
    body = tuple(p for p in paragraphs if p)
    if not body and table is None:
        body = (text("table.none", lang),)
    return Section(f"{number}. {text(f'table.section.{key}', lang)}", body, table)


def _agencies(procedure: Procedure, catalog: Catalog, lang: str) -> list[str]:
    roles = (
        ("competent", procedure.competent),
        ("implementing", procedure.implementing),
        ("coordinating", procedure.coordinating),
        ("delegated", procedure.delegated),
    )
    return [
        f"{text(f'table.role.{role}', lang)}: {unit_names(catalog, ids)}"
        for role, ids in roles
        if ids
    ]


def procedure_sheet(
    procedure: Procedure, catalog: Catalog, lang: str = "vi", statuses: bool = False
) -> Sheet:
    """The eleven sections in the order of a Quyết định công bố; missing ones say 'Không'.
    ``statuses``: each legal basis followed by what the register says of it (for ``tthc
    show``; a printed document carries none of the tool's notes)."""
    steps = channels = components = None
    if procedure.steps:
        steps = Table(
            _columns(
                lang,
                (("step", 1.3), ("action", 4), ("lead", 1.6), ("partner", 1.6), ("step-time", 1.3)),
            ),
            tuple(_step_row(i, s, catalog, lang) for i, s in enumerate(procedure.steps, 1)),
            numbered=True,
        )
    if procedure.channels:
        channels = Table(
            _columns(lang, (("channel", 1.3), ("time", 1.4), ("fee", 1.3), ("description", 3))),
            tuple(_channel_row(c, lang) for c in procedure.channels),
        )
    if procedure.components:
        components = Table(
            _columns(lang, (("document", 4), ("form", 1.6), ("quantity", 1.4))),
            tuple(
                Row((_with_case(c.name, c.when, lang), c.form or "", _quantity(c, lang)))
                for c in procedure.components
            ),
            code_column=1,  # a form's name ("Mẫu TP-TVPL-05-sđ.doc") whole
        )
    sets = (
        text("table.dossier-sets", lang, count=number_text(procedure.dossier_sets, lang))
        if procedure.dossier_sets
        else ""
    )
    results = [
        f"{r.name} ({text('table.result-code', lang, code=r.code)})" if r.code else r.name
        for r in procedure.results
    ]
    fee = fee_summary(procedure, lang) if procedure.channels else ""
    sections = (
        _section(1, "steps", lang, table=steps),
        _section(2, "channels", lang, table=channels),
        _section(3, "components", lang, [sets] if components else [], components),
        _section(4, "time", lang, [time_summary(procedure, lang)]),
        _section(5, "subjects", lang, ["; ".join(procedure.subjects)]),
        _section(6, "agencies", lang, _agencies(procedure, catalog, lang)),
        _section(7, "result", lang, results),
        _section(8, "fee", lang, [fee]),
        _section(9, "forms", lang, procedure.forms),
        _section(10, "requirements", lang, procedure.requirements),
        _section(
            11,
            "legal",
            lang,
            [_legal_line(r, catalog, lang, statuses) for r in procedure.legal_basis],
        ),
    )
    code_line = text("table.code-line", lang, code=procedure.code)
    return Sheet(procedure.name, code_line, sections, sheet_marks(procedure, lang))


def level_names(procedure: Procedure, lang: str) -> str:
    return ", ".join(text(f"show.level.{level}", lang) for level in procedure.levels)


def sheet_marks(procedure: Procedure, lang: str) -> tuple[str, ...]:
    """What kind of procedure the sheet describes: an internal one says so and for whom
    (between agencies, within one), then the field and the levels."""
    marks = []
    if procedure.kind == "internal":
        scope = procedure.internal_scope
        marks.append(text(f"table.mark.internal.{scope or 'unknown'}", lang))
    marks.append(text("table.mark.field", lang, field=procedure.field))
    marks.append(text("table.mark.levels", lang, levels=level_names(procedure, lang)))
    return tuple(marks)


def procedure_document(
    procedures: Iterable[Procedure], catalog: Catalog, lang: str = "vi"
) -> Document:
    return Document(
        text("table.sheets-title", lang),
        sheets=tuple(procedure_sheet(p, catalog, lang) for p in procedures),
        lang=lang,
    )


def _listing_row(number: int, procedure: Procedure, catalog: Catalog, lang: str) -> Row:
    return Row(
        (
            str(number),
            procedure.code,
            procedure.name,
            unit_names(catalog, procedure.implementing) or text("table.unknown", lang),
            time_summary(procedure, lang),
            fee_summary(procedure, lang),
        )
    )


def field_order(procedures: Iterable[Procedure]) -> list[str]:
    """The fields of ``procedures`` in Vietnamese alphabetical order."""
    return sorted({p.field for p in procedures}, key=vi_key)


def listing_table(procedures: Sequence[Procedure], catalog: Catalog, lang: str = "vi") -> Table:
    """Danh mục: parts by kind (A, B), then levels (I, II…), then field group rows in
    Vietnamese order (the field is the group row's, not a column); rows 1, 2… by code."""
    rows: list[Row] = []
    kinds = [k for k in KIND_ORDER if any(p.kind == k for p in procedures)]
    kinds += sorted({p.kind for p in procedures} - set(KIND_ORDER))
    for letter, kind in zip(PART_LETTERS, kinds, strict=False):
        rows.append(Row((letter, text(f"table.part.{kind}", lang)), "part"))
        in_kind = [p for p in procedures if p.kind == kind]
        levels = [lv for lv in LEVEL_ORDER if any(lv in p.levels for p in in_kind)]
        levels += sorted({lv for p in in_kind for lv in p.levels} - set(LEVEL_ORDER))
        for roman, level in zip(ROMAN, levels, strict=False):
            rows.append(Row((roman, text(f"table.level.{level}", lang)), "level"))
            at_level = sorted((p for p in in_kind if level in p.levels), key=lambda p: p.code)
            number = 0
            for field in field_order(at_level):
                rows.append(Row(("", text("table.field-group", lang, field=field)), "field"))
                for procedure in (p for p in at_level if p.field == field):
                    number += 1
                    rows.append(_listing_row(number, procedure, catalog, lang))
    # Printed across A4 (252 mm of text): STT 14 mm, an 8-character code whole (24 mm), the
    # "Thời hạn giải quyết" header on two lines (31 mm).
    columns = _columns(
        lang,
        (
            ("number", 1.4),
            ("code", 2.4),
            ("name", 9.6),
            ("agency", 5.0),
            ("time", 3.2),
            ("fee", 4.2),
        ),
    )
    return Table(columns, tuple(rows), label_column=2, numbered=True, code_column=1)


def listing_document(
    procedures: Sequence[Procedure], catalog: Catalog, lang: str = "vi", unit: str | None = None
) -> Document:
    subtitle = None
    if unit:
        subtitle = text("table.listing-unit", lang, unit=unit_names(catalog, [unit]))
    return Document(
        text("table.listing-title", lang),
        subtitle,
        listing=listing_table(procedures, catalog, lang),
        lang=lang,
        landscape=True,
    )

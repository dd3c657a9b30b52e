"""The neutral table model for printed documents, built from the catalog model. Pure: no I/O.

A :class:`Document` is a title and either procedure sheets (one per procedure, the eleven
sections of a Quyết định công bố) or one danh mục :class:`Table`. Renderers (HTML, DOCX,
Markdown, plain text, the terminal) turn it into their format; cell text here is plain text,
never escaped: escaping belongs to the renderers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tthc_cli.messages import text
from tthc_cli.model import Catalog, Channel, Component, Duration, LegalRef, Money, Procedure, Step
from tthc_cli.render.legal import basis_status

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


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class Sheet:
    """One procedure as a Quyết định công bố prints it."""

    title: str
    code_line: str
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    subtitle: str | None = None
    sheets: tuple[Sheet, ...] = ()
    listing: Table | None = None
    lang: str = "vi"


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


def money_text(money: Money | None, lang: str) -> str:
    """A fee for people: a conditional fee shows its words, never a number it does not state."""
    if money is not None and money.conditional and money.text:
        return text("table.conditional-fee", lang, text=money.text)
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
    """One value when every channel agrees, else 'Trực tiếp: …; Trực tuyến: …'."""
    if len(set(values)) == 1:
        return values[0]
    return "; ".join(
        f"{text(f'table.channel.{c.channel}', lang)}: {v}"
        for c, v in zip(channels, values, strict=True)
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


def _counts(component: Component, lang: str) -> str:
    if component.quantity_text:
        return component.quantity_text
    parts = []
    if component.originals:
        parts.append(text("table.originals", lang, count=number_text(component.originals, lang)))
    if component.copies:
        parts.append(text("table.copies", lang, count=number_text(component.copies, lang)))
    return ", ".join(parts)


def _legal_line(ref: LegalRef, catalog: Catalog, lang: str) -> str:
    line = (
        ref.title if ref.number is None or ref.number in ref.title else f"{ref.number} {ref.title}"
    )
    line = f"{line} ({ref.article})" if ref.article else line
    if catalog.legal is None or ref.number is None:
        return line
    return text("table.legal-status", lang, line=line, status=basis_status(ref, catalog, lang))


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


def procedure_sheet(procedure: Procedure, catalog: Catalog, lang: str = "vi") -> Sheet:
    """The eleven sections in the order of a Quyết định công bố; missing ones say 'Không'."""
    steps = channels = components = None
    if procedure.steps:
        steps = Table(
            _columns(
                lang,
                (("step", 0.9), ("action", 4), ("lead", 1.6), ("partner", 1.6), ("step-time", 1.3)),
            ),
            tuple(_step_row(i, s, catalog, lang) for i, s in enumerate(procedure.steps, 1)),
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
        _section(11, "legal", lang, [_legal_line(r, catalog, lang) for r in procedure.legal_basis]),
    )
    return Sheet(procedure.name, text("table.code-line", lang, code=procedure.code), sections)


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
            procedure.field,
            unit_names(catalog, procedure.implementing) or text("table.unknown", lang),
            time_summary(procedure, lang),
            fee_summary(procedure, lang),
        )
    )


def listing_table(procedures: Sequence[Procedure], catalog: Catalog, lang: str = "vi") -> Table:
    """Danh mục: parts by kind (A, B), then levels (I, II…), then field group rows; rows 1, 2…"""
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
            at_level = sorted(
                (p for p in in_kind if level in p.levels), key=lambda p: (p.field, p.code)
            )
            number = 0
            for field in dict.fromkeys(p.field for p in at_level):
                rows.append(Row(("", text("table.field-group", lang, field=field)), "field"))
                for procedure in (p for p in at_level if p.field == field):
                    number += 1
                    rows.append(_listing_row(number, procedure, catalog, lang))
    columns = _columns(
        lang,
        (
            ("number", 1.0),
            ("code", 1.8),
            ("name", 4.2),
            ("field", 2.0),
            ("agency", 2.4),
            ("time", 1.6),
            ("fee", 1.7),
        ),
    )
    return Table(columns, tuple(rows), label_column=2)


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
    )

"""``tthc legal``: the register of legal documents with each document's status on a day and the
procedures citing it, as text, Markdown, JSON or CSV; and the status wording that ``tthc show``
and the procedure sheet use for each legal basis.

Text and Markdown are for people (Vietnamese by default, dates dd/mm/yyyy); JSON and CSV keep
machine values (state ids, ISO dates). Documents are listed by issue date (unknown last), then
number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tthc_cli.dates import show_day
from tthc_cli.findings import ref
from tthc_cli.formats import OutputContext
from tthc_cli.legal import Event, LegalDocument, LegalRegister, Standing, State, number_key
from tthc_cli.messages import text
from tthc_cli.model import Catalog, LegalRef
from tthc_cli.textnorm import csv_text, escape_md, json_text, visible


@dataclass(frozen=True, slots=True)
class LegalEntry:
    """One document as listed: from the register, or only as the procedures cite it."""

    number: str
    title: str
    standing: Standing
    procedures: tuple[str, ...] = ()  # codes of the procedures citing it
    document: LegalDocument | None = None  # None: not in the register


@dataclass(frozen=True, slots=True)
class LegalListing:
    day: date
    entries: tuple[LegalEntry, ...]
    register: str | None = None  # the register's file, None when the catalog has none


def _citations(catalog: Catalog) -> dict[str, tuple[str, str, list[str]]]:
    """Number key → (number and title as first cited, codes of the procedures citing it)."""
    cited: dict[str, tuple[str, str, list[str]]] = {}
    for procedure in sorted(catalog.procedures, key=lambda p: p.code):
        for legal_ref in procedure.legal_basis:
            if legal_ref.number is None:
                continue
            entry = cited.setdefault(
                number_key(legal_ref.number), (legal_ref.number, legal_ref.title, [])
            )
            if procedure.code not in entry[2]:
                entry[2].append(procedure.code)
    return cited


def _order(entry: LegalEntry) -> tuple[int, date, str]:
    issued = entry.document.issued if entry.document is not None else None
    return (issued is None, issued or date.min, number_key(entry.number))


def legal_listing(catalog: Catalog, numbers: Sequence[str], day: date) -> LegalListing:
    """The documents asked for (``numbers``; none: every registered or cited one) on ``day``."""
    register = catalog.legal or LegalRegister("")
    cited = _citations(catalog)

    def entry(number: str) -> LegalEntry:
        key = number_key(number)
        codes = tuple(cited[key][2]) if key in cited else ()
        document = register.get(number)
        if document is not None:
            return LegalEntry(
                document.number, document.title, register.standing(document, day), codes, document
            )
        title = cited[key][1] if key in cited else ""
        shown = cited[key][0] if key in cited else number
        return LegalEntry(shown, title, Standing(State.UNREGISTERED, day), codes)

    if numbers:
        entries = [entry(n) for n in dict.fromkeys(numbers)]
    else:
        keys = dict.fromkeys([d.key for d in register] + list(cited))
        entries = sorted(
            (entry(register.index[k].number if k in register.index else cited[k][0]) for k in keys),
            key=_order,
        )
    file = catalog.legal.file if catalog.legal is not None else None
    return LegalListing(day, tuple(entries), file)


def _event_text(prefix: str, event: Event, lang: str) -> str:
    """An event in words: "… from 01/07/2025", or its ``.undated`` wording when the register
    gives no date (never "from an unknown date" as if it were a date)."""
    if event.date is None:
        return text(f"{prefix}.undated", lang, by=event.number)
    return text(prefix, lang, by=event.number, since=show_day(event.date, lang))


def _amendments(events: Sequence[Event], lang: str) -> str:
    return "; ".join(_event_text(f"legal.status.{event.kind}", event, lang) for event in events)


def status_text(standing: Standing, lang: str, document: LegalDocument | None = None) -> str:
    """The status of a document on its day, in words: "Còn hiệu lực", "Hết hiệu lực từ …"."""
    state = standing.state
    if state is State.NOT_YET and document is not None and document.effective is not None:
        return text("legal.state.not_yet", lang, since=show_day(document.effective, lang))
    if state.ended and standing.end is not None:
        shown = _event_text(f"legal.state.{state.value}", standing.end, lang)
        if standing.latest:
            shown += text("legal.status.latest", lang, latest=standing.latest)
        return shown
    if state is State.AMENDED:
        return text("legal.state.amended", lang, changes=_amendments(standing.amendments, lang))
    until = standing.until
    if state is State.IN_FORCE and until is not None and until.date is not None:
        return text(
            f"legal.state.in_force.{until.kind}",
            lang,
            last=show_day(until.date - timedelta(days=1), lang),
            since=show_day(until.date, lang),
            by=until.number,
        )
    return text(f"legal.state.{state.value}", lang)


def basis_status(legal_ref: LegalRef, catalog: Catalog, lang: str) -> str:
    """The status of a cited document on the catalog's day (today, or ``as_of``), in words."""
    register = catalog.legal or LegalRegister("")
    day = catalog.config.today()
    document = register.get(legal_ref.number)
    if document is None:
        return text("legal.state.unregistered", lang)
    return status_text(register.standing(document, day), lang, document)


def _events_json(events: Sequence[Event]) -> list[dict[str, Any]]:
    return [
        {
            "number": e.number,
            "kind": e.kind,
            "date": e.date.isoformat() if e.date else None,
            "articles": e.articles,
        }
        for e in events
    ]


def _last_day(end: Event | None) -> str | None:
    """The last day a document is in force before ``end`` (ISO), if it is dated."""
    if end is None or end.date is None:
        return None
    return (end.date - timedelta(days=1)).isoformat()


def record(entry: LegalEntry) -> dict[str, Any]:
    """One entry for machines: ISO dates, state ids."""
    document = entry.document
    standing = entry.standing
    return {
        "number": entry.number,
        "registered": document is not None,
        "type": document.type if document else None,
        "title": entry.title,
        "issuer": document.issuer if document else None,
        "issued": document.issued.isoformat() if document and document.issued else None,
        "effective": document.effective.isoformat() if document and document.effective else None,
        "state": standing.state.value,
        # in force only because its end is dated later; when it took effect is not recorded
        "start_unrecorded": standing.until is not None,
        "in_force_until": _last_day(standing.until),
        "ends_by": _events_json([standing.until])[0] if standing.until else None,
        "ended_by": _events_json([standing.end])[0] if standing.end else None,
        "latest_successor": standing.latest
        or (standing.end.number if standing.state is State.REPLACED and standing.end else None),
        "amendments": _events_json(standing.amendments),
        "procedures": list(entry.procedures),
        "sources": list(document.sources) if document else [],
        "note": document.note if document else None,
    }


def render_json(listed: LegalListing, ctx: OutputContext) -> str:
    body = {
        "as_of": listed.day.isoformat(),
        "register": listed.register,
        "count": len(listed.entries),
        "documents": [record(e) for e in listed.entries],
    }
    return json_text(body)


CSV_COLUMNS = (
    "number",
    "registered",
    "type",
    "title",
    "issuer",
    "issued",
    "effective",
    "state",
    "ended_by",
    "ended_on",
    "amended_by",
    "procedures",
)


def render_csv(listed: LegalListing, ctx: OutputContext) -> str:
    rows: list[list[str]] = [list(CSV_COLUMNS)]
    for entry in listed.entries:
        row = record(entry)
        end = row["ended_by"] or {}
        cells = [
            row["number"],
            "yes" if row["registered"] else "no",
            row["type"] or "",
            row["title"],
            row["issuer"] or "",
            row["issued"] or "",
            row["effective"] or "",
            row["state"],
            end.get("number") or "",
            end.get("date") or "",
            " ".join(a["number"] for a in row["amendments"]),
            " ".join(row["procedures"]),
        ]
        rows.append([str(cell) for cell in cells])
    return csv_text(rows)


def _rows(listed: LegalListing, lang: str) -> list[list[str]]:
    rows = []
    for entry in listed.entries:
        document = entry.document
        rows.append(
            [
                entry.number,
                (document.type or "") if document else "",
                entry.title,
                show_day(document.issued, lang) if document and document.issued else "",
                show_day(document.effective, lang) if document and document.effective else "",
                status_text(entry.standing, lang, document),
                ", ".join(entry.procedures),
            ]
        )
    return rows


def _headers(listed: LegalListing, lang: str) -> list[str]:
    day = show_day(listed.day, lang)
    keys = ("number", "type", "title", "issued", "effective")
    return [
        *(text(f"legal.col.{k}", lang) for k in keys),
        text("legal.col.status", lang, date=day),
        text("legal.col.procedures", lang),
    ]


def _summary(listed: LegalListing, lang: str) -> str:
    missing = sum(1 for e in listed.entries if e.document is None)
    ended = sum(1 for e in listed.entries if e.standing.state.ended)
    return text(
        "legal.summary",
        lang,
        count=len(listed.entries),
        date=show_day(listed.day, lang),
        ended=ended,
        missing=missing,
        register=listed.register or ref("legal.no-register"),
    )


def render_text(listed: LegalListing, ctx: OutputContext) -> str:
    """One block per document (long titles and statuses read better than in a wide table)."""
    lang = ctx.lang
    headers = _headers(listed, lang)
    lines: list[str] = []
    for entry, (number, kind, title, issued, effective, status, codes) in zip(
        listed.entries, _rows(listed, lang), strict=True
    ):
        lines.append(" — ".join(part for part in (number, kind, title) if part))
        dates = [f"{headers[i]}: {v}" for i, v in ((3, issued), (4, effective)) if v]
        if dates:
            lines.append("  " + "; ".join(dates))
        lines.append(f"  {headers[5]}: {status}")
        if codes:
            lines.append(f"  {headers[6]}: {codes}")
        if entry.document is not None and entry.document.note:
            lines.append(f"  {text('legal.col.note', lang)}: {entry.document.note}")
        lines.append("")
    lines.append(_summary(listed, lang))
    return "".join(visible(line) + "\n" for line in lines)


def render_markdown(listed: LegalListing, ctx: OutputContext) -> str:
    lang = ctx.lang
    headers = [escape_md(h) for h in _headers(listed, lang)]
    lines = [
        f"# {escape_md(text('legal.title', lang))}",
        "",
        "| " + " | ".join(headers) + " |",
        "|" + "---|" * len(headers),
    ]
    lines += [
        "| " + " | ".join(escape_md(visible(cell)) for cell in row) + " |"
        for row in _rows(listed, lang)
    ]
    lines += ["", escape_md(_summary(listed, lang))]
    return "\n".join(lines) + "\n"

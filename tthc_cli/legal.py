"""The register of legal documents (``legal.yaml``): what each cited document is, and whether it
is in force on a given day. Pure: types and date logic, no I/O.

A document's events — amended (``amended_by``), replaced (``replaced_by``), repealed in whole or
in part (``repealed``) — take effect on their ``date``; an event written without a date takes
the ``effective`` date of the document that causes it, when the register has that document
with that date. An event with no date at all is taken as having happened already (the register
records what happened; its day is unknown), and shown so.

A document's standing on a day (:meth:`LegalRegister.standing`):

- ``not_yet``: its effective date is after the day;
- ``replaced`` / ``repealed``: replaced, or repealed as a whole, on or before the day (the
  successor is named);
- ``amended``: in force, amended or repealed in part on or before the day (a dated amendment
  proves the document in force, even when its effective date is not recorded);
- ``in_force``: in force, its effective date known and on or before the day; or its effective
  date not recorded but the register dates its replacement or whole repeal after the day: that
  dated fact says it had effect until then (``Standing.until``; the start date stays unknown).
  This holds only from its issue date when the register records one, never before 1 January of
  the year its number carries, and not at all when neither is known;
- ``unknown``: the register does not know when it took effect and nothing dated says anything
  about the day.

Numbers are matched after Unicode NFC, without spaces and case-folded (``32/2010/TT-BTNMT`` and
``32/2010/tt-btnmt`` are one document).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tthc_cli.findings import Pos
from tthc_cli.textnorm import nfc


def number_key(number: str) -> str:
    """The form two document numbers are compared in."""
    return "".join(nfc(number).split()).casefold()


_YEAR = re.compile(r"^[0-9.]+[a-z]?/((?:19|20)[0-9]{2})/")


def number_year(number: str) -> int | None:
    """The year a document number carries (``19/2011/TT-BTP`` → 2011), if any."""
    match = _YEAR.match(number)
    return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class Amendment:
    """The document is amended (or repealed in part) by ``number`` from ``date``."""

    number: str
    pos: Pos
    date: date | None = None
    articles: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Replacement:
    """The document is replaced by ``number`` from ``date``: it is no longer in force that day."""

    number: str
    pos: Pos
    date: date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Repeal:
    """The document is repealed by ``by`` from ``date``: as a whole, or in part (``articles``)."""

    by: str
    pos: Pos
    whole: bool = True
    date: date | None = None
    articles: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class LegalDocument:
    number: str
    title: str
    pos: Pos
    number_pos: Pos
    type: str | None = None
    issuer: str | None = None
    issued: date | None = None
    effective: date | None = None
    amended_by: tuple[Amendment, ...] = ()
    replaced_by: Replacement | None = None
    repealed: Repeal | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None

    @property
    def key(self) -> str:
        return number_key(self.number)

    @property
    def label(self) -> str:
        """``Thông tư 32/2010/TT-BTNMT``: the type and number, as people name a document."""
        return f"{self.type} {self.number}" if self.type else self.number


class State(StrEnum):
    IN_FORCE = "in_force"
    AMENDED = "amended"
    NOT_YET = "not_yet"
    REPLACED = "replaced"
    REPEALED = "repealed"
    UNKNOWN = "unknown"
    UNREGISTERED = "unregistered"  # cited, but not in the register

    @property
    def ended(self) -> bool:
        return self in (State.REPLACED, State.REPEALED)


@dataclass(frozen=True, slots=True)
class Event:
    """An event that has taken effect by the day asked about, with its resolved date."""

    number: str  # the document that causes it
    date: date | None  # None: the register does not know when
    kind: str  # "amended", "repealed-in-part", "replaced", "repealed"
    articles: str | None = None


@dataclass(frozen=True, slots=True)
class Standing:
    """A document's status on ``day``; ``end`` is the replacement or repeal that ended it,
    ``amendments`` the amendments and partial repeals in effect by then, undated first."""

    state: State
    day: date
    end: Event | None = None
    amendments: tuple[Event, ...] = ()
    latest: str | None = None  # the end of the chain of replacements, when longer than one
    # In force only because the register dates its end after the day (its effective date is
    # not recorded): the replacement or whole repeal that ends it.
    until: Event | None = None


@dataclass(frozen=True, slots=True)
class LegalRegister:
    """The documents of ``legal.yaml``, in file order, looked up by number."""

    file: str
    documents: tuple[LegalDocument, ...] = ()
    index: Mapping[str, LegalDocument] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, file: str, documents: Iterable[LegalDocument]) -> LegalRegister:
        """A register; when a number is listed twice the first entry is the one looked up."""
        listed = tuple(documents)
        index: dict[str, LegalDocument] = {}
        for document in listed:
            index.setdefault(document.key, document)
        return cls(file, listed, index)

    def __iter__(self) -> Iterator[LegalDocument]:
        return iter(self.documents)

    def get(self, number: str | None) -> LegalDocument | None:
        return None if number is None else self.index.get(number_key(number))

    def effective_of(self, number: str) -> date | None:
        document = self.get(number)
        return document.effective if document is not None else None

    def events(self, document: LegalDocument) -> list[Event]:
        """Every event of ``document`` with its date resolved (see the module documentation)."""
        out = [
            Event(a.number, a.date or self.effective_of(a.number), "amended", a.articles)
            for a in document.amended_by
        ]
        if document.repealed is not None:
            repeal = document.repealed
            kind = "repealed" if repeal.whole else "repealed-in-part"
            out.append(
                Event(repeal.by, repeal.date or self.effective_of(repeal.by), kind, repeal.articles)
            )
        if document.replaced_by is not None:
            replaced = document.replaced_by
            when = replaced.date or self.effective_of(replaced.number)
            out.append(Event(replaced.number, when, "replaced"))
        return out

    def standing(self, document: LegalDocument, day: date) -> Standing:
        """The status of ``document`` on ``day``."""
        if document.effective is not None and document.effective > day:
            return Standing(State.NOT_YET, day)
        happened = [c for c in self.events(document) if c.date is None or c.date <= day]
        happened.sort(key=lambda c: (c.date is not None, c.date or date.min))
        ends = [c for c in happened if c.kind in ("replaced", "repealed")]
        amendments = tuple(c for c in happened if c.kind not in ("replaced", "repealed"))
        if ends:
            # the earliest dated end (an undated one only when no end is dated)
            dated = [c for c in ends if c.date is not None]
            end = min(dated, key=lambda c: c.date or date.min) if dated else ends[0]
            state = State.REPLACED if end.kind == "replaced" else State.REPEALED
            latest = self.latest_successor(document, day) if state is State.REPLACED else None
            return Standing(state, day, end, amendments, latest if latest != end.number else None)
        if amendments:
            return Standing(State.AMENDED, day, None, amendments)
        if document.effective is not None:
            return Standing(State.IN_FORCE, day)
        until = self._dated_end_after(document, day)
        if until is not None:
            return Standing(State.IN_FORCE, day, until=until)
        return Standing(State.UNKNOWN, day)

    def _dated_end_after(self, document: LegalDocument, day: date) -> Event | None:
        """The earliest replacement or whole repeal dated after ``day``, when it shows that
        ``document`` (effective date not recorded) was in force on ``day``: on or after its
        issue date and the year its number carries, at least one of which must be known."""
        year = number_year(document.number)
        starts = [d for d in (document.issued, date(year, 1, 1) if year else None) if d]
        if not starts or day < max(starts):
            return None
        later = [
            e
            for e in self.events(document)
            if e.kind in ("replaced", "repealed") and e.date is not None and e.date > day
        ]
        return min(later, key=lambda e: e.date or date.max) if later else None

    def latest_successor(self, document: LegalDocument, day: date) -> str | None:
        """The last document in the chain of replacements in effect on ``day`` (cycles stop)."""
        seen = {document.key}
        current: LegalDocument | None = document
        number: str | None = None
        while current is not None and current.replaced_by is not None:
            replaced = current.replaced_by
            when = replaced.date or self.effective_of(replaced.number)
            if when is not None and when > day:
                break
            number = replaced.number
            current = self.get(number)
            if current is None or current.key in seen:
                break
            seen.add(current.key)
        return number

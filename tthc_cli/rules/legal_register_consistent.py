"""The register of legal documents (``legal.yaml``) agrees with itself.

What the register says about one document must fit what it says about the others, or the
statuses ``tthc legal`` and ``legal-basis-in-force`` derive from it are wrong:

- every number written in ``amended_by``, ``replaced_by`` or ``repealed`` is a document of the
  register (so its title, and its date when the event has none, are known);
- no amendment, replacement or repeal takes effect before the document was issued, and no
  document takes effect before it was issued;
- a document whose number carries a year (``19/2011/TT-BTP``) was issued in that year: a date
  copied from the title (which often cites older documents with their dates) is caught here;
- no chain of amendments, replacements and repeals comes back to where it started (a document
  can only be changed by a later one);
- each number is listed once, and is written as a document number (see ``legal-number``).

Passes::

    documents:
      - number: 23/2015/NĐ-CP
        title: Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính…
        issued: "2015-02-16"
        amended_by: [{number: 280/2025/NĐ-CP}]
      - number: 280/2025/NĐ-CP
        title: Sửa đổi, bổ sung một số điều của Nghị định số 23/2015/NĐ-CP…

Fails (the amending document is not in the register, and a replacement is dated before the
document was issued)::

    documents:
      - number: 23/2015/NĐ-CP
        title: Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính…
        issued: "2015-02-16"
        amended_by: [{number: 280/2025/NĐ-CP}]
        replaced_by: {number: 23/2015/NĐ-CP, date: "2014-01-01"}
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Pos, Severity
from tthc_cli.findings import day as day_arg
from tthc_cli.legal import LegalDocument, LegalRegister, number_key, number_year
from tthc_cli.model import Catalog
from tthc_cli.rules._graph import cycle_from
from tthc_cli.rules.base import Rule, RuleContext
from tthc_cli.rules.legal_number import parses


def _edges(document: LegalDocument) -> list[tuple[str, Pos]]:
    """(number pointed at, where it is written) for each event of ``document``."""
    out = [(a.number, a.pos) for a in document.amended_by]
    if document.replaced_by is not None:
        out.append((document.replaced_by.number, document.replaced_by.pos))
    if document.repealed is not None:
        out.append((document.repealed.by, document.repealed.pos))
    return out


def _own(document: LegalDocument, register: LegalRegister) -> Iterator[Finding]:
    number = document.number
    if not parses(number):
        yield RULE.finding(
            document.number_pos, message="legal-register-consistent.number", number=number
        )
    year = number_year(number)
    if document.issued and year is not None and document.issued.year != year:
        yield RULE.finding(
            document.pos,
            message="legal-register-consistent.issued-year",
            number=number,
            issued=day_arg(document.issued),
        )
    if document.issued and document.effective and document.effective < document.issued:
        yield RULE.finding(
            document.pos,
            message="legal-register-consistent.effective-before-issued",
            number=number,
            effective=day_arg(document.effective),
            issued=day_arg(document.issued),
        )
    for target, pos in _edges(document):
        if register.get(target) is None:
            yield RULE.finding(pos, number=number, target=target)
    issued = document.issued
    if issued is None:
        return
    for event in register.events(document):
        if event.date is not None and event.date < issued:
            yield RULE.finding(
                _event_pos(document, event.number),
                message="legal-register-consistent.before-issued",
                number=number,
                target=event.number,
                date=day_arg(event.date),
                issued=day_arg(issued),
            )


def _event_pos(document: LegalDocument, target: str) -> Pos:
    for number, pos in _edges(document):
        if number_key(number) == number_key(target):
            return pos
    return document.pos


def _cycles(register: LegalRegister) -> Iterator[Finding]:
    """One finding per chain that returns to its start, at the first document of it listed."""
    graph = {
        d.key: [number_key(t) for t, _ in _edges(d) if register.get(t) is not None]
        for d in register
    }
    reported: set[frozenset[str]] = set()
    for document in register:
        path = cycle_from(document.key, graph)
        if path is None or frozenset(path) in reported:
            continue
        reported.add(frozenset(path))
        names = [register.index[k].number for k in path]
        yield RULE.finding(
            document.number_pos,
            message="legal-register-consistent.cycle",
            number=document.number,
            chain=" → ".join([*names, names[0]]),
        )


def check_catalog(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    register = catalog.legal
    if register is None:
        return
    first: dict[str, LegalDocument] = {}
    for document in register:
        earlier = first.setdefault(document.key, document)
        if earlier is not document:
            yield RULE.finding(
                document.number_pos,
                message="legal-register-consistent.duplicate",
                number=document.number,
                first_line=earlier.pos.line,
            )
            continue
        yield from _own(document, register)
    yield from _cycles(register)


MESSAGES = {  # message key → the arguments it is given
    "legal-register-consistent": ("number", "target"),
    "legal-register-consistent.before-issued": ("date", "issued", "number", "target"),
    "legal-register-consistent.effective-before-issued": ("effective", "issued", "number"),
    "legal-register-consistent.issued-year": ("issued", "number"),
    "legal-register-consistent.cycle": ("chain", "number"),
    "legal-register-consistent.duplicate": ("first_line", "number"),
    "legal-register-consistent.number": ("number",),
}

RULE = Rule(
    "legal-register-consistent",
    Severity.ERROR,
    __doc__ or "",
    MESSAGES,
    check_catalog=check_catalog,
)

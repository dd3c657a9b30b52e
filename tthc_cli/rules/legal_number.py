"""A legal-basis number is a real Vietnamese document number.

Document numbers are how a legal basis is looked up and matched across versions
(``63/2010/NĐ-CP``). A number copied with its label ("Nghị định số 63/2010"), run into the next
words (``11/2026/TT-NHNN5``, ``1451/2019/QH14QUY``) or cut short cannot be matched. The grammar,
after Unicode NFC normalisation (Nghị định 30/2020/NĐ-CP on văn thư, Appendices I and III)::

    number   := serial "/" [year "/"] symbol
    serial   := 1-5 digits, optionally "." digits (66.7) or one lower-case letter (01a)
    year     := 4 digits, 19xx or 20xx          (legal documents: NĐ, TT, Luật, NQ…)
    symbol   := QH<term> | UBTVQH<term> | type "-" issuer ("-" issuer)*   (with a year)
              | part ("-" part)*                                          (without a year)

With a year, the type (NĐ, TT, QĐ, NQ, TTLT, VBHN…) and every issuer (CP, TTg, BTC, NHNN,
HĐND…) must be known, and an issuer with dates (a ministry created or merged in 2025) must have
existed in that year. Laws and resolutions of the National Assembly (``QH15``) and of its
Standing Committee (``UBTVQH15``) are numbered through the legislature's term, not per year
(Nghị quyết 202/2025/QH15): the year must fall in that term, and the number must stay under the
term's bound (a law under ``max_law``). Only ``QH``/``UBTVQH`` carry digits; only known codes
such as ``TTg`` carry lower-case letters. The types, issuers and terms are dated data in
``tthc_cli/data/legal-numbers.yaml``; ``legal_numbers`` in ``tthc.yaml`` adds to or replaces
them. An entry without a ``number`` is reported too: when the source gives none, say so in a
suppression on the entry.

Passes::

    legal_basis:
      - {number: 63/2010/NĐ-CP, title: Nghị định về kiểm soát thủ tục hành chính}
      - {number: 66.7/2025/NQ-CP, title: Nghị quyết cắt giảm thủ tục dựa trên dữ liệu}

Fails::

    legal_basis:
      - {number: Nghị định số 63/2010, title: Nghị định về kiểm soát thủ tục hành chính}
      - {number: 11/2026/TT-NHNN5, title: Thông tư}
      - {number: 1354/2014/QH13, title: Luật 54/2014/QH}
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from tthc_cli.findings import ArgValue, Finding, Severity
from tthc_cli.load.packaged import packaged_yaml
from tthc_cli.model import LegalRef, Procedure
from tthc_cli.rules.base import Rule, RuleContext
from tthc_cli.textnorm import nfc

DATA_FILE = "legal-numbers.yaml"
VIETNAMESE_UPPER = "ĐĂÂÊÔƠƯ"
UPPER = f"A-Z{VIETNAMESE_UPPER}"
LETTER = f"A-Za-z{VIETNAMESE_UPPER}{VIETNAMESE_UPPER.lower()}"
SERIAL = r"[0-9]{1,5}(?:\.[0-9]{1,3}|[a-z])?"
PART = f"[{UPPER}][{LETTER}&]*[0-9]{{0,2}}"
SHAPE = re.compile(
    rf"^(?P<serial>{SERIAL})/(?:(?P<year>(?:19|20)[0-9]{{2}})/)?(?P<symbol>{PART}(?:-{PART})*)$"
)
TERM_PART = re.compile(r"^(?P<body>QH|UBTVQH)(?P<term>[0-9]{1,2})$")
LAW_TITLE = re.compile(r"^\s*(?:bộ\s+)?luật\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Issuer:
    code: str
    name: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Term:
    number: int
    first_year: int
    last_year: int
    max_serial: int
    max_law: int


@dataclass(frozen=True, slots=True)
class Vocabulary:
    types: Mapping[str, str]
    issuers: Mapping[str, Issuer]
    terms: Mapping[int, Term]


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _build(data: Mapping[str, Any], extra: Mapping[str, Any]) -> Vocabulary:
    types: dict[str, str] = {}
    issuers: dict[str, Issuer] = {}
    terms: dict[int, Term] = {}
    for source in (data, extra):
        for item in source.get("types") or ():
            types[nfc(str(item["code"]))] = str(item.get("name", ""))
        for item in source.get("issuers") or ():
            code = nfc(str(item["code"]))
            issuers[code] = Issuer(
                code, str(item.get("name", "")), _day(item.get("from")), _day(item.get("to"))
            )
        for item in source.get("legislatures") or ():
            number = int(item["number"])
            terms[number] = Term(
                number,
                int(item["from"]),
                int(item["to"]),
                int(item.get("max_serial", 400)),
                int(item.get("max_law", item.get("max_serial", 400))),
            )
    return Vocabulary(types, issuers, terms)


@lru_cache(maxsize=8)
def _cached(extra_json: str) -> Vocabulary:
    return _build(packaged_yaml(DATA_FILE), json.loads(extra_json))


def vocabulary(extra: Mapping[str, Any] | None = None) -> Vocabulary:
    """The shipped types, issuers and terms, with ``extra`` (tthc.yaml's ``legal_numbers``)
    added over them."""
    return _cached(json.dumps(extra or {}, sort_keys=True, ensure_ascii=False, default=str))


Problem = tuple[str, dict[str, ArgValue]]


def _part_problem(part: str, vocab: Vocabulary) -> bool:
    """Whether one symbol part is malformed: digits outside QH/UBTVQH, lower case outside codes."""
    if any(c.isdigit() for c in part):
        return TERM_PART.match(part) is None
    if any(c.islower() for c in part):
        return part not in vocab.types and part not in vocab.issuers
    return False


def _term_problems(
    number: str, serial: str, year: int, part: str, vocab: Vocabulary, is_law: bool
) -> list[Problem]:
    match = TERM_PART.match(part)
    if match is None:
        return []
    term = vocab.terms.get(int(match.group("term")))
    if term is None or not term.first_year <= year <= term.last_year:
        return [("legal-number.term", {"number": number, "symbol": part, "year": year})]
    limit = term.max_law if is_law else term.max_serial
    if int(serial.split(".")[0].rstrip("abcdefghijklmnopqrstuvwxyz")) > limit:
        return [("legal-number.serial", {"number": number, "limit": limit})]
    return []


def _issuer_problems(number: str, year: int, parts: list[str], vocab: Vocabulary) -> list[Problem]:
    """With a year: a known type then known issuers (QH and UBTVQH stand alone or as issuers)."""
    if len(parts) == 1 and TERM_PART.match(parts[0]):
        return []
    if parts[0] not in vocab.types or len(parts) < 2:
        return [("legal-number.issuer", {"number": number, "part": parts[0]})]
    out: list[Problem] = []
    for part in parts[1:]:
        if TERM_PART.match(part):
            continue
        issuer = vocab.issuers.get(part)
        if issuer is None:
            out.append(("legal-number.issuer", {"number": number, "part": part}))
        elif (issuer.start and year < issuer.start.year) or (issuer.end and year > issuer.end.year):
            out.append(
                (
                    "legal-number.issuer-dates",
                    {"number": number, "issuer": issuer.name, "year": year},
                )
            )
    return out


def problems(number: str, vocab: Vocabulary | None = None, is_law: bool = False) -> list[Problem]:
    """What is wrong with ``number`` as a document number (message key, arguments); empty when
    it is well formed. ``is_law``: the entry is a law, whose number has a lower bound."""
    vocab = vocab or vocabulary()
    text = nfc(number)
    match = SHAPE.match(text)
    if match is None:
        return [("legal-number", {"number": number})]
    parts = match.group("symbol").split("-")
    if any(_part_problem(part, vocab) for part in parts):
        return [("legal-number", {"number": number})]
    year_text = match.group("year")
    if year_text is None:
        short = len(parts[0]) < 2 and parts[0] not in vocab.types
        return [("legal-number", {"number": number})] if short else []
    year = int(year_text)
    out = _issuer_problems(number, year, parts, vocab)
    for part in parts:
        out += _term_problems(number, match.group("serial"), year, part, vocab, is_law)
    return out


def parses(number: str, vocab: Vocabulary | None = None) -> bool:
    """Whether ``number`` is a well-formed document number (after NFC normalisation)."""
    return not problems(number, vocab)


def is_law(ref: LegalRef) -> bool:
    """Whether the entry names a law (Luật, Bộ luật) by its type or title."""
    return bool(LAW_TITLE.match(ref.type or "")) or bool(LAW_TITLE.match(ref.title))


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    vocab = vocabulary(ctx.catalog.config.legal_numbers)
    for ref in procedure.legal_basis:
        item = f"legal_basis/{ref.key}"
        if ref.number is None:
            yield RULE.finding(ref.pos, message="legal-number.missing", item=item, title=ref.title)
            continue
        for key, args in problems(ref.number, vocab, is_law(ref)):
            yield RULE.finding(ref.number_pos or ref.pos, message=key, item=item, **args)


MESSAGES = {  # message key → the arguments it is given
    "legal-number": ("number",),
    "legal-number.missing": ("title",),
    "legal-number.issuer": ("number", "part"),
    "legal-number.issuer-dates": ("issuer", "number", "year"),
    "legal-number.term": ("number", "symbol", "year"),
    "legal-number.serial": ("limit", "number"),
}

RULE = Rule("legal-number", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

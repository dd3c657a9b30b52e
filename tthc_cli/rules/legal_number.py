"""A legal-basis number is written as a Vietnamese document number.

Document numbers are how a legal basis is looked up and matched across versions
(``63/2010/NĐ-CP``). A number copied with its label ("Nghị định số 63/2010"), with stray
spaces, or cut short cannot be matched. The grammar, after Unicode NFC normalisation
(Nghị định 30/2020/NĐ-CP on văn thư, Appendix I, số và ký hiệu văn bản)::

    number   := serial "/" [year "/"] symbol
    serial   := 1-5 digits, optionally "." digits (66.7) or one lower-case letter (01a)
    year     := 4 digits, 19xx or 20xx          (legal documents: NĐ, TT, Luật, NQ…)
    symbol   := part ("-" part)*                 (QĐ-TTg, VPCP-KSTT, NQLT-CP-UBTƯMTTQVN, QH15)
    part     := an upper-case letter (Đ, Ư, Ơ, Â, Ê, Ô, Ă included) then letters, digits or "&"

Examples that parse: ``63/2010/NĐ-CP``, ``1085/QĐ-TTg``, ``1927/VPCP-KSTT``, ``06/2022/QH15``,
``111/2025/UBTVQH15``, ``4324/QĐ-UBND``, ``15/2025/TT-BNV``, ``66.7/2025/NQ-CP``. An entry
without a ``number`` is reported too: a legal basis is identified by its number; when the
source gives none, say so in a suppression on the entry.

Passes::

    legal_basis:
      - {number: 63/2010/NĐ-CP, title: Nghị định về kiểm soát thủ tục hành chính}

Fails::

    legal_basis:
      - {number: Nghị định số 63/2010, title: Nghị định về kiểm soát thủ tục hành chính}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity
from tthc_cli.model import Procedure
from tthc_cli.rules.base import Rule, RuleContext
from tthc_cli.textnorm import nfc

VIETNAMESE_UPPER = "ĐĂÂÊÔƠƯ"
_PART = f"[A-Z{VIETNAMESE_UPPER}][A-Za-z{VIETNAMESE_UPPER}{VIETNAMESE_UPPER.lower()}0-9&]*"

DOCUMENT_NUMBER = re.compile(
    r"^(?P<serial>[0-9]{1,5}(?:\.[0-9]{1,3}|[a-z])?)"  # số: 63, 1085, 66.7, 01a
    r"/(?:(?P<year>(?:19|20)[0-9]{2})/)?"  # năm ban hành, for legal documents only
    rf"(?P<symbol>{_PART}(?:-{_PART})*)$"  # ký hiệu: NĐ-CP, QĐ-TTg, VPCP-KSTT, QH15
)


def parses(number: str) -> bool:
    """Whether ``number`` is a well-formed document number (after NFC normalisation)."""
    return DOCUMENT_NUMBER.match(nfc(number)) is not None


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    for ref in procedure.legal_basis:
        item = f"legal_basis/{ref.key}"
        if ref.number is None:
            yield RULE.finding(ref.pos, message="legal-number.missing", item=item, title=ref.title)
            continue
        if parses(ref.number):
            continue
        yield RULE.finding(ref.number_pos or ref.pos, item=item, number=ref.number)


MESSAGES = {  # message key → the arguments it is given
    "legal-number": ("number",),
    "legal-number.missing": ("title",),
}

RULE = Rule("legal-number", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

import unicodedata
from pathlib import Path

import pytest

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of
from tthc_cli.rules.legal_number import parses

VALID = [
    "63/2010/NĐ-CP",
    "02/2017/TT-VPCP",
    "1085/QĐ-TTg",
    "1927/VPCP-KSTT",
    "06/2022/QH15",
    "111/2025/UBTVQH15",
    "68/2020/QH14",
    "4324/QĐ-UBND",
    "461/QĐ-BXD",
    "15/2025/TT-BNV",
    "66.7/2025/NQ-CP",
    "01/2014/NQLT-CP-UBTƯMTTQVN",
]
INVALID = [
    "Nghị định số 63/2010/NĐ-CP",
    "63/2010",
    "63/2010/NĐ-CP ",
    "63 / 2010 / NĐ-CP",
    "NĐ-CP",
    "63/2010/",
]


@pytest.mark.parametrize("number", VALID)
def test_document_numbers_parse(number: str) -> None:
    assert parses(number)


@pytest.mark.parametrize("number", VALID)
def test_decomposed_text_still_parses(number: str) -> None:
    assert parses(unicodedata.normalize("NFD", number))


def test_decomposed_u_horn_is_really_decomposed() -> None:
    # Ư decomposes into U + combining horn: without NFC the symbol would not match.
    assert unicodedata.normalize("NFD", "Ư") != "Ư"
    assert parses(unicodedata.normalize("NFD", "01/2014/NQLT-CP-UBTƯMTTQVN"))


@pytest.mark.parametrize("number", INVALID)
def test_malformed_numbers_do_not_parse(number: str) -> None:
    assert not parses(number)


def test_valid_number_passes(tmp_path: Path) -> None:
    assert findings_of(tmp_path, "legal-number") == []


def test_label_in_number_fails_at_the_number(tmp_path: Path) -> None:
    data = procedure(
        legal_basis=[{"id": "nd-63", "number": "Nghị định 63/2010/NĐ-CP", "title": "Nghị định"}]
    )
    (finding,) = findings_of(tmp_path, "legal-number", {"2.001219.yaml": data})
    assert finding.message == "legal-number"
    assert finding.item == "legal_basis/nd-63"
    assert finding.arg_map["number"] == "Nghị định 63/2010/NĐ-CP"
    assert finding.line == line_of(tmp_path, "number: Nghị định")


def test_missing_number_fails(tmp_path: Path) -> None:
    data = procedure(legal_basis=[{"id": "bo-luat", "title": "Bộ luật Hàng hải Việt Nam"}])
    (finding,) = findings_of(tmp_path, "legal-number", {"2.001219.yaml": data})
    assert finding.message == "legal-number.missing"
    assert finding.item == "legal_basis/bo-luat"

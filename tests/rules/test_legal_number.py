import unicodedata
from pathlib import Path

import pytest

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of
from tthc_cli.rules.legal_number import parses, problems, vocabulary

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


# The malformed numbers the issue lists, and the real grammar behind them.
@pytest.mark.parametrize(
    ("number", "is_law", "message"),
    [
        ("11/2026/TT-NHNN5", False, "legal-number"),  # digits run into the issuer
        ("1451/2019/QH14QUY", False, "legal-number"),  # the next title run into the symbol
        ("1354/2014/QH13", False, "legal-number.serial"),  # 13 of "QH13" run into "54/…"
        ("1228/2009/QH12", False, "legal-number.serial"),
        ("250/2014/QH13", True, "legal-number.serial"),  # a law number over 200 in one term
        ("40/2029/QH14", False, "legal-number.term"),  # 2029 is outside the 14th legislature
        ("10/2026/TT-BGTVT", False, "legal-number.issuer-dates"),  # merged into BXD in 2025
        ("5/2024/TT-BNNMT", False, "legal-number.issuer-dates"),  # created on 1/3/2025
        ("198/2016/TTBTC", False, "legal-number.issuer"),
        ("198/2016/TT/BTC", False, "legal-number"),
    ],
)
def test_malformed_numbers_are_findings(number: str, is_law: bool, message: str) -> None:
    assert [key for key, _ in problems(number, is_law=is_law)] == [message]


def test_national_assembly_numbers_run_through_the_term() -> None:
    assert problems("202/2025/QH15") == []  # Nghị quyết 202/2025/QH15 (12/6/2025)
    assert problems("142/2025/QH15", is_law=True) == []
    assert problems("66.16/2026/NQ-CP") == []


def test_issuers_are_data_tthc_yaml_can_extend() -> None:
    assert problems("3/2026/TT-BXYZ")[0][0] == "legal-number.issuer"
    extra = vocabulary({"issuers": [{"code": "BXYZ", "name": "Bộ thử", "from": "2026-01-01"}]})
    assert problems("3/2026/TT-BXYZ", extra) == []
    assert problems("3/2025/TT-BXYZ", extra)[0][0] == "legal-number.issuer-dates"


def test_a_law_by_its_title_gets_the_law_bound(tmp_path: Path) -> None:
    data = procedure(legal_basis=[{"id": "luat", "number": "250/2014/QH13", "title": "Luật X"}])
    (finding,) = findings_of(tmp_path, "legal-number", {"2.001219.yaml": data})
    assert finding.message == "legal-number.serial"
    assert finding.arg_map["limit"] == 200

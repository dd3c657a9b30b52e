"""legal-register-consistent: the register of legal documents agrees with itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of

RULE = "legal-register-consistent"


def run(tmp_path: Path, *documents: dict[str, Any]) -> list[Any]:
    files = {"2.001219.yaml": procedure(), "legal.yaml": {"documents": list(documents)}}
    return findings_of(tmp_path, RULE, files)


def doc(number: str, **fields: Any) -> dict[str, Any]:
    return {"number": number, "title": f"Văn bản {number}", **fields}


def test_a_register_whose_events_point_at_its_own_documents_passes(tmp_path: Path) -> None:
    assert (
        run(
            tmp_path,
            doc("23/2015/NĐ-CP", issued="2015-02-16", amended_by=[{"number": "280/2025/NĐ-CP"}]),
            doc("280/2025/NĐ-CP", issued="2025-10-01"),
        )
        == []
    )


def test_an_event_caused_by_a_document_not_in_the_register_fails(tmp_path: Path) -> None:
    (finding,) = run(tmp_path, doc("23/2015/NĐ-CP", replaced_by={"number": "9/2025/NĐ-CP"}))
    assert finding.message == RULE
    assert finding.arg_map == {"number": "23/2015/NĐ-CP", "target": "9/2025/NĐ-CP"}
    assert finding.file.endswith("legal.yaml")
    assert finding.line == line_of(tmp_path, "replaced_by", "legal.yaml") + 1


def test_a_change_dated_before_the_document_was_issued_fails(tmp_path: Path) -> None:
    found = run(
        tmp_path,
        doc(
            "23/2015/NĐ-CP", issued="2015-02-16", repealed={"by": "1/2010/NĐ-CP", "extent": "part"}
        ),
        doc("1/2010/NĐ-CP", effective="2010-03-01"),  # the repeal takes this date
    )
    assert [f.message for f in found] == ["legal-register-consistent.before-issued"]
    assert found[0].arg_map["date"] == "2010-03-01"


def test_taking_effect_before_being_issued_fails(tmp_path: Path) -> None:
    (finding,) = run(tmp_path, doc("1/2020/NĐ-CP", issued="2020-05-01", effective="2020-04-01"))
    assert finding.message == "legal-register-consistent.effective-before-issued"


def test_a_chain_that_comes_back_fails_once(tmp_path: Path) -> None:
    found = run(
        tmp_path,
        doc("1/2020/NĐ-CP", replaced_by={"number": "2/2021/NĐ-CP"}),
        doc("2/2021/NĐ-CP", amended_by=[{"number": "1/2020/NĐ-CP"}]),
    )
    assert [f.message for f in found] == ["legal-register-consistent.cycle"]
    assert found[0].arg_map["chain"] == "1/2020/NĐ-CP → 2/2021/NĐ-CP → 1/2020/NĐ-CP"


def test_a_number_listed_twice_fails_at_the_second(tmp_path: Path) -> None:
    found = run(tmp_path, doc("1/2020/NĐ-CP"), doc("1/2020/nđ-cp"))
    assert [f.message for f in found] == ["legal-register-consistent.duplicate"]
    assert found[0].line == line_of(tmp_path, "1/2020/nđ-cp", "legal.yaml")


def test_a_malformed_number_fails(tmp_path: Path) -> None:
    (finding,) = run(tmp_path, doc("Nghị định số 63/2010"))
    assert finding.message == "legal-register-consistent.number"


def test_an_issue_date_from_another_year_than_the_number_fails(tmp_path: Path) -> None:
    """The portal's titles cite older documents with their dates ("… Thông tư số 05/2008/TT-BTP
    ngày 23/9/2008 …"); such a date copied as the issue date of 19/2011/TT-BTP is caught."""
    (finding,) = run(tmp_path, doc("19/2011/TT-BTP", issued="2008-09-23"))
    assert finding.message == "legal-register-consistent.issued-year"
    assert run(tmp_path, doc("19/2011/TT-BTP", issued="2011-09-23")) == []
    assert run(tmp_path, doc("1085/QĐ-TTg", issued="2022-09-15")) == []  # no year in the number

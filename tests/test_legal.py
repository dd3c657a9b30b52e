"""The register's date logic: a document's standing on a day, events dated by their documents."""

from __future__ import annotations

from datetime import date, timedelta

from tthc_cli.findings import Pos
from tthc_cli.legal import (
    Amendment,
    LegalDocument,
    LegalRegister,
    Repeal,
    Replacement,
    State,
    number_key,
)

P = Pos("legal.yaml", 1, 1)


def doc(number: str, **fields: object) -> LegalDocument:
    return LegalDocument(number, f"Văn bản {number}", P, P, **fields)  # type: ignore[arg-type]


OLD = doc(
    "32/2010/TT-BTNMT",
    issued=date(2010, 12, 8),
    effective=date(2011, 1, 22),
    replaced_by=Replacement("27/2019/NĐ-CP", P, date(2019, 3, 13)),
)
NEW = doc("27/2019/NĐ-CP", effective=date(2019, 3, 13))
REGISTER = LegalRegister.of("legal.yaml", [OLD, NEW])


def test_in_force_the_day_before_a_replacement_and_not_on_its_day() -> None:
    day = date(2019, 3, 13)
    assert REGISTER.standing(OLD, day - timedelta(days=1)).state is State.IN_FORCE
    on_the_day = REGISTER.standing(OLD, day)
    assert on_the_day.state is State.REPLACED
    assert on_the_day.end is not None and on_the_day.end.number == "27/2019/NĐ-CP"
    assert on_the_day.end.date == day


def test_not_yet_in_force_before_its_effective_date() -> None:
    assert REGISTER.standing(OLD, date(2011, 1, 21)).state is State.NOT_YET
    assert REGISTER.standing(OLD, date(2011, 1, 22)).state is State.IN_FORCE


def test_an_undated_event_takes_the_causing_documents_effective_date() -> None:
    old = doc(
        "1/2020/NĐ-CP", effective=date(2020, 1, 1), replaced_by=Replacement("2/2025/NĐ-CP", P)
    )
    new = doc("2/2025/NĐ-CP", effective=date(2025, 7, 1))
    register = LegalRegister.of("legal.yaml", [old, new])
    assert register.standing(old, date(2025, 6, 30)).state is State.IN_FORCE
    assert register.standing(old, date(2025, 7, 1)).state is State.REPLACED


def test_an_event_with_no_date_anywhere_has_happened_with_an_unknown_date() -> None:
    old = doc(
        "1/2020/NĐ-CP", effective=date(2020, 1, 1), replaced_by=Replacement("9/2099/NĐ-CP", P)
    )
    standing = LegalRegister.of("legal.yaml", [old]).standing(old, date(2020, 6, 1))
    assert standing.state is State.REPLACED
    assert standing.end is not None and standing.end.date is None


def test_amendments_in_effect_by_the_day_make_it_amended() -> None:
    amended = doc(
        "48/2019/NĐ-CP",
        effective=date(2019, 7, 20),
        amended_by=(Amendment("19/2024/NĐ-CP", P, date(2024, 4, 8), "Điều 5"),),
    )
    register = LegalRegister.of("legal.yaml", [amended])
    assert register.standing(amended, date(2024, 4, 7)).state is State.IN_FORCE
    standing = register.standing(amended, date(2024, 4, 8))
    assert standing.state is State.AMENDED
    assert [(a.number, a.kind, a.articles) for a in standing.amendments] == [
        ("19/2024/NĐ-CP", "amended", "Điều 5")
    ]


def test_repeal_in_part_is_an_amendment_and_in_whole_an_end() -> None:
    part = doc(
        "1/2020/TT-BTP",
        effective=date(2020, 1, 1),
        repealed=Repeal("2/2025/TT-BTP", P, False, date(2025, 7, 1), "Điều 3"),
    )
    whole = doc(
        "3/2020/TT-BTP",
        effective=date(2020, 1, 1),
        repealed=Repeal("2/2025/TT-BTP", P, True, date(2025, 7, 1)),
    )
    register = LegalRegister.of("legal.yaml", [part, whole])
    day = date(2025, 7, 1)
    assert register.standing(part, day).state is State.AMENDED
    assert register.standing(part, day).amendments[0].kind == "repealed-in-part"
    assert register.standing(whole, day).state is State.REPEALED


def test_unknown_without_an_effective_date_and_no_events() -> None:
    bare = doc("5/2021/TT-BTP")
    assert (
        LegalRegister.of("legal.yaml", [bare]).standing(bare, date(2026, 1, 1)).state
        is State.UNKNOWN
    )


def test_the_document_in_force_at_the_end_of_a_chain_is_named() -> None:
    a = doc(
        "1/2010/NĐ-CP",
        effective=date(2010, 1, 1),
        replaced_by=Replacement("2/2015/NĐ-CP", P, date(2015, 1, 1)),
    )
    b = doc(
        "2/2015/NĐ-CP",
        effective=date(2015, 1, 1),
        replaced_by=Replacement("3/2020/NĐ-CP", P, date(2020, 1, 1)),
    )
    c = doc(
        "3/2020/NĐ-CP",
        effective=date(2020, 1, 1),
        replaced_by=Replacement("1/2010/NĐ-CP", P, date(2021, 1, 1)),
    )
    register = LegalRegister.of("legal.yaml", [a, b, c])
    assert register.standing(a, date(2016, 1, 1)).latest is None  # one step: the successor itself
    assert register.standing(a, date(2020, 1, 1)).latest == "3/2020/NĐ-CP"
    # a cycle (c back to a) stops instead of looping
    assert register.latest_successor(a, date(2030, 1, 1)) in {"1/2010/NĐ-CP", "3/2020/NĐ-CP"}


def test_numbers_match_without_spaces_case_or_normalisation_differences() -> None:
    assert number_key(" 32/2010/tt-btnmt ") == number_key("32/2010/TT-BTNMT")
    decomposed = "01/2014/NQLT-CP-UBTU\u031bMTTQVN"  # U + combining horn: Ư after NFC
    assert number_key(decomposed) == number_key("01/2014/NQLT-CP-UBTƯMTTQVN")
    assert REGISTER.get("32 / 2010 / TT-BTNMT") is OLD
    assert REGISTER.get(None) is None


def test_the_first_of_two_entries_with_one_number_is_the_one_looked_up() -> None:
    first, second = doc("1/2020/NĐ-CP"), doc("1/2020/nđ-cp")
    assert LegalRegister.of("legal.yaml", [first, second]).get("1/2020/NĐ-CP") is first

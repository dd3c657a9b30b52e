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


# A document whose effective date the register does not record, but whose end it dates: the
# dated end says it had effect until then (as a dated amendment says it is in force).
UNDATED = doc(
    "26/2008/QH12",
    replaced_by=Replacement("106/2025/QH15", P, date(2026, 7, 1)),
)
SUCCESSOR = doc("106/2025/QH15", issued=date(2025, 12, 5))
UNDATED_REGISTER = LegalRegister.of("legal.yaml", [UNDATED, SUCCESSOR])


def test_a_dated_replacement_shows_an_undated_document_in_force_the_day_before() -> None:
    before = UNDATED_REGISTER.standing(UNDATED, date(2026, 6, 30))
    assert before.state is State.IN_FORCE
    assert before.until is not None
    assert (before.until.number, before.until.kind, before.until.date) == (
        "106/2025/QH15",
        "replaced",
        date(2026, 7, 1),
    )
    on_the_day = UNDATED_REGISTER.standing(UNDATED, date(2026, 7, 1))
    assert on_the_day.state is State.REPLACED and on_the_day.until is None


def test_a_dated_whole_repeal_does_the_same_and_a_repeal_in_part_does_not() -> None:
    whole = doc("3/2020/TT-BTP", repealed=Repeal("2/2025/TT-BTP", P, True, date(2025, 7, 1)))
    part = doc("4/2020/TT-BTP", repealed=Repeal("2/2025/TT-BTP", P, False, date(2025, 7, 1)))
    register = LegalRegister.of("legal.yaml", [whole, part])
    day = date(2025, 6, 30)
    standing = register.standing(whole, day)
    assert standing.state is State.IN_FORCE
    assert standing.until is not None and standing.until.kind == "repealed"
    assert register.standing(part, day).state is State.UNKNOWN


def test_never_before_the_year_its_number_carries_nor_its_issue_date() -> None:
    assert UNDATED_REGISTER.standing(UNDATED, date(2008, 1, 1)).state is State.IN_FORCE
    assert UNDATED_REGISTER.standing(UNDATED, date(2007, 12, 31)).state is State.UNKNOWN
    issued = doc(
        "5/2021/TT-BTP",
        issued=date(2021, 6, 15),
        replaced_by=Replacement("6/2025/TT-BTP", P, date(2025, 7, 1)),
    )
    register = LegalRegister.of("legal.yaml", [issued])
    assert register.standing(issued, date(2021, 6, 14)).state is State.UNKNOWN
    assert register.standing(issued, date(2021, 6, 15)).state is State.IN_FORCE


def test_unknown_when_nothing_bounds_when_it_began() -> None:
    # no issue date and no year in the number: a dated end alone does not say since when
    bare = doc("Luật Thử", replaced_by=Replacement("6/2025/TT-BTP", P, date(2025, 7, 1)))
    register = LegalRegister.of("legal.yaml", [bare])
    assert register.standing(bare, date(2025, 6, 30)).state is State.UNKNOWN


def test_an_undated_end_and_no_end_say_nothing_about_the_day() -> None:
    # an end dated nowhere has happened already (replaced); nothing at all stays unknown
    undated_end = doc("7/2020/TT-BTP", replaced_by=Replacement("9/2099/TT-BTP", P))
    register = LegalRegister.of("legal.yaml", [undated_end])
    assert register.standing(undated_end, date(2021, 1, 1)).state is State.REPLACED
    assert register.standing(doc("8/2020/TT-BTP"), date(2021, 1, 1)).state is State.UNKNOWN

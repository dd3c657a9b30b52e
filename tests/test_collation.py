"""Vietnamese alphabetical order (``textnorm.vi_key``): the one collation every sorted list people
read uses — base letters a ă â b c d đ e ê …, tones as a secondary key."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tthc_cli.textnorm import VI_ALPHABET, vi_key


def test_the_issue_s_examples_come_in_dictionary_order() -> None:
    # character codes put them Hoạt động → Hàng hải → Hạ tầng, "Kinh doanh" before "Kiến trúc",
    # every "Đ…" at the end
    names = ["Hoạt động", "Hàng hải", "Hạ tầng", "Kinh doanh", "Kiến trúc", "Đất đai", "Em", "Dân"]
    assert sorted(names, key=vi_key) == [
        "Dân",
        "Đất đai",
        "Em",
        "Hạ tầng",
        "Hàng hải",
        "Hoạt động",
        "Kiến trúc",
        "Kinh doanh",
    ]


def test_letters_with_marks_are_letters_of_their_own() -> None:
    words = ["ư", "u", "ơ", "ô", "o", "ê", "e", "đ", "d", "â", "ă", "a"]
    assert sorted(words, key=vi_key) == ["a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư"]
    assert [vi_key(letter)[0][0][1] for letter in VI_ALPHABET] == list(range(len(VI_ALPHABET)))


def test_tones_decide_only_between_the_same_letters() -> None:
    # none, huyền, hỏi, ngã, sắc, nặng
    assert sorted(["má", "mạ", "mả", "ma", "mà", "mã"], key=vi_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]
    # a tone never outweighs a letter: "ánh" (a-n-h) before "ăn" (ă-n)
    assert sorted(["ăn", "ánh"], key=vi_key) == ["ánh", "ăn"]


def test_case_decides_last_and_digits_come_before_letters() -> None:
    assert sorted(["Ba", "ba", "1 ba"], key=vi_key) == ["1 ba", "ba", "Ba"]


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxy àáảãạ", max_size=12))
def test_the_same_text_in_nfc_or_nfd_sorts_the_same(word: str) -> None:
    decomposed = unicodedata.normalize("NFD", word)
    assert vi_key(decomposed)[:3] == vi_key(unicodedata.normalize("NFC", word))[:3]

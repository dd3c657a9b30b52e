"""Every finding's line and column are where an editor shows the cause in the file.

Lines end at CR LF, CR or LF only (NEL, LS and PS are characters inside a line for editors and
YAML 1.2, line breaks for libyaml's marks); columns count characters of the file as written
(not UTF-8 bytes, not the NFC text the parser reads).
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import REPO, run_tthc
from tthc_cli.config import Limits
from tthc_cli.findings import Finding
from tthc_cli.load.decoding import line_col, nfc_columns, text_mark
from tthc_cli.load.yamlsafe import MDict, MList, Parsed, parse_yaml
from tthc_cli.messages import render

YAML11_ONLY_BREAKS = ["\u2028", "\u2029", "\x85"]
EOLS = ["\n", "\r\n", "\r"]


def parse(text: str | bytes, limits: Limits | None = None) -> Parsed:
    return parse_yaml(text.encode() if isinstance(text, str) else text, "f.yaml", limits)


def where(parsed: Parsed) -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.column) for f in parsed.findings]


def one(parsed: Parsed, rule: str) -> Finding:
    matching = [f for f in parsed.findings if f.rule == rule]
    assert len(matching) == 1, parsed.findings
    return matching[0]


def editor_lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def at(text: str, line: int, column: int) -> str:
    """The rest of the editor's ``line`` from ``column`` (both 1-based)."""
    return editor_lines(text)[line - 1][column - 1 :]


def all_marks(data: Any) -> list[tuple[str, tuple[int, int]]]:
    """(what, mark) for every key, value and item mark in ``data``."""
    out: list[tuple[str, tuple[int, int]]] = []
    if isinstance(data, MDict):
        for key in data:
            out.append((f"key {key}", data.key_marks[key]))
            out.append((f"value {key}", data.value_marks[key]))
            out.extend(all_marks(data[key]))
    elif isinstance(data, MList):
        for index, item in enumerate(data):
            out.append((f"item {index}", data.item_marks[index]))
            out.extend(all_marks(item))
    return out


# --- characters, not bytes --------------------------------------------------------------------


def test_control_character_after_multibyte_letters_is_found_on_its_line() -> None:
    """The audit's case: libyaml reports a byte offset; 2:1 was reported for 1:14."""
    raw = b"a: " + "đ".encode() * 10 + b"\xc2\x9b\n"
    assert where(parse(raw)) == [("yaml-syntax", 1, 14)]


@pytest.mark.parametrize("eol", EOLS)
def test_control_character_column_counts_characters_on_any_line_ending(eol: str) -> None:
    text = f"name: Thủ tục{eol}unit: Sở Xây dựng\x07{eol}"
    assert where(parse(text)) == [("yaml-syntax", 2, 18)]


def test_control_character_after_an_astral_character() -> None:
    assert where(parse("a: 😀😀\x07\n")) == [("yaml-syntax", 1, 6)]


@pytest.mark.parametrize("eol", EOLS)
def test_invalid_utf8_column_counts_characters(eol: str) -> None:
    raw = f"a: 1{eol}b: đđ".encode() + b"\xff" + eol.encode()
    finding = one(parse(raw), "file-encoding")
    assert (finding.line, finding.column) == (2, 6)


@pytest.mark.parametrize("eol", EOLS)
def test_nul_column_counts_characters(eol: str) -> None:
    raw = f"a: 1{eol}b: Đường{eol}c: ư".encode() + b"\x00" + eol.encode()
    finding = one(parse(raw), "file-binary")
    assert (finding.line, finding.column) == (3, 5)


def test_nul_after_invalid_utf8_counts_the_bad_byte_as_one_character() -> None:
    finding = one(parse(b"a: 1\rb: \xffx\x00\r"), "file-binary")
    assert (finding.line, finding.column) == (2, 6)


def test_old_mac_line_endings_number_the_lines() -> None:
    parsed = parse("code: '1'\rname: x\rcode: '2'\r")
    assert where(parsed) == [("yaml-duplicate-key", 3, 1)]
    assert parsed.data.key_marks["name"] == (2, 1)


def test_line_col_and_text_mark() -> None:
    assert line_col("a\r\nđb\rcđ\nx".encode(), len("a\r\nđb\rcđ\n".encode())) == (4, 1)
    assert line_col("a\r\nđb\rcđx".encode(), len("a\r\nđb\rcđ".encode())) == (3, 3)
    assert text_mark("a\u2028b\x85c\u2029d\ve\ff", 10) == (1, 11)
    assert text_mark("a\r\r\nb", 4) == (3, 1)


# --- NEL, LS and PS are inside a line ---------------------------------------------------------


@pytest.mark.parametrize("char", YAML11_ONLY_BREAKS)
def test_the_audits_catalog_file_with_a_line_separator_in_a_value(
    tmp_path: Path, char: str
) -> None:
    """Line 4 holds a quoted name with the character, line 6 an unknown field: 6:1, not 7:1."""
    source = (REPO / "procedures" / "public" / "1.000426.yaml").read_text(encoding="utf-8")
    lines = source.split("\n")
    lines[3] = f'name: "Cấp thẻ{char}tư vấn"'
    lines.insert(5, "bogus: 1")
    path = tmp_path / "1.000426.yaml"
    path.write_bytes("\n".join(lines).encode())
    done = run_tthc("validate", str(path), "-f", "json", "--no-cache", cwd=tmp_path)
    findings = json.loads(done.stdout)["findings"]
    found = [(f["rule"], f["line"], f["column"]) for f in findings]
    # LS and PS stay in the name (NEL folds to a space): a line break in a one-line field.
    broken = [("text-line-break", 4, 7)] if char in "\u2028\u2029" else []
    assert found == [*broken, ("schema", 6, 1)]
    assert parse(path.read_bytes()).data.key_marks["bogus"] == (6, 1)


@pytest.mark.parametrize("char", YAML11_ONLY_BREAKS)
@pytest.mark.parametrize("eol", EOLS)
def test_marks_and_findings_after_a_line_separator_are_the_editors(char: str, eol: str) -> None:
    """The same document with an ordinary character in place of LS reports the same places."""
    lines = [
        "code: '1.000001'",
        'name: "Thủ tục{c}cấp phép"',
        "steps: [{{name: 'Bước{c}một', days: yes}}, 'b{c}c', NO]",
        "flow: {{a: 'x{c}y', b: 010, a: 2}}",
        "later: &x {{k: 'v{c}w'}}",
        "again: *x",
        "code: dup",
        "",
    ]
    text = eol.join(lines)
    plain = parse(text.format(c="~"))
    odd = parse(text.format(c=char))
    # The separator in a name is a line break in a one-line field: its own finding, at the value.
    breaks = [(f.line, f.column) for f in odd.findings if f.rule == "text-line-break"]
    assert breaks == ([(2, 7), (3, 16)] if char != "\x85" else [])  # NEL folds to a space
    odd = dataclasses.replace(
        odd, findings=tuple(f for f in odd.findings if f.rule != "text-line-break")
    )
    assert where(odd) == where(plain)
    assert [f.args for f in odd.findings] == [f.args for f in plain.findings]
    assert all_marks(odd.data) == all_marks(plain.data)
    assert odd.data["flow"].mark == plain.data["flow"].mark
    assert odd.data["steps"].mark == plain.data["steps"].mark


@pytest.mark.parametrize("char", YAML11_ONLY_BREAKS)
def test_syntax_error_after_a_line_separator_on_its_line(char: str) -> None:
    text = "code: '1.000001'\nname: 'Thủ tục{c}cấp phép', unit: x\n"
    odd = one(parse(text.format(c=char)), "yaml-syntax")
    plain = one(parse(text.format(c="~")), "yaml-syntax")
    assert (odd.line, odd.column) == (plain.line, plain.column) == (2, 25)


def test_the_too_deep_finding_after_a_line_separator() -> None:
    text = "a: 'x{c}y'\nb: " + "[" * 1000 + "]" * 1000 + "\n"
    odd = parse(text.format(c="\u2028"))
    assert where(odd) == where(parse(text.format(c="~")))
    # the column depends on who stops first: our count (64 levels), or libyaml's own limit
    # (PyYAML 6.0.4 and later), which its scanner reaches while reading ahead
    assert [(rule, line) for rule, line, _ in where(odd)] == [("yaml-too-deep", 2)]


def test_control_character_after_a_line_separator() -> None:
    text = "a: 'x\u2028y' # đ\x07\n"
    assert where(parse(text)) == [("yaml-syntax", 1, text.index("\x07") + 1)]


@pytest.mark.parametrize("char", YAML11_ONLY_BREAKS)
def test_syntax_error_a_line_separator_causes_names_it(char: str) -> None:
    """Unquoted, the character ends the scalar for libyaml: say so, and where it is."""
    finding = one(parse(f"code: '1'\nname: Cấp thẻ{char}tư vấn\nkind: public\n"), "yaml-syntax")
    assert (finding.line, finding.column) == (3, 1)
    assert finding.message == "yaml-syntax.yaml11-break"
    args = finding.arg_map
    assert (args["char"], args["break_line"], args["break_column"]) == (f"U+{ord(char):04X}", 2, 14)
    shown = render(finding.message, args, "en")
    assert f"U+{ord(char):04X} at line 2, column 14" in shown
    assert f"\\u{ord(char):04x} in double quotes" in shown
    assert "dòng 2, cột 14" in render(finding.message, args, "vi")


def test_syntax_error_without_a_line_separator_has_no_hint() -> None:
    finding = one(parse("a: 'x\u2028y'\nb: [1\n"), "yaml-syntax")
    assert finding.message == "yaml-syntax" and "char" not in finding.arg_map


def test_nfc_warning_counts_lines_as_an_editor_does() -> None:
    """str.splitlines() also splits at LS, PS, NEL, VT, FF and the separators \\x1c-\\x1e."""
    text = "a: 'x\u2028y\u2029z\x85w'\nb: Thu\u0309\n"
    assert where(parse(text)) == [("text-not-nfc", 2, 6)]


# --- columns in the file as written, which may be NFD -------------------------------------------


@pytest.mark.parametrize("eol", EOLS)
def test_columns_after_combining_marks_are_the_files(eol: str) -> None:
    text = f"x: 1{eol}a: {{b: Thu\u0309 tu\u0323c, c: yes, b: 2}}{eol}"
    parsed = parse(text)
    line = editor_lines(text)[1]
    column, dup = line.index("yes") + 1, line.index("b: 2") + 1
    assert where(parsed) == [
        ("text-not-nfc", 2, line.index("u\u0309") + 1),
        ("yaml-ambiguous-value", 2, column),
        ("yaml-duplicate-key", 2, dup),
    ]
    assert parsed.data["a"].value_marks["c"] == (2, column)
    assert parsed.data["a"]["b"] == "Thủ tục"


def test_control_character_after_combining_marks() -> None:
    text = "a: Thu\u0309 tu\u0323c\x07\n"
    finding = one(parse(text), "yaml-syntax")
    assert (finding.line, finding.column) == (1, text.index("\x07") + 1)


def test_nfc_columns_follow_each_letter_and_its_marks() -> None:
    original = "Thu\u0309 tu\u0323c q\u0301"
    normalised = unicodedata.normalize("NFC", original)
    columns = nfc_columns(original, normalised)
    assert [original[i] for i in columns[:-1]] == list("Thu tuc q\u0301")
    assert columns[-1] == len(original)
    # Hangul jamo compose across starters: the columns are left alone, never out of range.
    assert nfc_columns("\u1100\u1161x", "\uac00x") == [0, 1, 2]


# --- property: every key's mark is where the key is ---------------------------------------------

_VALUE = st.lists(
    st.sampled_from(
        ["a", "đ", " ", "e\u0302\u0301", "u\u031b\u0303", "\u2028", "\u2029", "\x85", "😀", "'"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(_VALUE, min_size=1, max_size=6),
    eol=st.sampled_from(EOLS),
    flow=st.booleans(),
)
def test_every_key_mark_points_at_its_key(values: list[str], eol: str, flow: bool) -> None:
    quoted = ["'" + value.replace("'", "''") + "'" for value in values]
    if flow:
        body = "k: {" + ", ".join(f"k{i}: {q}" for i, q in enumerate(quoted)) + "}" + eol
    else:
        body = "".join(f"k{i}: {q}{eol}" for i, q in enumerate(quoted))
    body += f"end: [{', '.join(quoted)}]{eol}"
    parsed = parse(body)
    assert parsed.data is not None, parsed.findings
    for what, (line, column) in all_marks(parsed.data):
        rest = at(body, line, column)
        if what.startswith("key "):
            assert rest.startswith(what[4:] + ":"), (what, line, column)
        else:
            assert rest[:1] in ("'", "{", "["), (what, line, column, rest)

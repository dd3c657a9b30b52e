"""parse_yaml on hostile input: every case gives data or findings, never an exception."""

from __future__ import annotations

import codecs
import math
import resource
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc_cli.config import Limits
from tthc_cli.findings import Finding
from tthc_cli.load.yamlsafe import MDict, MList, parse_yaml

VIETNAMESE = "Thủ tục cấp giấy phép xây dựng ở Thành phố Hồ Chí Minh"


def rules(findings: tuple[Finding, ...]) -> list[str]:
    return [f.rule for f in findings]


def only(raw: bytes | str, rule: str, limits: Limits | None = None) -> Finding:
    """Parse and return the one finding of ``rule`` (failing if there is not exactly one)."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    parsed = parse_yaml(data, "f.yaml", limits)
    matching = [f for f in parsed.findings if f.rule == rule]
    assert len(matching) == 1, parsed.findings
    return matching[0]


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


# --- duplicate keys -----------------------------------------------------------------------


def test_duplicate_key_reports_both_positions() -> None:
    finding = only("code: '1'\nname: x\n  # c\ncode: '2'\n", "yaml-duplicate-key")
    assert (finding.line, finding.column) == (4, 1)
    assert finding.arg_map == {"key": "code", "first_line": 1, "first_column": 1}


def test_duplicate_key_nested_keeps_first_value() -> None:
    parsed = parse_yaml(b"a:\n  b: 1\n  b: 2\n", "f.yaml")
    assert parsed.data["a"]["b"] == 1
    assert [(f.rule, f.line, f.column) for f in parsed.findings] == [("yaml-duplicate-key", 3, 3)]


# --- YAML 1.1 traps -------------------------------------------------------------------------


def test_unquoted_code_keeps_its_digits_in_raw() -> None:
    parsed = parse_yaml(b"code: 1.001230\n", "f.yaml")
    assert parsed.data["code"] == pytest.approx(1.00123)
    assert parsed.data.raw["code"] == "1.001230"


@pytest.mark.parametrize("word", ["NO", "no", "on", "Off", "yes", "Y"])
def test_yaml11_booleans_stay_strings_and_warn(word: str) -> None:
    parsed = parse_yaml(f"x: 1\nanswer: {word}\n".encode(), "f.yaml")
    assert parsed.data["answer"] == word
    [finding] = parsed.findings
    assert (finding.rule, finding.line, finding.column) == ("yaml-ambiguous-value", 2, 9)
    assert finding.arg_map["value"] == word


def test_quoted_yaml11_boolean_is_not_warned() -> None:
    parsed = parse_yaml(b'answer: "NO"\n', "f.yaml")
    assert parsed.data["answer"] == "NO"
    assert parsed.findings == ()


@pytest.mark.parametrize(
    ("text", "reading"),
    [("1:30", "@reading.sexagesimal"), ("010", "@reading.octal"), ("1_000", "@reading.number")],
)
def test_yaml11_numbers_stay_strings(text: str, reading: str) -> None:
    parsed = parse_yaml(f"t: {text}\n".encode(), "f.yaml")
    assert parsed.data["t"] == text
    assert parsed.data["t"] not in (90, 8, 1000)
    assert only(f"t: {text}\n", "yaml-ambiguous-value").arg_map["reading"] == reading


@pytest.mark.parametrize("text", ["1e5", "-.5", "0o17", "1.5e3"])
def test_yaml12_only_numbers_stay_strings_and_warn(text: str) -> None:
    parsed = parse_yaml(f"t: {text}\n".encode(), "f.yaml")
    assert parsed.data["t"] == text == yaml.safe_load(f"t: {text}\n")["t"]
    assert only(f"t: {text}\n", "yaml-ambiguous-value").message == "yaml-ambiguous-value.v12"


def test_explicit_float_tag_reads_a_yaml12_number() -> None:
    assert parse_yaml(b"t: !!float 1e5\n", "f.yaml").data["t"] == 100000.0


@pytest.mark.parametrize("text", ["2024-01-31", "2024-13-45", "2024-01-31 10:00:00"])
def test_dates_stay_strings(text: str) -> None:
    parsed = parse_yaml(f"d: {text}\n".encode(), "f.yaml")
    assert parsed.data["d"] == text
    assert parsed.findings == ()


def test_plain_numbers_booleans_and_nulls() -> None:
    data = parse_yaml(b"a: 12\nb: -3\nc: 1.5\nd: true\ne: null\nf: ~\ng:\nh: 0x1F\n", "f").data
    assert dict(data) == {
        "a": 12,
        "b": -3,
        "c": 1.5,
        "d": True,
        "e": None,
        "f": None,
        "g": None,
        "h": 31,
    }


# --- aliases and tags ---------------------------------------------------------------------


def test_billion_laughs_is_refused_in_bounded_memory() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    parsed = parse_yaml(billion_laughs().encode(), "f.yaml")
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert parsed.data is None
    assert rules(parsed.findings) == ["yaml-too-many-nodes"]
    grown_mb = (after - before) / (1024 * 1024 if sys.platform == "darwin" else 1024)
    assert grown_mb < 300


def test_small_aliases_are_allowed() -> None:
    parsed = parse_yaml(b"a: &x {k: 1}\nb: *x\nc:\n  <<: *x\n  j: 2\n", "f.yaml")
    assert parsed.findings == ()
    assert parsed.data["b"] == {"k": 1}
    assert parsed.data["c"] == {"k": 1, "j": 2}


@pytest.mark.parametrize("text", ["a: &x [*x]\n", "a: &x {b: *x}\n", "a: &a {<<: *a}\n"])
def test_alias_cycle_is_refused(text: str) -> None:
    parsed = parse_yaml(text.encode(), "f.yaml")
    assert parsed.data is None
    assert rules(parsed.findings) == ["yaml-alias-cycle"]


@pytest.mark.parametrize(
    "template",
    [
        "x: !!python/object/apply:os.system ['touch {marker}']\n",
        "!!python/object/apply:os.system ['touch {marker}']\n",
        "x: !!python/object/new:pathlib.Path ['{marker}']\n",
        "x: !!python/object/apply:pathlib.Path.touch"
        " [!!python/object/apply:pathlib.Path ['{marker}']]\n",
    ],
)
def test_python_tags_are_never_constructed(tmp_path: Path, template: str) -> None:
    marker = tmp_path / "constructed"
    parsed = parse_yaml(template.format(marker=marker).encode(), "f.yaml")
    assert "yaml-tag" in rules(parsed.findings)
    assert not marker.exists()
    assert not any(isinstance(v, Path) for v in (parsed.data or {}).values())


def test_tag_finding_names_the_tag() -> None:
    finding = only("x: 1\ny: !!binary aGVsbG8=\n", "yaml-tag")
    assert (finding.line, finding.column) == (2, 4)
    assert finding.arg_map["tag"] == "tag:yaml.org,2002:binary"


# --- document shape -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "rule", "line"),
    [
        (b"a: 1\n---\nb: 2\n", "yaml-multi-document", 2),
        (b"", "yaml-empty", 1),
        (b"# only\n# comments\n", "yaml-empty", 1),
        (b"- a\n- b\n", "yaml-not-mapping", 1),
        (b"just text\n", "yaml-not-mapping", 1),
        (b"a: [1, 2\n", "yaml-syntax", 2),
        (b"? [a]\n: b\n", "yaml-complex-key", 1),
    ],
)
def test_document_shape(raw: bytes, rule: str, line: int) -> None:
    parsed = parse_yaml(raw, "f.yaml")
    assert parsed.data is None
    assert rules(parsed.findings) == [rule]
    assert parsed.findings[0].line == line


# --- encodings and bytes ------------------------------------------------------------------


def cp1258_bytes() -> bytes:
    # Windows-1258 has base letters (ê, ơ, ư, ă, đ) and combining tone marks, so NFD text fits.
    text = "name: Thu\u0309 tu\u0323c câ\u0301p phe\u0301p đăng ky\u0301\n"
    return text.encode("cp1258")


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (cp1258_bytes(), "Windows-1258"),
        ("name: café crème brûlée\n".encode("latin-1"), "Latin-1/Windows-1252"),
        (f"name: {VIETNAMESE}\n".encode("utf-16"), "UTF-16"),
        (f"name: {VIETNAMESE}\n".encode("utf-16-le"), "UTF-16"),
        (f"name: {VIETNAMESE}\n".encode("utf-16-be"), "UTF-16"),
        (f"name: {VIETNAMESE}\n".encode("utf-32"), "UTF-32"),
        (f"name: {VIETNAMESE}\n".encode("utf-32-le"), "UTF-32"),
        (f"name: {VIETNAMESE}\n".encode("utf-32-be"), "UTF-32"),
    ],
)
def test_not_utf8_names_the_guess(raw: bytes, encoding: str) -> None:
    parsed = parse_yaml(raw, "f.yaml")
    assert parsed.data is None
    assert rules(parsed.findings) == ["file-encoding"]
    assert parsed.findings[0].arg_map["encoding"] == encoding


def test_cp1258_finding_points_at_the_first_bad_byte() -> None:
    finding = only(b"a: 1\n" + cp1258_bytes(), "file-encoding")
    assert (finding.line, finding.column) == (2, 10)


def test_utf8_bom_and_crlf_keep_line_numbers() -> None:
    raw = codecs.BOM_UTF8 + f"name: {VIETNAMESE}\r\nkind: public\r\nkind: internal\r\n".encode()
    parsed = parse_yaml(raw, "f.yaml")
    assert parsed.data["name"] == VIETNAMESE
    assert [(f.rule, f.line, f.column) for f in parsed.findings] == [("yaml-duplicate-key", 3, 1)]
    assert parsed.data.key_marks["kind"] == (2, 1)


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [(b"a: 1\nb: x\x00y\n", 2, 5), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 3, 1)],
)
def test_nul_bytes_are_binary(raw: bytes, line: int, column: int) -> None:
    finding = only(raw, "file-binary")
    assert (finding.line, finding.column) == (line, column)


def test_control_character_is_a_syntax_finding() -> None:
    finding = only(b"a: 1\nb: x\x07y\n", "yaml-syntax")
    assert (finding.line, finding.column) == (2, 5)


# --- size and depth -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000,
        b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        b"a: " + b"{b: " * 50_000 + b"1" + b"}" * 50_000 + b"\n",
        b"- " * 50_000 + b"x\n",
    ],
    ids=["open-brackets", "balanced-brackets", "flow-maps", "block-dashes"],
)
def test_very_deep_nesting_is_refused(raw: bytes) -> None:
    parsed = parse_yaml(raw, "f.yaml")
    assert parsed.data is None
    assert rules(parsed.findings) == ["yaml-too-deep"]


def test_libyamls_own_nesting_limit_is_reported_as_too_deep() -> None:
    """PyYAML 6.0.4's libyaml stops at its own depth, in its scanner, before our count can."""
    import yaml

    from tthc_cli.load.yamlmarks import syntax_finding

    mark = yaml.Mark("f.yaml", 1000, 0, 1000, None, None)
    error = yaml.scanner.ScannerError(None, None, "exceeded maximum nesting depth", mark)
    finding = syntax_finding(error, "f.yaml", "[" * 2000, max_depth=64)
    assert (finding.rule, finding.line, finding.column) == ("yaml-too-deep", 1, 1001)


def test_deep_block_mappings_are_refused() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(200))
    finding = only(text, "yaml-too-deep")
    assert finding.line == 65
    assert finding.arg_map["limit"] == 64


def test_nesting_at_the_limit_is_fine() -> None:
    parsed = parse_yaml(b"a: " + b"[" * 60 + b"]" * 60 + b"\n", "f.yaml")
    assert parsed.findings == ()


def test_file_too_large_and_configurable_limit() -> None:
    big = b"a: '" + b"x" * (20 * 1024 * 1024) + b"'\n"
    finding = only(big, "file-too-large")
    assert finding.arg_map["size"] == len(big)
    small = b"a: '" + b"x" * 5000 + b"'\n"
    assert parse_yaml(small, "f.yaml").findings == ()
    assert only(small, "file-too-large", Limits(max_file_bytes=2048)).arg_map["limit"] == 2048


# --- Unicode normalisation ----------------------------------------------------------------


def test_nfd_text_is_normalised_and_warned() -> None:
    nfd = "name: Thu\u0309 tu\u0323c\nunit: so-xay-dung\n"
    parsed = parse_yaml(nfd.encode(), "f.yaml")
    assert parsed.data["name"] == "Thủ tục"
    assert parsed.data["unit"] == "so-xay-dung"
    assert [(f.rule, f.line) for f in parsed.findings] == [("text-not-nfc", 1)]


# --- property-based -----------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")),
        st.sampled_from(list("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")),
    ),
    max_size=20,
).map(lambda s: __import__("unicodedata").normalize("NFC", s))
_SCALARS = st.one_of(
    _TEXT,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),  # non-finite: text (see scalars)
    st.booleans(),
    st.none(),
)
_DATA = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_TEXT, children, max_size=4)
    ),
    max_leaves=20,
)


def _plain(value: Any) -> Any:
    """MDict/MList → dict/list for comparison."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _marks_exist(value: Any, lines: int) -> None:
    if isinstance(value, MDict):
        marks = [value.mark, *value.key_marks.values(), *value.value_marks.values()]
        children = list(value.values())
    elif isinstance(value, MList):
        marks = [value.mark, *value.item_marks]
        children = list(value)
    else:
        return
    for line, column in marks:
        assert 1 <= line <= lines and column >= 1
    for child in children:
        _marks_exist(child, lines)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isinf(a) and math.isinf(b) and a == b)
    if type(a) is not type(b) and not (isinstance(a, dict) and isinstance(b, dict)):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_TEXT, _DATA, min_size=1, max_size=5))
def test_parse_matches_safe_load_on_safe_dump_output(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    parsed = parse_yaml(text.encode("utf-8"), "f.yaml")
    expected = yaml.safe_load(text)
    assert not [f for f in parsed.findings if f.severity.value == "error"], parsed.findings
    assert _same(_plain(parsed.data), expected), (text, parsed.data, expected)
    _marks_exist(parsed.data, text.count("\n") + 1)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw: bytes) -> None:
    parsed = parse_yaml(raw, "f.yaml")
    assert parsed.data is None or isinstance(parsed.data, MDict)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]{}:-?,&*!|>'\"#%@ \n\tab01.", max_size=200))
def test_random_yaml_punctuation_never_raises(text: str) -> None:
    parsed = parse_yaml(text.encode(), "f.yaml")
    assert parsed.data is None or isinstance(parsed.data, MDict)


def test_an_escaped_combining_mark_is_normalised_and_warned() -> None:
    # The file itself is NFC; the escape writes "a" + U+0301 only once parsed.
    parsed = parse_yaml('name: "Ca\\u0301c"\nnote: "Các"\n'.encode(), "f.yaml")
    assert parsed.data["name"] == "Các" == parsed.data["note"]  # NFC: one letter with its mark
    found = only('name: "Ca\\u0301c"\n', "text-not-nfc")
    assert (found.pos.line, found.pos.column) == (1, 7)

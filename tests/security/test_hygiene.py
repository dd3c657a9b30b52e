"""Output hygiene, one function per kind of output (tthc_cli.textnorm), checked against the
readers of each kind; the read check for control characters in values; and arguments too long
for the file system."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import make_catalog, procedure, run_tthc
from tthc_cli.load.yamlsafe import parse_yaml
from tthc_cli.textnorm import (
    csv_cell,
    csv_text,
    escape_html,
    escape_md,
    github_data,
    github_property,
    json_text,
    md_code,
    visible,
    xml_safe,
)

CONTROLS = "\x1b[2J\x1b]0;t\x07\x9b31m\u202e\u2066\ud800"


def test_terminal_shows_every_control_as_an_escape() -> None:
    assert visible(CONTROLS) == "\\x1b[2J\\x1b]0;t\\x07\\x9b31m\\u202e\\u2066\\ud800"
    assert visible("Đơn\tđề nghị\n") == "Đơn\tđề nghị\n"


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        ("=1+1", True),
        ("+1", True),
        ("-1+1", True),
        ("@SUM(1)", True),
        ("\t=1", True),
        ("\r=1", True),
        ("\n=1", True),
        ("  =1", True),
        ("\u3000=1", True),  # ideographic space
        ("＝1", True),
        ("＋1", True),
        ("－1", True),
        ("＠x", True),
        ("Sở Xây dựng", False),
        ("a=b", False),
    ],
)
def test_csv_cells_never_start_a_formula(cell: str, guarded: bool) -> None:
    assert csv_cell(cell).startswith("'") is guarded


def test_csv_quotes_every_line_break_and_keeps_numbers() -> None:
    text = csv_text([["tên", "số"], ["a\rb", 5], ["c\nd", 2.5], [None, "x\x1by"]])
    # A spreadsheet splits records at any CR or LF outside quotes: there is none.
    inside = False
    for char in text:
        if char == '"':
            inside = not inside
        elif char in "\r\n" and not inside:
            assert char == "\n"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["tên", "số"], ["a\rb", "5"], ["c\nd", "2.5"], ["", "x\\x1by"]]


def test_github_commands_escape_percent_breaks_and_controls() -> None:
    assert github_data("100% a\r\nb\x1b[2J\u202e") == "100%25 a%0D%0Ab\\x1b[2J\\u202e"
    assert github_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_json_escapes_what_a_terminal_obeys_and_keeps_the_data() -> None:
    data = {"name": "A\x1b\x9b\u202e\u2028B"}
    text = json_text(data)
    assert not any(ch in text for ch in "\x1b\x9b\u202e\u2028")
    assert json.loads(text) == data


def test_xml_and_html_drop_what_documents_cannot_hold() -> None:
    assert xml_safe(f"a{CONTROLS}b\tc\n") == "a[2J]0;t31mb\tc\n"
    assert escape_html('<img src=x onerror="a">\'') == (
        "&lt;img src=x onerror=&quot;a&quot;&gt;&#x27;"
    )


def test_markdown_renders_literally() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = "[x](http://e) ![i](http://e/i) <b>&amp; | *a* `c` \x1b"
    page = (
        markdown_it.MarkdownIt("commonmark")
        .enable("table")
        .render(f"| a |\n|---|\n| {escape_md(text)} |\n")
    )
    assert "<a " not in page and "<img" not in page and "<b>" not in page
    assert "[x](http://e) ![i](http://e/i) &lt;b&gt;&amp;amp; | *a* `c` \\x1b" in page
    assert escape_md("- item", line_start=True) == "\\- item"
    assert md_code("a`b") == "``a`b``"


def test_control_characters_in_values_are_a_warning_with_the_position() -> None:
    raw = 'code: "1.000001"\nname: "Thủ tục\\e[2J"\nfield: Hộ tịch \u202e\nok: "a\\\\b"\n'
    parsed = parse_yaml(raw.encode(), "x.yaml")
    found = [(f.rule, f.line, f.column, f.arg_map["char"]) for f in parsed.findings]
    assert found == [
        ("text-control-char", 2, 7, "U+001B"),
        ("text-control-char", 3, 8, "U+202E"),
    ]
    clean = parse_yaml(b'name: "a\\\\b"\n', "y.yaml")  # a backslash alone is no control
    assert clean.findings == ()


def test_the_warning_reaches_validate(tmp_path: Path) -> None:
    make_catalog(tmp_path, {"2.001219.yaml": procedure(name="Thủ tục \x1b[2J")})
    done = run_tthc("validate", "--no-cache", "-f", "json", cwd=tmp_path)
    rules = [(f["rule"], f["line"]) for f in json.loads(done.stdout)["findings"]]
    assert ("text-control-char", 3) in rules


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{long}"],
        ["list", "{long}"],
        ["report", "{long}"],
        ["table", "{long}"],
        ["table", "{long}.yaml"],
        ["show", "{long}"],
        ["cost", "{long}"],
        ["diff", "{long}"],
        ["diff", "HEAD", "{long}"],
        ["validate", "--config", "{long}"],
    ],
)
def test_an_argument_too_long_for_the_file_system_is_not_found(
    tmp_path: Path, args: list[str]
) -> None:
    make_catalog(tmp_path, {"2.001219.yaml": procedure()})
    long = "a" * 5000
    done = run_tthc(*[a.format(long=long) for a in args], cwd=tmp_path)
    assert done.returncode in (2, 3), done.stderr[-300:]
    assert "unexpected error" not in done.stderr and "Errno" not in done.stderr
    assert done.stderr.count("\n") == 1 and len(done.stderr) < 400  # one line, cut short

"""The hostile-string matrix: 23 strings that attack spreadsheets, browsers, Markdown renderers,
XML readers, template engines and terminals, put in procedure names, fields, components and
unit names, through every command and format — each output checked with a real parser (the
csv module, an HTML parser, a Markdown renderer, openpyxl, python-docx, XML and JSON readers)
and a terminal-escape scanner."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO, UNITS, dump, make_catalog, procedure

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    " =1+1",
    "＝1+1",  # fullwidth equals sign
    "\r=cmd|' /C calc'!A0",  # a bare CR: a spreadsheet starts a record there
    "<script>alert(1)</script>",
    "</style><img src=x onerror=alert(1)>",
    "\"'><svg onload=alert(1)>",
    "]]>",
    "[link](http://evil.example)",
    "![img](http://evil.example/x.png)",
    "<https://evil.example>",
    "{{7*7}}",
    "\x1b[2J",  # clear the screen
    "\x1b]0;pwned\x07",  # OSC 0: retitle the window
    "\x9b31m",  # C1 CSI
    "\u202eevil",  # right-to-left override
    "W" * 20_000,  # one 20,000-character word
]
assert len(HOSTILE) == 23
# What a terminal would obey (CR and LF aside, checked per format).
OBEYED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA = re.compile(r"^\s*[=+\-@＝＋－＠]")
CODES = [f"2.{2000 + i:06d}" for i in range(len(HOSTILE))]


def _label(text: str) -> str:
    """A hostile string as a name: never empty once spaces are trimmed."""
    return f"{text} tên"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text`` (JSON's escapes are YAML's), so
    a CR stays a CR and controls arrive as the loader would see them from any editor."""
    return json.dumps(text)


def _catalog(root: Path, hostile: bool) -> Path:
    """23 procedures (odd ones internal), each with its own unit; with ``hostile``, string i
    is in procedure i's name, field and component, and in its unit's name."""
    units = copy.deepcopy(UNITS)
    files = {}
    for index, code in enumerate(CODES):
        unit = f"don-vi-{index}"
        units["units"][unit] = {
            "name": f"PLACEHOLDER{index}U" if hostile else f"Đơn vị {index}",
            "kind": "department",
            "level": "province",
        }
        data = procedure(
            code,
            name=f"PLACEHOLDER{index}N" if hostile else f"Thủ tục {index}",
            field=f"PLACEHOLDER{index}F" if hostile else "Hộ tịch",
            kind="internal" if index % 2 else "public",
            units={"implementing": [unit]},
            components=[{"id": "don", "name": f"PLACEHOLDER{index}C" if hostile else "Đơn"}]
            # added on the new side: a heavier change, annotated by diff -f github|gitlab
            + ([{"id": "them", "name": f"PLACEHOLDER{index}C", "copies": 1}] if hostile else []),
        )
        files[f"{code}.yaml"] = _filled(dump(data))
    catalog = make_catalog(root, files, units=units)
    units_file = catalog / "units.yaml"
    units_file.write_text(_filled(units_file.read_text("utf-8")), encoding="utf-8")
    return catalog


def _filled(text: str) -> str:
    for index, hostile in enumerate(HOSTILE):
        for part in "NFCU":
            text = text.replace(f"PLACEHOLDER{index}{part}", _quoted(_label(hostile)))
    return text


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    _catalog(work / "old", hostile=False)
    _catalog(work / "new", hostile=True)
    return work


def _run(work: Path, *args: str, code: tuple[int, ...] = (0, 1)) -> str:
    """stdout of ``tthc ARGS`` in the hostile catalog's folder, as written (no newline
    translation: a CR must be seen where it is)."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    env.pop("TTHC_LANG", None)
    done = subprocess.run(
        [sys.executable, "-m", "tthc_cli", *args],
        cwd=work / "new",
        env=env,
        capture_output=True,
        timeout=300,
    )
    stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode in code, (args, stderr[-2000:])
    assert "Traceback" not in stderr and "unexpected error" not in stderr
    assert not OBEYED.search(stderr), args
    return stdout


# --- the checks, one per kind of output --------------------------------------------------


def terminal_safe(text: str, line_breaks: bool = True) -> None:
    found = OBEYED.search(text)
    assert found is None, f"raw U+{ord(found.group()):04X} at {found.start()}" if found else ""
    if not line_breaks:
        assert "\r" not in text


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_safe(page: str, allowed_style: int = 0, allow_svg: bool = False) -> str:
    """No element or attribute from the data; the text seen by a browser."""
    parser = Elements()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    assert "script" not in tags and "img" not in tags
    assert allow_svg or "svg" not in tags
    assert tags.count("style") <= allowed_style
    assert not [a for _, attrs in parser.tags for a in attrs if a.lower().startswith("on")]
    assert not [a for tag, a in parser.tags if tag == "a" and "evil" in (a.get("href") or "")]
    return "".join(parser.text)


def markdown_safe(text: str) -> str:
    """Rendered as GitHub would (CommonMark and tables): no element from the data."""
    markdown_it = pytest.importorskip("markdown_it")
    terminal_safe(text)
    page = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    shown = html_safe(page)
    parser = Elements()
    parser.feed(page)
    assert "a" not in [tag for tag, _ in parser.tags]  # no link from the data
    return shown


def csv_safe(text: str, rows: int) -> list[list[str]]:
    """As a spreadsheet reads it: every record where the csv module says (a CR outside quotes
    would start one), and no cell a formula."""
    terminal_safe(text)
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert len(parsed) == rows
    formulas = [cell for row in parsed for cell in row if FORMULA.match(cell)]
    assert formulas == []
    return parsed


def json_safe(text: str) -> Any:
    terminal_safe(text, line_breaks=False)
    return json.loads(text)


# --- the matrix -------------------------------------------------------------------------

FINDINGS_FORMATS = ["text", "json", "junit", "sarif", "github", "gitlab"]


@pytest.mark.parametrize("fmt", FINDINGS_FORMATS)
def test_validate(catalogs: Path, fmt: str) -> None:
    out = _run(catalogs, "validate", "--no-cache", "-f", fmt)
    if fmt == "text":
        terminal_safe(out)
        assert "\\x1b[2J" in out  # shown as an escape
    elif fmt == "junit":
        terminal_safe(out)
        ET.fromstring(out)
    elif fmt == "github":
        terminal_safe(out, line_breaks=False)
        for line in out.splitlines():  # annotations, or plain log lines (beyond GitHub's 10)
            if line.lstrip().startswith("::"):  # the runner reads a command after spaces too
                assert re.match(r"::(error|warning|notice)[ :]", line), line
    else:
        json_safe(out)


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_list(catalogs: Path, fmt: str) -> None:
    out = _run(catalogs, "list", "-f", fmt)
    if fmt == "text":
        terminal_safe(out)
    elif fmt == "json":
        names = {p["code"]: p["name"] for p in json_safe(out)["procedures"]}
        assert [names[code] for code in CODES] == [_label(t) for t in HOSTILE]  # data kept
    else:
        rows = csv_safe(out, 1 + len(HOSTILE))
        names = [row[2] for row in rows[1:]]
        assert "'\r=cmd|' /C calc'!A0 tên" in names and "'＝1+1 tên" in names


@pytest.mark.parametrize("code", [CODES[0], CODES[18], CODES[21]])
def test_show_and_cost(catalogs: Path, code: str) -> None:
    terminal_safe(_run(catalogs, "show", code))
    terminal_safe(_run(catalogs, "cost", code, code=(0, 3)))


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "github", "gitlab"])
def test_diff(catalogs: Path, fmt: str) -> None:
    out = _run(catalogs, "diff", str(catalogs / "old" / "catalog"), "catalog", "-f", fmt)
    if fmt == "text":
        terminal_safe(out)
    elif fmt == "markdown":
        shown = markdown_safe(out)
        assert "<script>alert(1)</script>" in shown and "[link](http://evil.example)" in shown
    elif fmt == "github":
        terminal_safe(out, line_breaks=False)
        assert out.count("::warning") >= len(HOSTILE)  # each added component, annotated
        assert "\\x1b[2J" in out
    else:
        json_safe(out)


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "text"],
        ["-f", "markdown"],
        ["-f", "html"],
        ["--list", "-f", "text"],
        ["--list", "-f", "markdown"],
        ["--list", "-f", "html"],
        ["-f", "text", "--tablefmt", "psql"],
        ["-f", "markdown", "--tablefmt", "grid"],
    ],
)
def test_table(catalogs: Path, args: list[str]) -> None:
    out = _run(catalogs, "table", *args)
    if "html" in args:
        shown = html_safe(out, allowed_style=1)
        assert "</style><img src=x onerror=alert(1)> tên" in shown
    elif "markdown" in args:
        shown = markdown_safe(out)
        assert "{{7*7}}" in shown and "49" not in shown
    else:
        terminal_safe(out)


def test_table_refuses_markup_tabulate_styles(catalogs: Path) -> None:
    """unsafehtml escapes nothing; no markup style can escape the text around its tables."""
    for style in ("unsafehtml", "html", "latex_raw", "mediawiki"):
        _run(catalogs, "table", "-f", "text", "--tablefmt", style, code=(2,))


@pytest.mark.parametrize("listing", [False, True])
def test_table_docx(catalogs: Path, listing: bool, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "bang.docx"
    _run(catalogs, "table", *(["--list"] if listing else []), "-o", str(out))
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    texts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    every = "\n".join(texts)
    terminal_safe(every)
    assert '=HYPERLINK("http://x","y") tên' in every and "<script>alert(1)</script>" in every


@pytest.mark.parametrize("by", ["unit", "field"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json", "html"])
def test_report(catalogs: Path, fmt: str, by: str) -> None:
    out = _run(catalogs, "report", "--by", by, "-f", fmt)
    if fmt == "text":
        terminal_safe(out)
    elif fmt == "markdown":
        markdown_safe(out)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out, newline="")))
        csv_safe(out, len(rows))
        assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)
    elif fmt == "json":
        json_safe(out)
    else:
        terminal_safe(out)
        charts = out.count("<svg")  # matplotlib puts one <style> in each chart
        html_safe(out, allowed_style=1 + charts, allow_svg=True)


def test_report_xlsx(catalogs: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    out = tmp_path / "bao-cao.xlsx"
    _run(catalogs, "report", "-o", str(out))
    cells = [cell for sheet in load_workbook(out) for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # never a formula
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if ILLEGAL_CHARACTERS_RE.search(t) or OBEYED.search(t)]
    assert '=HYPERLINK("http://x","y") tên' in texts

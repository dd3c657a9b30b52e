"""Output hardening: control characters in XLSX reports, GitLab fingerprints that survive line
moves, and Markdown diffs that show names and paths literally."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.helpers import UNITS, make_catalog, procedure, run_tthc
from tthc_cli.findings import identity_args, is_position_arg
from tthc_cli.textnorm import md_code as code_span

# --- report -f xlsx: control characters openpyxl refuses ------------------------------------

VERTICAL_TAB_FIELD = "Hàng hải\vvà đường thủy nội địa"  # Word's manual line break, pasted


def test_xlsx_report_breaks_lines_at_vertical_tabs_and_drops_other_controls(
    tmp_path: Path,
) -> None:
    units = copy.deepcopy(UNITS)
    units["units"]["so-xay-dung"]["short_name"] = "Sở Xây\x01 dựng"
    make_catalog(
        tmp_path,
        {"2.001219.yaml": procedure(field=VERTICAL_TAB_FIELD, name="Thủ tục\x0c thử nghiệm")},
        units=units,
    )
    out = tmp_path / "r.xlsx"
    done = run_tthc("report", "catalog", "-f", "xlsx", "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    texts = [
        value
        for sheet in load_workbook(out)  # one sheet per grouping: unit, field, level, kind
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    assert "Hàng hải\nvà đường thủy nội địa" in texts  # a line break, not glued words
    assert "Sở Xây dựng" in texts
    assert not [t for t in texts if ILLEGAL_CHARACTERS_RE.search(t) or "\x7f" in t]


# --- validate -f gitlab: fingerprints survive line moves ------------------------------------

DUPLICATE_KEY = "name: Tên lặp lại\n"


def _gitlab_catalog(root: Path) -> None:
    """``2.000001.yaml`` repeats a key; ``2.000002.yaml`` and ``2.000003.yaml`` share a code,
    so the unique-code finding on the later file names the line of the earlier one."""
    make_catalog(root, {"2.000002.yaml": procedure("2.000002")})
    catalog = root / "catalog"
    (catalog / "2.000003.yaml").write_text(
        (catalog / "2.000002.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (catalog / "2.000001.yaml").write_text(
        (catalog / "2.000002.yaml").read_text(encoding="utf-8").replace("2.000002", "2.000001")
        + DUPLICATE_KEY
        + "field: Trường lặp lại\n",
        encoding="utf-8",
    )


def _fingerprints(root: Path) -> dict[tuple[str, str, int], str]:
    """(rule, file, n-th issue of that rule in that file) → fingerprint."""
    done = run_tthc("validate", "-f", "gitlab", cwd=root)
    assert done.returncode == 1, done.stderr
    seen: dict[tuple[str, str], int] = {}
    prints: dict[tuple[str, str, int], str] = {}
    for issue in json.loads(done.stdout):
        rule, path = issue["check_name"], issue["location"]["path"]
        index = seen.get((rule, path), 0)
        seen[(rule, path)] = index + 1
        prints[(rule, path, index)] = issue["fingerprint"]
    return prints


def _prepend_comment(path: Path) -> None:
    path.write_text("# một dòng chú thích mới\n" + path.read_text(encoding="utf-8"), "utf-8")


def test_gitlab_fingerprints_survive_line_moves(tmp_path: Path) -> None:
    _gitlab_catalog(tmp_path)
    before = _fingerprints(tmp_path)
    duplicates = [key for key in before if key[0] == "yaml-duplicate-key"]
    assert len(duplicates) == 2
    assert ("unique-code", "catalog/2.000003.yaml", 0) in before
    _prepend_comment(tmp_path / "catalog" / "2.000001.yaml")  # the file with duplicate keys
    _prepend_comment(tmp_path / "catalog" / "2.000002.yaml")  # the *other* file of the pair
    assert _fingerprints(tmp_path) == before
    assert len(set(before.values())) == len(before), "different findings, different prints"


def test_position_arguments_are_named_by_convention() -> None:
    assert all(map(is_position_arg, ("line", "column", "first_line", "other_line")))
    assert not any(map(is_position_arg, ("key", "other", "code", "deadline", "timeline")))
    args = (("first_column", 3), ("first_line", 5), ("key", "name"))
    assert identity_args(args) == [("key", "name")]


# --- diff -f markdown: names and paths shown literally --------------------------------------

HOSTILE_NAME = "Tên ![i](https://evil.example/p.png) [c](https://evil.example) *x* _y_ `z` <b>"
HOSTILE_FILE = "p&q<b>`x`.yaml"


def _hostile_diff(tmp_path: Path) -> str:
    old = procedure()
    new = copy.deepcopy(old)
    new["name"] = HOSTILE_NAME
    make_catalog(tmp_path / "old", {HOSTILE_FILE: old})
    make_catalog(tmp_path / "new", {HOSTILE_FILE: new})
    done = run_tthc("diff", "old/catalog", "new/catalog", "-f", "markdown", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_markdown_diff_escapes_names_and_quotes_paths_as_code(tmp_path: Path) -> None:
    out = _hostile_diff(tmp_path)
    # Inside a code span only backticks matter: the path is not HTML-escaped there.
    assert "``new/catalog/p&q<b>`x`.yaml``" in out.splitlines()
    assert "&amp;q" not in out
    table_rows = [line for line in out.splitlines() if line.startswith("|")]
    assert not any("](" in line.replace("\\](", "") for line in table_rows)
    assert not any(re.search(r"(?<!\\)[*_`]", line) for line in table_rows)


def test_markdown_diff_renders_without_links_or_images(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    out = _hostile_diff(tmp_path)
    page = parser.render(out)
    assert "<img" not in page and "<a " not in page and "<em>" not in page
    assert "<b>" not in page
    inline: list[Any] = [t for t in parser.parse(out) if t.type == "inline"]
    codes = [c.content for t in inline for c in t.children or [] if c.type == "code_inline"]
    assert "new/catalog/" + HOSTILE_FILE in codes
    cells = ["".join(c.content for c in t.children or [] if c.type == "text") for t in inline]
    assert HOSTILE_NAME in cells


@pytest.mark.parametrize("path", ["a.yaml", "a`b.yaml", "``a", "a``", " a ", "a ``` b"])
def test_code_span_shows_any_path_literally(path: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").parseInline(code_span(path))
    children = tokens[0].children or []
    assert [(c.type, c.content) for c in children] == [("code_inline", path)]

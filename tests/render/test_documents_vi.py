"""What a Vietnamese reader sees in the documents tthc prints is Vietnamese: the decision annex,
the report (Word, HTML, the XLSX appendix), procedure sheets and the danh mục — no English word,
no raw identifier, no ISO date.

This extends the Vietnamese output test of the first-use issue (``tests/test_vi_output.py``,
its ``unread`` checker and its pattern-only allow-list) to these documents. Until that test is
in the tree, a checker in the same spirit stands in (below): the catalog's own text masked out,
every other word either Vietnamese (a Vietnamese letter, or a Vietnamese syllable written
without marks) or one of a few patterns — codes, legal numbers, abbreviations, numbers and
dd/mm/yyyy dates, URLs, file names, YAML field paths.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document as open_docx
from openpyxl import load_workbook

from tests.cli.test_table_since import make_scratch
from tests.helpers import REPO, run_tthc

try:  # the Vietnamese output test, once #17 has landed
    from tests.test_vi_output import ALLOWED as ALLOWED  # type: ignore[import-not-found]
    from tests.test_vi_output import unread as unread  # type: ignore[import-not-found]
except ImportError:  # the same spirit, until then
    SYLLABLE = re.compile(
        r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
        r"(oai|oay|oeo|uay|uya|uyu|ieu|yeu|uoi|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo"
        r"|uy|uu|[aeiouy])(ch|ng|nh|[cmnpt])?",
        re.IGNORECASE,
    )
    ABBREVIATION = r"([A-ZĐ]|[A-ZĐ][A-ZĐƯƠÂÊÔĂ0-9&]+[a-z]?)"
    ALLOWED = {
        r"\d\.\d{6}": "a national procedure code",
        r"(NB|HCM)(-[A-Z0-9]+)+": "a local procedure code",
        rf"(\d+(\.\d+)?[a-z]?/)?(\d{{4}}/)?{ABBREVIATION}(-{ABBREVIATION})*": (
            "a legal number or issuer code, or an abbreviation (UBND, TTHC, QĐ)"
        ),
        r"https?://\S+": "a URL",
        r"[\w./-]*\.(ya?ml|json|md|html|docx|xlsx|csv)": "a file name",
        r"tthc": "the program's name, as typed",
        r"\d+([.,:/]\d+)*%?": "a number or a dd/mm/yyyy date",
        r"[a-z_]+(\.[a-z_]+)+": "a YAML field path the user writes (cost.hourly_value)",
    }
    _CATALOG_WORDS: set[str] = set()
    _CATALOG_TEXTS: list[str] = []

    def _identifiers() -> set[str]:
        """Enum values of the schemas and unit ids: never the user's words in a document."""
        found: set[str] = set(
            yaml.safe_load((REPO / "procedures" / "units.yaml").read_text(encoding="utf-8"))[
                "units"
            ]
        )

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                found.update(v for v in node.get("enum", ()) if isinstance(v, str))
                for item in node.values():
                    walk(item)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        for schema in (REPO / "schemas").glob("*.schema.json"):
            walk(json.loads(schema.read_text(encoding="utf-8")))
        return found

    def _strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from _strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from _strings(item)

    def _catalog_text() -> tuple[list[str], set[str]]:
        """The free text the catalog and the shipped data hold: the user's words."""
        if not _CATALOG_TEXTS:
            files = [
                *(REPO / "procedures").rglob("*.yaml"),
                *(REPO / "tthc_cli" / "data").glob("*.yaml"),
            ]
            texts = {
                " ".join(t.split())
                for f in files
                for t in _strings(yaml.safe_load(f.read_text(encoding="utf-8")))
            }
            texts -= _identifiers()
            _CATALOG_TEXTS.extend(sorted((t for t in texts if t), key=len, reverse=True))
            _CATALOG_WORDS.update(w for t in _CATALOG_TEXTS for w in t.split())
        return _CATALOG_TEXTS, _CATALOG_WORDS

    def unread(output: str, allowed: dict[str, str]) -> list[str]:
        texts, words = _catalog_text()
        flat = " ".join(output.split())
        for text in texts:
            if " " in text and text in flat:
                flat = flat.replace(text, " ")
        bad = [f"ISO date {d}" for d in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", flat)]
        patterns = [re.compile(p) for p in allowed]
        for raw in re.findall(r"[A-Za-z0-9À-ỹĐđ][\w\-./@:'’]*", flat):
            word = raw.strip(".:/'’-,")
            if not word or re.search(r"[^\x00-\x7f]", word) or word in words:
                continue
            if any(p.fullmatch(word) for p in patterns):
                continue
            if word.isalpha() and SYLLABLE.fullmatch(word):
                continue
            bad.append(word)
        return sorted(set(bad))


def _visible(page: str) -> str:
    page = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _docx_text(data: bytes) -> str:
    doc = open_docx(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in doc.sections for p in section.header.paragraphs]
    return "\n".join(parts)


def _shown(value: object) -> str:
    """A cell as a spreadsheet shows it: a date cell in its dd/mm/yyyy format."""
    if isinstance(value, date | datetime):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _xlsx_text(data: bytes) -> str:
    workbook = load_workbook(io.BytesIO(data))
    sheets = workbook.worksheets
    cells = [_shown(c.value) for sheet in sheets for row in sheet.iter_rows() for c in row]
    return "\n".join([*workbook.sheetnames, *cells])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scratch(tmp_path_factory.mktemp("repo"))


def _written(tmp: Path, cwd: Path, name: str, *args: str) -> bytes:
    out = tmp / name
    done = run_tthc(*args, "-o", str(out), "--force", cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return out.read_bytes()


DOCUMENTS: list[tuple[str, tuple[str, ...], Callable[[bytes], str]]] = [
    ("phu-luc.md", ("table", "--since", "HEAD~1"), lambda b: b.decode()),
    ("phu-luc.html", ("table", "--since", "HEAD~1"), lambda b: _visible(b.decode())),
    ("phu-luc.docx", ("table", "--since", "HEAD~1"), _docx_text),
    ("bao-cao.docx", ("report", "--as-of", "2025-11-01"), _docx_text),
    (
        "bao-cao.html",
        ("report", "--as-of", "2025-11-01", "--by", "level"),
        lambda b: _visible(b.decode()),
    ),
    (
        "bao-cao-kind.html",
        ("report", "--as-of", "2025-11-01", "--by", "kind"),
        lambda b: _visible(b.decode()),
    ),
    ("so-lieu.xlsx", ("report", "--as-of", "2025-11-01"), _xlsx_text),
    ("danh-muc.docx", ("table", "--list"), _docx_text),
    ("sheets.html", ("table", "6.001430", "HCM-STNMT-DDBD-01"), lambda b: _visible(b.decode())),
]


@pytest.mark.parametrize(("name", "args", "read"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_documents_are_vietnamese(
    scratch: Path, tmp_path: Path, name: str, args: tuple[str, ...], read: Callable[[bytes], str]
) -> None:
    shown = read(_written(tmp_path, scratch, name, *args))
    assert shown.strip()
    assert unread(shown, ALLOWED) == []


@pytest.mark.parametrize(
    "english",
    [
        "Danh mục: annex sheets",  # (words of the plans' English titles count as the data's)
        "Nhóm: commune",
        "Tại ngày 2025-11-01",
        "Cách tính abolished_or_merged",
    ],
)
def test_the_checker_sees_english_ids_and_iso_dates(english: str) -> None:
    assert unread(english, ALLOWED) != []


def test_the_scratch_repository_is_a_copy(scratch: Path) -> None:
    assert (scratch / "procedures").is_dir() and shutil.which("git") is not None

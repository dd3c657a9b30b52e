"""Printed output checked by real programs: HTML through headless Chromium, DOCX through
LibreOffice, both to PDF, read back with pdftotext. Skipped with a reason when a program is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import procedure
from tests.render.test_tables import SECTION_HEADINGS, load_fixture
from tthc_cli.formats import OutputContext
from tthc_cli.model import Catalog
from tthc_cli.render import table_docx, table_html
from tthc_cli.render.tables import listing_document, procedure_document

pytestmark = pytest.mark.slow

MM = 72 / 25.4  # PDF points per millimetre
# 220 letters Vietnamese never uses, wider than any column and with no break opportunity
LONG_WORD = "WZJF" * 55
LAST_COLUMN_MARK = "CotcuoicungZ9"

CTX = OutputContext()


def _chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def chromium_print(page: Path, pdf: Path, profile: Path) -> None:
    """Print ``page`` to ``pdf`` the way a person would, with headless Chromium (offline)."""
    subprocess.run(
        [
            _chromium() or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )


def _libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext not installed (Debian package poppler-utils)",
)


@dataclass
class Page:
    width: float
    words: list[tuple[float, float, str]]  # xMin, xMax, text


class _BBoxParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pages: list[Page] = []
        self._word: tuple[float, float] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "page":
            self.pages.append(Page(float(found["width"] or 0), []))
        elif tag == "word":
            self._word = (float(found["xmin"] or 0), float(found["xmax"] or 0))

    def handle_data(self, data: str) -> None:
        if self._word is not None:
            self.pages[-1].words.append((*self._word, data))
            self._word = None


def pdf_pages(pdf: Path) -> list[Page]:
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    parser = _BBoxParser()
    parser.feed(bbox.stdout)
    return parser.pages


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return re.sub(r"\s+", " ", out.stdout)


def assert_inside_margins(
    pages: list[Page], left_mm: float, right_mm: float, slack: float = 1.0
) -> None:
    """No word starts in the left margin or ends in the right one (``slack`` points: a glyph's
    ink may reach a little past its advance, a broken word's last letter the most)."""
    assert pages, "the PDF has no pages"
    for number, page in enumerate(pages, 1):
        right_edge = page.width - right_mm * MM + slack
        for x_min, x_max, word in page.words:
            assert x_min >= left_mm * MM - 1.0, f"page {number}: {word!r} starts in the left margin"
            assert x_max <= right_edge, f"page {number}: {word!r} runs past the right margin"


def printable_catalog(tmp_path: Path) -> Catalog:
    steps = [
        {"id": "nop", "kind": "submit", "action": f"Nộp hồ sơ {LONG_WORD}"},
        {
            "id": "xu-ly",
            "kind": "review",
            "action": "Thẩm định",
            "lead": "so-xay-dung",
            "duration": {"value": 3, "unit": "working_days"},
        },
    ]
    channels = [
        {
            "channel": "direct",
            "time": {"value": 5, "unit": "working_days"},
            "fee": {"amount": 0},
            "description": f"Mô tả {LAST_COLUMN_MARK}",
        }
    ]
    return load_fixture(
        tmp_path,
        {
            "2.001219.yaml": procedure(
                "2.001219",
                name=f"Thủ tục có từ rất dài {LONG_WORD}",
                steps=steps,
                channels=channels,
            ),
            "1.000001.yaml": procedure("1.000001", name="Thủ tục thứ hai QQKQ", field="Công chứng"),
        },
    )


def long_word_pieces(pages: list[Page]) -> str:
    """The pieces of LONG_WORD in reading order, wherever the line breaks put them."""
    return "".join(w for page in pages for _, _, w in page.words if re.fullmatch(r"[WZJF]+", w))


@needs_pdftotext
@pytest.mark.skipif(_chromium() is None, reason="chromium not installed (Debian package chromium)")
def test_html_prints_to_a4_in_chromium(tmp_path: Path) -> None:
    catalog = printable_catalog(tmp_path)
    for name, document in (
        ("sheets", procedure_document(sorted(catalog.procedures, key=lambda p: p.code), catalog)),
        ("listing", listing_document(list(catalog.procedures), catalog)),
    ):
        page = tmp_path / f"{name}.html"
        page.write_text(table_html.render(document, CTX), encoding="utf-8")
        pdf = tmp_path / f"{name}.pdf"
        chromium_print(page, pdf, tmp_path / "profile")
        pages = pdf_pages(pdf)
        # sheets on A4 upright, the danh mục across it
        width = 297 if name == "listing" else 210
        assert pages[0].width == pytest.approx(width * MM, abs=2)
        assert_inside_margins(pages, left_mm=30, right_mm=15)
        text = pdf_text(pdf)
        # wrapped inside its cell, not cut off at the right edge
        assert long_word_pieces(pages) == LONG_WORD * (2 if name == "sheets" else 1)
        if name == "sheets":
            for heading in SECTION_HEADINGS:
                assert heading in text
            assert LAST_COLUMN_MARK in text
            assert len(pages) >= 2
            for one in pages:  # each procedure starts on its own page
                words = " ".join(w for _, _, w in one.words)
                assert not ("QQKQ" in words and "WZJF" in words), words[:200]


@needs_pdftotext
@pytest.mark.skipif(
    _libreoffice() is None,
    reason="LibreOffice not installed (Debian package libreoffice-writer-nogui)",
)
def test_docx_converts_in_libreoffice(tmp_path: Path) -> None:
    catalog = printable_catalog(tmp_path)
    document = procedure_document(sorted(catalog.procedures, key=lambda p: p.code), catalog)
    source = tmp_path / "sheets.docx"
    source.write_bytes(table_docx.render(document, CTX))
    subprocess.run(
        [
            _libreoffice() or "libreoffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=240,
        check=True,
    )
    pdf = tmp_path / "sheets.pdf"
    assert pdf.exists(), "LibreOffice produced no PDF"
    pages = pdf_pages(pdf)
    assert pages[0].width == pytest.approx(210 * MM, abs=2)
    assert_inside_margins(pages, left_mm=30, right_mm=15)
    text = pdf_text(pdf)
    for heading in SECTION_HEADINGS:
        assert heading in text
    assert LAST_COLUMN_MARK in text
    assert long_word_pieces(pages) == LONG_WORD * 2

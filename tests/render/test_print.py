"""Every document tthc prints, printed by real programs and read back as a clerk would check it:
procedure sheets, the danh mục, the decision annex and the report — HTML through headless
Chromium, DOCX through LibreOffice Writer, the XLSX appendix through LibreOffice Calc — each PDF
read with poppler (pdffonts, pdftotext, pdfinfo):

* only serif faces: Times New Roman or its metric twin Liberation Serif (DejaVu Serif only for
  letters a machine's Liberation Serif lacks, Liberation 1 having no Vietnamese);
* every procedure code unbroken, local codes too;
* no page ends with a heading, nor with a group row of a danh mục or an annex list;
* a cell longer than a page printed whole (its row splits rather than being clipped);
* no page ends with a heading (the heading would be alone at the foot of the page);
* page numbers at the top from the second page;
* the annex's three lists hold the right codes; the appendix prints across one page wide.

A few pages are kept as images in ``tests/golden/print/`` for a person to look at
(``pytest --update-golden`` rewrites them); they are not compared pixel by pixel. Skipped with a
reason when a program is absent.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_table_since import ADDED, AMENDED, DELETED, make_scratch
from tests.helpers import REPO, git, run_tthc
from tests.render.test_real_clients import (
    _chromium,
    _libreoffice,
    assert_inside_margins,
    chromium_print,
    pdf_pages,
)
from tests.render.test_tables import SECTION_HEADINGS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        any(shutil.which(p) is None for p in ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm")),
        reason="poppler not installed (Debian package poppler-utils)",
    ),
    pytest.mark.skipif(_chromium() is None, reason="chromium not installed (Debian: chromium)"),
    pytest.mark.skipif(
        _libreoffice() is None, reason="LibreOffice not installed (libreoffice-writer-nogui)"
    ),
]

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "print"
CODE = re.compile(r"\b\d\.\d{6}\b")
LOCAL_CODE = re.compile(r"\bHCM-[A-Z0-9]+(?:-[A-Z0-9]+)*-\d{2}\b")
# Headings a page must never end with: the sheet's sections, the annex's parts and lists, the
# report's sections.
HEADING = re.compile(
    r"^(?:\d{1,2}\.(?:\d{1,2}\.)? (?:"
    + "|".join(re.escape(h.split(". ", 1)[1]) for h in SECTION_HEADINGS)
    + r"|Danh mục thủ tục hành chính.*)"
    r"|Phần I{1,2}\. .*|[A-D]\. Thủ tục hành chính.*|I{1,3}V?\. [A-ZĐ ,]+.*|QUYẾT ĐỊNH:)$"
)


# A group row of a danh mục or an annex list, as pdftotext lays it out: "A Thủ tục hành chính
# cấp tỉnh", "II Thủ tục hành chính cấp tỉnh", "Lĩnh vực Thi hành án dân sự", "I Lĩnh vực …".
GROUP_ROW = re.compile(
    r"^(?:(?:[A-H]|I{1,3}|IV|VI{0,3}|IX|X)\.? )?(?:Thủ tục hành chính|THỦ TỤC HÀNH CHÍNH|Lĩnh vực)"
    r".*$"
)


def _run(*args: str, timeout: int = 240) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=True)
    return done.stdout


def soffice_pdf(source: Path, out: Path) -> Path:
    subprocess.run(
        [
            _libreoffice() or "soffice",
            f"-env:UserInstallation={(out / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    pdf = out / f"{source.stem}.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF of {source.name}"
    return pdf


def to_pdf(source: Path, out: Path) -> Path:
    if source.suffix == ".html":
        pdf = out / f"{source.stem}-html.pdf"
        chromium_print(source, pdf, out / "profile")
        return pdf
    return soffice_pdf(source, out)


def pages_text(pdf: Path) -> list[str]:
    """Each page's text, in reading order."""
    return _run("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]


def fonts(pdf: Path) -> list[str]:
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]
    return [line.split()[0].split("+")[-1] for line in lines if line.strip()]


def liberation_has_vietnamese() -> bool:
    """Whether the serif twin installed here has Vietnamese letters (Liberation 2 does)."""
    found = subprocess.run(
        ["fc-list", ":charset=1ed9", "family"], capture_output=True, text=True, check=False
    )
    return any(name in found.stdout for name in ("Liberation Serif", "Times New Roman"))


def assert_serif_only(pdf: Path) -> None:
    faces = fonts(pdf)
    assert faces, f"{pdf.name}: no fonts"
    for face in faces:
        assert "Serif" in face or "Times" in face, f"{pdf.name}: {face} is not a serif face"
        if liberation_has_vietnamese():
            assert "DejaVu" not in face, f"{pdf.name}: fell back to {face}"


LOCAL_CODES = ("HCM-STNMT-DDBD-01", "HCM-STNMT-DDBD-02")


def assert_codes_whole(pdf: Path, codes: set[str]) -> None:
    """Each code on one line, local codes too (never wrapped after a hyphen)."""
    text = _run("pdftotext", "-raw", str(pdf), "-")
    for code in codes:
        assert code in text, f"{pdf.name}: {code} is broken or missing"


def assert_no_heading_at_a_page_s_foot(pdf: Path) -> None:
    for number, page in enumerate(pages_text(pdf), 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines:
            last = " ".join(lines[-1].split())
            assert not HEADING.match(last), f"{pdf.name}: page {number} ends with {last!r}"


def assert_no_group_row_at_a_page_s_foot(pdf: Path) -> None:
    for number, page in enumerate(pages_text(pdf), 1):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        if lines:
            assert not GROUP_ROW.match(lines[-1]), f"{pdf.name}: page {number} ends {lines[-1]!r}"


def assert_page_numbers(pdf: Path, first_page_numbered: bool = False) -> None:
    pages = pages_text(pdf)
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if number == 1 and not first_page_numbered:
            assert lines[0] != "1", f"{pdf.name}: the first page carries a number"
            continue
        assert lines and re.fullmatch(r"\d+", lines[0]), f"{pdf.name}: page {number} unnumbered"


def keep_image(pdf: Path, page: int, name: str, request: pytest.FixtureRequest) -> None:
    """A page as an image for a person to review, rewritten with --update-golden."""
    if not request.config.getoption("--update-golden"):
        return
    GOLDEN.mkdir(parents=True, exist_ok=True)
    stem = GOLDEN / name
    _run(
        "pdftoppm",
        "-r",
        "45",
        "-png",
        "-singlefile",
        "-f",
        str(page),
        "-l",
        str(page),
        str(pdf),
        str(stem),
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every document, written by the real command and printed to PDF."""
    out = tmp_path_factory.mktemp("print")
    repo = make_scratch(tmp_path_factory.mktemp("repo"))
    jobs = {
        "sheets.docx": ("table", "2.001219", "6.001430", "HCM-STNMT-DDBD-01"),
        "sheets.html": ("table", "2.001219", "6.001430", "HCM-STNMT-DDBD-01"),
        "danh-muc.docx": ("table", "--list"),
        "danh-muc.html": ("table", "--list"),
        "bao-cao.docx": ("report", "--as-of", "2025-11-01"),
        "bao-cao.html": ("report", "--as-of", "2025-11-01"),
        "so-lieu.xlsx": ("report", "--as-of", "2025-11-01"),
    }
    pdfs: dict[str, Path] = {}
    for name, args in jobs.items():
        done = run_tthc(*args, "-o", str(out / name), cwd=REPO)
        assert done.returncode in (0, 1), done.stderr
        pdfs[name] = to_pdf(out / name, out)
    for name in ("phu-luc.docx", "phu-luc.html"):
        done = run_tthc("table", "--since", "HEAD~1", "-o", str(out / name), cwd=repo)
        assert done.returncode == 0, done.stderr
        pdfs[name] = to_pdf(out / name, out)
    yield pdfs


DOCUMENTS = (
    "sheets.docx",
    "sheets.html",
    "danh-muc.docx",
    "danh-muc.html",
    "phu-luc.docx",
    "phu-luc.html",
    "bao-cao.docx",
    "bao-cao.html",
    "so-lieu.xlsx",
)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_serif_faces_only(printed: dict[str, Path], name: str) -> None:
    assert_serif_only(printed[name])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_page_ends_with_a_heading(printed: dict[str, Path], name: str) -> None:
    assert_no_heading_at_a_page_s_foot(printed[name])


@pytest.mark.parametrize("name", ["danh-muc.docx", "danh-muc.html", "phu-luc.docx", "phu-luc.html"])
def test_no_page_ends_with_a_group_row(printed: dict[str, Path], name: str) -> None:
    """ "A. Thủ tục hành chính cấp tỉnh", "I. Lĩnh vực …" stay with the row after them."""
    assert_no_group_row_at_a_page_s_foot(printed[name])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_page_numbers_at_the_top(printed: dict[str, Path], name: str) -> None:
    assert_page_numbers(printed[name], first_page_numbered=name.endswith(".xlsx"))


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("sheets.docx", {"2.001219", "6.001430", "HCM-STNMT-DDBD-01"}),
        ("sheets.html", {"2.001219", "6.001430", "HCM-STNMT-DDBD-01"}),
        ("danh-muc.docx", {"1.013859", "2.002288", "6.006596", *LOCAL_CODES}),
        ("danh-muc.html", {"1.013859", "2.002288", "6.006596", *LOCAL_CODES}),
        ("phu-luc.docx", {ADDED, AMENDED, DELETED}),
        ("phu-luc.html", {ADDED, AMENDED, DELETED}),
    ],
)
def test_every_code_unbroken(printed: dict[str, Path], name: str, codes: set[str]) -> None:
    assert_codes_whole(printed[name], codes)


def _lists(pdf: Path) -> dict[str, list[str]]:
    text = _run("pdftotext", "-raw", str(pdf), "-")
    part_one = text.split("Phần II.")[0]
    found: dict[str, list[str]] = {}
    for title, body in re.findall(
        r"\d\. Danh mục thủ tục hành chính ([^\n]+)\n(.*?)(?=\d\. Danh mục thủ tục|Ghi chú|$)",
        part_one,
        re.DOTALL,
    ):
        found[title.strip()] = CODE.findall(body)
    return found


@pytest.mark.parametrize("name", ["phu-luc.docx", "phu-luc.html"])
def test_the_annex_lists_hold_the_right_codes(printed: dict[str, Path], name: str) -> None:
    pdf = printed[name]
    assert _lists(pdf) == {
        "mới ban hành": [ADDED],
        "được sửa đổi, bổ sung, thay thế": [AMENDED],
        "bị bãi bỏ": [DELETED],
    }
    text = " ".join(_run("pdftotext", str(pdf), "-").split())
    part_two = text.split("Phần II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH")[1]
    assert "1. Thủ tục mới ban hành để thử" in part_two
    assert "2. Xây dựng chương trình phát triển nhà ở cấp tỉnh" in part_two


@pytest.mark.parametrize("name", ["phu-luc.docx", "phu-luc.html", "bao-cao.docx", "bao-cao.html"])
def test_the_frame_prints_on_the_first_page(printed: dict[str, Path], name: str) -> None:
    first = " ".join(pages_text(printed[name])[0].split())
    for element in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số:"):
        assert element in first
    assert "ngày … tháng … năm …" in first and "Nơi nhận:" in " ".join(
        " ".join(p.split()) for p in pages_text(printed[name])
    )


def test_paper_and_orientation(printed: dict[str, Path]) -> None:
    def size(name: str) -> tuple[float, float]:
        info = _run("pdfinfo", str(printed[name]))
        found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        assert found is not None
        return float(found[1]), float(found[2])

    for name in ("sheets.docx", "sheets.html", "phu-luc.docx", "bao-cao.docx", "bao-cao.html"):
        width, height = size(name)
        assert width == pytest.approx(595, abs=2) and height == pytest.approx(842, abs=2), name
    for name in ("danh-muc.docx", "danh-muc.html", "so-lieu.xlsx"):
        width, height = size(name)
        assert width == pytest.approx(842, abs=2) and height == pytest.approx(595, abs=2), name


def test_the_appendix_prints_one_page_wide(printed: dict[str, Path]) -> None:
    """Each sheet's columns on one page: a group's row, first cell to last, on the same page."""
    for page in pages_text(printed["so-lieu.xlsx"]):
        for line in page.splitlines():
            if line.strip().startswith("Toàn danh mục"):
                assert len(line.split()) > 12, line  # the whole row, not cut to the next page
    # every sheet, the notes' long lines too, inside the page's margins (left 30, right 15 mm)
    assert_inside_margins(pdf_pages(printed["so-lieu.xlsx"]), 30, 15, slack=2.0)


def test_pages_kept_for_review(printed: dict[str, Path], request: pytest.FixtureRequest) -> None:
    for name, page, image in (
        ("sheets.docx", 1, "sheet-docx"),
        ("danh-muc.html", 1, "danh-muc-html"),
        ("phu-luc.docx", 1, "quyet-dinh-docx"),
        ("phu-luc.docx", 2, "phu-luc-docx"),
        ("phu-luc.html", 2, "phu-luc-html"),
        ("bao-cao.docx", 1, "bao-cao-docx"),
        ("bao-cao.html", 3, "bao-cao-html-bieu-do"),
        ("so-lieu.xlsx", 1, "bao-cao-xlsx"),
    ):
        keep_image(printed[name], page, image, request)
    assert all(p.stat().st_size > 0 for p in printed.values())


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("3. Thành phần, số lượng hồ sơ", True),
        ("11. Căn cứ pháp lý", True),
        ("Phần II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH", True),
        ("2. Danh mục thủ tục hành chính được sửa đổi, bổ sung, thay thế", True),
        ("B. Thủ tục hành chính được sửa đổi, bổ sung, thay thế", True),
        ("IV. GIỚI HẠN CỦA SỐ LIỆU", True),
        ("QUYẾT ĐỊNH:", True),
        ("Thời hạn giải quyết", False),
        ("- Tổ chức rà soát 100% TTHC nội bộ đã công bố (hạn 01/11/2024): đạt 50%.", False),
        ("02 ngày làm việc", False),
    ],
)
def test_the_heading_check_knows_a_heading(line: str, heading: bool) -> None:
    assert bool(HEADING.match(line)) is heading


_PAGE_BOX = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD_BOX = re.compile(
    r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
)


def visible_text(pdf: Path, bottom_mm: float = 18.0) -> str:
    """The words printed inside each page above its bottom margin, joined without spaces:
    text a page clips (drawn below it, or in the margin past a clipped row) is left out,
    though pdftotext alone would still extract it."""
    words: list[str] = []
    for page in _run("pdftotext", "-bbox", str(pdf), "-").split("</page>"):
        box = _PAGE_BOX.search(page)
        if box is None:
            continue
        limit = float(box[2]) - bottom_mm * 72 / 25.4
        words += [w for top, foot, w in _WORD_BOX.findall(page) if float(foot) <= limit]
    return "".join(html.unescape(w) for w in words)


def test_a_cell_longer_than_a_page_prints_whole(tmp_path: Path) -> None:
    """A new procedure citing six documents: its "Văn bản quy định" cell is taller than a
    page. Its row splits across pages (in Word and LibreOffice a row that cannot split is
    clipped by the page), so every document it names is in the printed PDF."""
    import yaml

    repo = make_scratch(tmp_path / "repo")
    # 1.000427 (Cấp lại thẻ tư vấn viên pháp luật) as the national portal cites its basis: a
    # row a little taller than a page, the height LibreOffice and Word clip when the row may not
    # split (larger ones they split anyway).
    basis = [
        ("77/2008/NĐ-CP", "tư vấn pháp luật"),
        (
            "05/2012/NĐ-CP",
            "sửa đổi, bổ sung một số điều của các Nghị định về đăng ký giao dịch bảo đảm, trợ giúp"
            " pháp lý, luật sư, tư vấn pháp luật",
        ),
        (
            "01/2010/TT-BTP",
            "Quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định số 77/2008/NĐ-CP"
            " ngày 16/7/2008 của Chính phủ về tư vấn pháp luật.",
        ),
        (
            "19/2011/TT-BTP",
            "sửa đổi, bổ sung một số quy định về thủ tục hành chính của Thông tư số"
            " 05/2008/TT-BTP ngày 23/9/2008; Thông tư số 03/2008/TT-BTP ngày 25/8/2008 và Thông"
            " tư số 01/2010/TT-BTP ngày 09/02/2010 của Bộ trưởng Bộ Tư pháp",
        ),
        (
            "03/2024/TT-BTP",
            "Thông tư số 03/2024/TT-BTP ngày 15/5/2024 của Bộ trưởng Bộ Tư pháp sửa đổi, bổ sung"
            " 08 thông tư liên quan đến thủ tục hành chính trong lĩnh vực bổ trợ tư pháp.",
        ),
        (
            "08/2025/TT-BTP",
            "Thông tư số 08/2025/TT-BTP ngày 12/6/2025 của Bộ trưởng Bộ Tư pháp quy định về phân"
            " định thẩm quyền của chính quyền địa phương 02 cấp và phân cấp trong lĩnh vực quản"
            " lý nhà nước của Bộ Tư pháp",
        ),
    ]
    numbers = [number for number, _ in basis]
    added = repo / "procedures" / "public" / f"{ADDED}.yaml"
    data = yaml.safe_load(added.read_text(encoding="utf-8"))
    data["legal_basis"] = [{"number": number, "title": title} for number, title in basis]
    added.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    git(repo, "commit", "-qam", "nhiều văn bản")
    for name in ("phu-luc.docx", "phu-luc.html"):
        out = tmp_path / name
        done = run_tthc("table", "--since", "HEAD~2", "-o", str(out), cwd=repo)
        assert done.returncode == 0, done.stderr
        pdf = to_pdf(out, tmp_path)
        part_one = visible_text(pdf).split("PhầnII.")[0]
        missing = [n for n in numbers if n not in part_one]
        assert not missing, f"{name}: {missing} lost from the printed annex"
        assert "lĩnhvựcquảnlýnhànướccủaBộTưpháp" in part_one, f"{name}: the cell's end lost"

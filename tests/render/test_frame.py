"""The administrative frame of Nghị định 30/2020/NĐ-CP in the Word documents a department signs
and sends (the report, the covering decision of the annex): each element where the decree puts
it, in its size and weight; Times New Roman on every run and style, no theme font; the decree's
margins; page numbers from the second page."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from tests.helpers import REPO, run_tthc

DOCUMENT = {
    "parent": "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
    "issuer": "SỞ NỘI VỤ",
    "place": "Thành phố Hồ Chí Minh",
    "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn A"},
    "recipients": ["Văn phòng Ủy ban nhân dân Thành phố;", "Lưu: VT, KSTT."],
    "report": {"number": "…/BC-SNV"},
}


def _report(tmp_path: Path, document: dict[str, object] | None) -> DocxDocument:
    config = (
        (REPO / "tthc.yaml")
        .read_text(encoding="utf-8")
        .replace("catalog: procedures", f"catalog: {REPO / 'procedures'}")
    )
    if document is not None:
        config += "\n" + yaml.safe_dump({"document": document}, allow_unicode=True)
    (tmp_path / "tthc.yaml").write_text(config, encoding="utf-8")
    out = tmp_path / "bao-cao.docx"
    config_file = str(tmp_path / "tthc.yaml")  # names the bundled catalog, outside its folder
    done = run_tthc(
        "report", "--config", config_file, "--as-of", "2025-11-01", "-o", str(out), cwd=tmp_path
    )
    assert done.returncode in (0, 1), done.stderr
    return open_docx(str(out))


def _runs(paragraph: Paragraph) -> list[tuple[str, float | None, bool, bool]]:
    return [
        (
            run.text,
            run.font.size.pt if run.font.size is not None else None,
            bool(run.font.bold),
            bool(run.font.italic),
        )
        for run in paragraph.runs
        if run.text
    ]


def _find(paragraphs: list[Paragraph], text: str) -> Paragraph:
    found = [p for p in paragraphs if p.text == text]
    assert found, f"{text!r} not found in {[p.text for p in paragraphs][:12]}"
    return found[0]


def _all_paragraphs(doc: DocxDocument) -> list[Paragraph]:
    out = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out += cell.paragraphs
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> DocxDocument:
    return _report(tmp_path_factory.mktemp("frame"), DOCUMENT)


def _looks(doc: DocxDocument, text: str) -> set[tuple[float | None, bool, bool]]:
    return {
        (size, bold, italic) for _, size, bold, italic in _runs(_find(_all_paragraphs(doc), text))
    }


def test_each_element_in_its_place_size_and_weight(report: DocxDocument) -> None:
    header = report.tables[0]  # cells 1–4: issuing body | quốc hiệu, side by side
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.split("\n")[:2] == ["ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "SỞ NỘI VỤ"]
    assert right.split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    # (size in points, bold, italic) as the decree sets them
    assert _looks(report, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == {(12, True, False)}
    assert _looks(report, "Độc lập - Tự do - Hạnh phúc") == {(13, True, False)}
    assert _looks(report, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH") == {(13, False, False)}
    assert _looks(report, "SỞ NỘI VỤ") == {(13, True, False)}
    assert _looks(report, "Số: …/BC-SNV") == {(13, False, False)}
    assert _looks(report, "Thành phố Hồ Chí Minh, ngày … tháng … năm …") == {(13, False, True)}
    assert _looks(report, "BÁO CÁO") == {(14, True, False)}
    summary = next(p.text for p in report.paragraphs if p.text.startswith("Kết quả thực hiện"))
    assert _looks(report, summary) == {(14, True, False)}
    assert _looks(report, "Nơi nhận:") == {(12, True, True)}
    assert _looks(report, "- Lưu: VT, KSTT.") == {(11, False, False)}
    assert _looks(report, "KT. GIÁM ĐỐC") == {(14, True, False)}
    assert _looks(report, "PHÓ GIÁM ĐỐC") == {(14, True, False)}
    assert _looks(report, "Nguyễn Văn A") == {(14, True, False)}


def test_lines_under_the_motto_the_issuer_and_the_summary(report: DocxDocument) -> None:
    def ruled(paragraph: Paragraph) -> bool:
        props = paragraph._p.pPr
        return props is not None and props.find(qn("w:pBdr")) is not None

    header = report.tables[0].rows[0].cells
    for cell, above in ((header[0], "SỞ NỘI VỤ"), (header[1], "Độc lập - Tự do - Hạnh phúc")):
        texts = [p.text for p in cell.paragraphs]
        assert ruled(cell.paragraphs[texts.index(above) + 1])
    summary = next(i for i, p in enumerate(report.paragraphs) if p.text.startswith("Kết quả"))
    assert ruled(report.paragraphs[summary + 1])


def test_page_margins_and_numbers_as_the_decree_sets_them(report: DocxDocument) -> None:
    section = report.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [m.mm for m in margins] == pytest.approx([20, 20, 30, 15], abs=0.5)
    assert section.different_first_page_header_footer  # no number on the first page
    header = section.header._element
    assert " PAGE " in "".join(t.text or "" for t in header.iter(qn("w:instrText")))
    assert section.first_page_header.paragraphs[0].text == ""


def test_no_theme_font_anywhere_and_a_font_on_every_run(report: DocxDocument) -> None:
    buffer = io.BytesIO()
    report.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        styles = package.read("word/styles.xml").decode()
        body = package.read("word/document.xml").decode()
        header = (
            package.read("word/header1.xml").decode()
            if "word/header1.xml" in package.namelist()
            else ""
        )
    assert "Theme" not in styles  # asciiTheme, hAnsiTheme, themeColor…
    assert "Theme" not in body
    for part in (body, header):
        runs = part.count("<w:r>") + part.count("<w:r ")
        fonts = part.count('w:ascii="Times New Roman"')
        assert runs and fonts >= runs
    assert 'w:ascii="Calibri' not in styles and "Cambria" not in styles


def test_placeholders_when_the_catalog_says_nothing(tmp_path: Path) -> None:
    doc = _report(tmp_path, None)
    texts = [p.text for p in _all_paragraphs(doc)]
    for placeholder in (
        "TÊN CQ, TC CHỦ QUẢN",
        "TÊN CƠ QUAN, TỔ CHỨC",
        "Số: …/BC-…",
        "……, ngày … tháng … năm …",
        "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ",
        "Họ và tên",
    ):
        assert placeholder in texts


def test_the_number_and_the_place_and_date_share_one_row(report: DocxDocument) -> None:
    """ND 30's layout: "Số: …" under the issuing body and "…, ngày … tháng … năm …" under the
    motto, level with each other (a row of their own in a borderless table)."""
    header = report.tables[0]
    assert len(header.rows) == 2
    number, place = (cell.text for cell in header.rows[1].cells)
    assert (number, place) == ("Số: …/BC-SNV", "Thành phố Hồ Chí Minh, ngày … tháng … năm …")


def test_the_form_s_signature_instruction_only_stands_in_for_a_signer(
    report: DocxDocument, tmp_path: Path
) -> None:
    stamp = "(Chữ ký của người có thẩm quyền, dấu/chữ ký số của cơ quan, tổ chức)"
    assert stamp not in [p.text for p in _all_paragraphs(report)]
    assert stamp in [p.text for p in _all_paragraphs(_report(tmp_path, None))]


def test_html_frame_number_and_date_on_one_row_and_no_instruction_with_a_signer() -> None:
    from tthc_cli.config import Config, document_settings
    from tthc_cli.render.frame import build_frame
    from tthc_cli.render.table_html import frame_html

    config = Config(
        document=document_settings(DOCUMENT),
        document_kinds={"report": document_settings(DOCUMENT["report"])},  # type: ignore[arg-type]
    )
    page = frame_html(build_frame(config, "report", "Tóm tắt", [], "vi"))
    second_row = page.split("</tr><tr>", 1)[1].split("</tr>", 1)[0]
    assert "Số: …/BC-SNV" in second_row and "ngày … tháng … năm …" in second_row
    assert "Chữ ký của người có thẩm quyền" not in page
    blank = frame_html(build_frame(Config(), "report", "Tóm tắt", [], "vi"))
    assert "Chữ ký của người có thẩm quyền" in blank

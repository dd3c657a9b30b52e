"""Rendering the table model: golden Markdown/text, escaping in every format, the CLI."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Emu

from tests.helpers import make_catalog, procedure, run_tthc
from tests.render.test_tables import SECTION_HEADINGS, fixture_procedures, load_fixture
from tthc_cli.formats import OutputContext
from tthc_cli.model import Catalog
from tthc_cli.render import TABLE_WRITERS, table_docx, table_html, table_text
from tthc_cli.render.tables import Document, listing_document, procedure_document

HOSTILE = "<script>alert(1)</script> a|b\n=SUM(A1)*2 & [x](y)"

CTX = OutputContext()


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_fixture(tmp_path)


@pytest.fixture
def hostile(tmp_path: Path) -> Catalog:
    data = procedure("2.001219", name=HOSTILE, field="=cmd|' /C calc'!A0")
    return load_fixture(tmp_path, {"2.001219.yaml": data})


def sample_sheet(catalog: Catalog) -> Document:
    return procedure_document([catalog.by_code()["2.001219"]], catalog)


def full_listing(catalog: Catalog) -> Document:
    return listing_document(sorted(catalog.procedures, key=lambda p: p.code), catalog)


@pytest.mark.parametrize("output_format", ["md", "txt"])
def test_golden_procedure_sheet(catalog: Catalog, golden, output_format: str) -> None:  # type: ignore[no-untyped-def]
    golden(
        f"table/sheet-2.001219.{output_format}",
        TABLE_WRITERS[output_format](sample_sheet(catalog), CTX),
    )


@pytest.mark.parametrize("output_format", ["md", "txt"])
def test_golden_listing(catalog: Catalog, golden, output_format: str) -> None:  # type: ignore[no-untyped-def]
    golden(
        f"table/danh-muc.{output_format}", TABLE_WRITERS[output_format](full_listing(catalog), CTX)
    )


def test_tablefmt_is_passed_to_tabulate(catalog: Catalog) -> None:
    grid = table_text.render_text(full_listing(catalog), OutputContext(tablefmt="grid"))
    assert "+=====" in grid
    assert table_text.known_tablefmt("github")
    assert not table_text.known_tablefmt("nonsense")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.tables: list[list[int]] = []  # per table, the cell count of each row (colspan counted)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        if tag == "tr":
            self.tables[-1].append(0)
        if tag in ("td", "th"):
            span = dict(attrs).get("colspan")
            self.tables[-1][-1] += int(span) if span else 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_content(hostile: Catalog) -> None:
    for document in (sample_sheet(hostile), full_listing(hostile)):
        page = table_html.render(document, CTX)
        parser = _Collector()
        parser.feed(page)
        assert "script" not in parser.tags
        text = "".join(parser.text)
        assert "<script>alert(1)</script> a|b" in text
        assert "=SUM(A1)*2 & [x](y)" in text
        assert document.listing is None or "Lĩnh vực =cmd|' /C calc'!A0" in text
        assert parser.tables
        assert all(len(set(rows)) == 1 for rows in parser.tables)  # no row is broken or widened
    listing = _Collector()
    listing.feed(table_html.render(full_listing(hostile), CTX))
    assert set(listing.tables[0]) == {6}


def test_html_print_layout(catalog: Catalog) -> None:
    page = table_html.render(procedure_document(catalog.procedures, catalog), CTX)
    assert "@page { size: A4; margin: 20mm 15mm 20mm 30mm;" in page
    assert "@top-center { content: counter(page);" in page  # page numbers
    assert "@page :first { @top-center { content: none; } }" in page  # none on the first
    assert "break-after: avoid" in page  # a heading is never left at a page's foot
    assert "thead { display: table-header-group; }" in page
    assert "table-layout: fixed" in page and "word-wrap: break-word" in page
    assert '"Times New Roman"' in page and "font-size: 13pt" in page
    assert page.count('<section class="sheet') == len(catalog.procedures)
    assert "page-break-before: always" in page
    for heading in SECTION_HEADINGS:
        assert page.count(f"<h3>{heading}</h3>") == len(catalog.procedures)


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_escapes_content(hostile: Catalog) -> None:
    for document in (sample_sheet(hostile), full_listing(hostile)):
        page = table_text.render_markdown(document, CTX)
        assert "<script>" not in page
        assert r"\<script\>alert(1)\</script\> a\|b =SUM(A1)\*2 \& \[x\](y)" in page
        table_lines = [line for line in page.splitlines() if line.startswith("|")]
        header_pipes = _unescaped_pipes(table_lines[0])
        assert header_pipes == 7 or document.listing is None
    listing = table_text.render_markdown(full_listing(hostile), CTX).splitlines()
    assert {_unescaped_pipes(line) for line in listing if line.startswith("|")} == {7}


def test_markdown_paragraph_cannot_become_markup(hostile: Catalog) -> None:
    page = table_text.render_markdown(sample_sheet(hostile), CTX)
    # the name is a heading; the field is not shown on the sheet, the title line is escaped
    assert "## \\<script\\>" in page


def test_plain_text_keeps_each_row_whole(hostile: Catalog) -> None:
    page = table_text.render_text(full_listing(hostile), OutputContext(tablefmt="pipe"))
    rows = [line for line in page.splitlines() if "2.001219" in line]
    assert len(rows) == 1
    assert "<script>alert(1)</script> a|b =SUM(A1)*2" in rows[0]


def test_docx_keeps_content_literal(hostile: Catalog) -> None:
    data = table_docx.render(full_listing(hostile), CTX)
    doc = open_docx(io.BytesIO(data))
    table = doc.tables[0]
    texts = [cell.text for row in table.rows for cell in row.cells]
    assert "<script>alert(1)</script> a|b\n=SUM(A1)*2 & [x](y)" in texts
    assert "Lĩnh vực =cmd|' /C calc'!A0" in texts


def test_docx_layout_and_header_repeat(catalog: Catalog) -> None:
    doc = open_docx(
        io.BytesIO(table_docx.render(procedure_document(catalog.procedures, catalog), CTX))
    )
    section = doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    margins = (
        section.top_margin.mm,
        section.bottom_margin.mm,
        section.left_margin.mm,
        section.right_margin.mm,
    )
    assert margins == pytest.approx((20, 20, 30, 15), abs=0.5)
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 13
    headings = [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 3"
    ]
    assert headings == list(SECTION_HEADINGS) * len(catalog.procedures)
    for table in doc.tables:
        first = table.rows[0]._tr
        assert (
            first.trPr is not None
            and first.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
            )
            is not None
        )
    steps = doc.tables[0]
    assert [c.text for c in steps.rows[0].cells] == [
        "Bước",
        "Nội dung công việc",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian",
    ]


def test_docx_listing_merges_group_rows(catalog: Catalog) -> None:
    doc = open_docx(io.BytesIO(table_docx.render(full_listing(catalog), CTX)))
    rows = doc.tables[0].rows
    assert len(rows) == 1 + len(full_listing(catalog).listing.rows)  # type: ignore[union-attr]
    part = rows[1].cells
    assert (
        part[0].text == "A"
        and part[1].text == "Thủ tục hành chính"
        and part[5].text == "Thủ tục hành chính"
    )


# --- the command line, through the real entry point ---


def test_cli_listing_html_to_file(tmp_path: Path) -> None:
    make_catalog(tmp_path, fixture_procedures())
    result = run_tthc("table", "--list", "--format", "html", "-o", "danh-muc.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "danh-muc.html").read_text(encoding="utf-8")
    assert "Danh mục thủ tục hành chính" in page and "6.000001" in page
    again = run_tthc("table", "--list", "--format", "html", "-o", "danh-muc.html", cwd=tmp_path)
    assert again.returncode == 3 and "--force" in again.stderr


def test_cli_codes_filters_and_format_from_suffix(tmp_path: Path) -> None:
    make_catalog(tmp_path, fixture_procedures())
    result = run_tthc("table", "1.000001", "-o", "sheet.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "sheet.md").read_text(encoding="utf-8")
    assert "## Cấp giấy phép hành nghề" in page and "Đăng ký hộ tịch" not in page
    internal = run_tthc("table", "--list", "--kind", "internal", "-f", "txt", cwd=tmp_path)
    assert (
        internal.returncode == 0
        and "6.000001" in internal.stdout
        and "2.001219" not in internal.stdout
    )
    by_unit = run_tthc("table", "--list", "--unit", "so-tu-phap", "-f", "md", cwd=tmp_path)
    assert "1.000002" in by_unit.stdout and "2.001219" not in by_unit.stdout
    english = run_tthc("table", "2.001219", "--lang", "en", "-f", "md", cwd=tmp_path)
    assert "### 1. Steps" in english.stdout


def test_cli_docx_written(tmp_path: Path) -> None:
    make_catalog(tmp_path, fixture_procedures())
    result = run_tthc("table", "--list", "-o", "danh-muc.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = open_docx(str(tmp_path / "danh-muc.docx"))
    assert doc.tables[0].rows[0].cells[0].text == "STT"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("table", "9.999999"), 3, "9.999999"),
        (("table", "--format", "pdf"), 2, "--format"),
        (("table", "--tablefmt", "nonsense"), 2, "--tablefmt"),
        (("table", "--kind", "other"), 2, "--kind"),
        (("table", "--field", "không có lĩnh vực này"), 3, "Không có thủ tục nào"),
    ],
)
def test_cli_errors_are_one_line(
    tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    make_catalog(tmp_path, fixture_procedures())
    result = run_tthc(*args, cwd=tmp_path)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_docx_headings_stay_with_what_follows_in_times_new_roman(catalog: Catalog) -> None:
    data = table_docx.render(procedure_document(catalog.procedures, catalog), CTX)
    doc = open_docx(io.BytesIO(data))
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        assert style.paragraph_format.keep_with_next and style.font.name == "Times New Roman"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode()
        body = package.read("word/document.xml").decode()
    assert "Theme" not in styles and "Theme" not in body  # Word would show Calibri
    headings = [p for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 3"]
    assert all(p.paragraph_format.keep_with_next for p in headings)
    marks = [p.text for p in doc.paragraphs if p.text.startswith(("Lĩnh vực:", "Cấp thực hiện:"))]
    assert len(marks) == 2 * len(catalog.procedures)
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert " PAGE " in "".join(
        t.text or "" for t in section.header._element.iter(qn("w:instrText"))
    )


def test_docx_danh_muc_across_the_page_with_room_for_a_code(catalog: Catalog) -> None:
    doc = open_docx(io.BytesIO(table_docx.render(full_listing(catalog), CTX)))
    section = doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((297, 210), abs=0.5)
    table = doc.tables[0]
    widths = [
        Emu(int(col.get(qn("w:w"))) * 635).mm for col in table._tbl.tblGrid.iter(qn("w:gridCol"))
    ]
    assert sum(widths) == pytest.approx(297 - 30 - 15, abs=1)
    # "1.001193" at 12 pt is 17 mm, plus the cell's margins; "Thời hạn giải quyết" on two lines
    number, code, _, _, time, _ = widths
    assert number >= 12 and code >= 21 and time >= 27


# --- long rows, group rows and codes on the printed page ---

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG_CELL = "; ".join(f"Thông tư số {n:02d}/2010/TT-BTP của Bộ Tư pháp quy định" for n in range(40))


def _long_table() -> Document:
    from tthc_cli.render.tables import Column, Row, Table

    table = Table(
        (Column("STT", 1), Column("Mã số", 2), Column("Tên", 4), Column("Văn bản", 4)),
        (
            Row(("A", "Thủ tục hành chính cấp tỉnh"), "level"),
            Row(("I", "Lĩnh vực Tư pháp"), "field"),
            Row(("1", "HCM-STNMT-DDBD-01", "Ngắn", "Ngắn")),
            Row(("2", "1.000427", "Dài", LONG_CELL)),
        ),
        numbered=True,
        code_column=1,
    )
    return Document("Danh mục", listing=table)


def test_docx_a_row_taller_than_a_page_may_split_and_group_rows_keep_with_the_next() -> None:
    doc = open_docx(io.BytesIO(table_docx.render(_long_table(), CTX)))
    rows = [r._tr for r in doc.tables[0].rows]
    header, level, field, short, tall = rows

    def cant_split(tr) -> bool:  # type: ignore[no-untyped-def]
        return tr.trPr is not None and tr.trPr.find(f"{W}cantSplit") is not None

    assert cant_split(header) and cant_split(short) and cant_split(level)
    assert not cant_split(tall)  # clipped by the page otherwise: its text lost
    for group in (level, field):
        paragraphs = list(group.iter(f"{W}p"))
        assert paragraphs and all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs)
    assert all(p.find(f"{W}pPr/{W}keepNext") is None for p in short.iter(f"{W}p"))
    assert LONG_CELL in doc.tables[0].rows[4].cells[3].text


def test_html_a_tall_row_may_split_and_group_rows_stay_with_the_next() -> None:
    page = table_html.render(_long_table(), CTX)
    assert re.search(r"tr\.part, tr\.level, tr\.field \{ break-after: avoid", page)
    assert "tr.tall { break-inside: auto" in page
    rows = re.findall(r"<tr(?: class=\"(\w+)\")?>", page)
    assert rows == ["", "level", "field", "", "tall"]
    assert ".nobr { white-space: nowrap; }" in page
    assert '<td class="code"><span class="nobr">HCM-STNMT-DDBD-01</span></td>' in page


def test_a_code_column_is_as_wide_as_its_longest_code() -> None:
    from tthc_cli.render.tables import column_widths_mm

    table = _long_table().listing
    assert table is not None
    widths = column_widths_mm(table, 165)
    assert widths[1] >= 35  # "HCM-STNMT-DDBD-01" at 12 pt, whole on one line
    assert sum(widths) == pytest.approx(165)
    page = table_html.render(_long_table(), CTX)
    share = float(re.findall(r'<col style="width:([\d.]+)%">', page)[1])
    assert share == pytest.approx(100 * widths[1] / 165, abs=0.01)


def test_codes_and_form_names_keep_their_hyphens_on_one_line() -> None:
    """ "Mẫu TP-TVPL-05-sđ.doc" broke after its last hyphen in the sheets: in a table cell a
    code's hyphens are non-breaking (DOCX) or the code is one unbreakable span (HTML)."""
    from tthc_cli.render.tables import Column, Row, Table, column_widths_mm

    table = Table(
        (Column("Tên", 4), Column("Mẫu", 1.6), Column("Số lượng", 1.4)),
        (Row(("Giấy đề nghị a-b", "Mẫu TP-TVPL-05-sđ.doc", "01 bản chính")),),
        code_column=1,
    )
    document = Document("T", listing=table)
    doc = open_docx(io.BytesIO(table_docx.render(document, CTX)))
    cell = doc.tables[0].rows[1].cells[1]._tc
    assert len(list(cell.iter(f"{W}noBreakHyphen"))) == 3
    assert "".join(t.text for t in cell.iter(f"{W}t")) == "Mẫu TPTVPL05sđ.doc"
    page = table_html.render(document, CTX)
    assert '<td class="code">Mẫu <span class="nobr">TP-TVPL-05-sđ.doc</span></td>' in page
    assert column_widths_mm(table, 165)[1] >= 36  # the file name whole on a line

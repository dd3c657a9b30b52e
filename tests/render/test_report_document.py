"""The report as an administrative document: its sections from the report model, names in
words and in Vietnamese order, charts only where they carry data; the XLSX data appendix with
the print set-up of an appendix; DOCX among the report's formats."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests import report_fixture
from tests.helpers import UNITS, make_catalog, procedure
from tthc_cli.cli._common import shipped_plan
from tthc_cli.formats import OutputContext
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.plan.progress import ReportSet, build_report
from tthc_cli.render import REPORT_WRITERS, report_xlsx
from tthc_cli.render.report_document import report_parts
from tthc_cli.render.tables import Para

DAY = date(2024, 10, 1)


def _reports(root: Path, by: str = "unit") -> ReportSet:
    catalog = load_paths([root], resolve_config([root], None))
    plan = shipped_plan(catalog.config)

    def report(grouping: str):  # type: ignore[no-untyped-def]
        return build_report(catalog, plan, DAY, grouping)

    return ReportSet(report(by), report, catalog.config)


@pytest.fixture
def fixture(tmp_path: Path) -> Path:
    return report_fixture.write(tmp_path)


def test_sections_in_order_with_the_results_against_each_target(fixture: Path) -> None:
    parts = report_parts(_reports(fixture), "vi")
    assert [p.heading for p in parts] == [
        None,
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "II. KẾT QUẢ THEO ĐƠN VỊ",
        "III. NHỮNG CHỈ TIÊU, ĐƠN VỊ CÓ NGUY CƠ KHÔNG ĐẠT",
        "IV. GIỚI HẠN CỦA SỐ LIỆU",
    ]
    (intro,) = parts[0].paragraphs
    assert isinstance(intro, Para) and "tính đến ngày 01/10/2024" in intro.text
    milestones = parts[1].table
    assert milestones is not None
    # each target: its content, due date dd/mm/yyyy, target, result, how many it counts, status
    assert [c.title for c in milestones.columns] == [
        "STT",
        "Nội dung",
        "Trước ngày",
        "Chỉ tiêu (%)",
        "Đạt (%)",
        "Số TTHC tính",
        "Trạng thái",
    ]
    first = milestones.rows[0].cells
    assert first[2] == "01/04/2023" and first[6] in {"đạt", "trễ hạn", "có nguy cơ trễ"}
    assert parts[1].chart is not None and parts[2].chart is not None


def test_groups_in_words_and_in_vietnamese_order(tmp_path: Path) -> None:
    units = {
        "units": {
            **UNITS["units"],
            "so-dau": {"name": "Đài Phát thanh", "kind": "department", "level": "province"},
            "so-dan": {"name": "Dân tộc", "kind": "department", "level": "province"},
        }
    }
    procedures = report_fixture.procedures()
    procedures["internal/6.000003.yaml"]["units"] = {"implementing": ["so-dau"]}
    procedures["internal/6.000004.yaml"]["units"] = {"implementing": ["so-dan"]}
    procedures["public/2.001220.yaml"] = procedure("2.001220", units=None)
    root = make_catalog(tmp_path, procedures, units=units)
    table = report_parts(_reports(root), "vi")[2].table
    assert table is not None
    names = [r.cells[1] for r in table.rows]
    assert names[-1] == "Toàn danh mục"
    shown = [n for n in names[:-1] if n != "Thủ tục chưa ghi đơn vị thực hiện"]
    assert shown.index("Dân tộc") < shown.index("Đài Phát thanh") < shown.index("Sở Xây dựng")
    assert "-" not in names  # procedures without a unit: said so, not "-"
    levels = report_parts(_reports(root, "level"), "vi")[2].table
    kinds = report_parts(_reports(root, "kind"), "vi")[2].table
    assert levels is not None and kinds is not None
    assert {r.cells[1] for r in levels.rows} >= {"Cấp tỉnh", "Toàn danh mục"}
    assert {r.cells[1] for r in kinds.rows} == {
        "Thủ tục hành chính",
        "Thủ tục hành chính nội bộ",
        "Toàn danh mục",
    }


def test_no_bars_when_no_group_has_a_figure(tmp_path: Path) -> None:
    root = make_catalog(tmp_path, {"2.001219.yaml": procedure()})  # public only
    parts = report_parts(_reports(root), "vi")
    assert parts[2].chart is None and parts[2].table is not None


def test_docx_is_a_report_format() -> None:
    assert "docx" in REPORT_WRITERS and REPORT_WRITERS.choose(None, Path("bao-cao.docx")) == "docx"


def test_xlsx_prints_across_one_page_wide_with_the_header_on_every_page(fixture: Path) -> None:
    data = report_xlsx.render(_reports(fixture), OutputContext(lang="vi"))
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[0] == "đơn vị" and workbook.sheetnames[-1] == "Ghi chú"
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and str(setup.paperSize) == sheet.PAPERSIZE_A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddHeader.center.text == "&P"  # page numbers
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"  # never a formula
                if cell.value is not None:
                    assert cell.font.name == "Times New Roman"
    units = workbook["đơn vị"]
    assert units.print_title_rows == "$1:$1" and units.freeze_panes == "B2"
    names = [units.cell(row=r, column=1).value for r in range(2, units.max_row + 1)]
    widest = max(len(str(n)) for n in names)
    assert units.column_dimensions["A"].width >= min(widest, 60)
    counts = units.cell(row=2, column=2)
    assert isinstance(counts.value, int) and counts.number_format == "#,##0"
    header = [c.value for c in units[1]]
    share = units.cell(row=2, column=header.index("Đã công bố (%)") + 1)
    assert isinstance(share.value, int | float) and share.number_format == "#,##0.00"


def test_xlsx_milestones_are_in_words_with_real_dates(fixture: Path) -> None:
    data = report_xlsx.render(_reports(fixture), OutputContext(lang="vi"))
    sheet = load_workbook(io.BytesIO(data))["Mốc thời gian"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Nội dung", "Văn bản", "Chỉ số"]
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert not {"published_share", "publicized-csdlqg", "data", "default", "met", "missed"} & {
        str(v) for v in values
    }
    due = sheet.cell(row=2, column=header.index("Trước ngày") + 1)
    assert isinstance(due.value, date) and due.number_format == "dd/mm/yyyy"

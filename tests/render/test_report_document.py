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
from tthc_cli.plan.progress import Report, ReportSet, build_report
from tthc_cli.render import REPORT_WRITERS, report_xlsx
from tthc_cli.render.report_document import report_parts
from tthc_cli.render.tables import Para

DAY = date(2024, 10, 1)


def _reports(root: Path, by: str = "unit") -> ReportSet:
    catalog = load_paths([root], resolve_config([root], None))
    plan = shipped_plan(catalog.config)

    def report(grouping: str):  # type: ignore[no-untyped-def]
        return build_report(catalog, plan, DAY, grouping)

    return ReportSet(report(by), report, config=catalog.config)


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
        "Có căn cứ / số TTHC tính",
        "Chưa có căn cứ",
        "Trạng thái",
    ]
    first = milestones.rows[0].cells
    statuses = {"đạt", "trễ hạn", "có nguy cơ trễ", "chưa có căn cứ", "không đạt"}
    assert first[2] == "01/04/2023" and first[7] in statuses
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


def _both_plans(root: Path) -> ReportSet:
    """The report of QĐ 1085 and of Nghị quyết 66 on the same day (``--plan`` twice)."""
    from tthc_cli.load.plan_file import shipped_plans
    from tthc_cli.plan.milestones import available, find, with_config

    catalog = load_paths([root], resolve_config([root], None))
    known = available(shipped_plans(catalog.config.plan, catalog.config.limits), ())
    first, second = (with_config(find(n, known), catalog.config) for n in ("qd-1085", "nq-66"))
    on = date(2025, 11, 1)
    return ReportSet(
        build_report(catalog, first, on, "unit"),
        lambda grouping: build_report(catalog, first, on, grouping),
        (build_report(catalog, second, on, "unit"),),
        config=catalog.config,
    )


def test_every_plan_asked_for_with_its_evidence_counts_and_no_ids(fixture: Path) -> None:
    reports = _both_plans(fixture)
    parts = report_parts(reports, "vi")
    headings = [p.heading or "" for p in parts]
    assert headings[1] == "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
    assert headings[2].startswith("1. Kế hoạch rà soát") and headings[2].endswith("(1085/QĐ-TTg)")
    assert headings[3].startswith("2. Chương trình cắt giảm") and headings[3].endswith("(66/NQ-CP)")
    assert headings[4:] == [
        "II. KẾT QUẢ THEO ĐƠN VỊ",
        "III. NHỮNG CHỈ TIÊU, ĐƠN VỊ CÓ NGUY CƠ KHÔNG ĐẠT",
        "IV. GIỚI HẠN CỦA SỐ LIỆU",
    ]
    intro = parts[0].paragraphs[0]
    assert isinstance(intro, Para) and "(1085/QĐ-TTg); Chương trình" in intro.text
    for part, report in zip(parts[2:4], reports.every_plan(), strict=True):
        table = part.table
        assert table is not None and len(table.rows) == len(report.milestones)
        header = [c.title for c in table.columns]
        counted = header.index("Có căn cứ / số TTHC tính")
        without = header.index("Chưa có căn cứ")
        for row, status in zip(table.rows, report.milestones, strict=True):
            assert row.cells[counted] == f"{status.counted}/{status.population}"
            assert row.cells[without] == str(status.without_evidence)
            if status.status == "no_evidence":
                assert row.cells[-1] == "chưa có căn cứ"
    statuses = {s.status for r in reports.every_plan() for s in r.milestones}
    assert "no_evidence" in statuses  # the fixture's publications carry no date
    risks = " ".join(p.text if isinstance(p, Para) else p for p in parts[5].paragraphs)
    assert "chưa có căn cứ —" in risks and "Theo 66/NQ-CP:" in risks
    limits = " ".join(p.text if isinstance(p, Para) else p for p in parts[6].paragraphs)
    assert "Căn cứ: một thủ tục chỉ được tính" in limits  # the rules of evidence, once
    assert limits.count("Căn cứ: một thủ tục chỉ được tính") == 1
    shown = " ".join(
        [*headings, *(c for p in parts if p.table for r in p.table.rows for c in r.cells)]
    )
    ids = {s.milestone.id for r in reports.every_plan() for s in r.milestones}
    assert not {i for i in ids if i in shown or i in risks or i in limits}


def test_the_workbook_has_each_plans_milestones_with_evidence(fixture: Path) -> None:
    data = report_xlsx.render(_both_plans(fixture), OutputContext(lang="vi"))
    workbook = load_workbook(io.BytesIO(data))
    assert {"Mốc thời gian 1", "Mốc thời gian 2"} <= set(workbook.sheetnames)
    header = [c.value for c in workbook["Mốc thời gian 2"][1]]
    assert {"Có căn cứ", "Chưa có căn cứ", "Trạng thái"} <= set(header)
    values = {str(c.value) for s in workbook.worksheets for row in s.iter_rows() for c in row}
    assert not {"no_evidence", "not_met", "nq-66", "qd-1085"} & values


def test_xlsx_notes_rows_are_as_tall_as_their_wrapped_text(fixture: Path) -> None:
    data = report_xlsx.render(_reports(fixture), OutputContext(lang="vi"))
    notes = load_workbook(io.BytesIO(data))["Ghi chú"]
    width = notes.column_dimensions["A"].width
    for (cell,) in notes.iter_rows():
        lines = -(-len(str(cell.value)) // int(width))  # at least this many lines
        height = notes.row_dimensions[cell.row].height
        assert height is not None and height >= 14 * lines, (cell.row, cell.value)


TECHNICAL = ("tthc.yaml", "simplification.", "cost.hourly_value", "plan.choices", "http", ".vn")


def test_the_signed_document_states_its_limits_without_config_keys_or_sources(
    fixture: Path,
) -> None:
    reports = _reports(fixture)
    parts = report_parts(reports, "vi")
    body = [p.text if isinstance(p, Para) else p for part in parts for p in part.paragraphs]
    limits = " ".join(str(line) for line in body)
    assert not [word for word in TECHNICAL if word in limits], limits
    assert "6.000004" not in limits  # the illustrative plan: counted, not listed by code
    assert "minh họa" in limits and "không được tính" in limits
    assert "chưa được đối chiếu với nguyên văn" in limits  # the unsettled due date, plainly
    # the workbook's notes sheet (data) keeps the technical detail
    data = report_xlsx.render(reports, OutputContext(lang="vi"))
    notes = " ".join(
        str(c.value) for (c,) in load_workbook(io.BytesIO(data))["Ghi chú"].iter_rows()
    )
    assert "tthc.yaml" in notes and "plan.choices" in notes and "6.000004" in notes


def test_only_the_citys_units_are_at_risk_and_ministries_targets_are_not_judged(
    tmp_path: Path,
) -> None:
    units = {
        "units": {
            **UNITS["units"],
            "bo-xd": {"name": "Bộ Xây dựng", "kind": "ministry", "level": "central"},
        }
    }
    procedures = report_fixture.procedures()
    procedures["internal/6.000003.yaml"]["units"] = {"implementing": ["bo-xd"]}
    procedures["internal/6.000005.yaml"] = report_fixture.internal("6.000005", "2024-03-01")
    del procedures["internal/6.000005.yaml"]["units"]
    root = make_catalog(tmp_path, procedures, units=units)
    parts = report_parts(_reports(root), "vi")
    risks = " ".join(p.text for p in parts[3].paragraphs if isinstance(p, Para))
    assert "Bộ Xây dựng" not in risks and "chưa ghi đơn vị" not in risks
    assert "Sở Tư pháp" in risks  # the city's own unit below the cut target is still listed
    limits = " ".join(p.text for p in parts[4].paragraphs if isinstance(p, Para))
    assert "1 thủ tục chưa ghi đơn vị thực hiện: cần bổ sung" in limits
    table = parts[1].table
    assert table is not None
    statuses = {r.cells[1]: r.cells[-1] for r in table.rows}
    ministries = [t for t in statuses if t.startswith("Các bộ, cơ quan ngang bộ chủ trì")]
    assert ministries and all(statuses[t] == "ngoài phạm vi" for t in ministries)
    said = " ".join(p.text for p in parts[1].paragraphs if isinstance(p, Para))
    assert "không thuộc phạm vi đánh giá của Thành phố" in said


def test_procedures_without_a_unit_have_one_label_in_every_human_format(tmp_path: Path) -> None:
    from tests.helpers import run_tthc

    procedures = report_fixture.procedures()
    procedures["public/2.001220.yaml"] = procedure("2.001220", units=None)
    root = make_catalog(tmp_path, procedures)
    for fmt in ("markdown", "csv"):  # text: the same label, wrapped in its table cell
        out = run_tthc("report", str(root), "--as-of", "2024-10-01", "-f", fmt, cwd=tmp_path).stdout
        assert "Thủ tục chưa ghi đơn vị" in " ".join(out.split()), fmt
        assert "| - |" not in out and "\n-," not in out, fmt


def test_the_content_column_is_the_widest_and_the_tables_fill_the_text_width(
    fixture: Path,
) -> None:
    catalog = load_paths([fixture], resolve_config([fixture], None))
    plan = shipped_plan(catalog.config)
    for on in (DAY, date(2026, 1, 2)):  # running and closing report

        def regroup(by: str, day: date = on) -> Report:
            return build_report(catalog, plan, day, by)

        parts = report_parts(ReportSet(regroup("unit"), regroup, config=catalog.config), "vi")
        for table in (parts[1].table, parts[2].table):
            assert table is not None
            assert sum(c.weight for c in table.columns) == 165
        milestones = parts[1].table
        assert milestones is not None
        weights = [c.weight for c in milestones.columns]
        assert weights[1] == max(weights)  # the content, the longest text, is the widest
        assert weights[1] > 30


def test_every_sheet_of_the_workbook_prints_at_a_readable_size(fixture: Path) -> None:
    # 26 columns on one sheet fitted to one A4 page wide printed at about 5 pt
    data = report_xlsx.render(_reports(fixture), OutputContext(lang="vi"))
    workbook = load_workbook(io.BytesIO(data))
    assert {"đơn vị", "đơn vị, chi phí, thời hạn"} <= set(workbook.sheetnames)
    for sheet in workbook.worksheets:
        assert sheet.page_setup.fitToWidth == 1  # still one page wide (#22)
        assert report_xlsx.print_points(sheet) >= 8, sheet.title
    # every column of the grouping is on one of its two sheets, each with the group's name
    first, second = workbook["đơn vị"], workbook["đơn vị, chi phí, thời hạn"]
    heads = [str(c.value) for c in first[1]] + [str(c.value) for c in second[1]]
    assert "PA minh họa (không tính)" in heads and "Cắt giảm thủ tục (%)" in heads
    assert first.cell(1, 1).value == second.cell(1, 1).value == "Đơn vị"


def test_the_form_instruction_under_the_signer_goes_once_a_signer_is_configured(
    tmp_path: Path,
) -> None:
    from tests.helpers import run_tthc

    instruction = "(Chữ ký của người có thẩm quyền, dấu/chữ ký số của cơ quan, tổ chức)"
    signer = {"signer": {"title": "GIÁM ĐỐC", "name": "Nguyễn Văn A"}}
    for document, shown in ((None, True), (signer, False)):
        config = {"cost": {"hourly_value": [report_fixture.HOURLY]}}
        if document is not None:
            config["document"] = document
        root = make_catalog(tmp_path / str(shown), report_fixture.procedures(), config=config)
        out = tmp_path / f"{shown}.html"
        done = run_tthc("report", str(root), "-f", "html", "-o", str(out), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        page = out.read_text(encoding="utf-8")
        assert (instruction in page) is shown
        assert "Nguyễn Văn A" in page or shown

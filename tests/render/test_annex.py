"""The decision annex as a document: the covering decision, Phần I's three lists grouped and
numbered as provincial decisions print them, the corrections named apart, Phần II's sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.diff.test_announce import _planned, announcement
from tests.diff.test_legal import LEGAL, amended
from tests.helpers import procedure
from tthc_cli.config import Config, document_settings
from tthc_cli.diff.announce import Announcement
from tthc_cli.model import Catalog
from tthc_cli.render.annex import annex_document, changed_sections, default_bases
from tthc_cli.render.tables import Document, Para, Part, Table

BASES = ["Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 …;"]


def _change(tmp_path: Path) -> tuple[Announcement, Any]:
    from tests.diff.test_legal import _load

    old = {
        "a.yaml": procedure("2.001219"),
        "b.yaml": procedure("1.000001", name="Cấp lại thẻ"),
        "c.yaml": procedure("1.000002"),
        "e.yaml": procedure("1.000004", field="Đường bộ", levels=["province", "commune"]),
    }
    new = {
        "a.yaml": amended(),
        "c.yaml": procedure("1.000002", name="Thủ tục thử nghiệm (đính chính)"),
        "d.yaml": procedure("1.000003", field="Dược"),
        "e.yaml": procedure("1.000004", field="Đường bộ", levels=["province", "commune"]),
        "f.yaml": procedure("1.000005", field="Đường bộ", levels=["province", "commune"]),
        "legal.yaml": LEGAL,
    }
    found = announcement(tmp_path, old, new)
    return found, _load(tmp_path / "new2", new)


def _tables(document: Document) -> list[tuple[str | None, Table]]:
    return [(p.heading, p.table) for p in document.parts if p.table is not None]


def test_phan_i_lists_only_what_changed_grouped_and_numbered(tmp_path: Path) -> None:
    found, catalog = _change(tmp_path)
    document = annex_document(found, catalog, BASES)
    headings = [p.heading for p in document.parts if p.heading]
    assert headings[:2] == [
        "THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH, ĐƯỢC SỬA ĐỔI, BỔ SUNG, THAY THẾ VÀ BỊ BÃI BỎ",
        "Phần I. DANH MỤC THỦ TỤC HÀNH CHÍNH",
    ]
    (new_heading, new), (amended_heading, changed), (gone_heading, gone) = _tables(document)
    assert new_heading == "1. Danh mục thủ tục hành chính mới ban hành"
    assert amended_heading == "2. Danh mục thủ tục hành chính được sửa đổi, bổ sung, thay thế"
    assert gone_heading == "3. Danh mục thủ tục hành chính bị bãi bỏ"
    # A. level, I. field (Vietnamese order), then procedures numbered through the list
    assert [(r.group, r.cells[0], r.cells[1]) for r in new.rows] == [
        ("level", "A", "Thủ tục hành chính cấp tỉnh"),
        ("field", "I", "Lĩnh vực Dược"),
        (None, "1", "1.000003"),
        ("field", "II", "Lĩnh vực Đường bộ"),
        (None, "2", "1.000005"),
        ("level", "B", "Thủ tục hành chính cấp xã"),
        ("field", "I", "Lĩnh vực Đường bộ"),
        (None, "3", "1.000005"),
    ]
    assert [c.title for c in changed.columns] == [
        "STT",
        "Mã số",
        "Tên thủ tục hành chính",
        "Tên văn bản quy định nội dung sửa đổi, bổ sung, thay thế",
        "Cơ quan thực hiện",
    ]
    row = next(r for r in changed.rows if r.group is None)
    # the amending document from the register, as a citation
    assert row.cells[1:4] == (
        "2.001219",
        "Thủ tục thử nghiệm",
        "Nghị định số 14/2026/NĐ-CP sửa đổi, bổ sung (như sổ ghi)",
    )
    gone_row = next(r for r in gone.rows if r.group is None)
    assert gone_row.cells[1:4] == ("1.000001", "Cấp lại thẻ", "……")


def test_corrections_are_named_apart_never_as_amended(tmp_path: Path) -> None:
    found, catalog = _change(tmp_path)
    document = annex_document(found, catalog, BASES)
    listed = {r.cells[1] for _, t in _tables(document) for r in t.rows if r.group is None}
    assert "1.000002" not in listed
    notes = [p for part in document.parts for p in part.paragraphs if isinstance(p, Para)]
    (note,) = [n for n in notes if "1.000002" in n.text]
    assert note.text.startswith("Ghi chú: 1 thủ tục có thay đổi nhưng không viện dẫn")


def test_phan_ii_holds_the_sheets_of_new_then_amended_procedures(tmp_path: Path) -> None:
    found, catalog = _change(tmp_path)
    document = annex_document(found, catalog, BASES)
    sheet_parts = [p for p in document.parts if p.sheets]
    assert [p.heading for p in sheet_parts] == [
        "A. Thủ tục hành chính mới ban hành",
        "B. Thủ tục hành chính được sửa đổi, bổ sung, thay thế",
    ]
    titles = [s.title for p in sheet_parts for s in p.sheets]
    # one sheet a procedure, even when it is listed at two levels
    assert titles == ["1. Thủ tục thử nghiệm", "2. Thủ tục thử nghiệm", "3. Thủ tục thử nghiệm"]
    amended_sheet = sheet_parts[1].sheets[0]
    # what the amendment changed: a channel's time, the legal basis
    assert (
        amended_sheet.marks[-1] == "Nội dung sửa đổi, bổ sung: Thời hạn giải quyết; Căn cứ pháp lý"
    )
    phan_ii = next(p for p in document.parts if p.heading and p.heading.startswith("Phần II"))
    assert phan_ii.page_break


def test_the_covering_decision_counts_what_it_announces(tmp_path: Path) -> None:
    found, catalog = _change(tmp_path)
    document = annex_document(found, catalog, BASES)
    frame = document.frame
    assert frame is not None and frame.kind == "QUYẾT ĐỊNH"
    assert frame.summary == (
        "Về việc công bố thủ tục hành chính mới ban hành, được sửa đổi, bổ sung, thay thế và"
        " bị bãi bỏ"
    )
    grounds, decides = frame.parts
    assert [p.text for p in grounds.paragraphs if isinstance(p, Para)] == [
        *BASES,
        "Theo đề nghị của …",
    ]
    assert decides.heading == "QUYẾT ĐỊNH:"
    article = decides.paragraphs[0]
    assert isinstance(article, Para) and article.lead == "Điều 1."
    assert article.text == (
        "Công bố kèm theo Quyết định này 02 thủ tục hành chính mới ban hành, 01 thủ tục hành"
        " chính được sửa đổi, bổ sung, thay thế và 01 thủ tục hành chính bị bãi bỏ"
        " (có Phụ lục kèm theo)."
    )
    # nothing in tthc.yaml: placeholders the decree's forms use, never invented
    assert frame.issuer == "TÊN CƠ QUAN, TỔ CHỨC" and frame.number == "…/QĐ-…"
    assert frame.signer.name == "Họ và tên"


def test_the_catalog_s_settings_fill_the_frame(tmp_path: Path) -> None:
    found, catalog = _change(tmp_path)
    settings = {
        "place": "Thành phố Hồ Chí Minh",
        "decision": {
            "issuer": "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
            "signer": {
                "authority": "KT. CHỦ TỊCH",
                "title": "PHÓ CHỦ TỊCH",
                "name": "Nguyễn Văn A",
            },
            "proposal": "Theo đề nghị của Giám đốc Sở Nội vụ.",
            "number": "…/QĐ-UBND",
            "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
            "bases": ["Căn cứ riêng;"],
            "recipients": ["Như Điều 3;", "Lưu: VT, KSTT."],
        },
    }
    config = Config(
        document=document_settings(settings),
        document_kinds={"decision": document_settings(settings["decision"])},
    )
    from dataclasses import replace

    document = annex_document(found, replace(catalog, config=config), BASES)
    frame = document.frame
    assert frame is not None and not frame.blank
    assert (frame.issuer, frame.number_line, frame.place_date) == (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
        "Số: …/QĐ-UBND",
        "Thành phố Hồ Chí Minh, ngày … tháng … năm …",
    )
    assert frame.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    assert frame.recipients == ("Như Điều 3;", "Lưu: VT, KSTT.")
    assert (frame.signer.authority, frame.signer.title, frame.signer.name) == (
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn A",
    )
    assert [p.text for p in frame.parts[0].paragraphs if isinstance(p, Para)] == [
        "Căn cứ riêng;",
        "Theo đề nghị của Giám đốc Sở Nội vụ.",
    ]
    assert frame.signer.stamp is None  # the form's instruction only stands in for a signer


def test_the_decision_takes_only_the_place_from_the_department_s_settings(
    tmp_path: Path,
) -> None:
    """The README's own example: the top level is the Sở's (parent, issuer, signer,
    recipients); the decision is the People's Committee's and inherits none of them."""
    found, catalog = _change(tmp_path)
    settings = {
        "parent": "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
        "issuer": "SỞ NỘI VỤ",
        "place": "Thành phố Hồ Chí Minh",
        "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn A"},
        "recipients": ["Văn phòng Ủy ban nhân dân Thành phố;", "Lưu: VT, KSTT."],
        "decision": {
            "issuer": "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
            "number": "…/QĐ-UBND",
            "signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH"},
        },
    }
    config = Config(
        document=document_settings(settings),
        document_kinds={"decision": document_settings(settings["decision"])},
    )
    from dataclasses import replace

    document = annex_document(found, replace(catalog, config=config), BASES)
    frame = document.frame
    assert frame is not None
    assert frame.parent is None and frame.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    assert frame.place_date.startswith("Thành phố Hồ Chí Minh, ngày")
    assert frame.signer.name == "Họ và tên"  # never the Sở's Phó Giám đốc
    assert "Văn phòng Ủy ban nhân dân Thành phố;" not in frame.recipients
    texts = [p.text for p in frame.parts[0].paragraphs if isinstance(p, Para)]
    assert texts[-1] == "Theo đề nghị của …"  # a placeholder for the proposal
    assert "cơ quan đề nghị" in frame.blank  # named in the note to whoever prepares it
    assert document.parts[0].paragraphs[0] == Para(
        "(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm … của …)",
        italic=True,
        center=True,
    )


def test_a_plan_decision_is_named_as_the_amending_document(tmp_path: Path) -> None:
    before = procedure("6.000001", kind="internal", internal_scope="between_agencies")
    after = _planned("1234/QĐ-UBND")
    after["channels"][0]["time"]["value"] = 3
    found = announcement(tmp_path, {"a.yaml": before}, {"a.yaml": after})
    from tests.diff.test_legal import _load

    catalog: Catalog = _load(tmp_path / "n", {"a.yaml": after})
    document = annex_document(found, catalog, BASES)
    ((_, table),) = _tables(document)
    row = next(r for r in table.rows if r.group is None)
    assert (
        row.cells[3]
        == "Quyết định số 1234/QĐ-UBND phê duyệt phương án đơn giản hóa thủ tục hành chính"
    )
    assert table.rows[0].cells[1] == "Thủ tục hành chính nội bộ cấp tỉnh"
    assert changed_sections(found.amended[0], "vi") == "Thời hạn giải quyết"  # a channel's time


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [({"public"}, ["chung", "công"]), ({"internal"}, ["chung", "nội bộ"])],
)
def test_default_bases_follow_what_is_announced(kinds: set[str], expected: list[str]) -> None:
    data = {"bases": {"public": ["chung", "công"], "internal": ["chung", "nội bộ"]}}

    class Entry:
        def __init__(self, kind: str) -> None:
            self.procedure = type("P", (), {"kind": kind})()

    found = Announcement(tuple(Entry(k) for k in kinds), (), (), ())  # type: ignore[arg-type]
    assert default_bases(data, found) == expected


def test_nothing_announced_still_says_so(tmp_path: Path) -> None:
    found = announcement(tmp_path, {"a.yaml": procedure()}, {"a.yaml": procedure()})
    from tests.diff.test_legal import _load

    document = annex_document(found, _load(tmp_path / "n", {"a.yaml": procedure()}), BASES)
    texts = [p.text for part in document.parts for p in part.paragraphs if isinstance(p, Para)]
    assert any(t.startswith("Không có thủ tục hành chính nào mới ban hành") for t in texts)
    assert not any(isinstance(p, Part) and p.sheets for p in document.parts)


def test_phan_ii_numbers_sections_under_their_procedure(tmp_path: Path) -> None:
    """Procedure "1." then its sections "1.1." … "1.11.", never a second "1."."""
    found, catalog = _change(tmp_path)
    document = annex_document(found, catalog, BASES)
    sheets = [s for part in document.parts for s in part.sheets]
    assert sheets
    for sheet in sheets:
        number = sheet.title.split(".", 1)[0]
        headings = [section.heading for section in sheet.sections]
        assert headings[0] == f"{number}.1. Trình tự thực hiện"
        assert headings[-1] == f"{number}.11. Căn cứ pháp lý"

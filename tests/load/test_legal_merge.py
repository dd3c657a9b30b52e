"""merge_documents: the import adds documents to legal.yaml and never changes what is there."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_cli.config import Limits
from tthc_cli.load.legal_merge import ImportedDocument, merge_documents
from tthc_cli.load.legal_register import parse_register
from tthc_cli.textnorm import nfc

CURATED = """\
# Sổ văn bản của danh mục — ghi chú của người biên tập
documents:
  # Thông tư cũ, đã có nguồn
  - number: 32/2010/TT-BTNMT
    type: Thông tư
    title: "Quy định về cấp phép hoạt động đo đạc và bản đồ"
    issued: "2010-12-08"
    replaced_by: {number: 27/2019/NĐ-CP}   # xem nguồn
    sources: [https://vbpl.vn/a]
  - {number: 27/2019/NĐ-CP, title: Quy định chi tiết Luật Đo đạc và bản đồ}
"""

NEW = ImportedDocument(
    "14/2026/NĐ-CP",
    "Sửa đổi, bổ sung một số điều của các Nghị định: cắt giảm thủ tục",
    type="Nghị định",
    issued=date(2026, 1, 15),
    source="https://dichvucong.gov.vn/p/x",
)


def test_new_documents_are_appended_and_the_curated_text_kept_byte_for_byte() -> None:
    merged = merge_documents(CURATED.encode(), [NEW])
    assert merged.refused is None and merged.added == ("14/2026/NĐ-CP",)
    assert merged.text is not None and merged.text.startswith(CURATED)
    register, findings = parse_register(merged.text.encode(), "legal.yaml", Limits())
    assert findings == [] and register is not None
    added = register.get("14/2026/NĐ-CP")
    assert added is not None
    assert (added.type, added.title, added.issued) == (
        "Nghị định",
        "Sửa đổi, bổ sung một số điều của các Nghị định: cắt giảm thủ tục",
        date(2026, 1, 15),
    )
    assert added.effective is None  # not stated: not written
    assert added.sources == ("https://dichvucong.gov.vn/p/x",)


def test_a_curated_entry_is_never_overwritten_and_differences_are_reported() -> None:
    other = ImportedDocument(
        "32/2010/tt-btnmt", "Tên khác của văn bản", type="Thông tư", issued=date(2010, 12, 9)
    )
    merged = merge_documents(CURATED.encode(), [other])
    assert merged.text is None and merged.added == ()
    assert merged.kept == ("32/2010/TT-BTNMT",)
    assert set(merged.differs) == {("32/2010/TT-BTNMT", "title"), ("32/2010/TT-BTNMT", "issued")}


def test_the_same_number_twice_in_one_import_is_added_once() -> None:
    merged = merge_documents(CURATED.encode(), [NEW, NEW])
    assert merged.added == ("14/2026/NĐ-CP",)


def test_without_a_register_one_is_started() -> None:
    merged = merge_documents(None, [NEW])
    assert merged.text is not None and merged.text.startswith("# yaml-language-server")
    register, findings = parse_register(merged.text.encode(), "legal.yaml", Limits())
    assert findings == [] and register is not None and len(register.documents) == 1


def test_an_empty_flow_list_is_opened_and_a_full_one_refused() -> None:
    merged = merge_documents("documents: []  # trống\n".encode(), [NEW])
    assert merged.added == ("14/2026/NĐ-CP",) and merged.text is not None
    assert "# trống" in merged.text
    full = b"documents: [{number: 1/2020/ND-CP, title: X}]\n"
    assert merge_documents(full, [NEW]).refused == "legal-merge.flow"


def test_a_broken_or_invalid_register_is_left_alone() -> None:
    assert merge_documents(b"documents: [\n", [NEW]).refused == "legal-merge.unreadable"
    assert merge_documents(b"documents: 3\n", [NEW]).refused == "legal-merge.invalid"


def test_a_register_without_a_final_newline_and_with_zero_indent() -> None:
    text = "documents:\n- number: 1/2020/NĐ-CP\n  title: X"
    merged = merge_documents(text.encode(), [NEW])
    assert merged.text is not None and merged.text.startswith(text + "\n- number: 14/2026/NĐ-CP")


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda t: t.strip() != "")


@settings(max_examples=200, deadline=None)
@given(title=_TEXT, kind=_TEXT)
def test_any_title_and_type_round_trip_as_written(title: str, kind: str) -> None:
    document = ImportedDocument("5/2025/TT-BTP", title, type=kind)
    merged = merge_documents(CURATED.encode(), [document])
    if merged.refused is not None:  # text the register's schema cannot hold (never silently)
        assert merged.text is None
        return
    assert merged.text is not None and merged.text.startswith(CURATED)
    register, _ = parse_register(merged.text.encode(), "legal.yaml", Limits())
    assert register is not None
    added = register.get("5/2025/TT-BTP")
    assert added is not None
    assert (added.title, added.type) == (nfc(title).strip(), nfc(kind).strip())

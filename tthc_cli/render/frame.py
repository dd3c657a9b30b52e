"""The administrative frame of a document a department signs and sends, after Nghị định
30/2020/NĐ-CP on clerical work (công tác văn thư), Phụ lục I: the thể thức that the report
(``tthc report -f docx|html``) and the covering Quyết định công bố of the decision annex
(``tthc table --since``) share. Pure: the model and how it is filled from ``tthc.yaml``;
each format draws it (:mod:`~tthc_cli.render.table_html`, :mod:`~tthc_cli.render.table_docx`,
:mod:`~tthc_cli.render.table_text`).

What the decree's layout holds, top to bottom (sizes in points). Sources: Phụ lục I, mục I and
the table of mục II as quoted by thuvienphapluat.vn,
https://thuvienphapluat.vn/hoi-dap-phap-luat/83A430F-hd-quy-dinh-kieu-chu-trong-van-ban-hanh-chinh-theo-nghi-dinh-30-nhu-the-nao.html
and by the Sở Tài chính Hà Tĩnh,
http://sotaichinh.hatinh.gov.vn/the-thuc-va-cach-trinh-bay-van-ban-ap-dung-tu-05-3-2020-1600229131.html
page, margins and page numbers also by luatvietnam.vn,
https://luatvietnam.vn/tin-van-ban-moi/huong-dan-moi-ve-cach-trinh-bay-van-ban-hanh-chinh-186-24146-article.html

1. quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (in hoa, 12–13, đứng, đậm); tiêu ngữ "Độc
   lập - Tự do - Hạnh phúc" (13–14, đậm), a line under it as long as the motto;
2. the body above (in hoa, 12–13) and the issuing body (in hoa, 12–13, đậm), a short line
   under it;
3. số, ký hiệu "Số: 15/BC-SNV" (13);
4. địa danh và thời gian "Thành phố Hồ Chí Minh, ngày … tháng … năm …" (13–14, nghiêng);
5. tên loại "BÁO CÁO" (in hoa, 13–14, đậm) and trích yếu under it (13–14, đậm), a short line;
6. nội dung (13–14); a decision's căn cứ in italics, one a line;
7. quyền hạn, chức vụ "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC" (in hoa, 13–14, đậm), then the name
   (13–14, đậm);
9. nơi nhận: "Nơi nhận:" (12, nghiêng, đậm), one recipient a line (11), the last "Lưu: VT, …".

The sizes of cells 7 and 9 are the decree's table as its forms reproduce it; the excerpts read
above stop before those rows (UNVERIFIED there), the positions are as every decision quoted in
``tthc_cli/data/annex.yaml`` prints them.

Page: A4, margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman;
page numbers (13–14) centred in the top margin, none on the first page.

Everything the catalog does not say (``document`` in ``tthc.yaml``) is printed as the
decree's own forms mark what to fill in ("TÊN CƠ QUAN, TỔ CHỨC", "Số: …/BC-…", "……, ngày …
tháng … năm …", "Họ và tên"), never made up; the date is left for the signer to write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tthc_cli.config import Config, DocumentSettings
from tthc_cli.messages import text
from tthc_cli.render.tables import Part

KINDS = ("report", "decision")


@dataclass(frozen=True, slots=True)
class Signer:
    """Cell 7: the authority line ("KT. GIÁM ĐỐC"; none when the head signs), the title
    ("PHÓ GIÁM ĐỐC"), the space for the signature and seal (with the form's instruction in it
    while no signer is named), the name."""

    authority: str | None
    title: str | None
    stamp: str | None  # the form's instruction, printed only where no signer is named
    name: str


@dataclass(frozen=True, slots=True)
class Frame:
    """A document's thể thức around its body (``parts``). ``blank`` names the elements
    printed as placeholders, for a note to whoever prepares it for signature."""

    nation: str
    motto: str
    parent: str | None
    issuer: str
    number: str  # "…/BC-SNV"
    number_line: str  # "Số: …/BC-SNV"
    place_date: str
    kind: str
    summary: str
    parts: tuple[Part, ...]
    recipients_label: str
    recipients: tuple[str, ...]
    signer: Signer
    authority: str | None = None  # a decision: "CHỦ TỊCH ỦY BAN NHÂN DÂN …", before the căn cứ
    blank: tuple[str, ...] = ()


def settings_for(config: Config, kind: str) -> DocumentSettings:
    """The settings of one kind of document: its own (``document.report``,
    ``document.decision``) over what it takes from ``document``. The top level describes the
    department, which issues the report: the report takes all of it. The decision is issued by
    another body (the People's Committee): it takes only what is the same for both — the place
    — never the department's parent body, issuer, signer or recipients."""
    shared = config.document
    own = config.document_kinds.get(kind, DocumentSettings())
    if kind == "decision":
        shared = DocumentSettings(place=shared.place)
    return shared.merged(own)


def build_frame(
    config: Config,
    kind: str,
    summary: str,
    parts: Sequence[Part],
    lang: str,
) -> Frame:
    """The frame of a ``kind`` document ("report" or "decision") with ``summary`` (trích yếu)
    and body ``parts``, filled from ``tthc.yaml``; placeholders where it says nothing."""
    settings = settings_for(config, kind)
    blank: list[str] = []

    def given(value: str | None, element: str, placeholder: str) -> str:
        if value:
            return value
        blank.append(text(f"frame.element.{element}", lang))
        return text(placeholder, lang)

    issuer = given(settings.issuer, "issuer", "frame.placeholder.issuer")
    parent = settings.parent
    if parent is None and not settings.issuer:
        parent = text("frame.placeholder.parent", lang)
    number = given(settings.number, "number", f"frame.placeholder.number.{kind}")
    place = given(settings.place, "place", "frame.placeholder.place")
    recipients = settings.recipients
    if not recipients:
        blank.append(text("frame.element.recipients", lang))
        recipients = tuple(text("frame.placeholder.recipients", lang).split("\n"))
    signer = settings.signer
    named = bool(signer.title or signer.authority or signer.name)
    if signer.title or signer.authority:
        authority, title = signer.authority, signer.title
    else:
        blank.append(text("frame.element.signer", lang))
        authority, title = text("frame.placeholder.authority", lang), None
    name = given(signer.name, "name", "frame.placeholder.name")
    decision_authority = None
    if kind == "decision":
        decision_authority = given(
            settings.authority, "authority", "frame.placeholder.decision-authority"
        )
    return Frame(
        nation=text("frame.nation", lang),
        motto=text("frame.motto", lang),
        parent=parent,
        issuer=issuer,
        number=number,
        number_line=text("frame.number", lang, number=number),
        place_date=text("frame.place-date", lang, place=place),
        kind=text(f"frame.kind.{kind}", lang),
        summary=summary,
        parts=tuple(parts),
        recipients_label=text("frame.recipients", lang),
        recipients=tuple(recipients),
        signer=Signer(authority, title, None if named else text("frame.stamp", lang), name),
        authority=decision_authority,
        blank=tuple(dict.fromkeys(blank)),
    )


def blank_note(frame: Frame, lang: str) -> str | None:
    """A line for whoever prepares the document: which elements are still to fill in."""
    if not frame.blank:
        return None
    return text("frame.blank-note", lang, elements=", ".join(frame.blank))

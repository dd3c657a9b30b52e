"""The register as people read it (status wording, the sheet's legal-basis line) and as machines
read it (CSV cells that cannot become formulas, ISO dates)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from tests.helpers import make_catalog, procedure
from tthc_cli.findings import Pos
from tthc_cli.formats import OutputContext
from tthc_cli.legal import Amendment, LegalDocument, LegalRegister, Repeal, Replacement
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.model import Catalog
from tthc_cli.render.legal import (
    legal_listing,
    render_csv,
    render_json,
    render_markdown,
    render_text,
    status_text,
)
from tthc_cli.render.tables import procedure_sheet

P = Pos("legal.yaml")


def doc(number: str, **fields: Any) -> LegalDocument:
    return LegalDocument(number, f"Văn bản {number}", P, P, **fields)


def test_each_state_in_words_in_both_languages() -> None:
    a = doc("1/2010/NĐ-CP", effective=date(2010, 1, 1), replaced_by=Replacement("2/2015/NĐ-CP", P))
    b = doc("2/2015/NĐ-CP", effective=date(2015, 1, 1), replaced_by=Replacement("3/2020/NĐ-CP", P))
    c = doc(
        "3/2020/NĐ-CP",
        effective=date(2020, 7, 1),
        amended_by=(Amendment("4/2024/NĐ-CP", P, date(2024, 4, 10)),),
    )
    register = LegalRegister.of("legal.yaml", [a, b, c])
    day = date(2026, 1, 1)
    assert status_text(register.standing(a, day), "vi", a) == (
        "Hết hiệu lực từ 01/01/2015, được thay thế bởi 2/2015/NĐ-CP"
        "; văn bản đang có hiệu lực: 3/2020/NĐ-CP"
    )
    assert status_text(register.standing(c, day), "vi", c) == (
        "Còn hiệu lực; được sửa đổi, bổ sung bởi 4/2024/NĐ-CP từ 10/04/2024"
    )
    assert status_text(register.standing(c, date(2020, 6, 30)), "en", c) == (
        "Not yet in force (in force from 2020-07-01)"
    )
    undated = doc("9/2020/TT-BTP", replaced_by=Replacement("9/2099/TT-BTP", P))
    lone = LegalRegister.of("legal.yaml", [undated])
    assert status_text(lone.standing(undated, day), "vi", undated) == (
        "Hết hiệu lực, được thay thế bởi 9/2099/TT-BTP (chưa rõ từ ngày nào)"
    )
    amended = doc(
        "5/2020/NĐ-CP",
        effective=date(2020, 7, 1),
        amended_by=(Amendment("6/2024/NĐ-CP", P),),
    )
    changed = LegalRegister.of("legal.yaml", [amended])
    assert status_text(changed.standing(amended, day), "vi", amended) == (
        "Còn hiệu lực; được sửa đổi, bổ sung bởi 6/2024/NĐ-CP (chưa rõ ngày có hiệu lực)"
    )
    assert status_text(changed.standing(amended, day), "en", amended) == (
        "In force; amended by 6/2024/NĐ-CP (effective date unknown)"
    )


def test_in_force_until_a_dated_end_says_what_the_date_rests_on() -> None:
    old = doc("26/2008/QH12", replaced_by=Replacement("106/2025/QH15", P, date(2026, 7, 1)))
    gone = doc("3/2020/TT-BTP", repealed=Repeal("2/2025/TT-BTP", P, True, date(2025, 7, 1)))
    register = LegalRegister.of("legal.yaml", [old, gone])
    assert status_text(register.standing(old, date(2026, 6, 30)), "vi", old) == (
        "Còn hiệu lực (đến hết 30/06/2026; từ 01/07/2026 được thay thế bởi 106/2025/QH15; "
        "sổ không ghi ngày bắt đầu có hiệu lực)"
    )
    assert status_text(register.standing(old, date(2026, 6, 30)), "en", old) == (
        "In force (until 2026-06-30 inclusive; replaced by 106/2025/QH15 from 2026-07-01; "
        "the register does not record when it took effect)"
    )
    assert status_text(register.standing(gone, date(2025, 1, 1)), "vi", gone) == (
        "Còn hiệu lực (đến hết 30/06/2025; từ 01/07/2025 bị bãi bỏ bởi 2/2025/TT-BTP; "
        "sổ không ghi ngày bắt đầu có hiệu lực)"
    )


def test_json_keeps_in_force_and_says_the_start_is_not_recorded(tmp_path: Path) -> None:
    legal = {
        "documents": [
            {
                "number": "26/2008/QH12",
                "title": "Luật Thi hành án dân sự",
                "replaced_by": {"number": "106/2025/QH15", "date": "2026-07-01"},
            },
            {
                "number": "106/2025/QH15",
                "title": "Luật Thi hành án dân sự",
                "effective": "2026-07-01",
            },
        ]
    }
    catalog = _catalog(tmp_path, legal)
    ctx = OutputContext(lang="vi")
    listed = legal_listing(catalog, ["26/2008/QH12", "106/2025/QH15"], date(2026, 6, 30))
    old, new = json.loads(render_json(listed, ctx))["documents"]
    assert (old["state"], old["start_unrecorded"], old["in_force_until"]) == (
        "in_force",
        True,
        "2026-06-30",
    )
    assert old["ends_by"]["number"] == "106/2025/QH15" and old["ended_by"] is None
    assert (new["state"], new["start_unrecorded"], new["in_force_until"]) == (
        "not_yet",
        False,
        None,
    )


def _catalog(tmp_path: Path, legal: dict[str, Any] | None) -> Catalog:
    files: dict[str, Any] = {
        "2.001219.yaml": procedure(
            legal_basis=[{"number": "=1/2020/NĐ-CP", "title": '=HYPERLINK("x")'}]
        )
    }
    if legal is not None:
        files["legal.yaml"] = legal
    root = make_catalog(tmp_path, files, config={"as_of": "2026-11-23"})
    return load_paths([root], resolve_config([root], None))


def test_show_s_sheet_says_each_basis_status_only_when_there_is_a_register(
    tmp_path: Path,
) -> None:
    without = _catalog(tmp_path / "a", None)
    proc = without.procedures[0]
    line = procedure_sheet(proc, without, statuses=True).sections[-1].paragraphs[0]
    assert "—" not in line
    legal = {"documents": [{"number": "=1/2020/NĐ-CP", "title": "X", "effective": "2020-02-01"}]}
    with_register = _catalog(tmp_path / "b", legal)
    proc = with_register.procedures[0]
    shown = procedure_sheet(proc, with_register, statuses=True).sections[-1].paragraphs[0]
    assert shown.endswith(" — Còn hiệu lực")


def test_a_printed_sheet_carries_no_status_and_no_stop_before_a_separator(
    tmp_path: Path,
) -> None:
    """An official document prints the citation only: the tool's notes ("Còn hiệu lực",
    "Chưa có trong sổ văn bản") stay in ``tthc show``; a title's full stop is dropped."""
    legal = {
        "documents": [
            {"number": "=1/2020/NĐ-CP", "title": "X hướng dẫn.", "effective": "2020-02-01"}
        ]
    }
    catalog = _catalog(tmp_path, legal)
    proc = catalog.procedures[0]
    line = procedure_sheet(proc, catalog).sections[-1].paragraphs[0]
    assert line.endswith(("x hướng dẫn", "X hướng dẫn")), line
    assert "—" not in line and "hiệu lực" not in line
    ref = replace(proc.legal_basis[0], number="9/2099/NĐ-CP", title="Quy định Y.")
    unknown = replace(catalog, procedures=(replace(proc, legal_basis=(ref,)),))
    line = procedure_sheet(unknown.procedures[0], unknown).sections[-1].paragraphs[0]
    assert line == "Nghị định số 9/2099/NĐ-CP quy định Y"


def test_machine_formats_keep_iso_dates_and_csv_never_starts_a_formula(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, None)
    listed = legal_listing(catalog, [], date(2026, 11, 23))
    rows = list(csv.reader(io.StringIO(render_csv(listed, OutputContext()))))
    assert rows[1][0] == "'=1/2020/NĐ-CP" and rows[1][3].startswith("'=")
    data = json.loads(render_json(listed, OutputContext()))
    assert data["as_of"] == "2026-11-23" and data["register"] is None
    assert data["documents"][0]["state"] == "unregistered"


def test_people_formats_show_control_characters_and_escape_markdown(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, None)
    proc = catalog.procedures[0]
    ref = replace(proc.legal_basis[0], title="a|b \x1b[31m")
    catalog = replace(catalog, procedures=(replace(proc, legal_basis=(ref,)),))
    listed = legal_listing(catalog, [], date(2026, 11, 23))
    assert "\x1b" not in render_text(listed, OutputContext())
    markdown = render_markdown(listed, OutputContext())
    assert "a\\|b" in markdown and "\x1b" not in markdown

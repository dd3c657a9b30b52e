"""The legal documents behind a change: what the new side cites that the old side did not."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from tests.helpers import make_catalog, procedure
from tthc_cli.diff import CatalogDiff, diff_catalogs
from tthc_cli.formats import OutputContext
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.reporters.diff import DIFF_REPORTERS

AMENDING = {"number": "14/2026/NĐ-CP", "title": "sửa đổi, bổ sung một số điều (như thủ tục ghi)"}
LEGAL = {
    "documents": [
        {"number": "14/2026/NĐ-CP", "type": "Nghị định", "title": "Sửa đổi, bổ sung (như sổ ghi)"}
    ]
}


def _load(root: Path, files: dict[str, Any]) -> Any:
    catalog = make_catalog(root, files)
    return load_paths([catalog], resolve_config([catalog], None))


def diff_of(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> CatalogDiff:
    return diff_catalogs(_load(tmp_path / "old", old), _load(tmp_path / "new", new))


def amended() -> dict[str, Any]:
    data = procedure()
    data["legal_basis"] = [*copy.deepcopy(data["legal_basis"]), AMENDING]
    data["channels"][0]["time"]["value"] = 3
    return data


def test_a_changed_procedure_names_the_document_it_now_cites(tmp_path: Path) -> None:
    result = diff_of(tmp_path, {"p.yaml": procedure()}, {"p.yaml": amended(), "legal.yaml": LEGAL})
    (changed,) = result.procedures
    ((number, title, kind),) = [(b.number, b.title, b.type) for b in changed.bases]
    assert (number, title, kind) == ("14/2026/NĐ-CP", "Sửa đổi, bổ sung (như sổ ghi)", "Nghị định")


def test_without_the_register_the_title_is_as_cited(tmp_path: Path) -> None:
    result = diff_of(tmp_path, {"p.yaml": procedure()}, {"p.yaml": amended()})
    (changed,) = result.procedures
    assert [(b.title, b.type) for b in changed.bases] == [(AMENDING["title"], None)]


def test_a_correction_has_no_document_behind_it(tmp_path: Path) -> None:
    corrected = procedure(name="Thủ tục thử nghiệm (sửa lỗi chính tả)")
    result = diff_of(tmp_path, {"p.yaml": procedure()}, {"p.yaml": corrected})
    (changed,) = result.procedures
    assert changed.changes and changed.bases == ()


def test_a_basis_dropped_is_not_behind_anything(tmp_path: Path) -> None:
    result = diff_of(tmp_path, {"p.yaml": amended()}, {"p.yaml": procedure()})
    (changed,) = result.procedures
    assert changed.bases == ()


def test_an_added_procedure_names_what_no_old_procedure_cited(tmp_path: Path) -> None:
    new_one = procedure("2.000001", legal_basis=[*procedure()["legal_basis"], AMENDING])
    result = diff_of(tmp_path, {"p.yaml": procedure()}, {"p.yaml": procedure(), "q.yaml": new_one})
    added = [p for p in result.procedures if p.code == "2.000001"]
    assert [b.number for b in added[0].bases] == ["14/2026/NĐ-CP"]


def test_reporters_show_the_documents(tmp_path: Path) -> None:
    result = diff_of(tmp_path, {"p.yaml": procedure()}, {"p.yaml": amended(), "legal.yaml": LEGAL})
    ctx = OutputContext(lang="vi")
    assert "Văn bản mới làm căn cứ: Nghị định 14/2026/NĐ-CP" in DIFF_REPORTERS["text"](result, ctx)
    assert "Nghị định 14/2026/NĐ-CP" in DIFF_REPORTERS["markdown"](result, ctx)
    data = json.loads(DIFF_REPORTERS["json"](result, ctx))
    (bases,) = [p["legal_bases"] for p in data["procedures"]]
    assert bases[0]["number"] == "14/2026/NĐ-CP" and bases[0]["type"] == "Nghị định"
    en = DIFF_REPORTERS["text"](result, OutputContext(lang="en"))
    assert "Legal documents behind the change: Nghị định 14/2026/NĐ-CP" in en

"""``tthc show CODE`` through the real entry point."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import make_catalog, run_tthc
from tests.render.test_tables import SECTION_HEADINGS, fixture_procedures


def test_show_prints_every_section(tmp_path: Path) -> None:
    make_catalog(tmp_path, fixture_procedures())
    result = run_tthc("show", "1.000001", cwd=tmp_path, env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Cấp giấy phép hành nghề" in out
    assert "Lĩnh vực: Công chứng" in out
    for heading in SECTION_HEADINGS:
        assert heading in out
    assert "150.000 đồng" in out and "Sở Tư pháp Thành phố Hồ Chí Minh" in out
    assert "\x1b[" not in out  # NO_COLOR is set by run_tthc


def test_show_in_english(tmp_path: Path) -> None:
    make_catalog(tmp_path, fixture_procedures())
    result = run_tthc("show", "2.001219", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1. Steps" in result.stdout and "Free of charge" in result.stdout


def test_show_keeps_markup_literal(tmp_path: Path) -> None:
    data = fixture_procedures()
    data["public/2.001219.yaml"]["name"] = "[bold red]not markup[/] <script>"
    make_catalog(tmp_path, data)
    result = run_tthc("show", "2.001219", cwd=tmp_path, env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    assert "[bold red]not markup[/] <script>" in result.stdout


def test_show_unknown_code_exits_3_with_one_line(tmp_path: Path) -> None:
    make_catalog(tmp_path, fixture_procedures())
    result = run_tthc("show", "9.999999", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.strip() == "tthc: Không có thủ tục mã 9.999999 trong danh mục."

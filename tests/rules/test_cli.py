"""The rules through the real entry point: exit codes, both languages, rule documentation."""

from pathlib import Path

from tests.helpers import make_catalog, procedure, run_tthc


def _broken_catalog(tmp_path: Path) -> None:
    data = procedure(levels=["district"], internal_scope="within_agency")
    data["steps"][1]["lead"] = ["so-xay-dung", "so-tu-phap"]
    data["legal_basis"] = [{"id": "nd-63", "number": "NĐ 63/2010", "title": "Nghị định 63"}]
    data["components"] = [{"id": "ho-khau", "name": "Sổ hộ khẩu", "copies": 1}]
    make_catalog(tmp_path, {"2.001219.yaml": data}, config={"as_of": "2026-11-23"})


def test_validate_reports_rule_findings_in_vietnamese(tmp_path: Path) -> None:
    _broken_catalog(tmp_path)
    result = run_tthc("validate", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    for rule in (
        "district-level",
        "internal-scope",
        "step-single-lead",
        "legal-number",
        "component-abolished",
    ):
        assert f"[{rule}]" in result.stdout
    assert "Cấp huyện đã bỏ từ 01/07/2025" in result.stdout
    assert "Luật Cư trú số 68/2020/QH14" in result.stdout
    assert "4 lỗi, 1 cảnh báo" in result.stdout


def test_validate_reports_rule_findings_in_english(tmp_path: Path) -> None:
    _broken_catalog(tmp_path)
    result = run_tthc("validate", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "The district level was abolished on 2025-07-01" in result.stdout
    assert "Step 'tham-dinh' has 2 lead units (so-xay-dung, so-tu-phap)" in result.stdout


def test_clean_catalog_passes(tmp_path: Path) -> None:
    make_catalog(tmp_path, config={"as_of": "2026-11-23"})
    result = run_tthc("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_rule_documentation_is_shown(tmp_path: Path) -> None:
    result = run_tthc("rules", "consult-specific", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "consult-specific (lỗi)" in result.stdout
    assert "\nĐạt:\n" in result.stdout and "\nKhông đạt:\n" in result.stdout
    english = run_tthc("rules", "consult-specific", "--lang", "en", cwd=tmp_path)
    assert "consult-specific (error)" in english.stdout
    assert "\nPasses:\n" in english.stdout and "\nFails:\n" in english.stdout
    listing = run_tthc("rules", cwd=tmp_path)
    assert "steps-fit-total" in listing.stdout and "Quy tắc" in listing.stdout
    check = run_tthc("rules", "yaml-duplicate-key", "--lang", "en", cwd=tmp_path)
    assert check.stdout.startswith("yaml-duplicate-key (error)") and "mapping" in check.stdout
    unknown = run_tthc("rules", "khong-co", cwd=tmp_path)
    assert unknown.returncode == 2 and "khong-co" in unknown.stderr


def test_rule_documentation_is_plain_text_for_the_terminal() -> None:
    done = run_tthc("rules", "steps-fit-total", env={"COLUMNS": "100"})
    assert done.returncode == 0, done.stderr
    assert "``" not in done.stdout and "::" not in done.stdout
    assert "\nĐạt:\n\n    channels:\n      - {channel: direct" in done.stdout
    # the source's hard breaks are gone: the first paragraph fills lines up to the width
    paragraph = done.stdout.split("\n\n")[2].splitlines()
    assert all(90 <= len(line) <= 100 for line in paragraph[:-1])

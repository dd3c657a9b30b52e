"""load_paths and load_source: which files a command reads, and where the units registry is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import dump, make_catalog, procedure
from tthc_cli.config import Config, Limits
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.load.catalog import load_paths, load_source
from tthc_cli.load.config_file import resolve_config
from tthc_cli.load.pipeline import process_procedure
from tthc_cli.load.sources import DirSource
from tthc_cli.model import Catalog

FILES = {
    "public/1.000001.yaml": procedure("1.000001"),
    "public/1.000002.yaml": procedure("1.000002"),
    "internal/6.000001.yaml": procedure("6.000001"),
}


@pytest.fixture
def catalog_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_catalog(tmp_path, FILES)


def load(*paths: str) -> Catalog:
    chosen = [Path(p) for p in paths]
    return load_paths(chosen, resolve_config(chosen, None))


def codes(catalog: Catalog) -> list[str]:
    return sorted(p.code for p in catalog.procedures)


def test_no_path_loads_the_configured_catalog(catalog_dir: Path) -> None:
    catalog = load()
    assert codes(catalog) == ["1.000001", "1.000002", "6.000001"]
    assert catalog.root == "catalog"
    assert catalog.units_file == "catalog/units.yaml"
    assert "so-xay-dung" in catalog.units


def test_no_path_from_a_subfolder_finds_config_upward(
    catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(catalog_dir / "public")
    catalog = load()
    assert codes(catalog) == ["1.000001", "1.000002", "6.000001"]


def test_catalog_folder(catalog_dir: Path) -> None:
    catalog = load("catalog")
    assert codes(catalog) == ["1.000001", "1.000002", "6.000001"]
    assert catalog.files == (
        "catalog/internal/6.000001.yaml",
        "catalog/public/1.000001.yaml",
        "catalog/public/1.000002.yaml",
    )


def test_subfolder_selects_its_files_and_keeps_the_units(catalog_dir: Path) -> None:
    catalog = load("catalog/public")
    assert codes(catalog) == ["1.000001", "1.000002"]
    assert catalog.root == "catalog"
    assert catalog.units_file == "catalog/units.yaml"


def test_single_file_inside_the_catalog(catalog_dir: Path) -> None:
    catalog = load("catalog/internal/6.000001.yaml")
    assert codes(catalog) == ["6.000001"]
    assert catalog.units_file == "catalog/units.yaml"
    assert catalog.files == ("catalog/internal/6.000001.yaml",)


def test_file_and_subfolder_together(catalog_dir: Path) -> None:
    catalog = load("catalog/internal", "catalog/public/1.000002.yaml")
    assert codes(catalog) == ["1.000002", "6.000001"]


def test_catalog_folder_wins_over_its_parts(catalog_dir: Path) -> None:
    assert codes(load("catalog/public", "catalog")) == ["1.000001", "1.000002", "6.000001"]


def test_subfolder_with_similar_name_is_not_mixed_in(catalog_dir: Path) -> None:
    (catalog_dir / "public-old").mkdir()
    (catalog_dir / "public-old" / "1.000009.yaml").write_text(dump(procedure("1.000009")))
    assert codes(load("catalog/public")) == ["1.000001", "1.000002"]


def test_file_outside_any_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "1.000003.yaml").write_text(dump(procedure("1.000003")), encoding="utf-8")
    (loose / "other.yaml").write_text("this: is not read\n", encoding="utf-8")
    monkeypatch.chdir(loose)
    catalog = load("1.000003.yaml")
    assert codes(catalog) == ["1.000003"]
    assert catalog.files == ("1.000003.yaml",)
    assert catalog.units_file is None


def test_paths_from_two_catalogs_are_a_usage_error(catalog_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.yaml"
    other.write_text(dump(procedure("1.000004")), encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load("catalog/public/1.000001.yaml", str(other))
    assert caught.value.key == "error.mixed-catalogs"


def test_missing_path_stops(catalog_dir: Path) -> None:
    with pytest.raises(TthcError) as caught:
        load("catalog/khong-co")
    assert caught.value.key == "error.path-missing"
    assert caught.value.exit_code == 3


def test_ignore_patterns_and_units_file_are_not_procedures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make_catalog(
        tmp_path, {**FILES, "drafts/x.yaml": "not: a procedure\n"}, config={"ignore": ["drafts/*"]}
    )
    catalog = load()
    assert "catalog/units.yaml" not in catalog.files
    assert not [f for f in catalog.files if "drafts" in f]
    assert catalog.findings == ()


def test_hidden_files_and_non_yaml_are_skipped(catalog_dir: Path) -> None:
    (catalog_dir / ".hidden.yaml").write_text("broken: [\n")
    (catalog_dir / "notes.txt").write_text("x")
    assert DirSource(catalog_dir).list() == [
        "internal/6.000001.yaml",
        "public/1.000001.yaml",
        "public/1.000002.yaml",
        "units.yaml",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this platform")
def test_symlink_loop_is_reported_once(catalog_dir: Path) -> None:
    try:
        (catalog_dir / "public" / "up").symlink_to(catalog_dir, target_is_directory=True)
    except OSError as exc:
        pytest.skip(f"cannot create a symbolic link here: {exc}")
    source = DirSource(catalog_dir, follow_symlinks=True)
    listed = source.list()
    assert len(listed) == 4
    assert [f.rule for f in source.walk_findings] == ["walk-symlink-loop"]
    # Selecting two subfolders must not walk (and report) twice.
    config = Config(follow_symlinks=True)
    catalog = load_paths([catalog_dir / "public", catalog_dir / "internal"], config)
    assert [f.rule for f in catalog.findings].count("walk-symlink-loop") == 1
    # Not following links (the default), the link is named and nothing is walked through it.
    source = DirSource(catalog_dir)
    assert len(source.list()) == 4
    assert [(f.rule, f.file.rsplit("/", 2)[-2:]) for f in source.walk_findings] == [
        ("file-symlink", ["public", "up"])
    ]


def test_broken_units_registry_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    catalog_dir = make_catalog(tmp_path, FILES)
    (catalog_dir / "units.yaml").write_text("units: [\n")
    catalog = load_source(DirSource(catalog_dir), Config())
    assert [f.rule for f in catalog.findings] == ["yaml-syntax"]
    assert catalog.units == {}
    assert len(catalog.procedures) == 3


def test_process_procedure_is_pure_and_schema_gated() -> None:
    good = process_procedure(dump(procedure("1.000001")).encode(), "x.yaml", Limits())
    assert good.procedure is not None and good.findings == ()
    bad = process_procedure(dump(procedure("1.000001", kind="nope")).encode(), "x.yaml", Limits())
    assert bad.procedure is None
    assert [f.rule for f in bad.findings] == ["schema"]

"""Reuse across loads (tthc diff): a shared file's result, renamed, is exactly what building
it under the new name gives, and a diff built with reuse equals one built without."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import dump, make_catalog, procedure
from tthc_cli.cli._common import open_config
from tthc_cli.cli.diff import load_side
from tthc_cli.config import Limits
from tthc_cli.findings import Finding, Pos, Severity
from tthc_cli.load import pool
from tthc_cli.load.cache import Cache
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.load.files import LoadOptions
from tthc_cli.load.pipeline import FileResult, process_procedure, results_codec
from tthc_cli.load.reuse import Reuse, renamed

REPO = Path(__file__).resolve().parents[2]
REPO_FILES = sorted(
    p for p in (REPO / "procedures").rglob("*.yaml") if p.name not in ("units.yaml", "legal.yaml")
)
ODD = {  # files whose results carry findings, with or without a procedure
    "duplicate-key": dump(procedure("1.000001")) + "code: '1.000002'\n",
    "yaml11-boolean": dump(procedure("1.000001", note="x")).replace("note: x", "note: yes"),
    "schema": dump(procedure("1.000001", kind="nope")),
    "syntax": "code: [1.000001\n",
    "not-mapping": "- a\n- b\n",
}


def _same(a: FileResult, b: FileResult) -> None:
    assert a == b
    # == skips fields that do not compare (a duration's position); the pickles do not
    assert results_codec().dumps(a) == results_codec().dumps(b)


@pytest.mark.parametrize("path", REPO_FILES, ids=lambda p: p.name)
def test_renamed_repo_procedure_is_built_under_the_new_name(path: Path) -> None:
    raw = path.read_bytes()
    before = process_procedure(raw, "old/catalog/x.yaml", Limits())
    after = renamed(before, "old/catalog/x.yaml", "HEAD:x.yaml")
    _same(after, process_procedure(raw, "HEAD:x.yaml", Limits()))
    assert before.procedure is not None and before.procedure.path == "old/catalog/x.yaml"


@pytest.mark.parametrize("name", sorted(ODD))
def test_renamed_findings_are_built_under_the_new_name(name: str) -> None:
    raw = ODD[name].encode()
    before = process_procedure(raw, "a/p.yaml", Limits())
    assert before.findings
    after = renamed(before, "a/p.yaml", "b/p.yaml")
    _same(after, process_procedure(raw, "b/p.yaml", Limits()))


def test_rename_touches_only_the_old_name() -> None:
    elsewhere = Finding("r", Severity.WARNING, "m", Pos("units.yaml", 3, 1))
    here = Finding("r", Severity.WARNING, "m", Pos("a/p.yaml", 2, 5))
    after = renamed(FileResult(None, (elsewhere, here)), "a/p.yaml", "b/p.yaml")
    assert [f.pos for f in after.findings] == [Pos("units.yaml", 3, 1), Pos("b/p.yaml", 2, 5)]


def _two_versions(tmp_path: Path) -> tuple[Path, Path]:
    files: dict[str, Any] = {f"p/{i}.yaml": procedure(f"1.00000{i}") for i in range(1, 7)}
    files["p/broken.yaml"] = "code: [\n"
    old = make_catalog(tmp_path / "old", files)
    files["p/2.yaml"] = procedure("1.000002", name="Tên mới")
    files["q/3.yaml"] = files.pop("p/3.yaml")  # same bytes, another place
    del files["p/4.yaml"]
    new = make_catalog(tmp_path / "new", files)
    return old, new


def test_second_side_builds_only_what_changed_and_loads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = _two_versions(tmp_path)
    monkeypatch.setenv("TTHC_NO_CACHE", "1")
    config = open_config([], None, None)
    alone = [load_side(str(side), config, Reuse())[0] for side in (old, new)]
    built: list[str] = []
    real = pool.process_procedure

    def counting(raw: bytes, file: str, limits: Limits) -> FileResult:
        built.append(file.rsplit("/", 2)[-2] + "/" + file.rsplit("/", 1)[-1])
        return real(raw, file, limits)

    monkeypatch.setattr(pool, "process_procedure", counting)
    shared = Reuse()
    together = [load_side(str(side), config, shared)[0] for side in (old, new)]
    assert together == alone
    for a, b in zip(together[1].procedures, alone[1].procedures, strict=True):
        assert results_codec().dumps(a) == results_codec().dumps(b)
    assert sorted(built[7:]) == ["p/2.yaml", "q/3.yaml"]  # after the old side's 7 files
    assert len(built) == 9


def test_reused_results_are_stored_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = _two_versions(tmp_path)
    cache = Cache.for_settings("s", tmp_path / "cache")
    config = resolve_config([new], None)
    shared = Reuse()
    for side in (old, new):
        load_paths([side], config, LoadOptions(cache=cache, reuse=shared))
    # the two files built, then the four taken from the old side: two blobs, not five
    assert [len(keys) for keys, _ in cache.blobs(str(new))] == [2, 4]
    built: list[str] = []
    real = pool.process_procedure
    monkeypatch.setattr(pool, "process_procedure", lambda *a: built.append(a[1]) or real(*a))
    load_paths([new], config, LoadOptions(cache=cache))
    assert built == []

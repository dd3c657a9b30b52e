"""Reading legal.yaml: built into the model, schema errors where they stand, cached by its bytes,
and part of the fingerprint every cached result depends on."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import make_catalog, procedure
from tthc_cli.cli._loading import validated
from tthc_cli.config import Limits
from tthc_cli.load import legal_register
from tthc_cli.load.cache import Cache
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.load.files import LoadOptions
from tthc_cli.load.reading import read_paths

REGISTER = """\
documents:
  - number: 32/2010/TT-BTNMT
    type: Thông tư
    title: Quy định về cấp phép hoạt động đo đạc và bản đồ
    issuer: Bộ Tài nguyên và Môi trường
    issued: "2010-12-08"
    effective: "2011-01-22"
    amended_by:
      - {number: 1/2015/TT-BTNMT, date: "2015-03-01", articles: Điều 5}
    replaced_by: {number: 27/2019/NĐ-CP}
    repealed: {by: 27/2019/NĐ-CP, extent: part, articles: Điều 9}
    sources: [https://vbpl.vn/example]
    note: Ghi chú
"""


def parse(text: str) -> Any:
    return legal_register.parse_register(text.encode("utf-8"), "legal.yaml", Limits())


def test_a_register_is_built_with_every_field() -> None:
    register, findings = parse(REGISTER)
    assert findings == []
    (document,) = register.documents
    assert document.label == "Thông tư 32/2010/TT-BTNMT"
    assert (document.issued, document.effective) == (date(2010, 12, 8), date(2011, 1, 22))
    assert document.issuer == "Bộ Tài nguyên và Môi trường"
    assert [(a.number, a.date, a.articles) for a in document.amended_by] == [
        ("1/2015/TT-BTNMT", date(2015, 3, 1), "Điều 5")
    ]
    assert document.replaced_by.number == "27/2019/NĐ-CP" and document.replaced_by.date is None
    assert document.repealed.whole is False and document.repealed.articles == "Điều 9"
    assert document.sources == ("https://vbpl.vn/example",)
    assert (document.pos.line, document.number_pos.line, document.number_pos.column) == (2, 2, 13)
    assert document.amended_by[0].pos.line == 9
    assert register.get("32/2010/tt-btnmt") is document


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("documents:\n  - number: 1/2020/NĐ-CP\n", 2, 5, "schema.required"),
        (
            "documents:\n  - number: 1/2020/NĐ-CP\n    title: X\n    issued: 2020-13-45\n",
            4,
            13,
            None,
        ),
        (
            "documents:\n  - number: 1/2020/NĐ-CP\n    title: X\n"
            "    repealed: {by: 2/2021/NĐ-CP, extent: some}\n",
            4,
            42,
            "schema.enum",
        ),
        (
            "documents:\n  - number: 1/2020/NĐ-CP\n    title: X\n    sources: [vbpl.vn]\n",
            4,
            15,
            "schema.pattern",
        ),
        ("documents:\n  - number: 1/2020/NĐ-CP\n    title: X\n    titel: Y\n", 4, 5, None),
        ("units: {}\n", 1, 1, None),
    ],
)
def test_schema_errors_stand_where_the_cause_is(
    text: str, line: int, column: int, message: str | None
) -> None:
    register, findings = parse(text)
    assert register is None
    schema = [f for f in findings if f.rule == "schema"]
    assert schema, findings
    assert (schema[0].line, schema[0].column) == (line, column), schema
    if message is not None:
        assert schema[0].message == message


def test_a_broken_register_gives_its_yaml_finding_and_no_register() -> None:
    register, findings = parse("documents: [\n")
    assert register is None
    assert [f.rule for f in findings] == ["yaml-syntax"]


def _catalog(tmp_path: Path, legal: str | None) -> Path:
    files: dict[str, Any] = {"2.001219.yaml": procedure()}
    if legal is not None:
        files["legal.yaml"] = legal
    return make_catalog(tmp_path, files)


def test_the_catalog_carries_its_register_and_its_findings(tmp_path: Path) -> None:
    root = _catalog(tmp_path, "documents:\n  - {number: 1/2020/NĐ-CP}\n")
    catalog = load_paths([root], resolve_config([root], None))
    assert catalog.legal is None
    assert [(f.rule, Path(f.file).name) for f in catalog.findings] == [("schema", "legal.yaml")]
    assert [Path(f).name for f in catalog.files] == ["2.001219.yaml"]  # not a procedure


def test_the_fingerprint_changes_with_the_register(tmp_path: Path) -> None:
    root = _catalog(tmp_path, REGISTER)
    config = resolve_config([root], None)
    first = read_paths([root], config).fingerprint("validate")
    (root / "legal.yaml").write_text(REGISTER + "# sửa\n", encoding="utf-8")
    second = read_paths([root], config).fingerprint("validate")
    (root / "legal.yaml").unlink()
    third = read_paths([root], config).fingerprint("validate")
    assert len({first, second, third}) == 3


def test_a_cached_validation_sees_a_change_to_the_register(tmp_path: Path) -> None:
    basis = [{"number": "32/2010/TT-BTNMT", "title": "Quy định về cấp phép"}]
    legal = (
        "documents:\n"
        "  - number: 32/2010/TT-BTNMT\n"
        "    title: Quy định về cấp phép hoạt động đo đạc và bản đồ\n"
        '    replaced_by: {number: 27/2019/NĐ-CP, date: "2027-01-01"}\n'
        "  - {number: 27/2019/NĐ-CP, title: Nghị định}\n"
    )
    files = {"2.001219.yaml": procedure(legal_basis=basis), "legal.yaml": legal}
    root = make_catalog(tmp_path, files, config={"as_of": "2026-11-23"})
    config = resolve_config([root], None)
    options = LoadOptions(cache=Cache.for_settings("s", tmp_path / "cache"))

    def messages() -> list[str]:
        return [f.message for f in validated(read_paths([root], config), options).findings]

    assert "legal-basis-in-force" not in messages()
    assert "legal-basis-in-force" not in messages()  # from the cache
    (root / "legal.yaml").write_text(legal.replace("2027-01-01", "2019-03-13"), encoding="utf-8")
    assert "legal-basis-in-force" in messages()


def test_the_parsed_register_comes_from_the_cache_while_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _catalog(tmp_path, REGISTER)
    config = resolve_config([root], None)
    options = LoadOptions(cache=Cache.for_settings("s", tmp_path / "cache"))
    calls: list[str] = []
    real = legal_register.parse_register

    def counting(raw: bytes, file: str, limits: Limits) -> Any:
        calls.append(file)
        return real(raw, file, limits)

    monkeypatch.setattr(legal_register, "parse_register", counting)
    fresh = load_paths([root], config, options)
    again = load_paths([root], config, options)
    assert again.legal == fresh.legal and fresh.legal is not None
    assert len(calls) == 1
    (root / "legal.yaml").write_text(REGISTER + "# sửa\n", encoding="utf-8")
    load_paths([root], config, options)
    assert len(calls) == 2


def test_the_register_is_read_from_the_catalog_root_only(tmp_path: Path) -> None:
    files = {"2.001219.yaml": procedure(), "sub/legal.yaml": procedure("2.000001")}
    root = make_catalog(tmp_path, files)
    catalog = load_paths([root], resolve_config([root], None))
    assert catalog.legal is None
    assert sorted(p.code for p in catalog.procedures) == ["2.000001", "2.001219"]

"""Hostile files through the real entry point: findings with file:line:col, exit 1, no traceback."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import dump, make_catalog, procedure, run_tthc
from tests.load.test_yamlsafe import billion_laughs, cp1258_bytes

GOOD = dump(procedure("1.000001"))


def validate(
    tmp_path: Path,
    content: str | bytes,
    name: str = "1.000001.yaml",
    *args: str,
    timeout: float = 60,
) -> tuple[int, list[dict[str, Any]], str]:
    """Validate a catalog holding one file; return exit code, JSON findings, stderr."""
    make_catalog(tmp_path, {name: content})
    done = run_tthc("validate", "--format", "json", *args, cwd=tmp_path, timeout=timeout)
    assert "Traceback" not in done.stderr
    findings = json.loads(done.stdout)["findings"] if done.stdout.strip() else []
    return done.returncode, findings, done.stderr


def one(findings: list[dict[str, Any]], rule: str) -> dict[str, Any]:
    matching = [f for f in findings if f["rule"] == rule]
    assert len(matching) == 1, findings
    return matching[0]


def where(finding: dict[str, Any]) -> str:
    return f"{finding['file']}:{finding['line']}:{finding['column']}"


def test_unquoted_code_brought_in_by_a_merge_keeps_its_digits(tmp_path: Path) -> None:
    """``<<: *defaults`` copies values; the message still shows 1.001230 as written."""
    text = "_defaults: &defaults\n  code: 1.001230\n<<: *defaults\n" + "\n".join(
        line for line in GOOD.splitlines() if not line.startswith("code:")
    )
    code, findings, _ = validate(tmp_path, text + "\n", "1.001230.yaml")
    assert code == 1
    messages = [
        f["message"] for f in findings if f["rule"] == "schema" and "1.0012" in f["message"]
    ]
    assert messages and all("1.001230" in m and "1.00123 " not in m for m in messages), messages


def test_duplicate_key(tmp_path: Path) -> None:
    code, findings, _ = validate(tmp_path, GOOD + "kind: internal\n")
    finding = one(findings, "yaml-duplicate-key")
    assert code == 1
    assert where(finding) == f"catalog/1.000001.yaml:{GOOD.count(chr(10)) + 1}:1"
    assert finding["args"]["first_line"] == GOOD.splitlines().index("kind: public") + 1
    assert finding["args"]["key"] == "kind"


def test_unquoted_code_is_a_schema_finding_showing_its_digits(tmp_path: Path) -> None:
    text = GOOD.replace("code: '1.000001'", "code: 1.001230")
    code, findings, _ = validate(tmp_path, text, "1.001230.yaml")
    finding = one(findings, "schema")
    assert code == 1
    assert where(finding) == "catalog/1.001230.yaml:1:7"
    assert "1.001230" in finding["message"] and "1.00123 " not in finding["message"]
    assert '"1.001230"' in finding["message"]  # tells the author to quote it
    assert finding["message_key"] == "schema.type-quote"


def test_yaml11_booleans_warn_at_their_line(tmp_path: Path) -> None:
    lines = GOOD.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("subjects:"))
    lines[index + 1] = "- NO"
    code, findings, _ = validate(tmp_path, "\n".join(lines) + "\n")
    finding = one(findings, "yaml-ambiguous-value")
    assert finding["line"] == index + 2
    assert finding["severity"] == "warning"
    assert code == 0  # a warning alone does not fail by default


@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30"])
def test_impossible_date_is_a_schema_finding(tmp_path: Path, value: str) -> None:
    text = GOOD.replace("read_on: '2026-11-23'", f"read_on: {value}")
    assert value in text
    code, findings, _ = validate(tmp_path, text)
    finding = one(findings, "schema")
    assert code == 1
    assert finding["message_key"] == "schema.format"
    assert finding["line"] == text.splitlines().index(f"  read_on: {value}") + 1


def test_billion_laughs_finishes(tmp_path: Path) -> None:
    code, findings, _ = validate(tmp_path, billion_laughs(), timeout=20)
    assert code == 1
    assert one(findings, "yaml-too-many-nodes")["file"] == "catalog/1.000001.yaml"


def test_alias_cycle(tmp_path: Path) -> None:
    code, findings, _ = validate(tmp_path, "a: &x [*x]\n")
    assert code == 1
    assert where(one(findings, "yaml-alias-cycle")) == "catalog/1.000001.yaml:1:4"


def test_python_tag_is_not_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = GOOD + f"note: !!python/object/apply:os.system ['touch {marker}']\n"
    code, findings, _ = validate(tmp_path, text)
    assert code == 1
    assert one(findings, "yaml-tag")["line"] == GOOD.count("\n") + 1
    assert not marker.exists()


@pytest.mark.parametrize(
    ("content", "rule", "line"),
    [
        (GOOD + "---\ncode: '1.000002'\n", "yaml-multi-document", GOOD.count("\n") + 1),
        ("", "yaml-empty", 1),
        ("# chỉ có chú thích\n", "yaml-empty", 1),
        ("- a\n- b\n", "yaml-not-mapping", 1),
        ("chỉ là chữ\n", "yaml-not-mapping", 1),
        ("a: 1\nb: x\x07y\n", "yaml-syntax", 2),
        ("a: [\n", "yaml-syntax", 2),
    ],
)
def test_document_shapes(tmp_path: Path, content: str, rule: str, line: int) -> None:
    code, findings, _ = validate(tmp_path, content)
    assert code == 1
    assert one(findings, rule)["line"] == line


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (cp1258_bytes(), "Windows-1258"),
        ("name: café\n".encode("latin-1"), "Latin-1/Windows-1252"),
        (GOOD.encode("utf-16"), "UTF-16"),
        (GOOD.encode("utf-16-le"), "UTF-16"),
        (GOOD.encode("utf-32"), "UTF-32"),
    ],
)
def test_not_utf8(tmp_path: Path, raw: bytes, encoding: str) -> None:
    code, findings, _ = validate(tmp_path, raw)
    assert code == 1
    finding = one(findings, "file-encoding")
    assert finding["args"]["encoding"] == encoding
    assert encoding in finding["message"]


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    raw = codecs.BOM_UTF8 + (GOOD + "kind: public\n").replace("\n", "\r\n").encode()
    code, findings, _ = validate(tmp_path, raw)
    assert code == 1
    assert one(findings, "yaml-duplicate-key")["line"] == GOOD.count("\n") + 1
    assert not [f for f in findings if f["rule"] in ("yaml-syntax", "file-encoding")]


@pytest.mark.parametrize(
    "raw", [b"a: 1\nb: \x00\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"], ids=["nul", "png"]
)
def test_binary(tmp_path: Path, raw: bytes) -> None:
    code, findings, _ = validate(tmp_path, raw)
    assert code == 1
    assert one(findings, "file-binary")


@pytest.mark.parametrize(
    "raw",
    [b"[" * 100_000, "".join(" " * i + f"k{i}:\n" for i in range(150)).encode()],
    ids=["brackets", "block"],
)
def test_too_deep(tmp_path: Path, raw: bytes) -> None:
    code, findings, _ = validate(tmp_path, raw, timeout=30)
    assert code == 1
    assert one(findings, "yaml-too-deep")


def _nested(shape: str, levels: int) -> str:
    """A ``note`` holding ``levels`` lists in one another (block lists end in a null item)."""
    if shape == "flow":
        return "note: " + "[" * levels + "]" * levels + "\n"
    return "note:\n" + "".join("  " * i + "- \n" for i in range(1, levels + 1))


@pytest.mark.parametrize(("shape", "deepest"), [("flow", 199), ("block", 198)])
def test_the_deepest_nesting_the_config_allows_is_checked_not_crashed(
    tmp_path: Path, shape: str, deepest: int
) -> None:
    """``limits.max_depth`` may be raised to 200 and no further: deeper, Python's recursion
    gave out before the depth check (at 330, RecursionError and exit 3)."""

    def rules(levels: int, max_depth: int = 200) -> tuple[int, set[str]]:
        files = {"1.000001.yaml": GOOD + _nested(shape, levels)}
        make_catalog(tmp_path, files, config={"limits": {"max_depth": max_depth}})
        done = run_tthc("validate", "--format", "json", "--no-cache", cwd=tmp_path)
        assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
        if done.returncode == 3:
            return 3, set()
        return done.returncode, {f["rule"] for f in json.loads(done.stdout)["findings"]}

    assert rules(deepest) == (1, {"schema"})  # checked: a list where text belongs
    assert rules(deepest + 1) == (1, {"yaml-too-deep"})
    assert rules(deepest, max_depth=201) == (3, set())  # tthc.yaml refused


def test_too_large_and_configured_limit(tmp_path: Path) -> None:
    big = GOOD + "note: '" + "x" * (30 * 1024 * 1024) + "'\n"
    code, findings, _ = validate(tmp_path, big, timeout=60)
    assert code == 1
    assert one(findings, "file-too-large")["args"]["limit"] == 2 * 1024 * 1024
    padded = GOOD + "note: '" + "x" * 3000 + "'\n"
    make_catalog(tmp_path, {"1.000001.yaml": padded})
    assert run_tthc("validate", cwd=tmp_path).returncode == 0
    make_catalog(tmp_path, {"1.000001.yaml": padded}, config={"limits": {"max_file_bytes": 1024}})
    done = run_tthc("validate", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1
    assert one(json.loads(done.stdout)["findings"], "file-too-large")["args"]["limit"] == 1024


def test_nfd_text_is_compared_as_nfc(tmp_path: Path) -> None:
    nfd_name = "Thu\u0309 tu\u0323c thu\u031b\u0309 nghie\u0323\u0302m"
    text = GOOD.replace("name: Thủ tục thử nghiệm", f"name: {nfd_name}")
    assert nfd_name in text
    make_catalog(tmp_path, {"1.000001.yaml": text})
    done = run_tthc("validate", "--format", "json", cwd=tmp_path)
    findings = json.loads(done.stdout)["findings"]
    assert one(findings, "text-not-nfc")["line"] == 3
    assert not [f for f in findings if f["severity"] == "error"], findings
    assert done.returncode == 0
    listing = run_tthc("list", "--format", "json", cwd=tmp_path)
    [record] = json.loads(listing.stdout)["procedures"]
    assert record["name"] == "Thủ tục thử nghiệm"
    assert record["units"] == ["so-xay-dung"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this platform")
def test_symlink_loop_warns_and_finishes(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path, {"1.000001.yaml": GOOD}, config={"follow_symlinks": True})
    try:
        (catalog / "loop").symlink_to(catalog, target_is_directory=True)
    except OSError as exc:
        pytest.skip(f"cannot create a symbolic link here: {exc}")
    done = run_tthc("validate", "--format", "json", cwd=tmp_path, timeout=30)
    assert "Traceback" not in done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert one(findings, "walk-symlink-loop")["file"] == "catalog/loop"
    assert json.loads(done.stdout)["files"] == 1


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a chmod 000 file"
)
def test_unreadable_file(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path, {"1.000001.yaml": GOOD})
    (catalog / "1.000001.yaml").chmod(0)
    try:
        done = run_tthc("validate", "--format", "json", cwd=tmp_path)
    finally:
        (catalog / "1.000001.yaml").chmod(0o644)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    finding = one(json.loads(done.stdout)["findings"], "file-unreadable")
    assert finding["file"] == "catalog/1.000001.yaml"


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    make_catalog(tmp_path)
    done = run_tthc("validate", "khong-co.yaml", cwd=tmp_path)
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "khong-co.yaml" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("value", "never"), [("1:30", "90"), ("010", "8"), ("off", "false")])
def test_yaml11_readings_never_reach_the_model(tmp_path: Path, value: str, never: str) -> None:
    text = GOOD.replace("name: Thủ tục thử nghiệm", f"name: {value}")
    code, findings, _ = validate(tmp_path, text)
    finding = one(findings, "yaml-ambiguous-value")
    assert code == 0
    assert finding["line"] == text.splitlines().index(f"name: {value}") + 1
    [record] = json.loads(run_tthc("list", "--format", "json", cwd=tmp_path).stdout)["procedures"]
    assert record["name"] == value != never


def test_unquoted_date_is_text_checked_by_the_schema(tmp_path: Path) -> None:
    text = GOOD.replace("read_on: '2026-11-23'", "read_on: 2026-11-23")
    assert "read_on: 2026-11-23" in text
    code, findings, _ = validate(tmp_path, text)
    assert code == 0
    assert findings == []

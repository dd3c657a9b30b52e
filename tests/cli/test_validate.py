"""``tthc validate`` output formats through the real entry point, on a small fixture catalog."""

from __future__ import annotations

import json
import os
import shutil
import stat
import threading
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema

from tests.helpers import REPO, SHARED, dump, make_catalog, procedure, run_tthc
from tthc_cli import __version__
from tthc_cli.rules import RULES

FORMATS = SHARED / "data" / "formats"
NEEDS_SHARED = pytest.mark.skipif(
    not FORMATS.is_dir(), reason=f"{FORMATS} (JUnit XSD, SARIF schema) is not available"
)
DECOMPOSED = unicodedata.normalize("NFD", "Thủ tục cấp giấy phép")
NESTED = "nội-bộ/phường/1.000003.yaml"


def build(root: Path) -> Path:
    """Findings of every severity, suppressed ones (in the file and in tthc.yaml), Vietnamese
    text and a nested file. Semantic rules are switched off so that the output depends only on
    the reading checks and the framework, whose messages are part of the core."""
    rules: dict[str, str] = dict.fromkeys(RULES, "off")
    rules["yaml-ambiguous-value"] = "info"
    return make_catalog(
        root,
        {
            "public/2.001219.yaml": procedure(),
            "public/2.000001.yaml": procedure("2.000001", name=None),
            "public/2.000002.yaml": procedure(
                "2.000002",
                name=DECOMPOSED,
                suppress=[
                    {"rule": "text-not-nfc", "reason": "Giữ nguyên văn bản gốc từ Cổng DVC"},
                    {"rule": "yaml-tag", "reason": "Mục bỏ qua không còn dùng"},
                ],
            ),
            "public/2.000004.yaml": procedure("2.000004", kind="khác"),
            NESTED: dump(procedure("1.000003", name=DECOMPOSED)) + "note: on\n",
        },
        config={
            "rules": rules,
            "suppress": [
                {
                    "rule": "schema",
                    "reason": "Đang chờ bổ sung tên",
                    "files": ["public/2.000001.yaml"],
                }
            ],
        },
    )


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    build(tmp_path)
    return tmp_path


def validate(cwd: Path, *args: str) -> Any:
    return run_tthc("validate", *args, cwd=cwd)


def test_text_output_golden(catalog_dir: Path, golden: Any) -> None:
    done = validate(catalog_dir)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    golden("validate/text.txt", done.stdout)


def test_text_output_golden_english(catalog_dir: Path, golden: Any) -> None:
    done = validate(catalog_dir, "--lang", "en")
    assert done.returncode == 1, done.stderr
    golden("validate/text.en.txt", done.stdout)


def test_json_output_golden(catalog_dir: Path, golden: Any) -> None:
    done = validate(catalog_dir, "--format", "json")
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert {f["severity"] for f in data["findings"]} == {"error", "warning", "info"}
    assert any(f["file"] == f"catalog/{NESTED}" for f in data["findings"])
    assert data["tool"] == {"name": "tthc", "version": __version__}
    # The golden file must not change with every release.
    stable = done.stdout.replace(f'"version": "{__version__}"', '"version": "X"')
    golden("validate/json.json", stable)


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_exit_code_follows_fail_on_in_every_format(tmp_path: Path, output_format: str) -> None:
    build(tmp_path)
    assert validate(tmp_path, "-f", output_format).returncode == 1
    # Without the error file, only warnings and infos remain: below the default --fail-on error.
    (tmp_path / "catalog/public/2.000004.yaml").unlink()
    assert validate(tmp_path, "-f", output_format).returncode == 0
    assert validate(tmp_path, "-f", output_format, "--fail-on", "warning").returncode == 1
    (tmp_path / "catalog" / NESTED).unlink()
    (tmp_path / "catalog/public/2.000002.yaml").unlink()
    assert validate(tmp_path, "-f", output_format, "--fail-on", "info").returncode == 0


@NEEDS_SHARED
def test_sarif_from_the_cli_is_valid(catalog_dir: Path) -> None:
    schema = json.loads((FORMATS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    done = validate(catalog_dir, "-f", "sarif")
    log = json.loads(done.stdout)
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [e.message for e in validator.iter_errors(log)] == []
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "catalog/n%E1%BB%99i-b%E1%BB%99/ph%C6%B0%E1%BB%9Dng/1.000003.yaml" in uris


@NEEDS_SHARED
def test_junit_from_the_cli_is_valid(catalog_dir: Path) -> None:
    done = validate(catalog_dir, "-f", "junit")
    assert done.returncode == 1
    xmlschema.XMLSchema(str(FORMATS / "JUnit.xsd")).validate(done.stdout)
    assert done.stdout.count("<testsuite ") == 5
    assert '<testcase name="validate" classname="catalog/public/2.001219.yaml"' in done.stdout


def test_github_from_the_cli(catalog_dir: Path) -> None:
    lines = validate(catalog_dir, "-f", "github").stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == [  # errors first
        "::error",
        "::warning",
        "::warning",
        "::notice",
    ]
    assert lines[-1].startswith("::notice::Đã kiểm tra 5 tệp")


def _fingerprints(cwd: Path) -> dict[tuple[str, str], tuple[str, int]]:
    issues = json.loads(validate(cwd, "-f", "gitlab").stdout)
    out: dict[tuple[str, str], tuple[str, int]] = {}
    for issue in issues:
        location = issue["location"]
        key = (issue["check_name"], location["path"])
        out[key] = (issue["fingerprint"], location["lines"]["begin"])
    return out


def test_gitlab_fingerprints_survive_a_line_inserted_above(catalog_dir: Path) -> None:
    before = _fingerprints(catalog_dir)
    nested = catalog_dir / "catalog" / NESTED
    original = nested.read_text(encoding="utf-8")
    nested.write_text("# một dòng chú thích mới\n" + original, encoding="utf-8")
    after = _fingerprints(catalog_dir)
    assert before.keys() == after.keys()
    moved = [key for key in before if key[1] == f"catalog/{NESTED}"]
    assert len(moved) == 2
    for key in before:
        assert after[key][0] == before[key][0]
        assert after[key][1] == before[key][1] + (1 if key in moved else 0)


def test_output_file_is_written_and_never_overwritten_without_force(catalog_dir: Path) -> None:
    target = catalog_dir / "out.json"
    first = validate(catalog_dir, "-f", "json", "-o", "out.json")
    assert first.returncode == 1 and first.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["files"] == 5

    target.write_text("giữ nguyên", encoding="utf-8")
    refused = validate(catalog_dir, "-f", "json", "-o", "out.json")
    assert refused.returncode == 3
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "giữ nguyên"

    forced = validate(catalog_dir, "-f", "json", "-o", "out.json", "--force")
    assert forced.returncode == 1
    assert json.loads(target.read_text(encoding="utf-8"))["files"] == 5


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_output_into_a_pipe_writes_into_it_and_leaves_it_a_pipe(catalog_dir: Path) -> None:
    """-o on a device or pipe (/dev/null, a FIFO) must not rename a file over it."""
    pipe = catalog_dir / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    done = validate(catalog_dir, "-f", "json", "-o", "pipe")
    reader.join(timeout=20)
    assert done.returncode == 1, done.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert json.loads(received[0].decode("utf-8"))["files"] == 5


def test_unknown_format_is_a_usage_error(catalog_dir: Path) -> None:
    done = validate(catalog_dir, "-f", "yaml")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_suppressed_findings_are_counted_unless_asked_for(catalog_dir: Path) -> None:
    counted = validate(catalog_dir, "--lang", "en").stdout
    assert "Đang chờ bổ sung tên" not in counted  # the reason of a suppression
    assert "and 1 finding(s) suppressed with a reason" in counted
    assert "2 finding(s) in 2 file(s) suppressed with a reason" in counted
    shown = validate(catalog_dir, "--lang", "en", "--show-suppressed")
    assert shown.returncode == 1
    assert "suppressed  Missing required field 'name'.  [schema]  reason: Đang chờ bổ sung tên" in (
        shown.stdout
    )
    assert "2 finding(s) suppressed with a reason." in shown.stdout
    as_json = json.loads(validate(catalog_dir, "--format", "json").stdout)
    assert sum(1 for f in as_json["findings"] if f["suppressed"]) == 2  # machine formats keep them


def test_the_bundled_catalog_validates_in_a_few_lines() -> None:
    done = run_tthc("validate")
    assert done.returncode == 0, done.stdout
    assert len(done.stdout.splitlines()) <= 10, done.stdout


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("kind: department", "kind: departmen"),  # an enum value (schema)
        ("  so-xay-dung:\n", "  so-xay-dung;\n"),  # a key (YAML syntax)
        ("level: province", "levl: province"),  # a field name (schema)
    ],
)
def test_a_one_character_typo_in_units_yaml_is_a_few_findings_first(
    tmp_path: Path, old: str, new: str
) -> None:
    shutil.copytree(REPO / "procedures", tmp_path / "procedures")
    shutil.copy(REPO / "tthc.yaml", tmp_path / "tthc.yaml")
    units = tmp_path / "procedures" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    done = validate(tmp_path, "--format", "json")
    assert done.returncode == 1
    active = [f for f in json.loads(done.stdout)["findings"] if not f["suppressed"]]
    assert 1 <= len(active) <= 3, [f["message"] for f in active]
    assert all(f["file"] == "procedures/units.yaml" for f in active)
    assert "units-registry-invalid" in {f["rule"] for f in active}
    github = validate(tmp_path, "--format", "github").stdout.splitlines()
    assert "file=procedures/units.yaml" in github[0]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "renamed_to: so-nong-nghiep-va-moi-truong\n",
            "renamed_to: so-nong-nghiep-va-moi-truongx\n",
        ),
        ("merged_into: ubnd-tp\n", "merged_into: ubnd-tpx\n"),
    ],
)
def test_a_typo_in_a_successor_id_is_found_where_it_is_written(
    tmp_path: Path, old: str, new: str
) -> None:
    shutil.copytree(REPO / "procedures", tmp_path / "procedures")
    shutil.copy(REPO / "tthc.yaml", tmp_path / "tthc.yaml")
    units = tmp_path / "procedures" / "units.yaml"
    written = units.read_text(encoding="utf-8")
    units.write_text(written.replace(old, new, 1), encoding="utf-8")
    done = validate(tmp_path, "--format", "json")
    assert done.returncode == 1
    active = [f for f in json.loads(done.stdout)["findings"] if not f["suppressed"]]
    assert 1 <= len(active) <= 3, [f["message"] for f in active]
    (finding,) = [f for f in active if f["rule"] == "units-registry-consistent"]
    line = written[: written.index(old)].count("\n") + 1
    assert (finding["file"], finding["line"]) == ("procedures/units.yaml", line)
    assert finding["args"]["target"] == new.split(": ")[1].strip()
    shown = validate(tmp_path, "--show-suppressed").stdout
    assert new.split(": ")[1].strip() + "' (" not in shown  # never shown as a unit's name


def test_a_count_written_010_is_told_to_write_10(tmp_path: Path) -> None:
    """Quoting 010 (what the YAML 1.1 warning used to advise) still fails the type check: the
    advice for a number is 10."""
    for written in ("010", '"010"'):
        make_catalog(tmp_path, {"2.001219.yaml": dump(procedure()) + f"dossier_sets: {written}\n"})
        done = validate(tmp_path, "--format", "json")
        found = {f["message_key"]: f for f in json.loads(done.stdout)["findings"]}
        assert found["schema.type-number"]["args"]["number"] == "10"
        if written == "010":
            assert found["yaml-ambiguous-value.octal"]["args"]["number"] == "10"
    shown = validate(tmp_path, "--lang", "en").stdout
    assert "write 10, without quotes and without a leading zero" in shown

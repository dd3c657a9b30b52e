"""``tthc diff`` through the real entry point: formats, exit codes, git revisions, goldens."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import commit_all, dump, git, make_catalog, procedure, run_tthc

BASE = procedure()


def scenario() -> tuple[dict[str, Any], dict[str, Any]]:
    """An old and a new catalog with one change of each main kind (used by the golden files)."""
    old_main = copy.deepcopy(BASE)
    old_main["components"].append(
        {"id": "cccd", "name": "Bản sao | căn cước <b>công dân</b>", "copies": 1}
    )
    new_main = copy.deepcopy(BASE)
    new_main["components"][0]["national_database"] = "Cơ sở dữ liệu quốc gia về dân cư"
    new_main["steps"].insert(
        1,
        {
            "id": "kiem-tra",
            "kind": "review",
            "action": "Kiểm tra hồ sơ",
            "duration": {"value": 4, "unit": "working_hours"},
        },
    )
    new_main["steps"][2]["duration"] = {"value": 16, "unit": "working_hours"}
    new_main["channels"][0]["fee"] = {"amount": 50000}
    new_main["channels"].append(
        {
            "channel": "online",
            "online_service": "full",
            "time": {"value": 3, "unit": "working_days"},
        }
    )
    new_main["legal_basis"][0]["title"] = "Nghị định 63/2010/NĐ-CP (sửa tên)"
    gone = procedure("1.000001", name="Thủ tục bị bãi bỏ")
    fresh = procedure("1.000002", name="Thủ tục mới")
    old = {"public/2.001219.yaml": old_main, "public/1.000001.yaml": gone}
    new = {"public/2.001219.yaml": new_main, "public/1.000002.yaml": fresh}
    return old, new


def build(tmp_path: Path) -> None:
    old, new = scenario()
    make_catalog(tmp_path / "old", old)
    make_catalog(tmp_path / "new", new)


def run_diff(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tthc(
        "diff", "old/catalog", "new/catalog", *args, "--config", "new/tthc.yaml", cwd=tmp_path
    )


def test_identical_catalogs_exit_0_even_with_exit_code(tmp_path: Path) -> None:
    make_catalog(tmp_path / "a")
    make_catalog(tmp_path / "b")
    for extra in ((), ("--exit-code",), ("--fail-on", "heavier")):
        done = run_tthc("diff", "a/catalog", "b/catalog", *extra, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "Không có khác biệt." in done.stdout


def test_exit_codes(tmp_path: Path) -> None:
    build(tmp_path)
    assert run_diff(tmp_path).returncode == 0
    assert run_diff(tmp_path, "--exit-code").returncode == 1
    assert run_diff(tmp_path, "--fail-on", "heavier").returncode == 1
    bad = run_diff(tmp_path, "--fail-on", "nonsense")
    assert bad.returncode == 2


def test_fail_on_heavier_passes_when_everything_is_simpler(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    new["components"] = []
    make_catalog(tmp_path / "a", {"p.yaml": BASE})
    make_catalog(tmp_path / "b", {"p.yaml": new})
    done = run_tthc("diff", "a/catalog", "b/catalog", "--fail-on", "heavier", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "đơn giản hơn" in done.stdout
    assert (
        run_tthc("diff", "b/catalog", "a/catalog", "--fail-on", "heavier", cwd=tmp_path).returncode
        == 1
    )


@pytest.mark.parametrize(
    ("fmt", "name"), [("text", "text.txt"), ("markdown", "markdown.md"), ("json", "diff.json")]
)
def test_golden(tmp_path: Path, golden: Any, fmt: str, name: str) -> None:
    build(tmp_path)
    done = run_diff(tmp_path, "--format", fmt)
    assert done.returncode == 0, done.stderr
    golden(f"diff/{name}", done.stdout)


def test_english_text(tmp_path: Path, golden: Any) -> None:
    build(tmp_path)
    done = run_diff(tmp_path, "--lang", "en")
    golden("diff/text-en.txt", done.stdout)
    assert "Removed dossier component" in done.stdout


def test_markdown_escapes_pipes_and_html(tmp_path: Path) -> None:
    build(tmp_path)
    out = run_diff(tmp_path, "--format", "markdown").stdout
    markdown_it = pytest.importorskip("markdown_it")
    page = markdown_it.MarkdownIt("commonmark").enable("table").render(out)
    assert "<b>" not in page  # shown, not obeyed
    assert "Bản sao | căn cước &lt;b&gt;công dân&lt;/b&gt;" in page  # one cell, literal


def test_json_shape(tmp_path: Path) -> None:
    build(tmp_path)
    data = json.loads(run_diff(tmp_path, "--format", "json").stdout)
    by_code = {p["code"]: p for p in data["procedures"]}
    assert by_code["1.000001"]["verdict"] == "simpler"
    assert by_code["1.000002"]["verdict"] == "heavier"
    kinds = {c["kind"]: c for c in by_code["2.001219"]["changes"]}
    assert kinds["step-added"]["path"] == "steps/kiem-tra"
    assert kinds["step-duration"]["old"] == {"value": 3.0, "unit": "working_days", "text": None}
    assert kinds["step-duration"]["verdict"] == "simpler"
    assert kinds["channel-fee"]["new"] == {"amount": 50000, "text": None}
    assert kinds["channel-fee"]["new_pos"]["line"] > 1


def test_github_annotations_point_at_new_file(tmp_path: Path) -> None:
    build(tmp_path)
    lines = run_diff(tmp_path, "--format", "github").stdout.splitlines()
    fee = next(line for line in lines if "channel-fee" in line)
    assert fee.startswith("::warning file=new/catalog/public/2.001219.yaml,line=")
    assert any(
        line.startswith("::notice ") and "component-national-database" in line for line in lines
    )
    assert not any("legal-field" in line for line in lines)  # neutral: not annotated


def test_missing_revision_exits_3_with_one_line(tmp_path: Path) -> None:
    make_catalog(tmp_path)
    done = run_tthc("diff", "no-such-revision", cwd=tmp_path)
    assert done.returncode == 3
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    missing = run_tthc("diff", "missing/folder", cwd=tmp_path)
    assert missing.returncode == 3 and "missing/folder" in missing.stderr


def test_broken_file_is_reported_and_the_rest_diffed(tmp_path: Path) -> None:
    other = procedure("1.000001")
    changed = copy.deepcopy(other)
    changed["components"] = []
    make_catalog(tmp_path / "a", {"p.yaml": BASE, "o.yaml": other})
    make_catalog(tmp_path / "b", {"p.yaml": "code: [unclosed\n", "o.yaml": changed})
    done = run_tthc("diff", "a/catalog", "b/catalog", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [p["code"] for p in data["procedures"]] == ["1.000001"]
    assert [u["file"] for u in data["unloaded"]] == ["b/catalog/p.yaml"]
    text = run_tthc("diff", "a/catalog", "b/catalog", cwd=tmp_path).stdout
    assert "Không tải được (bản mới):" in text


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_revision_against_working_tree(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path, {"public/p.yaml": BASE})
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "first")
    changed = copy.deepcopy(BASE)
    changed["components"] = []
    (catalog / "public" / "p.yaml").write_text(dump(changed), encoding="utf-8")
    index_before = (tmp_path / ".git" / "index").read_bytes()
    done = run_tthc("diff", "HEAD", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["old"] == {"label": "HEAD", "kind": "git"}
    [proc] = data["procedures"]
    assert [c["kind"] for c in proc["changes"]] == ["component-removed"]
    assert proc["changes"][0]["old_pos"]["file"] == "HEAD:catalog/public/p.yaml"
    # the working tree and the index are untouched
    assert (tmp_path / ".git" / "index").read_bytes() == index_before
    assert "Đơn đề nghị" not in (catalog / "public" / "p.yaml").read_text(encoding="utf-8")
    same = run_tthc("diff", "HEAD", "HEAD", "--exit-code", cwd=tmp_path)
    assert same.returncode == 0, same.stderr
    gone = run_tthc("diff", "HEAD~5", cwd=tmp_path)
    assert gone.returncode == 3 and len(gone.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_revision_from_a_subfolder_of_a_catalog_without_config(tmp_path: Path) -> None:
    catalog = make_catalog(
        tmp_path, {"public/p.yaml": BASE, "internal/q.yaml": procedure("1.000009")}
    )
    (tmp_path / "tthc.yaml").unlink()  # the catalog is found by its units.yaml
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "first")
    done = run_tthc("diff", "HEAD", "--format", "json", "--exit-code", cwd=catalog / "public")
    assert done.returncode == 0, done.stdout  # nothing moved, added or removed


def test_fields_are_named_in_words_and_units_by_name(tmp_path: Path) -> None:
    """A changed field is named by its label and unit ids by the units' names; an id that
    units.yaml does not know is shown as it is, marked; JSON keeps the raw field names."""
    old = copy.deepcopy(BASE)
    new = copy.deepcopy(BASE)
    new["units"] = {"competent": ["so-tu-phap", "don-vi-la"], "implementing": ["so-xay-dung"]}
    new["components"][0]["when"] = "khi có ủy quyền"
    make_catalog(tmp_path / "old", {"public/2.001219.yaml": old})
    make_catalog(tmp_path / "new", {"public/2.001219.yaml": new})
    out = run_diff(tmp_path).stdout
    assert "Sửa cơ quan có thẩm quyền: (không có) → Sở Tư pháp Thành phố Hồ Chí Minh, " in out
    assert "don-vi-la (mã đơn vị không có trong units.yaml)" in out
    assert "Sửa trường hợp phải nộp của thành phần hồ sơ" in out
    assert "competent" not in out and "when" not in out
    english = run_diff(tmp_path, "--lang", "en").stdout
    assert "Changed competent authority: (none) → Sở Tư pháp" in english
    data = json.loads(run_diff(tmp_path, "--format", "json").stdout)
    changes = {c["path"]: c for c in data["procedures"][0]["changes"]}
    assert changes["competent"]["args"]["field"] == "competent"
    assert changes["competent"]["new"] == ["so-tu-phap", "don-vi-la"]


def test_every_compared_field_has_a_label_in_both_languages() -> None:
    from tthc_cli.diff.compare import NEUTRAL_FIELDS
    from tthc_cli.diff.items import areas
    from tthc_cli.messages import LANGUAGES

    keys = {f"diff.field.{attr}" for attr, _ in NEUTRAL_FIELDS} | {"diff.field.abolished"}
    keys |= {
        f"diff.field.{area.prefix}.{spec.attr}"
        for area in areas(8.0)
        for spec in area.fields
        if spec.kind is None
    }
    for messages in LANGUAGES.values():
        assert keys - set(messages) == set()


def test_without_any_units_yaml_ids_are_shown_unmarked() -> None:
    """import's preview compares two files with no units.yaml: no id is "unknown" there."""
    from tthc_cli.reporters.diff.common import unit_names

    assert unit_names(("so-tu-phap", "x"), None, "vi") == "so-tu-phap, x"
    named = unit_names(("so-tu-phap", "x"), {"so-tu-phap": "Sở Tư pháp"}, "vi")
    assert named == "Sở Tư pháp, x (mã đơn vị không có trong units.yaml)"
    assert unit_names((), None, "en") == "(none)"


def test_another_checkout_of_the_repository_means_the_catalog_it_holds(tmp_path: Path) -> None:
    """``tthc diff ../old`` with a whole checkout (tthc.yaml, procedures/…) compares the catalogs,
    not every file as moved: a gate must see the heavier change."""
    heavier = copy.deepcopy(BASE)
    heavier["channels"][0]["fee"] = {"amount": 50000}
    for name, data in (("old", BASE), ("new", heavier)):
        checkout = tmp_path / name
        make_catalog(checkout, {"public/2.001219.yaml": data})
        (checkout / "catalog").rename(checkout / "procedures")  # the default layout
        (checkout / "tthc.yaml").write_text("lang: vi\n", encoding="utf-8")
    done = run_tthc("diff", "../old", "--fail-on", "heavier", cwd=tmp_path / "new")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "nặng hơn" in done.stdout and "Chuyển tệp" not in done.stdout

"""``tthc legal`` through the real entry point, and the register seen by validate, show and the
bundled catalog."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import REPO, dump, make_catalog, procedure, run_tthc
from tthc_cli.legal import number_key

BASIS = [{"number": "32/2010/TT-BTNMT", "title": "Quy định về cấp phép hoạt động đo đạc và bản đồ"}]
LEGAL = {
    "documents": [
        {
            "number": "32/2010/TT-BTNMT",
            "type": "Thông tư",
            "title": "Quy định về cấp phép hoạt động đo đạc và bản đồ",
            "issued": "2010-12-08",
            "effective": "2011-01-22",
            "replaced_by": {"number": "27/2019/NĐ-CP", "date": "2019-03-13"},
        },
        {"number": "27/2019/NĐ-CP", "type": "Nghị định", "title": "Nghị định thay thế"},
    ]
}


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    files = {"2.001219.yaml": procedure(legal_basis=BASIS), "legal.yaml": LEGAL}
    make_catalog(tmp_path, files, config={"as_of": "2026-11-23"})
    return tmp_path


def test_the_day_before_a_replacement_shows_in_force_and_the_day_shows_the_successor(
    catalog: Path,
) -> None:
    before = run_tthc("legal", "32/2010/TT-BTNMT", "--as-of", "12/03/2019", cwd=catalog)
    assert before.returncode == 0, before.stderr
    assert "Còn hiệu lực" in before.stdout and "12/03/2019" in before.stdout
    on = run_tthc("legal", "32/2010/TT-BTNMT", "--as-of", "2019-03-13", cwd=catalog)
    assert "Hết hiệu lực từ 13/03/2019, được thay thế bởi 27/2019/NĐ-CP" in on.stdout
    assert "2.001219" in on.stdout


def test_json_lists_every_registered_and_cited_document(catalog: Path) -> None:
    done = run_tthc("legal", "-f", "json", cwd=catalog)
    data = json.loads(done.stdout)
    assert data["as_of"] == "2026-11-23"
    states = {d["number"]: (d["state"], d["procedures"]) for d in data["documents"]}
    assert states == {
        "32/2010/TT-BTNMT": ("replaced", ["2.001219"]),
        "27/2019/NĐ-CP": ("unknown", []),
    }


def test_csv_markdown_and_english(catalog: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run_tthc("legal", "-f", "csv", cwd=catalog).stdout)))
    first = next(r for r in rows if r["number"] == "32/2010/TT-BTNMT")
    assert (first["state"], first["ended_by"], first["ended_on"]) == (
        "replaced",
        "27/2019/NĐ-CP",
        "2019-03-13",
    )
    markdown = run_tthc("legal", "-o", "so.md", cwd=catalog)
    assert markdown.returncode == 0
    assert (catalog / "so.md").read_text(encoding="utf-8").startswith("# Sổ văn bản")
    en = run_tthc("legal", "--lang", "en", cwd=catalog).stdout
    assert "No longer in force from 2019-03-13, replaced by 27/2019/NĐ-CP" in en


def test_a_cited_number_not_in_the_register_says_so(catalog: Path) -> None:
    (catalog / "catalog" / "legal.yaml").write_text(dump({"documents": []}), encoding="utf-8")
    done = run_tthc("legal", "32/2010/TT-BTNMT", cwd=catalog)
    assert done.returncode == 0 and "Chưa có trong sổ văn bản" in done.stdout
    assert "2.001219" in done.stdout


def test_a_number_nobody_knows_is_a_lookup_that_found_nothing(catalog: Path) -> None:
    valid = run_tthc("legal", "12/2025/NĐ-CP", cwd=catalog)
    assert valid.returncode == 1 and valid.stdout == ""
    assert valid.stderr.strip() == (
        "tthc: Không tìm thấy văn bản 12/2025/NĐ-CP: không có trong sổ văn bản và không thủ tục"
        " nào viện dẫn."
    )
    invalid = run_tthc("legal", "99/2099/XX", cwd=catalog)
    assert invalid.returncode == 1 and len(invalid.stderr.splitlines()) == 1
    assert "không phải số ký hiệu hợp lệ — Số hiệu '99/2099/XX'" in invalid.stderr
    both = run_tthc("legal", "32/2010/TT-BTNMT", "99/2099/XX", "--lang", "en", cwd=catalog)
    assert both.returncode == 1 and "32/2010/TT-BTNMT" in both.stdout
    assert "99/2099/XX" not in both.stdout and "not a valid document number" in both.stderr


def test_a_bad_date_is_a_usage_error(catalog: Path) -> None:
    done = run_tthc("legal", "--as-of", "31/02/2019", cwd=catalog)
    assert done.returncode == 2 and "--as-of" in done.stderr and "Traceback" not in done.stderr


def test_a_broken_register_is_said_and_exits_1(catalog: Path) -> None:
    (catalog / "catalog" / "legal.yaml").write_text("documents: 3\n", encoding="utf-8")
    done = run_tthc("legal", cwd=catalog)
    assert done.returncode == 1 and "legal.yaml" in done.stderr


def test_validate_and_show_use_the_register(catalog: Path) -> None:
    done = run_tthc("validate", "-f", "json", cwd=catalog)
    assert done.returncode == 1
    findings = [
        f for f in json.loads(done.stdout)["findings"] if f["rule"] == "legal-basis-in-force"
    ]
    assert [f["args"]["successor"] for f in findings] == ["27/2019/NĐ-CP"]
    shown = run_tthc("show", "2.001219", cwd=catalog).stdout
    assert "Hết hiệu lực" in shown
    sheet = run_tthc("table", "2.001219", "-f", "md", cwd=catalog).stdout
    # A printed sheet is an official document: the register's status stays in show.
    assert "Thông tư số 32/2010/TT-BTNMT" in sheet
    assert "Hết hiệu lực" not in sheet and " — " not in sheet


# The bundled catalog (procedures/, with its legal.yaml), from a fresh clone.


def _cited() -> dict[str, str]:
    """Numbers the bundled procedures cite, but those kept on purpose with a suppression (a
    number the portal mistyped, "40/2029/QH14" for Luật Kiến trúc 40/2019/QH14)."""
    cited: dict[str, str] = {}
    for path in sorted((REPO / "procedures").rglob("*.yaml")):
        if path.name in ("units.yaml", "legal.yaml"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("legal_basis", []):
            kept = {s["rule"] for s in item.get("suppress", [])}
            if item.get("number") and "legal-basis-in-force" not in kept:
                cited.setdefault(number_key(item["number"]), item["number"])
    return cited


def test_the_bundled_register_lists_every_cited_document_with_a_status() -> None:
    done = run_tthc("legal", "-f", "json", cwd=REPO)
    assert done.returncode == 0, done.stderr
    documents = {number_key(d["number"]): d for d in json.loads(done.stdout)["documents"]}
    cited = _cited()
    assert len(cited) > 90
    missing = [cited[k] for k in cited if k not in documents or not documents[k]["registered"]]
    assert missing == []
    assert all(documents[k]["state"] != "unregistered" for k in cited)


def test_replacing_a_bundled_document_makes_validate_name_the_successor(tmp_path: Path) -> None:
    shutil.copytree(REPO / "procedures", tmp_path / "procedures")
    shutil.copy(REPO / "tthc.yaml", tmp_path / "tthc.yaml")
    register_file = tmp_path / "procedures" / "legal.yaml"
    register: dict[str, Any] = yaml.safe_load(register_file.read_text(encoding="utf-8"))
    target = next(d for d in register["documents"] if d["number"] == "08/2025/TT-BTP")
    target["replaced_by"] = {"number": "99/2026/TT-BTP", "date": "2026-03-01"}
    register["documents"].append(
        {"number": "99/2026/TT-BTP", "type": "Thông tư", "title": "Văn bản thử nghiệm"}
    )
    register_file.write_text(dump(register), encoding="utf-8")
    done = run_tthc("validate", "-f", "json", "--no-cache", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    hits = [
        f
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] == "legal-basis-in-force" and f["args"].get("successor") == "99/2026/TT-BTP"
    ]
    cited_by = {Path(f["file"]).stem for f in hits}
    assert cited_by == {"1.000426", "1.001193", "1.002153", "1.003915", "2.000587"}
    assert all("99/2026/TT-BTP" in f["message"] for f in hits)
    before = run_tthc("legal", "08/2025/TT-BTP", "--as-of", "28/02/2026", cwd=tmp_path)
    assert "Còn hiệu lực" in before.stdout
    on = run_tthc("legal", "08/2025/TT-BTP", "--as-of", "01/03/2026", cwd=tmp_path)
    assert "được thay thế bởi 99/2026/TT-BTP" in on.stdout


def test_the_day_before_a_replacement_an_undated_document_is_in_force(tmp_path: Path) -> None:
    """Issue #24's line on a bundled document whose effective date the register does not
    record: the dated replacement says it was in force the day before, and what that rests on."""
    shutil.copytree(REPO / "procedures", tmp_path / "procedures")
    shutil.copy(REPO / "tthc.yaml", tmp_path / "tthc.yaml")
    register_file = tmp_path / "procedures" / "legal.yaml"
    register: dict[str, Any] = yaml.safe_load(register_file.read_text(encoding="utf-8"))
    cited = _cited()
    target = next(
        d
        for d in register["documents"]
        if number_key(d["number"]) in cited
        and "effective" not in d
        and not {"amended_by", "replaced_by", "repealed"} & set(d)
        and d["number"].split("/")[1] <= "2025"
    )
    target["replaced_by"] = {"number": "99/2026/TT-BTP", "date": "2026-03-01"}
    register["documents"].append(
        {"number": "99/2026/TT-BTP", "type": "Thông tư", "title": "Văn bản thử nghiệm"}
    )
    register_file.write_text(dump(register), encoding="utf-8")
    number = target["number"]
    before = run_tthc("legal", number, "--as-of", "28/02/2026", cwd=tmp_path)
    assert before.returncode == 0, before.stderr
    assert (
        "Còn hiệu lực (đến hết 28/02/2026; từ 01/03/2026 được thay thế bởi 99/2026/TT-BTP; "
        "sổ không ghi ngày bắt đầu có hiệu lực)"
    ) in before.stdout
    data = json.loads(
        run_tthc("legal", number, "--as-of", "28/02/2026", "-f", "json", cwd=tmp_path).stdout
    )
    (entry,) = data["documents"]
    assert (entry["state"], entry["start_unrecorded"]) == ("in_force", True)
    on = run_tthc("legal", number, "--as-of", "01/03/2026", cwd=tmp_path)
    assert "Hết hiệu lực từ 01/03/2026, được thay thế bởi 99/2026/TT-BTP" in on.stdout
    done = run_tthc("validate", "-f", "json", "--no-cache", cwd=tmp_path)
    assert any(
        f["rule"] == "legal-basis-in-force" and f["args"].get("successor") == "99/2026/TT-BTP"
        for f in json.loads(done.stdout)["findings"]
    )

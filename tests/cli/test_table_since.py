"""``tthc table --since REV [--until REV]``: the Quyết định công bố and its annex from the
catalog's history, on a scratch commit that adds one procedure, amends one and deletes one."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from docx import Document as open_docx

from tests.helpers import REPO, commit_all, git, run_tthc

ADDED, AMENDED, DELETED, CORRECTED = "1.999001", "6.001430", "1.009832", "2.002288"
AMENDING = {"number": "12/2026/QĐ-UBND", "title": "Quyết định sửa đổi quy trình xây dựng"}


def _edit(path: Path, change: dict[str, object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_scratch(repo: Path) -> Path:
    """The bundled catalog in a repository of its own, and a commit that adds 1.999001, amends
    6.001430 (a new legal basis), deletes 1.009832 and corrects 2.002288's name (no document
    behind it)."""
    shutil.copytree(REPO / "procedures", repo / "procedures")
    shutil.copy(REPO / "tthc.yaml", repo / "tthc.yaml")
    shutil.copytree(REPO / "schemas", repo / "schemas")
    git(repo, "init", "-q")
    commit_all(repo, "danh mục")
    public, internal = repo / "procedures" / "public", repo / "procedures" / "internal"
    added = public / f"{ADDED}.yaml"
    shutil.copy(public / "2.001219.yaml", added)
    _edit(added, {"code": ADDED, "name": "Thủ tục mới ban hành để thử"})
    amended = internal / f"{AMENDED}.yaml"
    data = yaml.safe_load(amended.read_text(encoding="utf-8"))
    _edit(amended, {"legal_basis": [AMENDING, *data["legal_basis"]]})
    (public / f"{DELETED}.yaml").unlink()
    corrected = public / f"{CORRECTED}.yaml"
    name = yaml.safe_load(corrected.read_text(encoding="utf-8"))["name"]
    _edit(corrected, {"name": f"{name} (đính chính)"})
    commit_all(repo, "công bố")
    return repo


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scratch(tmp_path_factory.mktemp("repo"))


class _Annex(HTMLParser):
    """The codes in each list of Phần I (by the heading before its table), the sheet titles."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: dict[str, list[str]] = {}
        self.sheets: list[str] = []
        self._heading: str | None = None
        self._in: str | None = None
        self._cell = 0
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h3", "h2") or tag == "td":
            self._in, self._text = tag, ""
        if tag == "tr":
            self._cell = 0

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._in == "h3":
            self._heading = self._text.strip()
            self.lists.setdefault(self._heading, [])
        elif tag == "h2" and self._in == "h2":
            self.sheets.append(self._text.strip())
        elif tag == "td":
            self._cell += 1
            if self._cell == 2 and self._heading and re.fullmatch(r"\d\.\d{6}", self._text):
                self.lists[self._heading].append(self._text)
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def test_html_annex_has_the_three_in_their_lists_and_the_two_sheets(scratch: Path) -> None:
    done = run_tthc("table", "--since", "HEAD~1", "-f", "html", cwd=scratch)
    assert done.returncode == 0, done.stderr
    annex = _Annex()
    annex.feed(done.stdout)
    lists = {heading: codes for heading, codes in annex.lists.items() if codes}
    assert lists == {
        "1. Danh mục thủ tục hành chính mới ban hành": [ADDED],
        "2. Danh mục thủ tục hành chính được sửa đổi, bổ sung, thay thế": [AMENDED],
        "3. Danh mục thủ tục hành chính bị bãi bỏ": [DELETED],
    }
    sheets = [s for s in annex.sheets if re.match(r"\d+\. ", s)]
    assert sheets == [
        "1. Thủ tục mới ban hành để thử",
        "2. Xây dựng chương trình phát triển nhà ở cấp tỉnh",
    ]
    assert f"{CORRECTED} " in done.stdout and "đính chính, không phải sửa đổi" in done.stdout
    # the placeholders are named on stderr, for whoever prepares it for signature
    assert "tthc.yaml" in done.stderr and "Traceback" not in done.stderr


def test_docx_annex_written_with_the_lists_and_the_sheets(scratch: Path) -> None:
    out = scratch.parent / "phu-luc.docx"
    done = run_tthc("table", "--since", "HEAD~1", "-f", "docx", "-o", str(out), cwd=scratch)
    assert done.returncode == 0, done.stderr
    doc = open_docx(str(out))
    texts = [p.text for p in doc.paragraphs]
    for heading in (
        "QUYẾT ĐỊNH",
        "PHỤ LỤC",
        "Phần I. DANH MỤC THỦ TỤC HÀNH CHÍNH",
        "Phần II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH",
    ):
        assert heading in texts
    listed = [
        [row.cells[1].text for row in table.rows if re.fullmatch(r"\d+", row.cells[0].text)]
        for table in doc.tables
        if table.rows[0].cells[0].text == "STT"
    ]
    assert listed == [[ADDED], [AMENDED], [DELETED]]
    sheets = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert "1. Thủ tục mới ban hành để thử" in sheets
    assert "2. Xây dựng chương trình phát triển nhà ở cấp tỉnh" in sheets


def test_until_names_the_new_version(scratch: Path) -> None:
    done = run_tthc("table", "--since", "HEAD~1", "--until", "HEAD", "-f", "md", cwd=scratch)
    assert done.returncode == 0, done.stderr
    assert ADDED in done.stdout and DELETED in done.stdout
    same = run_tthc("table", "--since", "HEAD", "--until", "HEAD", "-f", "md", cwd=scratch)
    assert same.returncode == 0 and "Không có thủ tục hành chính nào mới ban hành" in same.stdout


def test_filters_choose_what_the_annex_covers(scratch: Path) -> None:
    done = run_tthc("table", "--since", "HEAD~1", "--kind", "internal", "-f", "md", cwd=scratch)
    assert done.returncode == 0, done.stderr
    assert AMENDED in done.stdout and ADDED not in done.stdout and DELETED not in done.stdout


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("--until", "HEAD"), 2, "--since"),
        (("--since", "HEAD~1", "--list"), 2, "--list"),
        (("--since", "khong-co-phien-ban-nay"), 3, "khong-co-phien-ban-nay"),
    ],
)
def test_wrong_use_is_one_line(scratch: Path, args: tuple[str, ...], code: int, says: str) -> None:
    done = run_tthc("table", *args, cwd=scratch)
    assert done.returncode == code, done.stderr
    assert says in done.stderr and "Traceback" not in done.stderr

"""What a Vietnamese reader sees is Vietnamese: every command, run on the bundled catalog in its
default language, prints no English word, no raw identifier and no ISO date.

How it decides:

* Text the catalog itself holds (names, notes, reasons, unit names, the plan data's titles and
  sources) is the user's, not tthc's: every such string is masked out before checking.
* What is left is cut into words. A word with a Vietnamese letter (đ, ơ, ư, ă, â, ê, ô or a tone
  mark) is Vietnamese. A word of plain ASCII letters must be a Vietnamese syllable written
  without marks (``theo``, ``tin``, ``cho``): the syllable pattern below, which English words
  such as ``online``, ``approved``, ``kind`` or ``field`` do not fit. Identifiers (``so-xay-dung``,
  ``abolished_or_merged``) and ISO dates (2025-01-01) are flagged.
* ALLOWED holds patterns only: codes, legal numbers, unit ids where a message names what the
  user wrote, URLs and file names — each with its reason. Any other entry needs a written
  reason too. (#22 extends this test to the documents it adds.)
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import REPO, run_tthc
from tthc_cli.rules import READ_CHECKS, RULES, known_ids

CATALOG = REPO / "procedures"
DATA = REPO / "tthc_cli" / "data"

# A Vietnamese syllable written without its marks: initial consonant, vowel nucleus, final.
SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(oai|oay|oeo|uay|uya|uyu|ieu|yeu|uoi|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uy|uu"
    r"|[aeiouy])(ch|ng|nh|[cmnpt])?",
    re.IGNORECASE,
)
VIETNAMESE_LETTER = re.compile(r"[^\x00-\x7f]")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
WORD = re.compile(r"[A-Za-z0-9À-ỹĐđ][\w\-./@:'’]*")

# An upper-case abbreviation as Vietnamese texts write them: UBND, NĐ, TTg, UBTVQH15, a part B.
ABBREVIATION = r"([A-ZĐ]|[A-ZĐ][A-ZĐƯƠÂÊÔĂ0-9&]+[a-z]?)"
# Patterns a word may match although it is not Vietnamese, each with its reason.
ALLOWED: dict[str, str] = {
    # procedure codes: national D.NNNNNN and the catalog's local codes (tthc.yaml)
    r"\d\.\d{6}": "a national procedure code",
    r"(NB|HCM)(-[A-Z0-9]+)+": "a local procedure code (local_code_pattern)",
    # legal numbers: 63/2010/NĐ-CP, 1085/QĐ-TTg, 06/2022/QH15, QĐ-TTg
    rf"(\d+(\.\d+)?[a-z]?/)?(\d{{4}}/)?{ABBREVIATION}(-{ABBREVIATION})*": (
        "a legal document's number or issuer code, or an abbreviation (UBND, TTHC, PA, LV)"
    ),
    r"https?://\S+": "a URL",
    r"[\w./-]*\.(ya?ml|json|txt|md|html|docx|xlsx|csv|sarif)(:\d+){0,2}": "a file name",
    r"ya?ml": "the extension of catalog files, as in *.yaml",
    r"tthc": "the program's name, as typed",
    r"--[a-z][a-z-]*": "a command-line option the message tells the user to type",
    r"\d+([.,:/]\d+)*(h|%)?": "a number, time or dd/mm/yyyy date",
    r"\d+[a-z]{1,2}": "a number with a letter as documents write them (01a, 19xx)",
    r"UTF-8|UTF-16|Windows-1258|Unicode": "the name of a text encoding or of Unicode",
    r"(true|false)(/(true|false))?": "YAML's own words for yes and no, as the user writes them",
    r"[a-z_]+(\.[a-z_]+)+": "a YAML field path the user writes (plan.count_cut_as)",
}
# Text a message tells the user to type, masked before the words are checked.
TYPED = {
    r"tthc (validate|rules|schema|list|diff|table|show|report|cost|deadline|import)\b": (
        "a command line the message tells the user to type"
    ),
    r"pip install '[^']+'": "the command that installs an extra",
    r"(?<![\w-])--[a-z][a-z-]*": "a command-line option the message tells the user to type",
    r"chọn một trong: [^.]*": "the values a YAML field allows, as the user must write them",
    r"``[^`]+``": "literal YAML in the rules' documentation (the same in both languages)",
}


def _schema_words() -> tuple[set[str], set[str]]:
    """Property names and enum values of the shipped schemas: what a user writes in YAML."""
    fields: set[str] = set()
    values: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            fields.update(node.get("properties", {}))
            values.update(v for v in node.get("enum", ()) if isinstance(v, str))
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in (REPO / "schemas").glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return fields, values


SCHEMA_FIELDS, ENUM_VALUES = _schema_words()
# "field: value" as the user writes it in YAML (status: implemented, plan.count_cut_as: …)
TYPED[rf"\b({'|'.join(sorted(SCHEMA_FIELDS))})(\.[a-z_]+)*: [a-z_]+\b(?!\.[a-z])"] = (
    "a YAML field and its value, as the user writes them"
)
UNIT_IDS = set(yaml.safe_load((CATALOG / "units.yaml").read_text(encoding="utf-8"))["units"])
# In validate and rules output a message names what the user wrote or must write in a file.
ALLOWED_IN_FINDINGS: dict[str, str] = {
    r"[a-z0-9]+(-[a-z0-9]+)+": "a unit or rule id the user wrote (copied into tthc.yaml)",
    "|".join(sorted(SCHEMA_FIELDS)): "a YAML field the user writes",
    "|".join(sorted(known_ids())): "a rule id (copied into tthc.yaml)",
}
# The rules' documentation shows its inline literals as plain words (no reST backquotes).
ALLOWED_IN_RULE_DOCS: dict[str, str] = {
    "|".join(sorted(ENUM_VALUES | {"off"})): "a YAML value the user writes (off: a rule's level)",
    rf"{ABBREVIATION}(/{ABBREVIATION})+": "abbreviations side by side (QH/UBTVQH)",
}
NEVER_DATA = ENUM_VALUES | UNIT_IDS  # raw values people must never read outside findings


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):  # values only: keys are YAML fields, not the user's words
        for key, item in value.items():
            if not str(key).endswith("_en"):  # English versions are never shown in vi output
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def data_texts() -> tuple[list[str], set[str]]:
    """The free texts the bundled catalog and the shipped plan data hold (longest first), and
    every word of theirs: the user's words, not tthc's. Enum values and unit ids are not data."""
    texts: set[str] = set()
    for path in [*CATALOG.rglob("*.yaml"), *DATA.rglob("*.yaml")]:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            text = " ".join(text.split())
            if text and text not in NEVER_DATA:
                texts.add(text)
    words = {w for t in texts for w in t.replace("/", " / ").split()} | {
        "".join(t.split()) for t in texts
    }
    words |= {w.strip('()[]"“”;,') for w in words}
    return sorted(texts, key=len, reverse=True), words


DATA_TEXTS, DATA_WORDS = data_texts()
DATA_BLOB = "\n".join("".join(t.split()) for t in DATA_TEXTS)
# What a table's line wrapping leaves of a data word: its head and its tail ("…ln.d" / "ocx",
# "HCM-STNMT-" / "DDBD-01")
DATA_PIECES = {w[:i] for w in DATA_WORDS for i in range(2, len(w))} | {
    w[i:] for w in DATA_WORDS for i in range(1, len(w) - 1)
}


def visible_text(output: str, markup: bool = False) -> str:
    """What a person reads: for HTML and Markdown, the text without tags, styles, entities and
    backslash escapes."""
    if markup:
        output = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", output)
        output = re.sub(r"<[^>]+>", " ", output)
        output = html.unescape(re.sub(r"\\(.)", r"\1", output))
    return output


def _is_data(word: str) -> bool:
    """A word of the catalog's own text (also cut by a table's line wrapping)."""
    if word in NEVER_DATA:
        return False
    # a long word cut by a table's line wrapping is a piece of the data; a short English word
    # ("new", "amended") found inside some address of the data is not
    return word in DATA_WORDS or word in DATA_PIECES or (len(word) >= 8 and word in DATA_BLOB)


def unread(output: str, allowed: dict[str, str]) -> list[str]:
    """The words of ``output`` that are not Vietnamese, once the catalog's own text is out."""
    output = re.sub(r"(?m):\n\n((    .*)?\n)+", "\n", output + "\n")  # literal YAML blocks
    flat = " ".join(output.split())
    for pattern in TYPED:
        flat = re.sub(pattern, " ", flat)
    for text in DATA_TEXTS:
        if " " in text and text in flat:
            flat = flat.replace(text, " ")
    bad = [f"ISO date {day}" for day in ISO_DAY.findall(flat)]
    flat = ISO_DAY.sub(" ", flat)
    patterns = [re.compile(p) for p in allowed]
    for raw in WORD.findall(flat):
        word = raw.strip(".:/'’-,").removesuffix("'s")
        if not word or VIETNAMESE_LETTER.search(word) or _is_data(word):
            continue
        if any(p.fullmatch(word) for p in patterns):
            continue
        if word.isalpha() and SYLLABLE.fullmatch(word):
            continue
        bad.append(word)
    return sorted(set(bad))


def _cost_codes() -> list[str]:
    codes = []
    for path in sorted(CATALOG.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and (data.get("simplification") or {}).get("plan"):
            codes.append(data["code"])
    return codes


@pytest.fixture(scope="module")
def changed_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two versions of the bundled catalog for ``tthc diff``: a step longer, a procedure
    removed and one added, a unit field, a component's condition and a step's lead changed."""
    root = tmp_path_factory.mktemp("diff")
    shutil.copytree(CATALOG, root / "cu")
    shutil.copytree(CATALOG, root / "moi")
    shutil.copy(REPO / "tthc.yaml", root / "tthc.yaml")
    public = root / "moi" / "public"
    text = (public / "2.001219.yaml").read_text(encoding="utf-8")
    (public / "2.001219.yaml").write_text(text.replace("value: 2", "value: 4", 1), "utf-8")
    # a unit field, a component's condition and a step's lead: field names and unit ids that
    # diff must show in words
    will = (public / "2.001019.yaml").read_text(encoding="utf-8")
    will = will.replace("  implementing: [ubnd-cap-xa]\n", "  competent: [ubnd-cap-xa]\n", 1)
    quantity = "    quantity_text: 1 bản chính\n"
    will = will.replace(quantity, f"{quantity}    when: có di chúc\n", 1)
    lead = "    lead: trung-tam-phuc-vu-hanh-chinh-cong\n"
    will = will.replace("    lead: ubnd-cap-xa\n", lead, 1)
    (public / "2.001019.yaml").write_text(will, "utf-8")
    (public / "1.000426.yaml").rename(public / "1.999999.yaml")
    moved = (public / "1.999999.yaml").read_text(encoding="utf-8")
    (public / "1.999999.yaml").write_text(moved.replace("1.000426", "1.999999"), "utf-8")
    return root


RUNS: list[Any] = [
    ("validate", ["validate"]),
    ("validate", ["validate", "--show-suppressed"]),
    ("validate", ["validate", "-f", "markdown", "--show-suppressed"]),
    ("rules", ["rules"]),
    *(("rules", ["rules", rule]) for rule in RULES),
    ("list", ["list"]),
    ("list", ["list", "--kind", "internal"]),
    ("show", ["show", "2.001219"]),
    ("show", ["show", "6.001430"]),
    ("show", ["show", "HCM-STNMT-DDBD-01"]),
    ("table", ["table"]),
    ("table", ["table", "--list"]),
    ("table", ["table", "--list", "-f", "markdown"]),
    ("table", ["table", "-f", "html"]),
    *(("report", ["report", "--as-of", "01/11/2025", "--by", by]) for by in ("unit", "kind")),
    ("report", ["report", "--by", "field", "-f", "markdown"]),
    ("report", ["report", "--by", "level", "-f", "html"]),
    *(("cost", ["cost", code, "--as-of", "01/01/2025"]) for code in _cost_codes()),
    ("deadline", ["deadline", "2.001219", "--received", "07/02/2024 16:00"]),
    ("deadline", ["deadline", "2.001219", "--received", "07/02/2024 16:00", "--explain"]),
    ("deadline", ["deadline", "--duration", "04 giờ làm việc", "--received", "06/03/2026 16:00"]),
    ("legal", ["legal"]),
    ("legal", ["legal", "--as-of", "01/01/2025", "-f", "markdown"]),
]


def _id(run: Any) -> str:
    return " ".join(run.values[1] if hasattr(run, "values") else run[1])


@pytest.mark.parametrize(("command", "args"), RUNS, ids=[_id(run) for run in RUNS])
def test_vietnamese_output(command: str, args: list[str]) -> None:
    done = run_tthc(*args)
    assert done.returncode in (0, 1), done.stderr
    markup = bool({"html", "markdown"} & set(args))
    shown = visible_text(done.stdout, markup) + " " + done.stderr
    allowed = {**ALLOWED, **(ALLOWED_IN_FINDINGS if command in ("validate", "rules") else {})}
    allowed |= ALLOWED_IN_RULE_DOCS if command == "rules" else {}
    assert unread(shown, allowed) == []


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_vietnamese_diff(changed_copy: Path, fmt: str) -> None:
    done = run_tthc("diff", "cu", "moi", "-f", fmt, cwd=changed_copy)
    assert done.returncode == 0, done.stderr
    assert unread(visible_text(done.stdout, fmt == "markdown"), ALLOWED) == []


def test_every_read_check_is_documented_in_vietnamese() -> None:
    done = run_tthc("rules")
    assert all(check in done.stdout for check in READ_CHECKS)


# --- the checker itself --------------------------------------------------------------------


@pytest.mark.parametrize(
    "english",
    [
        "hình thức nộp: online",
        "Phương án: approved, hướng xử lý simplify",
        "code kind name field unit",
        "Tại ngày: 2025-01-01",
        "Cách tính: abolished_or_merged",
        "Đơn vị: so-xay-dung",
        "Passes Fails Every",
        "Danh mục thủ tục amended, new procedures",
    ],
)
def test_the_checker_sees_english_and_raw_ids(english: str) -> None:
    assert unread(english, ALLOWED) != []


@pytest.mark.parametrize(
    "vietnamese",
    [
        "Thủ tục 2.001219 theo Nghị định 63/2010/NĐ-CP, tại ngày 01/07/2025 08:30",
        "Quyết định 1085/QĐ-TTg; xem https://dichvucong.gov.vn/p/home.html",
        "Tệp procedures/units.yaml:28:11 của UBND Thành phố; mã HCM-STNMT-DDBD-01",
        "Cho tin theo bao nhieu ngay",  # Vietnamese without its marks
    ],
)
def test_the_checker_lets_vietnamese_codes_and_numbers_pass(vietnamese: str) -> None:
    assert unread(vietnamese, ALLOWED) == []

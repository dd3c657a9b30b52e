"""Text normalisation for comparison (Unicode NFC, case and spacing folded), and output
hygiene: how text from files is made safe for each kind of output, in one place.

Every command and writer that puts text from a file (a name, a path, a finding's message)
into its output uses the one function for that kind of output, never its own escaping:

============================  ================================================================
terminal (text, tables)       :func:`visible` — control characters shown as ``\x1b``, not obeyed
terminal, one-line field      :func:`one_line` — and line breaks folded to a space
Markdown                      :func:`escape_md` (text), :func:`md_code` (a code span)
HTML                          :func:`escape_html`
DOCX, XLSX, JUnit, SVG (XML)  :func:`xml_safe`
GitHub workflow commands      :func:`github_data`, :func:`github_property`
CSV                           :func:`csv_text` (cells via :func:`csv_cell`)
JSON, SARIF, GitLab           :func:`json_text`
============================  ================================================================

What a terminal would obey is the same everywhere (``UNSHOWABLE``): C0 controls but tab and
newline, DEL, C1 controls (U+009B starts an escape sequence like ESC [), the bidirectional
embeddings, overrides and isolates that reorder what follows them, and lone surrogates (a file
name that is not UTF-8). Formats people read are also read on a terminal (Markdown and JSON
printed to stdout), so each of them neutralises these too, in its own way.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

_SPACE = re.compile(r"\s+")
_BIDI = "\u202a-\u202e\u2066-\u2069"
UNSHOWABLE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\\ud800-\\udfff]")
# The same but line breaks (CR, LF), which CSV keeps inside quoted cells.
_UNSHOWABLE_BUT_BREAKS = re.compile(
    f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{_BIDI}\\ud800-\\udfff]"
)
# What an XML document should not hold: what XML 1.0 cannot hold at all, even escaped (C0 but
# tab and line breaks, U+FFFE, U+FFFF, surrogates), and controls no document wants (DEL, C1,
# the bidirectional overrides, which would reorder a printed name).
_NOT_XML = re.compile(
    f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{_BIDI}\\ud800-\\udfff\\ufffe\\uffff]"
)
# Characters JSON may hold raw in a string but a terminal might obey: written as \\uXXXX.
_JSON_UNSAFE = re.compile(f"[\\x7f-\\x9f{_BIDI}\\u2028\\u2029\\ud800-\\udfff]")
# Markdown syntax escaped with a backslash (CommonMark lets any ASCII punctuation be).
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~&"})
_MD_LINE_START = re.compile(r"^(\d*)([-+=#>.)])")
_BACKTICKS = re.compile(r"`+")
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")
# A spreadsheet reads a cell as a formula when it starts (after spaces) with one of these, the
# fullwidth forms included; a leading tab or carriage return is refused too.
_FORMULA = re.compile(r"^(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])")
_EDGE = re.compile(r"^[\s\-–—+•;,.:]+|[\s;,.:]+$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


QUOTE_LENGTH = 60


def shorten(text: str, limit: int = QUOTE_LENGTH) -> str:
    """Text quoted in a message: NFC, on one line, at most ``limit`` characters — cut after a
    whole word and ended with "…" when longer (a single word longer than that is cut inside)."""
    flat = " ".join(nfc(text).split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]
    if flat[limit - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.–-") + "…"


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The form two names are compared in: NFC, case-folded, single spaces, no edge punctuation.

    Remembered: the same component and unit names recur across a catalog's procedures.
    """
    return _EDGE.sub("", _SPACE.sub(" ", nfc(text).casefold())).strip()


# Vietnamese alphabetical order (base letters; f, j, w, z where Latin puts them, for foreign
# words) and the tones as a secondary difference, in the order of Unicode CLDR's Vietnamese
# collation and Vietnamese dictionaries: none, huyền, hỏi, ngã, sắc, nặng.
VI_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_VI_RANK = {letter: rank for rank, letter in enumerate(VI_ALPHABET)}
# Marks that make a letter of its own (ă â ê ô ơ ư) and the tone marks, as NFD writes them.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@lru_cache(maxsize=8192)
def vi_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], str]:
    """The sort key of ``text`` in Vietnamese alphabetical order: the one collation every
    sorted list people read uses (``sorted(names, key=vi_key)``).

    Letters compare by the Vietnamese alphabet (a ă â b c d đ e ê …), so "Đ…" follows "D…";
    spaces and punctuation come before digits and digits before letters, so "Hạ tầng" precedes
    "Hàng hải" and "Kiến trúc" precedes "Kinh doanh". Only when two texts have the same letters
    do the tones decide (secondary key), then upper case after lower case, then the text itself.
    """
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if not primary or primary[-1][0] != 2:
                continue
            if char in _TONES:
                tones[-1] = _TONES[char]
                continue
            base = VI_ALPHABET[primary[-1][1]]
            letter = _LETTER_MARKS.get((base, char))
            if letter is not None:
                primary[-1] = (2, _VI_RANK[letter])
            continue
        lower = char.lower()
        if lower in _VI_RANK:
            primary.append((2, _VI_RANK[lower]))
        elif char.isdigit():
            primary.append((1, ord(char)))
        else:
            primary.append((0, ord(lower)))
        tones.append(0)
        cases.append(0 if char == lower else 1)
    return tuple(primary), tuple(tones), tuple(cases), text


def strip_accents(text: str) -> str:
    """ASCII-ish form for fuzzy suggestions (đ → d, tone marks dropped)."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def visible(text: str) -> str:
    """Terminal: ``text`` safe to print, each control character shown as its escape
    (``\\x1b``, ``\\u202e``) instead of acted on (clearing the screen, retitling the window,
    reordering the line). Tab and newline stay."""
    return UNSHOWABLE.sub(_escape, text)


def one_line(text: str) -> str:
    """Terminal: a one-line field (a name, a code, a title) as :func:`visible`, with every run
    of line breaks (CR, LF, VT, FF, NEL, U+2028, U+2029) folded into one space: a name from a
    file can never start a line of its own, where a CI runner would read it as a command
    (``::error …``, ``::add-mask::``)."""
    return visible(_LINE_BREAKS.sub(" ", text))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_md(text: str, line_start: bool = False) -> str:
    """Markdown: ``text`` shown literally in a table cell, heading, list item or paragraph:
    control characters shown (:func:`visible`), syntax escaped (links, images, HTML, ``|``,
    emphasis, entities), line breaks and runs of spaces folded into one space. With
    ``line_start``, what would open a list, heading or quote at the start of a line is escaped."""
    escaped = visible(" ".join(text.split())).translate(_MARKDOWN)
    return _MD_LINE_START.sub(r"\1\\\2", escaped) if line_start else escaped


def md_code(text: str) -> str:
    """Markdown: a CommonMark code span showing ``text`` literally: the fence is one backtick
    longer than the longest run inside, padded with spaces when the content would otherwise
    touch the fence with a backtick or lose its own edge spaces."""
    flat = visible(_LINE_BREAKS.sub(" ", text))
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(flat)), default=0) + 1)
    edge_spaces = flat.startswith(" ") and flat.endswith(" ") and flat.strip(" ") != ""
    if flat.startswith("`") or flat.endswith("`") or edge_spaces:
        flat = f" {flat} "
    return f"{fence}{flat}{fence}"


def xml_safe(text: str, replacement: str = "") -> str:
    """XML (Word, Excel, JUnit, SVG): ``text`` a document can hold, each character XML 1.0
    cannot, or no document should (see ``_NOT_XML``), replaced by ``replacement``."""
    return _NOT_XML.sub(replacement, text)


def escape_html(text: str) -> str:
    """HTML: ``text`` as element content or a quoted attribute value: markup escaped (``<``,
    ``>``, ``&``, both quotes), and what :func:`xml_safe` drops, dropped."""
    return html.escape(xml_safe(text), quote=True)


def github_data(text: str) -> str:
    """GitHub workflow commands: the message of ``::error …::MESSAGE``. ``%``, CR and LF
    escaped as the runner expects (one command stays one line), then control characters shown
    (:func:`visible`: ESC and bidirectional overrides never reach the Actions log raw)."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """GitHub workflow commands: a property value (``file=``, ``title=``): as
    :func:`github_data`, and ``:`` and ``,``, which end a value."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def csv_cell(value: str) -> str:
    """CSV: one text cell. Control characters shown (:func:`visible`) but line breaks, which
    stay inside the quoted cell; a cell a spreadsheet would read as a formula (``=``, ``+``,
    ``-``, ``@`` or their fullwidth forms, after any spaces; or a leading tab or CR) gets a
    leading ``'``."""
    shown = _UNSHOWABLE_BUT_BREAKS.sub(_escape, value)
    return "'" + shown if _FORMULA.match(shown) else shown


def csv_text(rows: Iterable[Sequence[str | int | float | None]]) -> str:
    """CSV: the rows (the header first), every text cell through :func:`csv_cell` and quoted
    (so a CR or LF inside a cell is never read as the end of a record), numbers as numbers,
    None as an empty cell; lines end in ``\\n``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    for row in rows:
        writer.writerow(
            [
                "" if value is None else csv_cell(value) if isinstance(value, str) else value
                for value in row
            ]
        )
    return buffer.getvalue()


def json_text(data: Any, indent: int | None = 2, sort_keys: bool = False) -> str:
    """JSON (and SARIF, GitLab): ``data`` as UTF-8 JSON text ending in a newline; the
    characters JSON allows raw but a terminal might obey (C1 controls, bidirectional overrides,
    U+2028/2029, lone surrogates) written as ``\\uXXXX`` escapes — the same data for any
    JSON reader."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"

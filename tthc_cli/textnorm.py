"""Text normalisation: for comparison (Unicode NFC, case and spacing folded), and for showing
file content on a terminal, in Markdown or in an XML document."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})
# What XML 1.0 cannot hold at all, even escaped (DEL it can, but no document wants it).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# What a terminal would obey instead of show: C0 controls but tab and newline, DEL, C1 controls
# (U+009B starts an escape sequence like ESC [), and the bidirectional embeddings, overrides and
# isolates that reorder what follows them.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_EDGE = re.compile(r"^[\s\-–—+•;,.:]+|[\s;,.:]+$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The form two names are compared in: NFC, case-folded, single spaces, no edge punctuation.

    Remembered: the same component and unit names recur across a catalog's procedures.
    """
    return _EDGE.sub("", _SPACE.sub(" ", nfc(text).casefold())).strip()


def strip_accents(text: str) -> str:
    """ASCII-ish form for fuzzy suggestions (đ → d, tone marks dropped)."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def visible(text: str) -> str:
    """``text`` safe to print on a terminal: each control character shown as its escape
    (``\\x1b``, ``\\u202e``) instead of acted on (clearing the screen, retitling the window,
    reordering the line). Tab and newline stay."""
    return _UNSHOWABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def xml_safe(text: str, replacement: str = "") -> str:
    """``text`` that an XML document (Word, Excel, JUnit, HTML) can hold: each character XML
    1.0 cannot (controls but tab and line breaks, U+FFFE, U+FFFF) replaced by ``replacement``."""
    return _NOT_XML.sub(replacement, text)


def escape_md(text: str) -> str:
    """``text`` shown literally in Markdown (a table cell, a heading, a list item): syntax
    characters escaped, line breaks and runs of spaces folded into one space."""
    return " ".join(text.translate(_MARKDOWN).split())

"""Text normalisation for comparison: Unicode NFC, case and spacing folded."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
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

"""Bytes to text for files that may be anything: NFC text, or findings saying why not.

UTF-8 (with or without a BOM) is accepted; UTF-16, UTF-32, Windows-1258 and Latin-1 are named
so the author knows what to convert from; NUL bytes mean a binary file; text in NFD (separate
combining marks, as some Vietnamese keyboards and macOS produce) is normalised to NFC with a
warning so that every comparison sees one form.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from tthc_cli.findings import Finding, Pos, Severity, make

Mark = tuple[int, int]

# Where a line ends for an editor, and for YAML 1.2: nowhere else. YAML 1.1 parsers (libyaml,
# PyYAML) also end lines at NEL, LS and PS, and str.splitlines() at seven more characters.
LINE_BREAK = re.compile(r"\r\n?|\n")


def line_starts(text: str) -> list[int]:
    """The index in ``text`` of the first character of every line, as an editor splits it."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(text))]


def text_mark(text: str, index: int) -> Mark:
    """Line and column (1-based, counted in characters) of ``text[index]`` as an editor shows
    them: lines end at CR LF, CR or LF."""
    line = (
        text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1
    )
    start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return line, index - start + 1


def line_col(raw: bytes, offset: int) -> Mark:
    """Line and column, in characters, of the byte at ``offset`` in bytes read as UTF-8 (an
    invalid sequence before it counts as one character, as editors show one replacement)."""
    before = raw[:offset].decode("utf-8", errors="replace")
    return text_mark(before, len(before))


def nfc_columns(original: str, normalised: str) -> list[int]:
    """For each character of ``normalised`` (the NFC form of the line ``original``), and for
    the end of the line, the index in ``original`` where it comes from.

    Each starter and the combining marks after it normalise on their own, so the map follows
    those pieces; where that does not rebuild the line (starters that compose, as Hangul jamo
    do), the columns are left as they are."""
    columns: list[int] = []
    pieces: list[str] = []
    start = 0
    for end in range(1, len(original) + 1):
        if end < len(original) and unicodedata.combining(original[end]):
            continue
        piece = unicodedata.normalize("NFC", original[start:end])
        pieces.append(piece)
        columns.extend(start + min(k, end - start - 1) for k in range(len(piece)))
        start = end
    if "".join(pieces) != normalised:
        return list(range(len(normalised) + 1))
    columns.append(len(original))
    return columns


def guess_encoding(raw: bytes) -> str:
    """Name the likely encoding of bytes that are not UTF-8 (for the message only)."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    sample = raw[:4000]
    if len(sample) >= 8:
        # Mostly-ASCII text: UTF-32 has three NULs in every four bytes, UTF-16 one in every two.
        quarter = len(sample) // 4
        if sum(sample[i::4].count(0) for i in range(4)) > 2 * len(sample) // 3:
            return "UTF-32"
        if sample[0::2].count(0) > quarter or sample[1::2].count(0) > quarter:
            return "UTF-16"
    text = raw.decode("cp1258", errors="replace")
    vietnamese = sum(1 for ch in text if ch in "ăâđêôơưĂÂĐÊÔƠƯ" or "\u0300" <= ch <= "\u0323")
    if vietnamese >= 2:
        return "Windows-1258"
    return "Latin-1/Windows-1252"


def decode(raw: bytes, file: str, max_bytes: int) -> tuple[str | None, list[Finding], str]:
    """Bytes to NFC text, or findings saying why the bytes cannot be read.

    Also returns the text as the file holds it (without a BOM, before NFC normalisation; the
    same object when normalising changed nothing), against which columns are counted.
    """
    pos = Pos(file, 1, 1)
    if len(raw) > max_bytes:
        return (
            None,
            [make("file-too-large", Severity.ERROR, pos, size=len(raw), limit=max_bytes)],
            "",
        )
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None, [make("file-encoding", Severity.ERROR, pos, encoding="UTF-32")], ""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [make("file-encoding", Severity.ERROR, pos, encoding="UTF-16")], ""
    nul = raw.find(b"\x00")
    if nul >= 0:
        guess = guess_encoding(raw)
        if guess in ("UTF-16", "UTF-32"):
            return None, [make("file-encoding", Severity.ERROR, pos, encoding=guess)], ""
        line, col = line_col(raw, nul)
        return None, [make("file-binary", Severity.ERROR, Pos(file, line, col))], ""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = line_col(raw, exc.start)
        encoding = guess_encoding(raw)
        return (
            None,
            [make("file-encoding", Severity.ERROR, Pos(file, line, col), encoding=encoding)],
            "",
        )
    original = text
    findings: list[Finding] = []
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        for number, line_text in enumerate(LINE_BREAK.split(text), start=1):
            if not unicodedata.is_normalized("NFC", line_text):
                col = next(
                    i
                    for i, ch in enumerate(line_text, start=1)
                    if not unicodedata.is_normalized("NFC", line_text[: i + 1])
                )
                findings.append(make("text-not-nfc", Severity.WARNING, Pos(file, number, col)))
                break
        text = unicodedata.normalize("NFC", text)
    return text, findings, original

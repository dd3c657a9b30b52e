"""The rules' documentation (reStructuredText, as their docstrings are written) for a terminal.

What a reader sees: inline literals without their backquotes (````units.yaml```` →
``units.yaml``), a paragraph's closing ``::`` as one colon, paragraphs and list items re-flowed
to the terminal's width (the source's hard line breaks are not the reader's), and literal blocks
(the indented lines after ``::``) kept exactly as written, YAML examples being copied by hand.
"""

from __future__ import annotations

import re
import textwrap

_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
_ROLE = re.compile(r":[a-z]+:`~?(?:[^`<]*<)?([^`>]+)>?`")  # :mod:`x`, :class:`~a.B`, :func:`t <x>`
_ITEM = re.compile(r"^(?:[-*•]|\d+[.)])\s+")


def inline_text(text: str) -> str:
    """Inline markup read as plain text: literals without backquotes, roles by their name."""
    text = _ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], text)
    return _LITERAL.sub(r"\1", text)


def _wrap(text: str, width: int, indent: str = "", hanging: str = "") -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=max(width, 20),
        initial_indent=indent,
        subsequent_indent=indent + hanging,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _paragraph(lines: list[str], width: int) -> list[str]:
    """One paragraph re-flowed; a list's items each re-flowed under their own bullet."""
    indent = lines[0][: len(lines[0]) - len(lines[0].lstrip())]
    items: list[str] = []
    for line in lines:
        stripped = line.strip()
        if _ITEM.match(stripped) or not items:
            items.append(stripped)
        else:
            items[-1] += " " + stripped
    out: list[str] = []
    for item in items:
        bullet = _ITEM.match(item)
        hanging = " " * len(bullet.group(0)) if bullet else ""
        out += _wrap(inline_text(item), width, indent, hanging)
    return out


def _closing(text: str) -> tuple[str, bool]:
    """A paragraph's last line without its ``::`` (``Đạt::`` → ``Đạt:``, ``text ::`` → ``text``),
    and whether a literal block follows."""
    if not text.endswith("::"):
        return text, False
    head = text[:-2]
    return (head.rstrip() if head.endswith((" ", "\t")) or not head else head + ":"), True


def terminal_text(doc: str, width: int) -> str:
    """``doc`` for a terminal ``width`` columns wide (see the module's documentation)."""
    out: list[str] = []
    literal_next = False
    block_indent: int | None = None
    for block in re.split(r"\n[ \t]*\n", doc.strip("\n")):
        lines = block.split("\n")
        depth = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
        if literal_next and depth > 0 and (block_indent is None or depth >= block_indent):
            block_indent = depth
            out += [line.rstrip() for line in lines] + [""]
            continue
        literal_next, block_indent = False, None
        last, literal_next = _closing(lines[-1].rstrip())
        lines[-1] = last
        if any(line.strip() for line in lines):
            out += [*_paragraph([line for line in lines if line.strip()], width), ""]
    return "\n".join(out).rstrip("\n") + "\n"

"""Where the parser's marks stand for an editor, and the finding for what it cannot parse.

The two differ in two cases, both rare, so the loader builds :class:`EditorMarks` only for
them (:meth:`EditorMarks.needed`). NEL, LS and PS end a line for YAML 1.1 parsers such as
libyaml, whose marks then count one line more for each and restart the column; editors (and
YAML 1.2) show them inside a line, which only CR LF, CR and LF end. And the parser reads the
NFC text, in which a letter and its combining marks are one character where the file, in NFD,
holds several.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import yaml

from tthc_cli.findings import Finding, Pos, Severity, make
from tthc_cli.load.decoding import Mark, line_starts, nfc_columns

# Line breaks for YAML 1.1, which libyaml's marks count, and those of them editors do not.
_YAML11_BREAK = re.compile("\r\n?|[\n\x85\u2028\u2029]")
YAML11_ONLY_BREAKS = "\x85\u2028\u2029"


class EditorMarks:
    """Maps the parser's marks and text indexes to editor (line, column), both 1-based."""

    def __init__(self, text: str, original: str) -> None:
        self.text = text
        self.original = original
        self.parser_starts = [0, *(match.end() for match in _YAML11_BREAK.finditer(text))]
        self.starts = line_starts(text)
        self.original_starts = self.starts if original is text else line_starts(original)
        self.columns: dict[int, list[int]] = {}

    @staticmethod
    def needed(text: str, original: str) -> bool:
        return text is not original or any(char in text for char in YAML11_ONLY_BREAKS)

    def mark(self, mark: Mark) -> Mark:
        """Where the parser's 1-based (line, column) stands for an editor."""
        starts = self.parser_starts
        return self.index(starts[min(mark[0], len(starts)) - 1] + mark[1] - 1)

    def index(self, index: int) -> Mark:
        """Where ``text[index]`` stands for an editor (1-based line and column)."""
        line = bisect_right(self.starts, index)
        column = index - self.starts[line - 1]
        if self.original is not self.text:
            columns = self.columns.get(line)
            if columns is None:
                text, original = self.text, self.original
                ends, original_ends = self.starts[line:], self.original_starts[line:]
                normalised = text[self.starts[line - 1] : ends[0] if ends else len(text)]
                source = original[
                    self.original_starts[line - 1] : original_ends[0]
                    if original_ends
                    else len(original)
                ]
                columns = self.columns[line] = nfc_columns(source, normalised)
            column = columns[min(column, len(columns) - 1)]
        return line, column + 1

    def line_break_near(self, marks: list[int]) -> tuple[str, Mark] | None:
        """The NEL, LS or PS (as ``U+2028``) that ends a line for the parser on the editor's
        line of any of the ``marks`` (indexes in the text), and where it stands: a syntax error
        there is its doing."""
        text = self.text
        for index in marks:
            line = bisect_right(self.starts, index)
            start = self.starts[line - 1]
            end = self.starts[line] if line < len(self.starts) else len(text)
            found = [text.find(char, start, end) for char in YAML11_ONLY_BREAKS]
            at = min((i for i in found if i >= 0), default=-1)
            if at >= 0:
                return f"U+{ord(text[at]):04X}", self.index(at)
        return None


def syntax_finding(
    exc: yaml.YAMLError, file: str, text: str, max_depth: int, where: EditorMarks | None = None
) -> Finding:
    """The finding for what libyaml could not parse, placed where an editor shows it."""
    where = where or EditorMarks(text, text)
    if isinstance(exc, yaml.reader.ReaderError):
        offset = exc.position
        if exc.encoding != "unicode":  # libyaml: a byte offset into the UTF-8 it was given
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        line, col = where.index(min(offset, len(text)))
        return make(
            "yaml-syntax",
            Severity.ERROR,
            Pos(file, line, col),
            problem=f"character #x{exc.character:04x} is not allowed",
        )
    marks = [
        mark
        for mark in (getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None))
        if mark is not None
    ]
    line, col = where.index(min(marks[0].index, len(text))) if marks else (1, 1)
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    context = str(getattr(exc, "context", None) or "")
    if "single document" in context or "another document" in problem:
        return make("yaml-multi-document", Severity.ERROR, Pos(file, line, col))
    if "maximum nesting depth" in problem:
        # libyaml's own limit (PyYAML 6.0.4 and later): its scanner reads ahead of the events,
        # so on flow collections it can stop before our count reaches our limit.
        return make("yaml-too-deep", Severity.ERROR, Pos(file, line, col), limit=max_depth)
    pos = Pos(file, line, col)
    if any(char in text for char in YAML11_ONLY_BREAKS):
        near = where.line_break_near([min(mark.index, len(text)) for mark in marks])
        if near is not None:
            char, (break_line, break_column) = near
            return make(
                "yaml-syntax",
                Severity.ERROR,
                pos,
                message="yaml-syntax.yaml11-break",
                problem=problem,
                char=char,
                escape=f"\\u{char[2:].lower()}",
                break_line=break_line,
                break_column=break_column,
            )
    return make("yaml-syntax", Severity.ERROR, pos, problem=problem)

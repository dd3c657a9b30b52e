"""The portal's "Trình tự thực hiện": free text, split into steps only where the text numbers
them ("Bước 1:", "a)", "1.", list markers "-", "+").

The first marker style found at the start of a line is the step level; lines with another
style belong to the step above. Text before the first marker is a step of its own. A step's
duration is recorded only when the step states exactly one ("Trong thời hạn 02 ngày làm việc…",
"trong vòng 15 ngày", "không quá 05 ngày làm việc"); several different ones are reported.
Units named in the step become its ``lead`` only through a mapping file, and only when exactly
one mapped unit is named.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tthc_cli.importer.common import Doc, Issue, duration, issue, one_line, tidy
from tthc_cli.plan.durations import UNIT_PATTERN
from tthc_cli.textnorm import fold

_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("step", re.compile(r"^\s*Bước\s*\d+\s*[:.)\-–]?", re.IGNORECASE)),
    ("letter", re.compile(r"^\s*[a-zđ]\)\s*")),
    ("number", re.compile(r"^\s*\d{1,2}[.)]\s+")),
    ("dash", re.compile(r"^\s*[-–•]\s*")),
    ("plus", re.compile(r"^\s*\+\s*")),
)
_LEAD_IN = r"(?:trong (?:thời hạn|thời gian|vòng)|không quá|tối đa)"
_DURATION = re.compile(
    _LEAD_IN + r"(?: không quá| tối đa| là)?\s+(\d+(?:[.,]\d+)?)\s*(?:\([^)]{1,20}\)\s*)?"
    rf"({UNIT_PATTERN})(?![a-zà-ỹ])(?:(?!{_LEAD_IN})[^,;.\n])*",
    re.IGNORECASE,
)


def _style(line: str) -> str | None:
    for name, pattern in _STYLES:
        if pattern.match(line):
            return name
    return None


def split_steps(text: str) -> list[str] | None:
    """Step texts, or None when no line starts with a marker."""
    lines = tidy(text).split("\n")
    level = next((s for s in map(_style, lines) if s is not None), None)
    if level is None:
        return None
    pattern = dict(_STYLES)[level]
    steps: list[list[str]] = [[]]
    for line in lines:
        if _style(line) == level and steps[-1]:
            steps.append([])
        steps[-1].append(pattern.sub("", line, count=1) if _style(line) == level else line)
    return [s for s in ("\n".join(chunk).strip() for chunk in steps) if s]


def step_duration(text: str) -> tuple[Doc | None, list[Issue]]:
    found = [duration(m.group(1), m.group(2), m.group(0).strip()) for m in _DURATION.finditer(text)]
    distinct = {(d["value"], d["unit"]) for d in found}
    if len(distinct) > 1:
        return None, [issue("step-several-durations", text)]
    return (found[0] if found else None), []


def _lead(text: str, units: Mapping[str, str]) -> tuple[str | None, list[Issue]]:
    folded = fold(text)
    named = sorted({unit for name, unit in units.items() if fold(name) in folded})
    if len(named) == 1:
        return named[0], []
    if len(named) > 1:
        return None, [issue("step-several-units", f"{', '.join(named)}: {text}")]
    return None, []


def parse_steps(text: str | None, units: Mapping[str, str]) -> tuple[list[Doc], list[Issue]]:
    """Steps in order; unnumbered text is reported and left to the caller to keep as text."""
    if not text or not one_line(text):
        return [], []
    parts = split_steps(text)
    if parts is None:
        return [], [issue("steps-not-numbered", text)]
    steps: list[Doc] = []
    issues: list[Issue] = []
    for part in parts:
        step: Doc = {"action": part}
        lead, problems = _lead(part, units) if units else (None, [])
        if lead:
            step["lead"] = lead
        found, more = step_duration(part)
        if found:
            step["duration"] = found
        steps.append(step)
        issues += problems + more
    return steps, issues

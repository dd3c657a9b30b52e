"""What every parser shares: the issue type, text clean-up, and durations as files write them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tthc_cli.plan.durations import written
from tthc_cli.textnorm import nfc

Doc = dict[str, Any]
NO_INFO = "Không có thông tin"
SNIPPET = 160

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True, slots=True, order=True)
class Issue:
    """Something the source states that could not be understood: ``what`` groups the summary."""

    what: str
    text: str = ""


def issue(what: str, text: str = "") -> Issue:
    return Issue(what, one_line(text))


def snippet(text: str) -> str:
    """At most SNIPPET characters, for a summary line."""
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def one_line(text: str) -> str:
    """NFC, every run of whitespace one space, trimmed."""
    return " ".join(nfc(text).split())


def tidy(text: str) -> str:
    """NFC, spaces and tabs collapsed per line, blank lines dropped, lines trimmed."""
    lines = (_SPACES.sub(" ", line).strip() for line in nfc(text).replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def stated(text: str | None) -> str | None:
    """The text, or None when the portal leaves the field empty or says it has no information."""
    if text is None:
        return None
    value = tidy(str(text))
    if not value or value.strip("-– .") == "" or value == NO_INFO:
        return None
    return value


def duration(value: str, unit: str, text: str) -> Doc:
    """A duration as the catalog file writes it (see :mod:`tthc_cli.plan.durations`)."""
    found = written(value, unit)
    amount = found.value
    return {
        "value": int(amount) if float(amount).is_integer() else amount,
        "unit": found.unit.value,
        "text": one_line(text),
    }

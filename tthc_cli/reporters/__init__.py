"""The explicit registry of findings reporters: format name → render(result, ctx) -> str."""

from __future__ import annotations

from collections.abc import Callable

from tthc_cli.reporters import github, gitlab, json_, junit, sarif, text
from tthc_cli.reporters.base import ReportContext, Result

Reporter = Callable[[Result, ReportContext], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
}

__all__ = ["REPORTERS", "ReportContext", "Reporter", "Result"]

"""The explicit registry of findings reporters: format name → render(result, ctx) -> str.

Each reporter's module is imported when its format is asked for (start-up stays cheap).
"""

from __future__ import annotations

from collections.abc import Callable

from tthc_cli.reporters.base import ReportContext, Result
from tthc_cli.reporters.registry import LazyRegistry

Reporter = Callable[[Result, ReportContext], str]

REPORTERS: LazyRegistry[Reporter] = LazyRegistry(
    {
        "text": "tthc_cli.reporters.text:render",
        "json": "tthc_cli.reporters.json_:render",
        "junit": "tthc_cli.reporters.junit:render",
        "sarif": "tthc_cli.reporters.sarif:render",
        "github": "tthc_cli.reporters.github:render",
        "gitlab": "tthc_cli.reporters.gitlab:render",
    }
)

__all__ = ["REPORTERS", "ReportContext", "Reporter", "Result"]

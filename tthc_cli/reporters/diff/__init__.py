"""Reporters for ``tthc diff`` (a catalog diff, not findings): format name → render(diff, ctx).

Each reporter's module is imported when its format is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tthc_cli.reporters.registry import LazyRegistry

if TYPE_CHECKING:
    from tthc_cli.diff.model import CatalogDiff
    from tthc_cli.reporters.base import ReportContext

DiffReporter = Callable[["CatalogDiff", "ReportContext"], str]

DIFF_REPORTERS: LazyRegistry[DiffReporter] = LazyRegistry(
    {
        "text": "tthc_cli.reporters.diff.text:render_diff",
        "markdown": "tthc_cli.reporters.diff.markdown:render_diff",
        "json": "tthc_cli.reporters.diff.json_:render_diff",
        "github": "tthc_cli.reporters.diff.github:render_diff",
        "gitlab": "tthc_cli.reporters.diff.gitlab:render_diff",
    }
)

__all__ = ["DIFF_REPORTERS", "DiffReporter"]

"""Reporters for ``tthc diff`` (a catalog diff, not findings): format name → render(diff, ctx)."""

from __future__ import annotations

from collections.abc import Callable

from tthc_cli.diff.model import CatalogDiff
from tthc_cli.reporters.base import ReportContext
from tthc_cli.reporters.diff import github, gitlab, json_, markdown, text

DiffReporter = Callable[[CatalogDiff, ReportContext], str]

DIFF_REPORTERS: dict[str, DiffReporter] = {
    "text": text.render_diff,
    "markdown": markdown.render_diff,
    "json": json_.render_diff,
    "github": github.render_diff,
    "gitlab": gitlab.render_diff,
}

__all__ = ["DIFF_REPORTERS", "DiffReporter"]

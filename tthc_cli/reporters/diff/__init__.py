"""The registry of ``tthc diff`` reporters (a catalog diff, not findings): name → render(diff,
ctx). Each reporter's module is imported when its format is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tthc_cli.formats import OutputContext, Writers

if TYPE_CHECKING:
    from tthc_cli.diff.model import CatalogDiff

DiffReporter = Callable[["CatalogDiff", OutputContext], str]

DIFF_REPORTERS: Writers[DiffReporter] = Writers(
    {
        "text": "tthc_cli.reporters.diff.text:render_diff",
        "markdown": "tthc_cli.reporters.diff.markdown:render_diff",
        "json": "tthc_cli.reporters.diff.json_:render_diff",
        "github": "tthc_cli.reporters.diff.github:render_diff",
        "gitlab": "tthc_cli.reporters.diff.gitlab:render_diff",
    },
    default="text",
)

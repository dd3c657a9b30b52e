"""The registry of findings reporters (``tthc validate --format``): name → render(result, ctx).

Each reporter's module is imported when its format is asked for (start-up stays cheap).
"""

from __future__ import annotations

from collections.abc import Callable

from tthc_cli.findings import ValidationResult
from tthc_cli.formats import OutputContext, Writers

Reporter = Callable[[ValidationResult, OutputContext], str]

REPORTERS: Writers[Reporter] = Writers(
    {
        "text": "tthc_cli.reporters.text:render",
        "markdown": "tthc_cli.reporters.markdown:render",
        "json": "tthc_cli.reporters.json_:render",
        "junit": "tthc_cli.reporters.junit:render",
        "sarif": "tthc_cli.reporters.sarif:render",
        "github": "tthc_cli.reporters.github:render",
        "gitlab": "tthc_cli.reporters.gitlab:render",
    },
    default="text",
)

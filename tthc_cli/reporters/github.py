"""GitHub Actions workflow commands: one annotation per active finding, then a summary.

``::error file=F,line=L,col=C,title=tthc RULE::MESSAGE`` (``warning`` and ``notice`` for the
other severities). Suppressed findings are not annotated. Data and property values go through
:func:`~tthc_cli.textnorm.github_data` and :func:`~tthc_cli.textnorm.github_property`.

``file`` is relative to the repository root (``GITHUB_WORKSPACE`` in a checkout), whatever
folder tthc runs from; the rule, with its fallbacks outside git, is in
:mod:`tthc_cli.reporters.paths`.
"""

from __future__ import annotations

from tthc_cli.findings import Severity, ValidationResult
from tthc_cli.formats import OutputContext
from tthc_cli.reporters.base import TOOL_NAME, message
from tthc_cli.reporters.paths import for_ci
from tthc_cli.reporters.text import summary
from tthc_cli.textnorm import github_data, github_property

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: ValidationResult, ctx: OutputContext) -> str:
    result = for_ci(result, ctx.ci_paths)
    lines: list[str] = []
    for f in result.active():
        props = {
            "file": f.file,
            "line": str(f.line),
            "col": str(f.column),
            "title": f"{TOOL_NAME} {f.rule}",
        }
        joined = ",".join(f"{key}={github_property(value)}" for key, value in props.items())
        lines.append(f"::{COMMANDS[f.severity]} {joined}::{github_data(message(f, ctx))}")
    lines.append(f"::notice::{github_data(summary(result, ctx))}")
    return "\n".join(lines) + "\n"

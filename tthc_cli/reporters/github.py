"""GitHub Actions workflow commands: one annotation per active finding, then a summary.

``::error file=F,line=L,col=C,title=tthc RULE::MESSAGE`` (``warning`` and ``notice`` for the
other severities). Suppressed findings are not annotated. Data is escaped as the Actions runner
expects (``%``, CR, LF), property values also ``:`` and ``,``.

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

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


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
        joined = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
        lines.append(f"::{COMMANDS[f.severity]} {joined}::{escape_data(message(f, ctx))}")
    lines.append(f"::notice::{escape_data(summary(result, ctx))}")
    return "\n".join(lines) + "\n"

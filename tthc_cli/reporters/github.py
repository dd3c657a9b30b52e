"""GitHub Actions workflow commands: annotations for the active findings, then a summary.

``::error file=F,line=L,col=C,title=tthc RULE::MESSAGE`` (``warning`` and ``notice`` for the
other severities). Suppressed findings are not annotated. GitHub shows only 10 annotations of
each kind per step and drops the rest without a word, so errors come first, at most 10 of each
kind are annotated, and the others are printed as plain lines of the step's log, which the
summary notice names. Data and property values go through
:func:`~tthc_cli.textnorm.github_data` and :func:`~tthc_cli.textnorm.github_property` (the
plain lines too: the runner reads a workflow command after leading spaces, so no line break in a
value may start a new line).

``file`` is relative to the repository root (``GITHUB_WORKSPACE`` in a checkout), whatever
folder tthc runs from; the rule, with its fallbacks outside git, is in
:mod:`tthc_cli.reporters.paths`.
"""

from __future__ import annotations

from tthc_cli.findings import Finding, Severity, ValidationResult
from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.reporters.base import TOOL_NAME, message
from tthc_cli.reporters.paths import for_ci
from tthc_cli.reporters.text import plain_line, summary
from tthc_cli.textnorm import github_data, github_property

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# What GitHub shows of each kind in one step: 10 errors, 10 warnings, 10 notices (and 50 in a
# job); the rest are dropped silently (actions/toolkit, docs/problem-matchers.md "Limitations").
SHOWN_PER_KIND = 10


def _annotation(f: Finding, ctx: OutputContext) -> str:
    props = {
        "file": f.file,
        "line": str(f.line),
        "col": str(f.column),
        "title": f"{TOOL_NAME} {f.rule}",
    }
    joined = ",".join(f"{key}={github_property(value)}" for key, value in props.items())
    return f"::{COMMANDS[f.severity]} {joined}::{github_data(message(f, ctx))}"


def render(result: ValidationResult, ctx: OutputContext) -> str:
    """Errors first, as many of each kind as GitHub shows (a notice is kept for the summary);
    the findings beyond that are printed as plain lines in the log, and the summary notice says
    how many and where."""
    result = for_ci(result, ctx.ci_paths)
    ranked = sorted(result.active(), key=lambda f: -f.severity.rank)  # stable: file order kept
    room = dict.fromkeys(Severity, SHOWN_PER_KIND)
    room[Severity.INFO] -= 1  # the summary is a notice too
    annotated: list[Finding] = []
    left: list[Finding] = []
    for f in ranked:
        if room[f.severity] > 0:
            room[f.severity] -= 1
            annotated.append(f)
        else:
            left.append(f)
    lines = [_annotation(f, ctx) for f in annotated]
    line = summary(result, ctx)
    if left:
        lines.append(github_data(text("github.left-out.title", ctx.lang, count=len(left))))
        lines += [github_data(plain_line(f, ctx)) for f in left]
        line += " " + text("github.left-out", ctx.lang, count=len(left), shown=SHOWN_PER_KIND)
    lines.append(f"::notice::{github_data(line)}")
    return "\n".join(lines) + "\n"

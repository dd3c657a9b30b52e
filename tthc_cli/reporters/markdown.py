"""Markdown output of ``tthc validate`` for a pull request's job summary or comment: the summary
line, then one table row per finding (errors first). Suppressed findings are counted, as in the
text output, unless ``--show-suppressed``. Text from files is escaped as in ``tthc diff``'s
Markdown (:mod:`tthc_cli.reporters.diff.markdown`): it can never break the table out.
"""

from __future__ import annotations

from tthc_cli.findings import Finding, ValidationResult
from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.reporters.base import message
from tthc_cli.reporters.diff.markdown import cell, code_span
from tthc_cli.reporters.text import summary


def _row(f: Finding, ctx: OutputContext) -> str:
    if f.suppressed is None:
        level = text(f"severity.{f.severity.value}", ctx.lang)
        said = cell(message(f, ctx))
    else:
        level = text("label.suppressed", ctx.lang)
        reason = text("label.reason", ctx.lang)
        said = cell(f"{message(f, ctx)} ({reason}: {f.suppressed})")
    where = cell(f"{f.file}:{f.line}:{f.column}")  # not a code span: a | there splits the row
    return f"| {where} | {level} | {said} | {code_span(f.rule)} |"


def render(result: ValidationResult, ctx: OutputContext) -> str:
    shown = [f for f in result.findings if ctx.show_suppressed or f.suppressed is None]
    ranked = sorted(shown, key=lambda f: (f.suppressed is not None, -f.severity.rank))
    lines = [f"### {text('validate.md.title', ctx.lang)}", "", f"**{cell(summary(result, ctx))}**"]
    if ranked:
        head = [text(f"validate.md.col.{c}", ctx.lang) for c in ("where", "level", "what", "rule")]
        lines += ["", "| " + " | ".join(head) + " |", "|---|---|---|---|"]
        lines += [_row(f, ctx) for f in ranked]
    return "\n".join(lines) + "\n"

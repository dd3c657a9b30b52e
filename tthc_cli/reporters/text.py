"""Text output for people: findings grouped by file, ``file:line:col`` on each, a summary line."""

from __future__ import annotations

from itertools import groupby

from rich.markup import escape

from tthc_cli.findings import Finding, Severity, count_by_severity
from tthc_cli.messages import text
from tthc_cli.render.console import recording_console
from tthc_cli.reporters.base import ReportContext, Result, message

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def summary(result: Result, ctx: ReportContext) -> str:
    """The one-line summary (counts of active findings, then suppressed ones), as plain text."""
    counts = count_by_severity(result.findings)
    if any(counts.values()):
        line = text(
            "summary.findings",
            ctx.lang,
            files=result.files,
            errors=counts[Severity.ERROR],
            warnings=counts[Severity.WARNING],
            infos=counts[Severity.INFO],
        )
    else:
        line = text("summary.clean", ctx.lang, files=result.files)
    suppressed = sum(1 for f in result.findings if f.suppressed is not None)
    if suppressed:
        line += " " + text("summary.suppressed", ctx.lang, count=suppressed)
    return line


def _finding_line(f: Finding, ctx: ReportContext) -> str:
    where = escape(f"{f.file}:{f.line}:{f.column}")
    body = escape(message(f, ctx))
    if f.suppressed is None:
        label = text(f"severity.{f.severity.value}", ctx.lang)
        return f"  {where}  [{_STYLE[f.severity]}]{label}[/]  {body}  [dim]\\[{f.rule}][/]"
    skipped = text("label.suppressed", ctx.lang)
    reason = text("label.reason", ctx.lang)
    return f"  [dim]{where}  {skipped}  {body}  \\[{f.rule}]  {reason}: {escape(f.suppressed)}[/]"


def render(result: Result, ctx: ReportContext) -> str:
    console, buffer = recording_console(color=ctx.color, width=ctx.width, soft_wrap=True)
    for file, group in groupby(result.findings, key=lambda f: f.file):
        console.print(f"[bold underline]{escape(file)}[/]")
        for f in group:
            console.print(_finding_line(f, ctx))
        console.print()
    counts = count_by_severity(result.findings)
    if counts[Severity.ERROR]:
        style = "bold red"
    elif any(counts.values()):
        style = "yellow"
    else:
        style = "bold green"
    console.print(f"[{style}]{escape(summary(result, ctx))}[/]")
    return buffer.getvalue()

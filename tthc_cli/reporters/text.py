"""Text output for people: findings grouped by file, ``file:line:col`` on each, a summary line."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.markup import escape

from tthc_cli.findings import Severity, count_by_severity
from tthc_cli.messages import text
from tthc_cli.reporters.base import ReportContext, Result, message

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(result: Result, ctx: ReportContext) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=ctx.color,
        no_color=not ctx.color,
        width=ctx.width,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    for file, group in groupby(result.findings, key=lambda f: f.file):
        console.print(f"[bold underline]{escape(file)}[/]")
        for f in group:
            where = f"{f.file}:{f.line}:{f.column}"
            label = text(f"severity.{f.severity.value}", ctx.lang)
            body = escape(message(f, ctx))
            if f.suppressed is None:
                console.print(f"  {escape(where)}  [{_STYLE[f.severity]}]{label}[/]  {body}  [dim]\\[{f.rule}][/]")
            else:
                skipped = text("label.suppressed", ctx.lang)
                reason = text("label.reason", ctx.lang)
                console.print(
                    f"  [dim]{escape(where)}  {skipped}  {body}  \\[{f.rule}]  {reason}: {escape(f.suppressed)}[/]"
                )
        console.print()
    counts = count_by_severity(result.findings)
    suppressed = sum(1 for f in result.findings if f.suppressed is not None)
    if any(counts.values()):
        summary = text("summary.findings", ctx.lang, files=result.files, errors=counts[Severity.ERROR],
                       warnings=counts[Severity.WARNING], infos=counts[Severity.INFO])
        style = "bold red" if counts[Severity.ERROR] else "yellow"
    else:
        summary = text("summary.clean", ctx.lang, files=result.files)
        style = "bold green"
    line = f"[{style}]{escape(summary)}[/]"
    if suppressed:
        line += " " + escape(text("summary.suppressed", ctx.lang, count=suppressed))
    console.print(line)
    return buffer.getvalue()

"""Text output of ``tthc diff`` for people (rich): one block per procedure, then the summary."""

from __future__ import annotations

from rich.markup import escape

from tthc_cli.diff.model import CatalogDiff, Verdict
from tthc_cli.findings import Finding, ref
from tthc_cli.formats import OutputContext
from tthc_cli.messages import render, text
from tthc_cli.render.console import recording_console
from tthc_cli.reporters.diff.common import (
    bases_line,
    message,
    shows_values,
    side_label,
    summary_lines,
    symbol,
    values,
    verdict_label,
    where,
)
from tthc_cli.textnorm import one_line

STYLE = {
    Verdict.SIMPLER: "green",
    Verdict.HEAVIER: "bold red",
    Verdict.NEUTRAL: "dim",
    Verdict.MIXED: "yellow",
}


def shown(text: str) -> str:
    """Text for the console, one line: control characters and line breaks from files shown
    or folded, rich markup escaped."""
    return escape(one_line(text))


def _finding(f: Finding, lang: str) -> str:
    return f"{f.file}:{f.line}:{f.column}: {render(f.message, f.arg_map, lang)} [{f.rule}]"


def render_diff(diff: CatalogDiff, ctx: OutputContext) -> str:
    console, buffer = recording_console(color=ctx.color, width=ctx.width, soft_wrap=True)
    lang = ctx.lang
    title = text("diff.title", lang, old=side_label(diff.old, lang), new=side_label(diff.new, lang))
    console.print(f"[bold]{shown(title)}[/]")
    console.print()
    for proc in diff.procedures:
        if not proc.changes:
            continue
        label = verdict_label(proc.verdict, lang)
        console.print(
            f"[bold]{shown(proc.code)}[/]  {shown(proc.name)}  "
            f"[{STYLE[proc.verdict]}]\\[{shown(label)}][/]"
        )
        console.print(f"  [dim]{shown(proc.new_path or proc.old_path or '')}[/]")
        bases = bases_line(proc, lang)
        if bases is not None:
            console.print(f"  § {shown(bases)}")
        for change in proc.changes:
            body = message(change, lang)
            if shows_values(change):
                old, new = values(change, diff, lang)
                body += f": {old} → {new}"
            verdict = verdict_label(change.verdict, lang)
            console.print(
                f"  {symbol(change)} {shown(body)}  [{STYLE[change.verdict]}]"
                f"\\[{shown(verdict)}][/]  [dim]({where(change)})[/]"
            )
        console.print()
    for side in ("old", "new"):
        entries = [u.finding for u in diff.unloaded if u.side == side]
        if entries:
            heading = text("diff.unloaded.title", lang, side=ref(f"diff.side.{side}"))
            console.print(f"[yellow]{shown(heading)}[/]")
            for f in entries:
                console.print(f"  {shown(_finding(f, lang))}")
            console.print()
    for summary in summary_lines(diff, lang):
        console.print(shown(summary))
    return buffer.getvalue()

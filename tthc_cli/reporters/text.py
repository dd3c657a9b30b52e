"""Text output for people: findings grouped by file, ``file:line:col`` on each, a summary line.

Findings accepted with a reason (suppressed) are counted, not printed: a clean run of a catalog
that accepts many findings stays a few lines. ``--show-suppressed`` prints them with their
reasons; machine formats always carry them."""

from __future__ import annotations

from itertools import groupby

from tthc_cli.findings import Finding, Severity, ValidationResult, count_by_severity
from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.reporters.base import message
from tthc_cli.textnorm import visible

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def summary(result: ValidationResult, ctx: OutputContext) -> str:
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
    suppressed = [f for f in result.findings if f.suppressed is not None]
    if suppressed and ctx.show_suppressed:
        line += " " + text("summary.suppressed", ctx.lang, count=len(suppressed))
    elif suppressed:
        in_files = len({f.file for f in suppressed})
        line += " " + text(
            "summary.suppressed-hidden", ctx.lang, count=len(suppressed), files=in_files
        )
    return line


Segment = tuple[str, str]  # (rich style, or "" for none; text)


def _finding_line(f: Finding, ctx: OutputContext) -> list[Segment]:
    where = f"{f.file}:{f.line}:{f.column}"
    body = message(f, ctx)
    if f.suppressed is None:
        label = text(f"severity.{f.severity.value}", ctx.lang)
        return [
            ("", f"  {where}  "),
            (_STYLE[f.severity], label),
            ("", f"  {body}  "),
            ("dim", f"[{f.rule}]"),
        ]
    skipped = text("label.suppressed", ctx.lang)
    reason = text("label.reason", ctx.lang)
    return [
        ("", "  "),
        ("dim", f"{where}  {skipped}  {body}  [{f.rule}]  {reason}: {f.suppressed}"),
    ]


def plain_line(f: Finding, ctx: OutputContext) -> str:
    """One finding as the text format prints it, without colour (indented by two spaces)."""
    return visible("".join(part for _, part in _finding_line(f, ctx)))


def _lines(result: ValidationResult, ctx: OutputContext) -> list[list[Segment]]:
    """Findings grouped by file. Suppressed ones are a count at the end of their file's group
    (files with nothing else are left out: the summary counts them), unless
    ``ctx.show_suppressed``."""
    lines: list[list[Segment]] = []
    for file, group in groupby(result.findings, key=lambda f: f.file):
        found = list(group)
        shown = [f for f in found if ctx.show_suppressed or f.suppressed is None]
        hidden = len(found) - len(shown)
        if not shown:
            continue
        lines.append([("bold underline", file)])
        lines.extend(_finding_line(f, ctx) for f in shown)
        if hidden:
            lines.append([("dim", "  " + text("summary.file-suppressed", ctx.lang, count=hidden))])
        lines.append([])
    counts = count_by_severity(result.findings)
    if counts[Severity.ERROR]:
        style = "bold red"
    elif any(counts.values()):
        style = "yellow"
    else:
        style = "bold green"
    lines.append([(style, summary(result, ctx))])
    # Names and values come from files: their control characters are shown, not obeyed.
    return [[(style, visible(part)) for style, part in line] for line in lines]


def through_rich(lines: list[list[Segment]], color: bool, width: int) -> str:
    """``lines`` as rich prints them (with colour when ``color``)."""
    from rich.markup import escape

    from tthc_cli.render.console import recording_console

    console, buffer = recording_console(color=color, width=width, soft_wrap=True)
    for line in lines:
        marked = (f"[{style}]{escape(part)}[/]" if style else escape(part) for style, part in line)
        console.print("".join(marked))
    return buffer.getvalue()


def render(result: ValidationResult, ctx: OutputContext) -> str:
    lines = _lines(result, ctx)
    plain = ["".join(part for _, part in line) for line in lines]
    if not ctx.color and not any("\t" in line for line in plain):
        # Without colour rich would print this same text (tested): skip importing it.
        return "".join(line + "\n" for line in plain)
    return through_rich(lines, ctx.color, ctx.width)

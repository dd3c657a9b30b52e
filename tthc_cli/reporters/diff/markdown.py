"""Markdown output of ``tthc diff`` for a pull-request comment: a summary table, then one
``<details>`` section per procedure. Every cell is escaped: ``|`` and HTML never break out."""

from __future__ import annotations

import html

from tthc_cli.diff.model import CatalogDiff, ProcedureDiff, Verdict
from tthc_cli.messages import render, text
from tthc_cli.reporters.base import ReportContext
from tthc_cli.reporters.diff.common import (
    message,
    shows_values,
    side_label,
    summary_lines,
    symbol,
    value,
    verdict_label,
    where,
)

ICON = {Verdict.SIMPLER: "🟢", Verdict.HEAVIER: "🔴", Verdict.NEUTRAL: "⚪", Verdict.MIXED: "🟡"}


def cell(content: str) -> str:
    """Text safe in a table cell or a <summary>: HTML escaped, pipes and newlines neutralised."""
    return (
        html.escape(content, quote=True)
        .replace("|", "&#124;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def _counts(proc: ProcedureDiff) -> str:
    return " / ".join(
        str(proc.count(v)) for v in (Verdict.SIMPLER, Verdict.HEAVIER, Verdict.NEUTRAL)
    )


def _section(proc: ProcedureDiff, lang: str) -> list[str]:
    verdict = verdict_label(proc.verdict, lang)
    head = f"{ICON[proc.verdict]} {proc.code} — {proc.name} ({verdict})"
    out = [f"<details><summary>{cell(head)}</summary>", ""]
    out.append(f"`{cell(proc.new_path or proc.old_path or '')}`")
    out.append("")
    cols = [text(f"diff.col.{c}", lang) for c in ("change", "old", "new", "verdict", "where")]
    out += ["| | " + " | ".join(cols) + " |", "|---|---|---|---|---|---|"]
    for change in proc.changes:
        old = value(change.old, lang) if shows_values(change) else ""
        new = value(change.new, lang) if shows_values(change) else ""
        row = [
            symbol(change),
            message(change, lang),
            old,
            new,
            verdict_label(change.verdict, lang),
            where(change),
        ]
        out.append("| " + " | ".join(cell(c) for c in row) + " |")
    out += ["", "</details>", ""]
    return out


def render_diff(diff: CatalogDiff, ctx: ReportContext) -> str:
    lang = ctx.lang
    title = text("diff.title", lang, old=side_label(diff.old, lang), new=side_label(diff.new, lang))
    out = [f"### {cell(title)}", ""]
    changed = [p for p in diff.procedures if p.changes]
    if changed:
        cols = [text(f"diff.col.{c}", lang) for c in ("code", "name", "verdict", "count")]
        out += ["| " + " | ".join(cols) + " |", "|---|---|---|---|"]
        for proc in changed:
            verdict = f"{ICON[proc.verdict]} {verdict_label(proc.verdict, lang)}"
            row = [proc.code, proc.name, verdict, _counts(proc)]
            out.append("| " + " | ".join(cell(c) for c in row) + " |")
        out.append("")
    out += [f"- {cell(line)}" for line in summary_lines(diff, lang)]
    out.append("")
    for proc in changed:
        out += _section(proc, lang)
    for side in ("old", "new"):
        entries = [u.finding for u in diff.unloaded if u.side == side]
        if entries:
            out += [f"**{cell(text('diff.unloaded.title', lang, side=f'@diff.side.{side}'))}**", ""]
            out += [
                f"- `{cell(f.file)}:{f.line}` {cell(render(f.message, f.arg_map, lang))}"
                for f in entries
            ]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"

"""Markdown output of ``tthc diff`` for a pull-request comment: a summary table, then one
``<details>`` section per procedure.

Text from files is escaped for where it lands, by the Markdown and HTML functions of
:mod:`tthc_cli.textnorm`: in the ``<summary>`` line (an HTML block, where Markdown is not read)
HTML-escaped; in tables, headings and lists Markdown-escaped, so ``|``, HTML, links and images
in a name never break out; file paths go in code spans, where only backticks matter. Control
characters are never printed raw (the comment is also read on a terminal).
"""

from __future__ import annotations

from tthc_cli.diff.model import CatalogDiff, ProcedureDiff, Verdict
from tthc_cli.findings import ref
from tthc_cli.formats import OutputContext
from tthc_cli.messages import render, text
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
from tthc_cli.textnorm import escape_html, escape_md, md_code

ICON = {Verdict.SIMPLER: "🟢", Verdict.HEAVIER: "🔴", Verdict.NEUTRAL: "⚪", Verdict.MIXED: "🟡"}


def html_text(content: str) -> str:
    """Text in raw HTML such as <summary> (where Markdown is not read): on one line, escaped."""
    return escape_html(" ".join(content.split()))


cell = escape_md  # text in a table cell, heading or list item
code_span = md_code  # a file path


def _counts(proc: ProcedureDiff) -> str:
    return " / ".join(
        str(proc.count(v)) for v in (Verdict.SIMPLER, Verdict.HEAVIER, Verdict.NEUTRAL)
    )


def _section(diff: CatalogDiff, proc: ProcedureDiff, lang: str) -> list[str]:
    verdict = verdict_label(proc.verdict, lang)
    head = f"{ICON[proc.verdict]} {proc.code} — {proc.name} ({verdict})"
    out = [f"<details><summary>{html_text(head)}</summary>", ""]
    out.append(code_span(proc.new_path or proc.old_path or ""))
    out.append("")
    bases = bases_line(proc, lang)
    if bases is not None:
        out += [f"§ {cell(bases)}", ""]
    cols = [text(f"diff.col.{c}", lang) for c in ("change", "old", "new", "verdict", "where")]
    out += ["| | " + " | ".join(cols) + " |", "|---|---|---|---|---|---|"]
    for change in proc.changes:
        old, new = values(change, diff, lang) if shows_values(change) else ("", "")
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


def render_diff(diff: CatalogDiff, ctx: OutputContext) -> str:
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
        out += _section(diff, proc, lang)
    for side in ("old", "new"):
        entries = [u.finding for u in diff.unloaded if u.side == side]
        if entries:
            title = text("diff.unloaded.title", lang, side=ref(f"diff.side.{side}"))
            out += [f"**{cell(title)}**", ""]
            out += [
                f"- {code_span(f'{f.file}:{f.line}')} {cell(render(f.message, f.arg_map, lang))}"
                for f in entries
            ]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"

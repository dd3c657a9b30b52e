"""GitHub Actions annotations for ``tthc diff``: ``::warning`` for a change that makes a procedure
heavier, ``::notice`` for one that makes it simpler, on the NEW side's file and line (GitHub only
annotates files of the head commit; a removed procedure gets an annotation without a file).
Files the new side could not load get ``::error``. Neutral changes are not annotated.

``file`` is relative to the repository root, whatever folder tthc runs from (see
:func:`~tthc_cli.reporters.diff.common.ci_file`)."""

from __future__ import annotations

from collections.abc import Callable

from tthc_cli.diff.model import CatalogDiff, Verdict
from tthc_cli.findings import Pos
from tthc_cli.formats import OutputContext
from tthc_cli.messages import render
from tthc_cli.reporters.diff.common import (
    ci_file,
    message,
    shows_values,
    values,
    verdict_label,
)
from tthc_cli.reporters.github import COMMANDS
from tthc_cli.textnorm import github_data, github_property

LEVEL = {Verdict.HEAVIER: "warning", Verdict.SIMPLER: "notice"}


def _properties(diff: CatalogDiff, pos: Pos | None, title: str, paths: Callable[[str], str]) -> str:
    props = [f"title={github_property(title)}"]
    if pos is not None:
        props = [
            f"file={github_property(ci_file(diff, pos.file, paths))}",
            f"line={pos.line}",
            f"col={pos.column}",
            *props,
        ]
    return ",".join(props)


def render_diff(diff: CatalogDiff, ctx: OutputContext) -> str:
    paths = ctx.ci_paths or str
    lines: list[str] = []
    for proc in diff.procedures:
        for change in proc.changes:
            level = LEVEL.get(change.verdict)
            if level is None:
                continue
            body = message(change, ctx.lang)
            if shows_values(change):
                old, new = values(change, diff, ctx.lang)
                body += f": {old} → {new}"
            title = f"{proc.code}: {verdict_label(change.verdict, ctx.lang)} [{change.kind}]"
            lines.append(
                f"::{level} {_properties(diff, change.new_pos, title, paths)}::{github_data(body)}"
            )
    for entry in diff.unloaded:
        if entry.side != "new":
            continue
        f = entry.finding
        body = render(f.message, f.arg_map, ctx.lang)
        command = COMMANDS[f.severity]  # as validate -f github annotates the same finding
        lines.append(f"::{command} {_properties(diff, f.pos, f.rule, paths)}::{github_data(body)}")
    return "".join(line + "\n" for line in lines)

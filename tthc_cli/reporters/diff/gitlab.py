"""GitLab Code Quality report for ``tthc diff``: what ``--fail-on heavier`` fails on, as issues.

Each change that makes a procedure heavier is one Code Climate issue (``severity`` ``major``,
``check_name`` ``diff/KIND``) on the NEW side's file and line (the procedure's file when the
change has no line, e.g. a removed channel); each file the new side could not load is a
``major`` issue too. Simpler and neutral changes are not issues: when a change stops being
heavier, its fingerprint disappears and GitLab shows the issue as resolved.

``location.path`` is relative to the repository root, whatever folder tthc runs from (see
:func:`~tthc_cli.reporters.diff.common.ci_file`), and so is the file a fingerprint hashes.

The fingerprint hashes the procedure code, the change kind, its path inside the procedure and
its message arguments except positions (:func:`~tthc_cli.findings.identity_args`), not the
line, plus an occurrence index for identical changes; so it survives unrelated edits above the
change.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from tthc_cli.diff.model import CatalogDiff, Verdict
from tthc_cli.findings import ArgValue, Pos, identity_args
from tthc_cli.formats import OutputContext
from tthc_cli.messages import render, text
from tthc_cli.reporters.diff.common import ci_file, message, shows_values, values
from tthc_cli.reporters.gitlab import SEVERITIES
from tthc_cli.textnorm import json_text


def _args(args: tuple[tuple[str, ArgValue], ...]) -> list[list[ArgValue]]:
    return [[name, value] for name, value in identity_args(args)]


def _issue(
    description: str,
    check: str,
    identity: list[Any],
    path: str,
    line: int,
    severity: str = "major",
) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": description,
        "check_name": check,
        "fingerprint": json.dumps(identity, ensure_ascii=False, separators=(",", ":")),
        "severity": severity,
        "location": {"path": path, "lines": {"begin": line}},
    }


def to_data(diff: CatalogDiff, ctx: OutputContext) -> list[dict[str, Any]]:
    paths = ctx.ci_paths or str
    issues: list[dict[str, Any]] = []
    for proc in diff.procedures:
        for change in proc.changes:
            if change.verdict is not Verdict.HEAVIER:
                continue
            body = message(change, ctx.lang)
            if shows_values(change):
                old, new = values(change, diff, ctx.lang)
                body += f": {old} → {new}"
            pos = change.new_pos or Pos(proc.new_path or proc.old_path or proc.code)
            description = text("diff.gitlab.heavier", ctx.lang, code=proc.code, change=body)
            identity = [proc.code, change.kind, change.path, _args(change.args)]
            issues.append(
                _issue(
                    description,
                    f"diff/{change.kind}",
                    identity,
                    ci_file(diff, pos.file, paths),
                    pos.line,
                )
            )
    for entry in diff.unloaded:
        if entry.side == "new":
            f = entry.finding
            file = ci_file(diff, f.file, paths)
            identity = [f.rule, f.message, _args(f.args), file]
            issues.append(
                _issue(
                    render(f.message, f.arg_map, ctx.lang),
                    f.rule,
                    identity,
                    file,
                    f.line,
                    SEVERITIES[f.severity],  # as validate -f gitlab grades the same finding
                )
            )
    seen: Counter[str] = Counter()
    for issue in issues:
        identity_text = issue["fingerprint"]
        issue["fingerprint"] = hashlib.sha256(
            f"{identity_text}#{seen[identity_text]}".encode()
        ).hexdigest()
        seen[identity_text] += 1
    return issues


def render_diff(diff: CatalogDiff, ctx: OutputContext) -> str:
    return json_text(to_data(diff, ctx))

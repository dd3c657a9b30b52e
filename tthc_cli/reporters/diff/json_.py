"""JSON output of ``tthc diff``: a stable, documented shape (``schema_version`` changes only when
it breaks). Only procedures with changes are listed.

::

    {"tool": {"name": "tthc", "version": "…"}, "schema_version": 1, "lang": "vi",
     "old": {"label": "HEAD", "kind": "git"}, "new": {"label": "procedures", "kind": "dir"},
     "has_changes": true, "any_heavier": false,
     "summary": {"procedures_old": 44, "procedures_new": 45, "added": 1, "removed": 0,
                 "changed": 2, "simpler": 1, "heavier": 1, "mixed": 0, "neutral": 1,
                 "time_cut_days": 2.0, "time_cut_hours": 16.0, "components_removed": 1,
                 "components_added": 0, "fee_change": -50000,
                 "compliance_hours_change": null, "compliance_cost_change": null},
     "procedures": [{"code": "…", "name": "…", "status": "added|removed|changed",
                     "verdict": "simpler|heavier|mixed|neutral",
                     "old_path": "…"|null, "new_path": "…"|null,
                     "counts": {"simpler": 1, "heavier": 0, "neutral": 2},
                     "changes": [{"kind": "component-removed", "path": "components/don",
                                  "verdict": "simpler", "message": "…", "message_key": "…",
                                  "args": {…}, "old": VALUE, "new": VALUE,
                                  "old_pos": {"file": "…", "line": 3, "column": 5}|null,
                                  "new_pos": …}],
                     "legal_bases": [{"number": "14/2026/NĐ-CP", "type": "Nghị định"|null,
                                      "title": "…", "pos": {…}|null}]}],
     "unloaded": [{"side": "old|new", "rule": "yaml-syntax", "severity": "error",
                   "message": "…", "message_key": "…", "args": {…},
                   "file": "…", "line": 1, "column": 1}]}

A VALUE is null, a string, a number, a boolean, a list of strings, a duration
``{"value": 5, "unit": "working_days", "text": "…"|null}`` or money
``{"amount": 0|null, "text": "…"|null}`` (amount null: not stated).
Summary sums are null when no procedure had comparable data (see ``tthc_cli.diff.totals``).
``legal_bases`` lists the legal documents the new side cites and the old side did not (for an
added procedure: that no procedure of the old side cited), see ``tthc_cli.diff.legal``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from tthc_cli.diff.model import CatalogDiff, Change, DiffValue, Verdict
from tthc_cli.findings import Pos
from tthc_cli.formats import OutputContext
from tthc_cli.messages import render
from tthc_cli.model import Duration, Money
from tthc_cli.reporters.base import TOOL_NAME, TOOL_VERSION
from tthc_cli.reporters.diff.common import message
from tthc_cli.textnorm import json_text

SCHEMA_VERSION = 1


def _value(item: DiffValue) -> Any:
    if isinstance(item, Duration):
        return {"value": item.value, "unit": item.unit.value, "text": item.text}
    if isinstance(item, Money):
        out: dict[str, Any] = {"amount": item.amount, "text": item.text}
        if item.conditional:
            out["conditional"] = True
        if item.foreign_amount is not None:
            out["foreign_amount"] = item.foreign_amount
            out["currency"] = item.currency
        return out
    if isinstance(item, tuple):
        return list(item)
    return item


def _pos(pos: Pos | None) -> dict[str, Any] | None:
    return None if pos is None else {"file": pos.file, "line": pos.line, "column": pos.column}


def _change(change: Change, lang: str) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "path": change.path,
        "verdict": change.verdict.value,
        "message": message(change, lang),
        "message_key": change.message,
        "args": change.arg_map,
        "old": _value(change.old),
        "new": _value(change.new),
        "old_pos": _pos(change.old_pos),
        "new_pos": _pos(change.new_pos),
    }


def to_data(diff: CatalogDiff, ctx: OutputContext) -> dict[str, Any]:
    return {
        "tool": {"name": TOOL_NAME, "version": TOOL_VERSION},
        "schema_version": SCHEMA_VERSION,
        "lang": ctx.lang,
        "old": {"label": diff.old.label, "kind": diff.old.kind},
        "new": {"label": diff.new.label, "kind": diff.new.kind},
        "has_changes": diff.has_changes,
        "any_heavier": diff.any_heavier,
        "summary": asdict(diff.totals),
        "procedures": [
            {
                "code": p.code,
                "name": p.name,
                "status": p.status.value,
                "verdict": p.verdict.value,
                "old_path": p.old_path,
                "new_path": p.new_path,
                "counts": {
                    v.value: p.count(v) for v in (Verdict.SIMPLER, Verdict.HEAVIER, Verdict.NEUTRAL)
                },
                "changes": [_change(c, ctx.lang) for c in p.changes],
                "legal_bases": [
                    {"number": b.number, "type": b.type, "title": b.title, "pos": _pos(b.pos)}
                    for b in p.bases
                ],
            }
            for p in diff.procedures
            if p.changes
        ],
        "unloaded": [
            {
                "side": u.side,
                "rule": u.finding.rule,
                "severity": u.finding.severity.value,
                "message": render(u.finding.message, u.finding.arg_map, ctx.lang),
                "message_key": u.finding.message,
                "args": u.finding.arg_map,
                "file": u.finding.file,
                "line": u.finding.line,
                "column": u.finding.column,
            }
            for u in diff.unloaded
        ],
    }


def render_diff(diff: CatalogDiff, ctx: OutputContext) -> str:
    return json_text(to_data(diff, ctx))

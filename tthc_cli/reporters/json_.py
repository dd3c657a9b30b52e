"""JSON output: a stable, documented shape (``schema_version`` changes only when it breaks).

::

    {"tool": {"name": "tthc", "version": "…"}, "schema_version": 1, "lang": "vi", "files": 42,
     "summary": {"error": 0, "warning": 1, "info": 0, "suppressed": 3},
     "findings": [{"rule": "…", "severity": "error", "message": "…", "message_key": "…",
                   "args": {…}, "file": "…", "line": 1, "column": 1, "item": null,
                   "suppressed": false, "reason": null}]}

``file`` (and a path in ``args``) is relative to the repository root, whatever folder tthc runs
from, as in the other CI formats (the rule, with its fallbacks outside git, is in
:mod:`tthc_cli.reporters.paths`).
"""

from __future__ import annotations

from typing import Any

from tthc_cli.findings import ValidationResult, count_by_severity
from tthc_cli.formats import OutputContext
from tthc_cli.reporters.base import TOOL_NAME, TOOL_VERSION, message
from tthc_cli.reporters.paths import for_ci
from tthc_cli.textnorm import json_text

SCHEMA_VERSION = 1


def to_data(result: ValidationResult, ctx: OutputContext) -> dict[str, Any]:
    result = for_ci(result, ctx.ci_paths)
    counts = count_by_severity(result.findings)
    return {
        "tool": {"name": TOOL_NAME, "version": TOOL_VERSION},
        "schema_version": SCHEMA_VERSION,
        "lang": ctx.lang,
        "files": result.files,
        "summary": {
            **{severity.value: n for severity, n in counts.items()},
            "suppressed": sum(1 for f in result.findings if f.suppressed is not None),
        },
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "message": message(f, ctx),
                "message_key": f.message,
                "args": f.arg_map,
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "item": f.item,
                "suppressed": f.suppressed is not None,
                "reason": f.suppressed,
            }
            for f in result.findings
        ],
    }


def render(result: ValidationResult, ctx: OutputContext) -> str:
    return json_text(to_data(result, ctx))

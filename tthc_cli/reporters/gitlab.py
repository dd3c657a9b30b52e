"""GitLab Code Quality report: a JSON array of Code Climate issues.

Each active finding is an issue with ``description``, ``check_name`` (the rule id),
``fingerprint``, ``severity`` (error → major, warning → minor, info → info) and
``location.path`` / ``location.lines.begin``. Suppressed findings are left out.

``location.path`` is relative to the repository root, whatever folder tthc runs from (the rule,
with its fallbacks outside git, is in :mod:`tthc_cli.reporters.paths`), so GitLab can link it.

The fingerprint hashes the rule, file (that same path, so neither the runner's checkout folder
nor the current folder changes it), item, message key and arguments, not the line, so an
issue keeps its identity when lines are inserted above it; arguments that are positions
themselves (``first_line`` of a duplicate key, see :func:`~tthc_cli.findings.is_position_arg`)
are left out for the same reason. An occurrence index tells apart identical findings in one
file.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from tthc_cli.findings import Finding, Severity, ValidationResult, identity_args
from tthc_cli.formats import OutputContext
from tthc_cli.reporters.base import message
from tthc_cli.reporters.paths import for_ci
from tthc_cli.textnorm import json_text

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _identity(f: Finding) -> str:
    return json.dumps(
        [f.rule, f.file, f.item, f.message, [[k, v] for k, v in identity_args(f.args)]],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def fingerprint(identity: str, occurrence: int) -> str:
    return hashlib.sha256(f"{identity}#{occurrence}".encode()).hexdigest()


def to_data(result: ValidationResult, ctx: OutputContext) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    issues: list[dict[str, Any]] = []
    for f in for_ci(result, ctx.ci_paths).active():
        identity = _identity(f)
        occurrence = seen[identity]
        seen[identity] += 1
        issues.append(
            {
                "type": "issue",
                "description": message(f, ctx),
                "check_name": f.rule,
                "fingerprint": fingerprint(identity, occurrence),
                "severity": SEVERITIES[f.severity],
                "location": {"path": f.file, "lines": {"begin": f.line}},
            }
        )
    return issues


def render(result: ValidationResult, ctx: OutputContext) -> str:
    return json_text(to_data(result, ctx))

"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub code scanning, IDE viewers).

One run: ``tool.driver`` lists the rules that have results (with their summary, documentation
and default level); each finding is a result at ``file`` line/column. Suppressed findings stay
in the log with a ``suppressions`` entry (``inSource`` when written in the procedure file,
``external`` when written in tthc.yaml) so that viewers can show them as accepted.

Artifact URIs are relative references to the repository root, whatever folder tthc runs from
(the rule, with its fallbacks outside git, is in :mod:`tthc_cli.reporters.paths`): GitHub code
scanning resolves them against the checkout. A file outside every base stays a ``file://`` URI.
"""

from __future__ import annotations

import inspect
from typing import Any
from urllib.parse import quote

from tthc_cli.findings import Finding, Severity, ValidationResult
from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.reporters.base import INFO_URI, TOOL_NAME, TOOL_VERSION, message
from tthc_cli.reporters.paths import for_ci
from tthc_cli.rules import READ_CHECKS, RULES
from tthc_cli.textnorm import json_text

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A finding's path as a URI reference: relative ones stay relative, ``/`` separated."""
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def _rule_descriptor(rule_id: str, ctx: OutputContext) -> dict[str, Any]:
    rule = RULES.get(rule_id)
    if rule is not None:
        doc = inspect.cleandoc(rule.doc) if rule.doc.strip() else rule.id
        return {
            "id": rule_id,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": doc},
            "help": {"text": doc},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
        }
    summary = text("reporter.read-check", ctx.lang, rule=rule_id)
    descriptor: dict[str, Any] = {"id": rule_id, "shortDescription": {"text": summary}}
    if rule_id in READ_CHECKS:
        level = LEVELS[Severity(READ_CHECKS[rule_id])]
        descriptor["defaultConfiguration"] = {"level": level}
    return descriptor


def _result(f: Finding, index: int, ctx: OutputContext) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": message(f, ctx)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.file)},
                    "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
                }
            }
        ],
    }
    if f.item is not None:
        out["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": f.item}]
    if f.suppressed is not None:
        kind = "external" if f.suppressed_in_config else "inSource"
        out["suppressions"] = [{"kind": kind, "status": "accepted", "justification": f.suppressed}]
    return out


def to_data(result: ValidationResult, ctx: OutputContext) -> dict[str, Any]:
    result = for_ci(result, ctx.ci_paths)
    rule_ids = sorted({f.rule for f in result.findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": TOOL_VERSION,
                        "informationUri": INFO_URI,
                        "rules": [_rule_descriptor(rule_id, ctx) for rule_id in rule_ids],
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "language": ctx.lang,
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.rule], ctx) for f in result.findings],
            }
        ],
    }


def render(result: ValidationResult, ctx: OutputContext) -> str:
    return json_text(to_data(result, ctx))

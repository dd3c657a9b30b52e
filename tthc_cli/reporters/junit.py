"""JUnit XML output (the Ant/Jenkins schema), for CI test-report views.

``<testsuites>`` holds one ``<testsuite>`` per file checked (named after the file). A file
without findings has one passing ``<testcase>``; otherwise each rule-and-location has a
``<testcase>`` with a ``<failure type=RULE>`` (message: the finding's message; text:
``file:line:col: severity: message``), or a ``<skipped>`` carrying the reason when suppressed.

File names are relative to the repository root, whatever folder tthc runs from (the rule, with
its fallbacks outside git, is in :mod:`tthc_cli.reporters.paths`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from itertools import groupby

from tthc_cli.findings import Finding, ValidationResult
from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.reporters.base import TOOL_NAME, message
from tthc_cli.reporters.paths import for_ci
from tthc_cli.textnorm import xml_safe

PASSING_CASE = "validate"


def _clean(value: str) -> str:
    return xml_safe(value, "\ufffd")


def _case_key(f: Finding) -> tuple[int, int, str, bool]:
    return (f.line, f.column, f.rule, f.suppressed is not None)


def _add_case(suite: ET.Element, file: str, group: list[Finding], ctx: OutputContext) -> bool:
    """Add a testcase for findings sharing rule and place; True when it is skipped."""
    first = group[0]
    case = ET.SubElement(
        suite,
        "testcase",
        name=_clean(f"{first.rule} {first.line}:{first.column}"),
        classname=_clean(file),
        time="0",
    )
    messages = [message(f, ctx) for f in group]
    if first.suppressed is not None:
        reasons = "; ".join(dict.fromkeys(f.suppressed or "" for f in group))
        skipped = ET.SubElement(case, "skipped", message=_clean(reasons))
        skipped.text = _clean("\n".join(messages))
        return True
    lines = [
        f"{f.file}:{f.line}:{f.column}: {text(f'severity.{f.severity.value}', ctx.lang)}: {m}"
        for f, m in zip(group, messages, strict=True)
    ]
    failure = ET.SubElement(case, "failure", message=_clean("\n".join(messages)), type=first.rule)
    failure.text = _clean("\n".join(lines))
    return False


def to_xml(result: ValidationResult, ctx: OutputContext, timestamp: datetime) -> str:
    result = for_ci(result, ctx.ci_paths, every_file=True)
    by_file = {file: list(group) for file, group in groupby(result.findings, key=lambda f: f.file)}
    files = sorted(set(result.paths) | set(by_file))
    root = ET.Element("testsuites")
    stamp = timestamp.strftime("%Y-%m-%dT%H:%M:%S")
    for number, file in enumerate(files):
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(file) or TOOL_NAME,
            package=_clean(file) or TOOL_NAME,
            id=str(number),
            timestamp=stamp,
            hostname="localhost",
            time="0",
        )
        ET.SubElement(suite, "properties")
        findings = sorted(by_file.get(file, []), key=_case_key)
        cases = groupby(findings, key=_case_key)
        outcomes = [_add_case(suite, file, list(group), ctx) for _, group in cases]
        if not outcomes:
            ET.SubElement(suite, "testcase", name=PASSING_CASE, classname=_clean(file), time="0")
        tests = max(len(outcomes), 1)
        skipped = sum(outcomes)
        suite.set("tests", str(tests))
        suite.set("failures", str(len(outcomes) - skipped))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        ET.SubElement(suite, "system-out")
        ET.SubElement(suite, "system-err")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(result: ValidationResult, ctx: OutputContext) -> str:
    return to_xml(result, ctx, datetime.now(UTC))

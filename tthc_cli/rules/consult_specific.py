"""A consultation step names the specific units consulted and their deadline to answer.

The City has directed that agencies "chỉ lấy ý kiến các cơ quan liên quan trực tiếp" and that
those consulted "trả lời đúng hạn": consulting "các sở, ngành liên quan" in general, or without
a deadline, is where dossiers stall. A ``kind: consult`` step therefore lists ``consulted``
units from the registry, none of them a vague group (``group: true`` in ``units.yaml``, such
as "Các sở, ngành"), and gives a ``response_deadline``. A role filled by one agency in each
locality (``generic: true``, such as "Ủy ban nhân dân cấp tỉnh") is specific enough. The
finding quotes the directive and, when the step has ``consulted_text``, the published wording.

Passes::

    steps:
      - id: lay-y-kien
        kind: consult
        action: Gửi văn bản lấy ý kiến Sở Tư pháp
        lead: so-xay-dung
        consulted: [so-tu-phap]
        response_deadline: {value: 5, unit: working_days}

Fails::

    steps:
      - id: lay-y-kien
        kind: consult
        action: Lấy ý kiến các sở, ngành liên quan
        lead: so-xay-dung
        consulted_text: các sở, ngành liên quan
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import ArgValue, Finding, Severity, ref
from tthc_cli.model import Procedure, Step
from tthc_cli.rules.base import Rule, RuleContext
from tthc_cli.textnorm import shorten

DIRECTIVE = ref("consult-specific.directive")


def _step_findings(procedure: Procedure, step: Step, ctx: RuleContext) -> Iterator[Finding]:
    item = f"steps/{step.key}"
    text = step.consulted_text
    quoted: dict[str, ArgValue] = {"text": shorten(text)} if text else {}
    suffix = ".text" if step.consulted_text else ""
    common: dict[str, ArgValue] = {"step": step.label, "directive": DIRECTIVE, **quoted}
    if not step.consulted:
        yield RULE.finding(step.pos, message=f"consult-specific{suffix}", item=item, **common)
    for use in procedure.unit_uses:
        unit = ctx.catalog.units.get(use.unit)
        if use.item == item and use.role == "consulted" and unit is not None and unit.group:
            yield RULE.finding(
                use.pos,
                message=f"consult-specific.group{suffix}",
                item=item,
                unit=unit.id,
                label=unit.label,
                **common,
            )
    if step.response_deadline is None:
        yield RULE.finding(
            step.pos,
            message="consult-specific.no-deadline",
            item=item,
            step=step.label,
            directive=DIRECTIVE,
        )


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    for step in procedure.steps:
        if step.kind == "consult":
            yield from _step_findings(procedure, step, ctx)


MESSAGES = {  # message key → the arguments it is given
    "consult-specific": ("directive", "step"),
    "consult-specific.text": ("directive", "step", "text"),
    "consult-specific.group": ("directive", "label", "step", "unit"),
    "consult-specific.group.text": ("directive", "label", "step", "text", "unit"),
    "consult-specific.no-deadline": ("directive", "step"),
}

RULE = Rule("consult-specific", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

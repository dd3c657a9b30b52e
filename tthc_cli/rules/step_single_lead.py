"""Every step other than the applicant's submission has exactly one lead unit.

A step led by nobody, or by several units at once, has no one accountable for its deadline:
it is where dossiers wait. The submission step (``kind: submit``) is done by the applicant and
needs no lead. When the published text really names alternatives (one of several units,
depending on the case), keep it and suppress the finding on the step with the reason.

Passes::

    steps:
      - {id: tham-dinh, kind: review, action: Thẩm định hồ sơ, lead: so-xay-dung}

Fails::

    steps:
      - {id: tham-dinh, kind: review, action: Thẩm định hồ sơ, lead: [so-xay-dung, so-tu-phap]}
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity
from tthc_cli.model import Procedure
from tthc_cli.rules.base import Rule, RuleContext


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    for step in procedure.steps:
        if step.kind == "submit" or len(step.leads) == 1:
            continue
        item = f"steps/{step.key}"
        if not step.leads:
            yield RULE.finding(step.pos, item=item, step=step.label)
            continue
        first = next(
            (u.pos for u in procedure.unit_uses if u.item == item and u.role == "lead"), step.pos
        )
        yield RULE.finding(
            first,
            message="step-single-lead.several",
            item=item,
            step=step.label,
            count=len(step.leads),
            leads=", ".join(step.leads),
        )


MESSAGES = {  # message key → the arguments it is given
    "step-single-lead": ("step",),
    "step-single-lead.several": ("count", "leads", "step"),
}

RULE = Rule("step-single-lead", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

"""An approved or implemented simplification plan names its decision: number and date.

A plan becomes binding through a decision (for example Quyết định 1085/QĐ-TTg or a City
decision approving the simplification plans). Marking a plan ``approved`` or ``implemented``
without the decision's number and date makes the claim unverifiable and the deadline report
unreliable. One finding per missing part.

Passes::

    simplification:
      plan:
        status: approved
        outcome: simplify
        decision: {number: 4324/QĐ-UBND, date: "2025-10-01"}

Fails::

    simplification:
      plan:
        status: approved
        outcome: simplify
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity, ref
from tthc_cli.model import Procedure
from tthc_cli.rules.base import Rule, RuleContext

DECIDED = ("approved", "implemented")


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    plan = procedure.simplification.plan if procedure.simplification else None
    if plan is None or plan.status not in DECIDED:
        return
    for part, value in (("number", plan.decision_number), ("date", plan.decision_date)):
        if value is None:
            yield RULE.finding(
                plan.pos,
                status=plan.status,
                status_name=ref(f"value.status.{plan.status}"),
                part=part,
                part_name=ref(f"plan-decision.part.{part}"),
            )


MESSAGES = {  # message key → the arguments it is given
    "plan-decision": ("part", "part_name", "status", "status_name"),
}

RULE = Rule("plan-decision", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

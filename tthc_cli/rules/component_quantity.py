"""Every dossier component asks for at least one original or one copy.

A component listed with no quantity (neither ``originals`` nor ``copies``) leaves the applicant
guessing how many papers to bring, and the receiving officer free to ask for more. The portal
states quantities as "1 bản chính, 1 bản sao"; record them as numbers. A paper the agency
makes or looks up itself (``kind: agency``) is not brought, and needs no quantity.

Passes::

    components:
      - {id: don, name: Đơn đề nghị, originals: 1}

Fails::

    components:
      - {id: don, name: Đơn đề nghị, originals: 0, copies: 0}
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity
from tthc_cli.model import Procedure
from tthc_cli.rules.base import Rule, RuleContext
from tthc_cli.textnorm import shorten


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    for component in procedure.components:
        if component.kind == "agency":
            continue
        if (component.originals or 0) + (component.copies or 0) >= 1:
            continue
        yield RULE.finding(
            component.pos,
            item=f"components/{component.key}",
            component=component.label,
            name=shorten(component.name),
        )


MESSAGES = {  # message key → the arguments it is given
    "component-quantity": ("component", "name"),
}

RULE = Rule("component-quantity", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

"""No procedure asks for a document the law no longer accepts.

Since 1 January 2023 the sổ hộ khẩu and sổ tạm trú are no longer valid (Luật Cư trú số
68/2020/QH14, khoản 3 Điều 38): residence is checked in the national population database.
A procedure that applies on or after that day and still lists them as dossier components asks
citizens for papers they cannot have. The list of abolished documents, with the date and the
legal basis of each, can be replaced in ``tthc.yaml`` (``abolished_components``); names are
compared case- and spacing-insensitively.

Passes::

    components:
      - {id: cccd, name: Thẻ Căn cước công dân, originals: 1}

Fails (judged after 2023-01-01)::

    components:
      - {id: ho-khau, name: Bản sao sổ hộ khẩu, copies: 1}
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity
from tthc_cli.findings import day as day_arg
from tthc_cli.model import Procedure
from tthc_cli.rules._dates import applies_on
from tthc_cli.rules.base import Rule, RuleContext
from tthc_cli.textnorm import fold


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    day = applies_on(procedure, ctx)
    for component in procedure.components:
        name = fold(component.name)
        for abolished in ctx.catalog.config.abolished_components:
            if day >= abolished.since and fold(abolished.name) in name:
                yield RULE.finding(
                    component.pos,
                    item=f"components/{component.key}",
                    component=component.label,
                    document=abolished.name,
                    since=day_arg(abolished.since),
                    basis=abolished.basis,
                )


MESSAGES = {  # message key → the arguments it is given
    "component-abolished": ("basis", "component", "document", "since"),
}

RULE = Rule("component-abolished", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

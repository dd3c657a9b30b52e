"""An internal procedure states its scope; a public one has none.

Internal procedures (TTHC nội bộ) are counted and simplified separately depending on whether
they run between agencies or within one agency (``internal_scope: between_agencies`` or
``within_agency``), as the national review programme counts them. A public procedure is done
by citizens and businesses, so a scope there is a mistake in ``kind`` or in the field.

Passes::

    kind: internal
    internal_scope: between_agencies

Fails::

    kind: internal
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity
from tthc_cli.model import Procedure
from tthc_cli.rules.base import Rule, RuleContext


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    if procedure.kind == "internal" and procedure.internal_scope is None:
        yield RULE.finding(procedure.at("kind"))
    elif procedure.kind == "public" and procedure.internal_scope is not None:
        yield RULE.finding(
            procedure.at("internal_scope"),
            message="internal-scope.public",
            scope=procedure.internal_scope,
        )


MESSAGES = {  # message key → the arguments it is given
    "internal-scope": (),
    "internal-scope.public": ("scope",),
}

RULE = Rule("internal-scope", Severity.WARNING, __doc__ or "", MESSAGES, check=check)

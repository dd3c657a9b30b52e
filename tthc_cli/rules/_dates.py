"""The date a procedure is judged at, shared by the rules that depend on time.

A procedure with ``effective.to`` is historical: it is judged on that day. Any other procedure
is judged today (``as_of`` in tthc.yaml or ``--as-of`` replaces today, for reproducible runs).
"""

from __future__ import annotations

from datetime import date

from tthc_cli.model import Procedure
from tthc_cli.rules.base import RuleContext


def applies_on(procedure: Procedure, ctx: RuleContext) -> date:
    """The day ``procedure`` applies: its ``effective.to`` if set, else the context's today."""
    return procedure.effective_to or ctx.today

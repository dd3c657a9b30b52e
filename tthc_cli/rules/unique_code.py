"""Every procedure code is used once in the catalog.

The code identifies a procedure across the catalog, the national database and every diff; two
files with the same code make both ambiguous. The finding is reported on every file after the
first (in path order) and names the first.

Passes: ``public/2.001219.yaml`` and ``public/1.001193.yaml`` with their own codes.

Fails: ``public/2.001219.yaml`` and ``old/2.001219-copy.yaml`` both with::

    code: "2.001219"
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity
from tthc_cli.model import Catalog, Procedure
from tthc_cli.rules.base import Rule, RuleContext


def check_catalog(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    first: dict[str, Procedure] = {}
    for procedure in sorted(catalog.procedures, key=lambda p: p.path):
        seen = first.setdefault(procedure.code, procedure)
        if seen is not procedure:
            yield RULE.finding(
                procedure.at("code"),
                code=procedure.code,
                other=seen.path,
                other_line=seen.at("code").line,
            )


MESSAGES = {  # message key → the arguments it is given
    "unique-code": ("code", "other", "other_line"),
}

RULE = Rule("unique-code", Severity.ERROR, __doc__ or "", MESSAGES, check_catalog=check_catalog)

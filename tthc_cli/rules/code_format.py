"""The procedure code follows the national pattern or the catalog's local pattern.

Codes on the Cơ sở dữ liệu quốc gia về TTHC have one digit, a dot and six digits
(``2.001219``); procedures that have no national code yet (internal procedures of the City,
for example) use the local pattern set in ``tthc.yaml`` (``local_code_pattern``, by default
``NB-`` followed by upper-case parts and a number, such as ``NB-SXD-01``). A code that fits
neither cannot be looked up or matched across versions.

Passes::

    code: "2.001219"

Fails::

    code: "2.1219"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity
from tthc_cli.model import Procedure
from tthc_cli.rules.base import Rule, RuleContext

NATIONAL_PATTERN = r"^[0-9]\.[0-9]{6}$"


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    local = ctx.catalog.config.local_code_pattern
    if re.fullmatch(NATIONAL_PATTERN, procedure.code) or re.search(local, procedure.code):
        return
    yield RULE.finding(
        procedure.at("code"), code=procedure.code, national=NATIONAL_PATTERN, local=local
    )


MESSAGES = {  # message key → the arguments it is given
    "code-format": ("code", "local", "national"),
}

RULE = Rule("code-format", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

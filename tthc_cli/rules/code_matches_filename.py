"""The procedure code matches the file name.

Each procedure lives in a file named after its code, so that a code can be found, diffed and
reviewed by file. Copying a file and forgetting to change either the name or the code is the
usual cause.

Passes (file ``public/2.001219.yaml``)::

    code: "2.001219"

Fails (file ``public/2.001219.yaml``)::

    code: "2.001220"
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from tthc_cli.findings import Finding, Severity
from tthc_cli.model import Procedure
from tthc_cli.rules.base import Rule, RuleContext


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    stem = PurePosixPath(procedure.path.rsplit(":", 1)[-1]).stem
    if stem != procedure.code:
        yield RULE.finding(procedure.at("code"), code=procedure.code, stem=stem)


MESSAGES = {  # message key → the arguments it is given
    "code-matches-filename": ("code", "stem"),
}

RULE = Rule("code-matches-filename", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

"""A procedure records every part the law requires it to publish.

Nghị định 63/2010/NĐ-CP, Article 8 (as replaced by Nghị định 92/2017/NĐ-CP) lists the parts
every administrative procedure must have: name, sequence of steps (trình tự thực hiện),
channels (cách thức thực hiện), dossier components and quantity, processing time, subjects
(đối tượng thực hiện) and the unit that handles it (cơ quan giải quyết). The name is required
by the schema; this rule reports each of the others that is missing, so that a half-entered
procedure does not pass for a complete one. Processing time counts when any channel has a
``time`` or the procedure has ``processing_time``; the unit when ``units`` names an
``implementing`` or a ``competent`` unit. Procedures marked ``incomplete: true`` (the source
itself lacks parts) are skipped.

Passes: the worked example ``procedures/public/2.001219.yaml``.

Fails (no steps, no channel and no subjects)::

    code: "2.001219"
    kind: public
    name: Chấp thuận hoạt động vui chơi, giải trí dưới nước
    components:
      - {id: don, name: Đơn đề nghị, originals: 1}
    units:
      implementing: [so-xay-dung]
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity, ref
from tthc_cli.model import Procedure
from tthc_cli.rules.base import Rule, RuleContext


def missing_parts(procedure: Procedure) -> Iterator[str]:
    """The names of the required parts ``procedure`` lacks, in the order of Article 8."""
    timed = (
        any(c.time is not None for c in procedure.channels) or procedure.processing_time is not None
    )
    present = {
        "steps": bool(procedure.steps),
        "channels": bool(procedure.channels),
        "components": bool(procedure.components),
        "time": timed,
        "subjects": bool(procedure.subjects),
        "unit": bool(procedure.implementing or procedure.competent),
    }
    yield from (part for part, there in present.items() if not there)


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    if procedure.incomplete:
        return
    for part in missing_parts(procedure):
        yield RULE.finding(procedure.pos, part=part, part_name=ref(f"mandatory-parts.part.{part}"))


MESSAGES = {  # message key → the arguments it is given
    "mandatory-parts": ("part", "part_name"),
}

RULE = Rule("mandatory-parts", Severity.WARNING, __doc__ or "", MESSAGES, check=check)

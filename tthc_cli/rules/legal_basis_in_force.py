"""Every legal basis a procedure cites is still in force, and the procedure follows its amendments.

Judged against the catalog's register of legal documents (``legal.yaml``, beside
``units.yaml``) on the day the procedure applies: its ``effective.to`` when it has one, else
today (``as_of`` in tthc.yaml or ``--as-of``). Without a register the rule says nothing.

- A cited document **replaced**, or **repealed** as a whole, on or before that day is an error
  that names the successor (and the document now in force, when it was replaced again).
- A cited document **amended** (or repealed in part) after the procedure was published, and by
  that day, is a warning naming the amending document: the procedure may not follow it yet. The
  publication date is ``publication.date``, else the issue date of the publication decision
  when the register has it. A procedure with no known publication date gets the same finding
  as information. No finding when the procedure also cites the amending document.
- A cited number **missing from the register** is information (``legal: {unregistered: …}``
  in tthc.yaml makes it a warning, an error, or ``off``).

Keeping a superseded basis on purpose (a historical record, a procedure still published that
way) is said with a suppression on the ``legal_basis`` item, with the reason.

Passes (``legal.yaml`` records 48/2019/NĐ-CP as amended by 19/2024/NĐ-CP, and the procedure
cites both)::

    legal_basis:
      - number: 48/2019/NĐ-CP
        title: Quy định về quản lý hoạt động của phương tiện phục vụ vui chơi, giải trí dưới nước
      - number: 19/2024/NĐ-CP
        title: Sửa đổi, bổ sung một số điều của Nghị định số 48/2019/NĐ-CP

Fails (``legal.yaml`` records that 32/2010/TT-BTNMT was replaced, on a day before the day the
procedure is judged, by the number in its ``replaced_by``)::

    legal_basis:
      - number: 32/2010/TT-BTNMT
        title: Quy định về cấp phép hoạt động đo đạc và bản đồ
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tthc_cli.findings import ArgValue, Finding, Severity, ref
from tthc_cli.findings import day as day_arg
from tthc_cli.legal import Event, LegalRegister, State, number_key
from tthc_cli.model import LegalRef, Procedure
from tthc_cli.rules._dates import applies_on
from tthc_cli.rules.base import Rule, RuleContext

UNDATED = "legal-basis-in-force.undated"


def _day(value: date | None) -> ArgValue:
    return day_arg(value) if value is not None else ref(UNDATED)


def published_on(procedure: Procedure, register: LegalRegister) -> date | None:
    """When the procedure was published: its date, else its decision's issue date if known."""
    if procedure.publication_date is not None:
        return procedure.publication_date
    decision = register.get(procedure.publication_decision)
    return decision.issued if decision is not None else None


def _ended(ref_: LegalRef, event: Event, latest: str | None, on: date) -> Finding:
    where = ref_.number_pos or ref_.pos
    item = f"legal_basis/{ref_.key}"
    number = ref_.number or ""
    if event.kind == "repealed":
        return RULE.finding(
            where,
            message="legal-basis-in-force.repealed",
            item=item,
            number=number,
            by=event.number,
            since=_day(event.date),
            on=day_arg(on),
        )
    if latest is not None:
        return RULE.finding(
            where,
            message="legal-basis-in-force.replaced-chain",
            item=item,
            number=number,
            successor=event.number,
            latest=latest,
            since=_day(event.date),
            on=day_arg(on),
        )
    return RULE.finding(
        where,
        item=item,
        number=number,
        successor=event.number,
        since=_day(event.date),
        on=day_arg(on),
    )


def _amended(ref_: LegalRef, event: Event, published: date | None) -> Finding:
    where = ref_.number_pos or ref_.pos
    item = f"legal_basis/{ref_.key}"
    number = ref_.number or ""
    if published is None:
        finding = RULE.finding(
            where,
            message="legal-basis-in-force.amended-unpublished",
            item=item,
            number=number,
            by=event.number,
            since=_day(event.date),
        )
        return finding.with_severity(Severity.INFO)
    finding = RULE.finding(
        where,
        message="legal-basis-in-force.amended",
        item=item,
        number=number,
        by=event.number,
        since=_day(event.date),
        published=day_arg(published),
    )
    return finding.with_severity(Severity.WARNING)


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    register = ctx.catalog.legal
    if register is None:
        return
    on = applies_on(procedure, ctx)
    published = published_on(procedure, register)
    cited = {number_key(r.number) for r in procedure.legal_basis if r.number}
    unregistered = ctx.catalog.config.legal_unregistered
    for ref_ in procedure.legal_basis:
        if ref_.number is None:
            continue  # legal-number says so
        document = register.get(ref_.number)
        if document is None:
            if unregistered != "off":
                finding = RULE.finding(
                    ref_.number_pos or ref_.pos,
                    message="legal-basis-in-force.unregistered",
                    item=f"legal_basis/{ref_.key}",
                    number=ref_.number,
                )
                yield finding.with_severity(Severity(unregistered))
            continue
        standing = register.standing(document, on)
        if standing.state.ended and standing.end is not None:
            yield _ended(ref_, standing.end, standing.latest, on)
            continue
        if standing.state is not State.AMENDED:
            continue
        for event in standing.amendments:
            if number_key(event.number) in cited:
                continue  # the procedure already rests on the amending document
            if published is not None and event.date is not None and event.date <= published:
                continue  # amended before the procedure was published
            yield _amended(ref_, event, published)


MESSAGES = {  # message key → the arguments it is given
    "legal-basis-in-force": ("number", "on", "since", "successor"),
    "legal-basis-in-force.replaced-chain": ("latest", "number", "on", "since", "successor"),
    "legal-basis-in-force.repealed": ("by", "number", "on", "since"),
    "legal-basis-in-force.amended": ("by", "number", "published", "since"),
    "legal-basis-in-force.amended-unpublished": ("by", "number", "since"),
    "legal-basis-in-force.unregistered": ("number",),
}

RULE = Rule("legal-basis-in-force", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

"""The rules of evidence: which dated fact shows that a procedure counts toward a milestone on a
day. Pure: data in, data out.

A procedure counts on day D only with a fact dated on or before D:

* published: its publication decision's date (``publication.date``), else the day its source
  was read when the source names that same decision (``source.read_on``: the decision existed
  then, at the latest); published by the province: the same, and the decision's issuer is the
  province (``publication.issuer_level``);
* a plan reviewed, submitted, approved, implemented: the date of that event
  (``proposed_on``, ``submitted.date``, ``decision.date``, ``implemented_on``); a later event
  implies the earlier ones (an approval dated D shows the plan was submitted by D);
* online end-to-end, handled regardless of administrative boundaries: the date the source gives,
  else the day the source was read;
* a business condition cut: the date of the document that cuts it.

A simplification plan marked ``illustrative`` (an example written to show the format, not a plan
a body proposed or approved) is no evidence of anything: :func:`evidence_plan` is the one place
that decides it, and every count of plans, cuts, cost and time goes through it. Such plans are
counted apart (:func:`illustrative_plan`), never toward a measured figure or a milestone.

A fact without a date, or known only from a day after D that does not rule it out (a publication
decision dated after D may have replaced an earlier one; a source read after D), is *without
evidence*: counted apart, never as done. A plan event dated after D shows it had not happened on
D: that is evidence, and the procedure simply does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tthc_cli.legal import number_key
from tthc_cli.model import Plan, Procedure


@dataclass(frozen=True, slots=True)
class Fact:
    """Something recorded about a procedure: known on ``day`` (None: undated)."""

    day: date | None
    document: str | None = None
    read: bool = False  # ``day`` is the day the source was read, not the document's date

    def shows(self, on: date) -> bool | None:
        """True: evidence it holds on ``on``; None: no evidence either way."""
        if self.day is not None and self.day <= on:
            return True
        return None


def _read_day(procedure: Procedure) -> date | None:
    day = procedure.source.read_on
    return None if day == date.min else day


def publication(procedure: Procedure) -> Fact | None:
    """The fact that the procedure is published (None: no publication decision recorded)."""
    decision = procedure.publication_decision
    if decision is None:
        return None
    if procedure.publication_date is not None:
        return Fact(procedure.publication_date, decision)
    named = procedure.source.decision
    if named is not None and number_key(named) == number_key(decision):
        return Fact(_read_day(procedure), decision, read=True)
    return Fact(None, decision)


def province_publication(procedure: Procedure) -> Fact | None:
    """The fact that the province published it: None when the decision is known to be another
    issuer's (a ministry's); an issuer not recorded leaves the fact undated (no evidence)."""
    fact = publication(procedure)
    if fact is None or procedure.publication_issuer_level == "ministry":
        return None
    if procedure.publication_issuer_level != "province":
        return Fact(None, fact.document)
    return fact


def online_full(procedure: Procedure) -> Fact | None:
    """The fact that an online channel is end-to-end (toàn trình), as its source was read;
    undated (no evidence either way) when an online channel does not say which level it is;
    None when no channel is online or the online one is partial."""
    online = [c for c in procedure.channels if c.channel == "online"]
    if any(c.online_service == "full" for c in online):
        return Fact(_read_day(procedure), None, read=True)
    if any(c.online_service is None for c in online):
        return Fact(None)
    return None


def location_independent(procedure: Procedure) -> Fact | None:
    """The fact that it is handled regardless of administrative boundaries: the published date,
    else the day its source was read; undated when the catalog does not say (the field is
    absent); None when it says it is not (``within: none``)."""
    found = procedure.location_independent
    if found is None:
        return Fact(None)
    if found.within == "none":
        return None
    if found.date is not None:
        return Fact(found.date, found.decision)
    return Fact(_read_day(procedure), found.decision, read=True)


def evidence_plan(procedure: Procedure) -> Plan | None:
    """The procedure's simplification plan as evidence: None when it has none or when its plan
    is an illustration (``illustrative: true``), which counts toward no figure."""
    simplification = procedure.simplification
    plan = simplification.plan if simplification else None
    if plan is None or plan.illustrative:
        return None
    return plan


def illustrative_plan(procedure: Procedure) -> Plan | None:
    """The procedure's plan when it is an illustration (shown apart, counted nowhere)."""
    simplification = procedure.simplification
    plan = simplification.plan if simplification else None
    return plan if plan is not None and plan.illustrative else None


# A plan's events in order; a later event dated D implies every earlier one by D.
PLAN_EVENTS = ("proposed", "submitted", "approved", "implemented")
_REACHED = {
    "proposed": ("proposed", "submitted", "approved", "implemented", "rejected"),
    "submitted": ("submitted", "approved", "implemented", "rejected"),
    "approved": ("approved", "implemented"),
    "implemented": ("implemented",),
}


def plan_event(procedure: Procedure, event: str) -> Fact | None:
    """The fact that the procedure's plan reached ``event`` (proposed, submitted, approved,
    implemented): the earliest date among that event and the later ones recorded; undated when
    the status says it happened but no date is recorded; None when the plan has not reached it
    (or there is no plan, or it is an illustration)."""
    plan = evidence_plan(procedure)
    if plan is None or plan.status not in _REACHED[event]:
        return None
    decided = plan.decision_date if plan.status in ("approved", "implemented", "rejected") else None
    dates = {
        "proposed": plan.proposed_on,
        "submitted": plan.submitted_on,
        "approved": decided if plan.status != "rejected" else None,
        "implemented": plan.implemented_on if plan.status == "implemented" else None,
    }
    later = PLAN_EVENTS[PLAN_EVENTS.index(event) :]
    if event in ("proposed", "submitted") and plan.status == "rejected":
        later = (*later, "rejected")
        dates["rejected"] = plan.decision_date
    known = [d for name in later if (d := dates.get(name)) is not None]
    document = plan.decision_number if event in ("approved", "implemented") else None
    if event == "submitted":
        document = plan.submitted_number
    return Fact(min(known) if known else None, document)


def negative(fact: Fact, on: date, event_kind: bool) -> bool:
    """Whether ``fact`` is evidence that the thing had NOT happened on ``on``: a plan event
    (``event_kind``) dated after ``on``. A publication or a source read after ``on`` is not."""
    return event_kind and not fact.read and fact.day is not None and fact.day > on


@dataclass(frozen=True, slots=True)
class Tally:
    """How many procedures (or items) have evidence on a day, how many have a fact without
    evidence, out of how many."""

    counted: int = 0
    without_evidence: int = 0
    population: int = 0

    def share(self) -> float | None:
        return self.counted / self.population * 100 if self.population else None

    def possible_share(self) -> float | None:
        """The share if every fact without evidence turned out to count."""
        if not self.population:
            return None
        return (self.counted + self.without_evidence) / self.population * 100


def tally(facts: list[Fact | None], on: date, event_kind: bool = False) -> Tally:
    """Count ``facts`` (one per procedure; None: nothing recorded) on day ``on``."""
    counted = without = 0
    for fact in facts:
        if fact is None:
            continue
        if fact.shows(on):
            counted += 1
        elif not negative(fact, on, event_kind):
            without += 1
    return Tally(counted, without, len(facts))

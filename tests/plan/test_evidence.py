"""The rules of evidence: a procedure counts toward a dated milestone only with a dated fact on
or before the day; a fact without one is "no evidence", never "met"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tthc_cli.config import Config, PlanSettings
from tthc_cli.findings import Pos
from tthc_cli.model import Plan, Procedure, Simplification, Source
from tthc_cli.plan import evidence
from tthc_cli.plan.measures import measure_milestone, status_of
from tthc_cli.plan.progress import summarize
from tthc_cli.plans import Milestone

POS = Pos("x.yaml", 1, 1)
READ = date(2026, 11, 23)


def _procedure(code: str = "6.000001", **fields: object) -> Procedure:
    base = Procedure(
        path="x.yaml",
        code=code,
        kind="internal",
        name="Thử",
        field="F",
        levels=("province",),
        source=Source(read_on=READ, decision="1/QĐ-UBND"),
        pos=POS,
        field_pos={},
        publication_decision="1/QĐ-UBND",
        publication_issuer_level="province",
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def _group(procedures: list[Procedure], on: date) -> object:
    return summarize("", "", procedures, on, None, "abolished_or_merged")


def test_dated_publication_counts_from_its_date() -> None:
    p = _procedure(publication_date=date(2023, 3, 1))
    assert evidence.tally([evidence.publication(p)], date(2023, 2, 28)).counted == 0
    assert evidence.tally([evidence.publication(p)], date(2023, 3, 1)).counted == 1


def test_undated_publication_counts_only_from_the_day_its_source_was_read() -> None:
    p = _procedure()
    before = evidence.tally([evidence.publication(p)], date(2023, 3, 30))
    assert (before.counted, before.without_evidence) == (0, 1)
    after = evidence.tally([evidence.publication(p)], READ)
    assert (after.counted, after.without_evidence) == (1, 0)
    # a source that names another decision says nothing about this one's date
    other = replace(p, source=Source(read_on=READ, decision="9/QĐ-UBND"))
    assert evidence.tally([evidence.publication(other)], date(2030, 1, 1)).without_evidence == 1


def test_publication_decision_dated_after_the_day_is_no_evidence_either_way() -> None:
    p = _procedure(publication_date=date(2025, 5, 1))
    on = date(2024, 6, 30)
    tally = evidence.tally([evidence.publication(p)], on)
    assert (tally.counted, tally.without_evidence) == (0, 1)  # it may replace an earlier one


def test_ministry_decision_never_counts_for_the_province() -> None:
    ministry = _procedure(publication_date=date(2023, 1, 1), publication_issuer_level="ministry")
    province = _procedure(publication_date=date(2023, 1, 1))
    unknown = _procedure(publication_date=date(2023, 1, 1), publication_issuer_level=None)
    on = date(2024, 6, 30)
    facts = [evidence.province_publication(p) for p in (ministry, province, unknown)]
    tally = evidence.tally(facts, on)
    assert (tally.counted, tally.without_evidence) == (1, 1)  # the ministry's: neither
    assert evidence.tally([evidence.publication(ministry)], on).counted == 1  # but published


def test_undated_plan_is_no_evidence_and_a_later_decision_is_evidence_it_was_not_done() -> None:
    undated = _procedure(simplification=Simplification(plan=Plan("implemented", "simplify", POS)))
    later = _procedure(
        "6.000002",
        simplification=Simplification(
            plan=Plan("approved", "simplify", POS, decision_date=date(2025, 3, 1))
        ),
    )
    on = date(2024, 12, 31)
    approved = [evidence.plan_event(p, "approved") for p in (undated, later)]
    tally = evidence.tally(approved, on, event_kind=True)
    assert (tally.counted, tally.without_evidence) == (0, 1)
    group = summarize("", "", [undated, later], on, None, "abolished_or_merged")
    assert (group.approved, group.implemented, group.approved_undated) == (0, 0, 1)  # type: ignore[attr-defined]


def test_an_approval_implies_the_submission_by_its_date() -> None:
    plan = Plan("approved", "simplify", POS, decision_date=date(2024, 2, 1))
    p = _procedure(simplification=Simplification(plan=plan))
    fact = evidence.plan_event(p, "submitted")
    assert fact is not None and fact.day == date(2024, 2, 1)
    submitted = Plan("submitted", "simplify", POS, submitted_on=date(2023, 9, 1))
    q = _procedure(simplification=Simplification(plan=submitted))
    assert evidence.plan_event(q, "submitted").day == date(2023, 9, 1)  # type: ignore[union-attr]
    assert evidence.plan_event(q, "approved") is None


MILESTONE = Milestone(
    id="m", title="T", title_en="T", measure="published_share", target=100,
    due=date(2023, 4, 1), due_basis="data",
)  # fmt: skip


@pytest.mark.parametrize(
    ("counted", "without", "as_of", "closing", "expected"),
    [
        (2, 0, date(2023, 3, 30), False, "met"),
        (0, 2, date(2023, 3, 30), False, "no_evidence"),
        (1, 1, date(2024, 1, 1), False, "no_evidence"),
        (1, 0, date(2024, 1, 1), False, "missed"),
        (1, 0, date(2026, 1, 1), True, "not_met"),
        (1, 0, date(2023, 3, 1), False, "at_risk"),
        (1, 0, date(2022, 1, 1), False, "pending"),
    ],
)
def test_status_never_met_without_evidence(
    counted: int, without: int, as_of: date, closing: bool, expected: str
) -> None:
    tally = evidence.Tally(counted, without, 2)
    assert status_of(MILESTONE, tally.share(), tally, as_of, 90, closing) == expected


def test_milestone_on_the_bundled_shape_is_no_evidence_before_the_source_was_read() -> None:
    procedures = [_procedure(f"6.00000{i}") for i in range(3)]

    def measure(chosen: object, on: date) -> tuple[float | None, evidence.Tally]:
        group = summarize("", "", procedures, on, None, "abolished_or_merged")
        return group.published_share, group.tally("published_share")

    early = measure_milestone(MILESTONE, procedures, date(2023, 3, 30), measure, 90)
    assert early.status == "no_evidence" and early.counted == 0 and early.without_evidence == 3
    closing = measure_milestone(MILESTONE, procedures, date(2026, 12, 4), measure, 90, True)
    assert closing.status == "no_evidence"  # judged on its due date
    assert closing.final_value == 100 and closing.final_evidence == evidence.Tally(3, 0, 3)


def test_business_related_flag_and_recorded_choice() -> None:
    from tthc_cli.plan.measures import business_related

    config = Config(plan=PlanSettings(business_subjects=("Doanh nghiệp",)))
    public = _procedure(kind="public", subjects=("Doanh nghiệp",))
    assert business_related(public, config)
    assert not business_related(public, Config())  # no choice recorded: only the flag
    assert not business_related(replace(public, business_related=False), config)
    assert not business_related(replace(public, kind="internal"), config)
    assert business_related(replace(public, subjects=(), business_related=True), Config())


def test_a_correction_is_not_a_reform_but_a_new_legal_basis_is() -> None:
    from tthc_cli.model import Channel, Duration, LegalRef, TimeUnit
    from tthc_cli.plan.baseline import against_revision

    def with_time(days: int, *numbers: str) -> Procedure:
        channel = Channel("direct", "direct", POS, time=Duration(days, TimeUnit.WORKING_DAYS))
        legal = tuple(LegalRef(n, n, POS, number=n) for n in numbers)
        return _procedure(channels=(channel,), legal_basis=legal)

    then = with_time(10, "1/2020/NĐ-CP")
    corrected = against_revision(with_time(5, "1/2020/NĐ-CP"), then, None, READ, 8.0)
    assert (corrected.time_before, corrected.time_after) == (10, 10)
    reformed = against_revision(with_time(5, "1/2020/NĐ-CP", "2/2025/NĐ-CP"), then, None, READ, 8.0)
    assert (reformed.time_before, reformed.time_after) == (10, 5)

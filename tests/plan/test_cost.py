"""Compliance cost (TT 02/2017/TT-VPCP Art. 27): formula, reduction, no assumed hourly value."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tthc_cli.config import Config, HourlyValue
from tthc_cli.findings import Pos
from tthc_cli.model import (
    Channel,
    Compliance,
    Money,
    Plan,
    Procedure,
    Simplification,
    Snapshot,
    Source,
)
from tthc_cli.plan.cost import (
    annual_cost,
    channel_fee,
    hourly_value,
    procedure_cost,
    reduction,
    totals,
)

POS = Pos("x.yaml", 1, 1)
HOURLY = HourlyValue(50_000, date(2024, 1, 1), "Giá trị thử nghiệm")


def test_percentage_formula_on_hanoi_published_figures() -> None:
    # A check of the percentage formula only: Hà Nội's 293 public procedures re-engineered in
    # 2025 went from 2,306 to 654 tỷ đồng/năm (dantri.com.vn, 25/12/2025), published as 71.64%.
    # Not internal procedures, not QĐ 1085: nothing here checks the cost of a procedure.
    value = reduction(2_306e9, 654e9)
    assert value is not None
    assert round(value, 2) == 71.64
    assert 2_306 - 654 == 1_652


def test_reduction_of_nothing_is_not_computed() -> None:
    assert reduction(0, 0) is None


def test_formula_of_article_27() -> None:
    compliance = Compliance(
        hours=2.5, other_costs=30_000, frequency_per_year=2, subjects_per_year=100
    )
    cost = annual_cost(compliance, Money(20_000), HOURLY)
    assert cost.once == 2.5 * 50_000 + 30_000 + 20_000
    assert cost.per_year == cost.once * 2 * 100
    assert not cost.missing


def test_no_hourly_value_means_not_computed() -> None:
    cost = annual_cost(
        Compliance(hours=1, frequency_per_year=1, subjects_per_year=1), Money(0), None
    )
    assert cost.once is None and cost.per_year is None
    assert "hourly_value" in cost.missing


def test_unknown_fee_makes_the_cost_not_computable() -> None:
    cost = annual_cost(
        Compliance(hours=1, frequency_per_year=1, subjects_per_year=1), Money(None), HOURLY
    )
    assert cost.fee_unknown and cost.per_year is None and cost.once is None
    assert cost.reasons == ("fee-unknown",)


@pytest.mark.parametrize(
    ("fee", "reason"),
    [
        (Money(None, "Miễn phí đến hết 2026", conditional=True), "fee-conditional"),
        (Money(None, "20 USD", foreign_amount=20, currency="USD"), "fee-currency"),
        (None, "fee-not-recorded"),
    ],
)
def test_a_fee_without_an_amount_in_dong_is_never_zero(fee: Money | None, reason: str) -> None:
    cost = annual_cost(Compliance(hours=1, frequency_per_year=1, subjects_per_year=1), fee, HOURLY)
    assert cost.per_year is None and cost.reasons == (reason,)


def _channels(*fees: tuple[str, int | None, float | None]) -> tuple[Channel, ...]:
    return tuple(
        Channel(name, name, POS, fee=Money(amount), dossier_share=share)
        for name, amount, share in fees
    )


def test_channel_fee_does_not_depend_on_the_order_of_channels() -> None:
    listed = [("direct", 120_000, None), ("online", 50_000, None)]
    assert channel_fee(_channels(*listed)) == channel_fee(_channels(*reversed(listed)))
    assert channel_fee(_channels(*listed)).amount is None  # differ, no shares: not computable
    assert channel_fee(_channels(*listed)).reasons == ("fee-differs",)
    same = [("direct", 50_000, None), ("online", 50_000, None)]
    assert channel_fee(_channels(*same)).amount == 50_000


def test_channel_fee_weighted_by_recorded_share_of_dossiers() -> None:
    listed = [("direct", 120_000, 40.0), ("online", 50_000, 60.0)]
    fee = channel_fee(_channels(*listed))
    assert fee.amount == pytest.approx(120_000 * 0.4 + 50_000 * 0.6)
    assert channel_fee(_channels(*reversed(listed))) == fee
    partial = [("direct", 120_000, 40.0), ("online", 50_000, 50.0)]  # does not add up to 100
    assert channel_fee(_channels(*partial)).reasons == ("fee-differs",)


def test_reordering_channels_changes_no_cost_figure() -> None:
    plan = Plan("approved", "simplify", POS, decision_date=date(2024, 6, 1))
    listed = _channels(("direct", 120_000, 40.0), ("online", 50_000, 60.0), ("postal", 0, 0.0))
    procedure = replace(_procedure(plan), channels=listed)
    procedure = replace(
        procedure,
        simplification=replace(
            procedure.simplification,  # type: ignore[arg-type]
            baseline=Snapshot(POS, compliance=Compliance(4, 0, 1, 10)),
        ),
    )
    forward = procedure_cost(procedure, HOURLY, date(2024, 7, 1))
    backward = procedure_cost(
        replace(procedure, channels=tuple(reversed(listed))), HOURLY, date(2024, 7, 1)
    )
    assert forward == backward
    assert forward.before.per_year == (4 * 50_000 + 120_000 * 0.4 + 50_000 * 0.6) * 10


def test_hourly_value_in_force_on_the_date() -> None:
    older = HourlyValue(40_000, date(2022, 1, 1), "A")
    config = Config(hourly_values=(HOURLY, older))
    assert hourly_value(config, date(2023, 6, 1)) == older
    assert hourly_value(config, date(2024, 6, 1)) == HOURLY
    assert hourly_value(config, date(2021, 6, 1)) is None


def _procedure(plan: Plan | None, target_hours: float | None = 1.0) -> Procedure:
    before = Compliance(hours=4, other_costs=0, frequency_per_year=1, subjects_per_year=10)
    after = Compliance(
        hours=target_hours, other_costs=0, frequency_per_year=1, subjects_per_year=10
    )
    return Procedure(
        path="x.yaml",
        code="6.000001",
        kind="internal",
        name="Thử",
        field="F",
        levels=("province",),
        source=Source(read_on=date(2026, 1, 1)),
        pos=POS,
        field_pos={},
        simplification=Simplification(
            baseline=Snapshot(POS, compliance=before, fee=Money(0)),
            plan=plan,
            target=Snapshot(POS, compliance=after, fee=Money(0))
            if target_hours is not None
            else None,
        ),
    )


def test_an_undated_plan_is_not_in_force() -> None:
    plan = Plan("approved", "simplify", POS)  # no decision date
    undated = procedure_cost(_procedure(plan), HOURLY, date(2030, 1, 1))
    assert not undated.planned and undated.reduction == 0


def test_after_is_the_target_once_the_plan_is_approved() -> None:
    plan = Plan("approved", "simplify", POS, decision_date=date(2024, 6, 1))
    procedure = _procedure(plan)
    before_decision = procedure_cost(procedure, HOURLY, date(2024, 5, 31))
    after_decision = procedure_cost(procedure, HOURLY, date(2024, 6, 1))
    assert before_decision.reduction == 0
    assert after_decision.before.per_year == 4 * 50_000 * 10
    assert after_decision.after.per_year == 1 * 50_000 * 10
    assert after_decision.reduction == pytest.approx(75.0)


def test_abolished_procedure_without_target_costs_nothing_after() -> None:
    plan = Plan("implemented", "abolish", POS, implemented_on=date(2024, 6, 1))
    cost = procedure_cost(_procedure(plan, target_hours=None), HOURLY, date(2024, 7, 1))
    assert cost.after.per_year == 0 and cost.reduction == 100


def test_totals_skip_what_cannot_be_computed() -> None:
    plan = Plan("approved", "simplify", POS, decision_date=date(2024, 6, 1))
    computed = procedure_cost(_procedure(plan), HOURLY, date(2025, 1, 1))
    missing = procedure_cost(
        replace(_procedure(plan), simplification=None), HOURLY, date(2025, 1, 1)
    )
    result = totals([computed, missing])
    assert result.counted == 1 and result.not_computed == 1
    assert result.reduction == pytest.approx(75.0)
    assert totals([missing]).before is None

"""How one difference in a value is classified for the citizen: simpler, heavier or neutral."""

from __future__ import annotations

from tthc_cli.diff.model import Verdict
from tthc_cli.model import Duration, Money
from tthc_cli.plan.durations import compare as compare_durations

ONLINE_RANK = {None: 0, "partial": 1, "full": 2}


def by_sign(sign: int) -> Verdict:
    """-1 (less for the citizen) is simpler, 1 is heavier, 0 neutral."""
    return Verdict.SIMPLER if sign < 0 else Verdict.HEAVIER if sign > 0 else Verdict.NEUTRAL


def duration_verdict(old: Duration | None, new: Duration | None, hours_per_day: float) -> Verdict:
    if old is None or new is None:
        return Verdict.NEUTRAL
    return by_sign(compare_durations(old, new, hours_per_day))


def count_verdict(old: int | None, new: int | None) -> Verdict:
    if old is None or new is None:
        return Verdict.NEUTRAL
    return by_sign((new > old) - (new < old))


def money_verdict(old: Money | None, new: Money | None) -> Verdict:
    old_amount = old.amount if old is not None else None
    new_amount = new.amount if new is not None else None
    if old_amount is None or new_amount is None:
        return Verdict.NEUTRAL
    return by_sign((new_amount > old_amount) - (new_amount < old_amount))


# How much a dossier component asks of the applicant: handing it in, showing it, nothing.
KIND_RANK = {"submitted": 2, "shown": 1, "agency": 0}


def component_kind_verdict(old: str, new: str) -> Verdict:
    """Showing a document instead of handing it in, or the agency making it, is simpler."""
    return by_sign(KIND_RANK.get(new, 2) - KIND_RANK.get(old, 2))


def database_verdict(old: str | None, new: str | None) -> Verdict:
    """Taking the data from a national database instead of paper is simpler."""
    return (
        by_sign((old is not None) - (new is not None))
        if (old is None) != (new is None)
        else Verdict.NEUTRAL
    )


def online_verdict(old: str | None, new: str | None) -> Verdict:
    """Upgrading a channel towards toàn trình (``full``) is simpler."""
    return by_sign(ONLINE_RANK.get(old, 0) - ONLINE_RANK.get(new, 0))


def consulted_verdict(old: tuple[str, ...], new: tuple[str, ...]) -> Verdict:
    return by_sign((len(new) > len(old)) - (len(new) < len(old)))

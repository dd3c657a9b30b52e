"""Which unit carries a unit's work on a given day: merges and renames followed to the end. Pure.

A unit that merged into another (``merged_into``) or took a new name (``renamed_to``) hands its
work to that unit whole, so figures roll up to it: a successor's totals are the sum of its
predecessors'. A chain is followed as far as it goes on the day asked (Sở Giao thông vận tải →
Sở Giao thông công chánh → Sở Xây dựng). A unit split among several (``split_into``: every
district on 1 July 2025) or ended with no successor cannot hand its figures to anyone: they stay
with it, shown as "đã giải thể, chưa phân bổ", never dropped. So do the figures of a unit whose
successor is not in the registry (a mistyped id, reported by ``units-registry-consistent``): a
unit that does not exist is never shown as if it carried the work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from tthc_cli.model import Unit


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where ``chain[0]``'s work is on a day: ``current`` is the unit that carries it whole
    (None when it was split or ended: ``ended`` is then the unit whose end left it)."""

    chain: tuple[str, ...]
    current: str | None
    ended: Unit | None = None

    @property
    def moved(self) -> bool:
        """Whether the unit asked no longer exists on the day."""
        return len(self.chain) > 1 or self.current is None


def resolve(unit_id: str, units: Mapping[str, Unit], on: date) -> Resolution:
    """Follow merges and renames of ``unit_id`` up to ``on`` (an unknown id resolves to itself;
    a successor that is not in ``units`` ends the chain where it is, as if there were none)."""
    chain = [unit_id]
    while True:
        unit = units.get(chain[-1])
        if unit is None or unit.dissolved is None or unit.dissolved > on:
            return Resolution(tuple(chain), chain[-1])
        following = unit.successor
        if following is None or following in chain or following not in units:
            return Resolution(tuple(chain), None, unit)
        chain.append(following)

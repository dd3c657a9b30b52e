"""The plans a report can use and the config's additions to them. Pure: plans in, plans out.

Plans are data (:mod:`tthc_cli.plans`, read by :mod:`tthc_cli.load.plan_file`): the ones shipped
with tthc, the catalog's own (``plans/*.yaml``) and files named on the command line. A plan is
named by its id; a catalog's plan of the same id as a shipped one replaces it. The config's
``plan.extra_milestones`` (a city's own milestones) join the default plan (``plan.name``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from tthc_cli.config import Config
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.plans import MEASURES, Milestone, PlanData

__all__ = ["MEASURES", "Milestone", "PlanData", "available", "find", "parse_plan", "with_config"]

# Names the config has used for the shipped plan of Quyết định 1085/QĐ-TTg.
ALIASES = {"plan-1085": "qd-1085"}


def with_config(plan: PlanData, config: Config) -> PlanData:
    """``plan`` with the config's extra milestones when it is the config's default plan."""
    from tthc_cli.load.plan_file import milestone

    if ALIASES.get(config.plan.name, config.plan.name) != plan.id:
        return plan
    extra = [
        replace(milestone({**item, "title_en": item.get("title")}, {}), due_basis="config")
        for item in config.plan.extra_milestones
    ]
    if not extra:
        return plan
    ordered = sorted((*plan.milestones, *extra), key=lambda m: (m.due, m.id))
    return replace(plan, milestones=tuple(ordered))


def available(shipped: Iterable[PlanData], own: Iterable[PlanData]) -> dict[str, PlanData]:
    """Every plan by id: the shipped ones, then the catalog's own (which win on the same id)."""
    found = {plan.id: plan for plan in shipped}
    found.update({plan.id: plan for plan in own})
    return found


def find(name: str, plans: Mapping[str, PlanData]) -> PlanData:
    """The plan called ``name`` (or an old alias of it); a usage error lists the known ones."""
    chosen = plans.get(ALIASES.get(name, name))
    if chosen is None:
        raise UsageError("report.error.plan-unknown", name=name, known=", ".join(sorted(plans)))
    return chosen


def parse_plan(data: Any, config: Config, file: str = "plan") -> PlanData:
    """A plan from parsed YAML already in the plan file's shape, with the config applied."""
    from tthc_cli.load.plan_file import build_plan

    if not isinstance(data, dict):
        raise TthcError("report.error.plan-data", name=file, detail="not a mapping")
    try:
        return with_config(build_plan(data, config.plan, "file", file), config)
    except (KeyError, TypeError, ValueError) as exc:
        raise TthcError("report.error.plan-data", name=file, detail=str(exc)) from None

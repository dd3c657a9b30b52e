"""The plan's milestones, read from packaged data (``tthc_cli/data/<plan>.yaml``) and the config.

Dates the sources disagree on carry ``due_options``; the config's ``plan.choices`` picks one
(``due_basis`` says where the date came from), else the data's ``default_due`` is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tthc_cli.config import Config
from tthc_cli.errors import TthcError

MEASURES = (
    "published_share",
    "reviewed_share",
    "plan_approved_share",
    "procedures_cut_share",
    "cost_cut_share",
)


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    title: str
    title_en: str
    measure: str
    target: float
    due: date
    due_basis: str  # "data", "default", "choice" or "config"
    scope: str | None = None
    applies_to: tuple[str, ...] = ()
    conflict_note: str | None = None
    conflict_note_en: str | None = None
    instrument: str | None = None
    sources: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.title_en if lang == "en" and self.title_en else self.title


@dataclass(frozen=True, slots=True)
class PlanData:
    id: str
    title: str
    title_en: str
    decision: str
    procedures_cut_percent: float
    cost_cut_percent: float
    milestones: tuple[Milestone, ...]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _milestone(item: Mapping[str, Any], choices: Mapping[str, date]) -> Milestone:
    ident = str(item["id"])
    if ident in choices:
        due, basis = choices[ident], "choice"
    elif "due" in item:
        due, basis = _day(item["due"]), "data"
    else:
        due, basis = _day(item["default_due"]), "default"
    sources = [str(s) for s in item.get("sources") or ()]
    for option in item.get("due_options") or ():
        if _day(option["due"]) == due:
            sources += [str(s) for s in option.get("sources") or ()]
    return Milestone(
        id=ident,
        title=str(item["title"]),
        title_en=str(item.get("title_en") or item["title"]),
        measure=str(item["measure"]),
        target=float(item["target"]),
        due=due,
        due_basis=basis,
        scope=item.get("scope"),
        applies_to=tuple(item.get("applies_to") or ()),
        conflict_note=item.get("conflict_note"),
        conflict_note_en=item.get("conflict_note_en"),
        instrument=item.get("instrument"),
        sources=tuple(dict.fromkeys(sources)),
    )


def parse_plan(data: Any, config: Config, file: str = "plan") -> PlanData:
    """Plan data from parsed YAML, with the config's choices and extra milestones applied."""
    if not isinstance(data, dict):
        raise TthcError("report.error.plan-data", name=file, detail="not a mapping")
    try:
        milestones = [
            _milestone(item, config.plan.choices) for item in data.get("milestones") or ()
        ]
        milestones += [
            replace(_milestone({**extra, "title_en": extra.get("title")}, {}), due_basis="config")
            for extra in config.plan.extra_milestones
        ]
        targets = data.get("targets") or {}
        decision = data.get("decision") or {}
        return PlanData(
            id=str(data.get("id", file)),
            title=str(data.get("title", "")),
            title_en=str(data.get("title_en") or data.get("title", "")),
            decision=str(decision.get("number", "")),
            procedures_cut_percent=float(targets.get("procedures_cut_percent", 20)),
            cost_cut_percent=float(targets.get("cost_cut_percent", 20)),
            milestones=tuple(sorted(milestones, key=lambda m: (m.due, m.id))),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TthcError("report.error.plan-data", name=file, detail=str(exc)) from None


def plan_file(config: Config) -> str:
    """The data file of the plan named in the config (``plan.name``), in ``tthc_cli/data``."""
    name = config.plan.name
    aliases = {"qd-1085": "plan-1085"}
    return f"{aliases.get(name, name)}.yaml"

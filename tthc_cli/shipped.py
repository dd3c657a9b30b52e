"""Data shipped inside the package (``tthc_cli/data``): the plan milestones and the calendar.

Read through :mod:`tthc_cli.yamlsafe` like any input; a broken file is a one-line exit 3.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from tthc_cli import resources
from tthc_cli.config import Config
from tthc_cli.errors import TthcError
from tthc_cli.findings import Severity
from tthc_cli.messages import render
from tthc_cli.yamlsafe import parse_yaml

if TYPE_CHECKING:
    from tthc_cli.calendar import WorkCalendar
    from tthc_cli.milestones import PlanData


@cache
def packaged_yaml(name: str) -> Any:
    """A YAML file shipped in ``tthc_cli/data``, read and parsed once per process."""
    file = f"tthc_cli/data/{name}"
    try:
        raw = resources.data_bytes(name)
    except (OSError, ValueError) as exc:
        raise TthcError("error.data", name=file, detail=str(exc)) from None
    parsed = parse_yaml(raw, file)
    problems = [f for f in parsed.findings if f.severity is Severity.ERROR]
    if parsed.data is None or problems:
        detail = render(problems[0].message, problems[0].arg_map) if problems else "empty"
        raise TthcError("error.data", name=file, detail=detail)
    return parsed.data


def load_plan(config: Config) -> PlanData:
    """The simplification plan named in the config, with its choices applied."""
    from tthc_cli.milestones import parse_plan, plan_file

    file = plan_file(config)
    return parse_plan(packaged_yaml(file), config, file)


def load_calendar(config: Config) -> WorkCalendar:
    """The working-day calendar: holidays, the shipped make-up days, the config's overrides.

    Imported here, not at the top: ``holidays`` is only needed by the commands that count days.
    """
    from tthc_cli.calendar import CALENDAR_DATA, WorkCalendar

    return WorkCalendar.from_config(config, packaged_yaml(CALENDAR_DATA))

"""Reading a plan file: bytes → YAML → ``plan.schema.json`` → :class:`~tthc_cli.plans.PlanData`.

The same path for the plans shipped with tthc (``tthc_cli/data/plans/*.yaml``), a catalog's own
(``plans/*.yaml`` in the catalog folder, read with the catalog so ``tthc validate`` reports
their findings) and a file named by ``tthc report --plan FILE``. A plan that fails its schema
gives its positioned findings and no plan: a report is never made from half a plan.

Dates the sources disagree on carry ``due_options``; the config's ``plan.choices`` picks one
(``due_basis`` says where the date came from), else the data's ``default_due`` is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from tthc_cli.config import Limits, PlanSettings
from tthc_cli.dates import stored_day
from tthc_cli.errors import TthcError
from tthc_cli.findings import Finding, Pos, Severity
from tthc_cli.load import packaged, shape
from tthc_cli.load.opening import is_file, read_file, refusal_finding
from tthc_cli.load.yamlsafe import parse_yaml
from tthc_cli.messages import render
from tthc_cli.plans import Instrument, Milestone, NotMeasured, PlanData, Scope

PLAN_FOLDER = "plans"  # shipped plans: tthc_cli/data/plans/<id>.yaml
INTERNAL = Scope(kind="internal")  # tthc.yaml's extra milestones count internal procedures


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _scope(data: Mapping[str, Any], default: Scope) -> Scope:
    return Scope(
        kind=data.get("kind", default.kind),
        internal_scope=data.get("internal_scope", default.internal_scope),
        business_related=data.get("business_related", default.business_related),
        applies_to=_texts(data["applies_to"]) if "applies_to" in data else default.applies_to,
    )


def _due(item: Mapping[str, Any], choices: Mapping[str, date]) -> tuple[date, str, list[str]]:
    ident = str(item["id"])
    sources: list[str] = []
    if ident in choices:
        due, basis = choices[ident], "choice"
    elif "due" in item:
        due, basis = stored_day(item["due"]) or date.max, "data"
    else:
        due, basis = stored_day(item["default_due"]) or date.max, "default"
    for option in item.get("due_options") or ():
        if stored_day(option["due"]) == due:
            sources += _texts(option.get("sources"))
    return due, basis, sources


def milestone(
    item: Mapping[str, Any],
    choices: Mapping[str, date],
    scope: Scope = INTERNAL,
    baseline: date | None = None,
) -> Milestone:
    """One milestone of schema-valid plan data (or of ``plan.extra_milestones`` in tthc.yaml)."""
    due, basis, option_sources = _due(item, choices)
    own = _scope(item, scope)
    sources = [*_texts(item.get("sources")), *option_sources]
    if "source" in item:  # extra_milestones in tthc.yaml name one source
        sources.append(str(item["source"]))
    return Milestone(
        id=str(item["id"]),
        title=str(item["title"]),
        title_en=str(item.get("title_en") or item["title"]),
        measure=str(item["measure"]),
        target=float(item["target"]),
        due=due,
        due_basis=basis,
        scope=own.internal_scope,
        applies_to=own.applies_to,
        conflict_note=item.get("conflict_note"),
        conflict_note_en=item.get("conflict_note_en"),
        instrument=item.get("instrument"),
        sources=tuple(dict.fromkeys(sources)),
        quote=item.get("quote"),
        note=item.get("note"),
        kind=own.kind,
        business_related=own.business_related,
        baseline_date=stored_day(item.get("baseline_date")) or baseline,
    )


def build_plan(
    data: Mapping[str, Any],
    settings: PlanSettings,
    origin: str = "shipped",
    file: str | None = None,
    pos: Pos | None = None,
) -> PlanData:
    """A plan from data that passed ``plan.schema.json``, with the config's choices applied."""
    instruments = tuple(
        Instrument(
            number=str(i["number"]),
            title=str(i["title"]),
            sources=_texts(i.get("sources")),
            date=stored_day(i.get("date")),
            issuer=i.get("issuer"),
            signer=i.get("signer"),
            note=i.get("note"),
        )
        for i in data.get("instruments") or ()
    )
    scope = _scope(data.get("scope") or {}, Scope())
    baseline = stored_day(data.get("baseline_date"))
    milestones = [
        milestone(item, settings.choices, scope, baseline) for item in data.get("milestones") or ()
    ]
    period = data.get("period") or {}

    def highest(measure: str) -> float | None:
        targets = [m.target for m in milestones if m.measure == measure]
        return max(targets) if targets else None

    return PlanData(
        id=str(data["id"]),
        title=str(data["title"]),
        title_en=str(data.get("title_en") or data["title"]),
        decision=instruments[0].number if instruments else "",
        milestones=tuple(sorted(milestones, key=lambda m: (m.due, m.id))),
        procedures_cut_percent=highest("procedures_cut_share"),
        cost_cut_percent=highest("cost_cut_share"),
        instruments=instruments,
        start=stored_day(period.get("start")),
        end=stored_day(period.get("end")),
        baseline_date=baseline,
        baseline_note=data.get("baseline_note"),
        not_measured=tuple(
            NotMeasured(str(n["title"]), str(n["quote"]), _texts(n.get("sources")), n.get("reason"))
            for n in data.get("not_measured") or ()
        ),
        notes=_texts(data.get("notes")),
        origin=origin,
        file=file,
        pos=pos,
    )


def parse_plan_file(
    raw: bytes, file: str, settings: PlanSettings, limits: Limits, origin: str = "file"
) -> tuple[PlanData | None, list[Finding]]:
    """The plan in ``raw`` (None when it cannot be read or fails its schema) and findings."""
    parsed = parse_yaml(raw, file, limits)
    findings = list(parsed.findings)
    if parsed.data is None:
        return None, findings
    problems = shape.check(parsed.data, "plan", file)
    findings += problems
    if problems or any(f.severity is Severity.ERROR for f in findings):
        return None, findings
    return build_plan(parsed.data, settings, origin, file, Pos(file, 1, 1)), findings


def shipped_plans(settings: PlanSettings, limits: Limits) -> list[PlanData]:
    """The plans shipped with tthc (``tthc_cli/data/plans``), checked like any plan file; a
    broken one is a defect of the package: one line, exit 3."""
    plans = []
    for name in packaged.data_names(PLAN_FOLDER):
        file = f"tthc_cli/data/{name}"
        try:
            raw = packaged.data_bytes(name)
        except OSError as exc:
            raise TthcError("error.data", name=file, detail=str(exc)) from None
        plan, findings = parse_plan_file(raw, file, settings, limits, "shipped")
        if plan is None:
            problem = next((f for f in findings if f.severity is Severity.ERROR), None)
            detail = render(problem.message, problem.arg_map) if problem else "empty"
            detail = f"{problem.pos.line}:{problem.pos.column}: {detail}" if problem else detail
            raise TthcError("error.data", name=file, detail=detail)
        plans.append(plan)
    return plans


def looks_like_file(name: str) -> bool:
    """Whether ``--plan NAME`` names a file rather than a plan id (ids have no dot or slash)."""
    return any(mark in name for mark in ("/", "\\", ".")) or is_file(name)


def read_plan_path(
    path: str, settings: PlanSettings, limits: Limits
) -> tuple[PlanData | None, list[Finding]]:
    """A plan file the user names (``tthc report --plan FILE``): read with the catalog's limits,
    a link never followed; unreadable → one finding, like a procedure file."""
    try:
        raw = read_file(path, limits.max_file_bytes)
    except OSError as exc:
        return None, [refusal_finding(exc, path)]
    return parse_plan_file(raw, path, settings, limits, "file")

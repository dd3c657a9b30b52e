"""The report as JSON, with a stable, documented shape (keys sorted, numbers as numbers).

Shape (``"format": "tthc-report/1"``)::

    {
      "format": "tthc-report/1",
      "as_of": "YYYY-MM-DD",
      "by": "unit|field|level|kind",
      "count_cut_as": "abolished_or_merged|abolished_merged_or_simplified",
      "plan": {"id", "title", "decision",
               "targets": {"procedures_cut_percent", "cost_cut_percent"}},
      "hourly_value": null | {"amount", "from", "source"},
      "baseline": {"kind": "recorded"}         # before = each procedure's recorded baseline
                | {"kind": "git", "revision", "commit", "root"},  # --baseline REV
      "notes": [str, ...],                     # the same lines the text report starts with
      "groups": [ROW, ...],                    # sorted by label
      "total": ROW,                            # the whole catalog (groups may overlap)
      "milestones": [{"id", "title", "instrument", "measure", "target", "due", "due_basis",
                      "value", "status", "population", "evaluated_on", "conflict_note",
                      "sources"}, ...],
      "illustrative": [code, ...]              # plans that are illustrations, not published plans
    }

ROW has ``key`` plus every column of :data:`tthc_cli.render.report_table.COLUMNS` and
:data:`~tthc_cli.render.report_table.BASELINE_COLUMNS`; ``null`` means not computed. ``status`` is
met, no_evidence, at_risk, missed, not_met, pending, not_applicable or outside_scope (a ministry's
task, not the province's: not judged; ``outside_reason`` says why, else ``null``).

The two measures behind the 20% targets of QĐ 1085/QĐ-TTg count internal procedures only, in
every format: ``cut_planned`` and ``cut_done`` count cuts of internal procedures, and
``procedures_cut_share`` = ``cut_planned`` / ``internal`` × 100 (``null`` when the group has no
internal procedure); ``cost_before``, ``cost_after`` and ``cost_cut_share`` sum internal procedures
only (a public procedure is neither counted nor "not computed"). The other shares are of
``procedures``; ``time_*`` covers every procedure whose processing time is exact.

With ``"baseline": {"kind": "git", …}`` (``tthc report --baseline REV``) "before" is the catalog
at that revision: ``baseline_procedures`` = internal procedures at REV in the group (the
denominator of ``procedures_cut_share`` instead of ``internal``; cuts and cost count procedures
internal at REV); ``cost_before`` and ``time_before_days`` = each procedure's figures at REV,
matched by code; ``removed`` = internal procedures at REV no longer in
the catalog, counted as abolished (in ``cut_planned`` and ``cut_done``; nothing after);
``without_before`` = procedures added since REV, left out of cost, time and cut counts. With
``"kind": "recorded"`` the before is each procedure's ``simplification.baseline``;
``baseline_procedures`` is ``null``, ``removed`` and ``without_before`` are 0.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tthc_cli.formats import OutputContext
from tthc_cli.plan.progress import Report, ReportSet
from tthc_cli.render.report_table import milestone_values, preamble, row_values
from tthc_cli.textnorm import json_text

FORMAT = "tthc-report/2"


def baseline_data(report: Report) -> dict[str, str]:
    baseline = report.baseline
    if baseline is None:
        return {"kind": "recorded"}
    return {
        "kind": "git",
        "revision": baseline.revision,
        "commit": baseline.commit,
        "root": baseline.catalog.root,
    }


def plan_data(report: Report, lang: str) -> dict[str, Any]:
    plan = report.plan

    def day(value: date | None) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "id": plan.id,
        "title": plan.title_en if lang == "en" else plan.title,
        "decision": plan.decision,
        "origin": plan.origin,
        "file": plan.file,
        "period": {"start": day(plan.start), "end": day(plan.end)},
        "closing": report.closing,
        "baseline_date": day(plan.baseline_date),
        "baseline_note": plan.baseline_note,
        "targets": {
            "procedures_cut_percent": plan.procedures_cut_percent,
            "cost_cut_percent": plan.cost_cut_percent,
        },
        "instruments": [
            {
                "number": i.number,
                "title": i.title,
                "date": day(i.date),
                "issuer": i.issuer,
                "signer": i.signer,
                "sources": list(i.sources),
                "note": i.note,
            }
            for i in plan.instruments
        ],
        "not_measured": [
            {"title": n.title, "quote": n.quote, "sources": list(n.sources), "reason": n.reason}
            for n in plan.not_measured
        ],
        "notes": list(plan.notes),
    }


def report_data(report: Report, lang: str) -> dict[str, Any]:
    hourly = report.hourly
    milestones = []
    for status in report.milestones:
        m = status.milestone
        note = m.conflict_note_en if lang == "en" and m.conflict_note_en else m.conflict_note
        milestones.append(
            {
                **milestone_values(status, lang),
                "evaluated_on": status.evaluated_on.isoformat(),
                "outside_reason": status.outside_reason,
                "conflict_note": note,
                "sources": list(m.sources),
                "quote": m.quote,
                "note": m.note,
                "baseline_date": None if m.baseline_date is None else m.baseline_date.isoformat(),
                "scope": {
                    "kind": m.kind,
                    "internal_scope": m.scope,
                    "business_related": m.business_related,
                    "applies_to": list(m.applies_to),
                },
                "evidence": {
                    "counted": status.counted,
                    "without_evidence": status.without_evidence,
                    "population": status.evidence.population,
                },
                "final_evidence": None
                if status.final_evidence is None
                else {
                    "counted": status.final_evidence.counted,
                    "without_evidence": status.final_evidence.without_evidence,
                    "population": status.final_evidence.population,
                },
            }
        )
    return {
        "format": FORMAT,
        "as_of": report.as_of.isoformat(),
        "by": report.by,
        "count_cut_as": report.count_cut_as,
        "plan": plan_data(report, lang),
        "hourly_value": None
        if hourly is None
        else {
            "amount": hourly.amount,
            "from": hourly.start.isoformat(),
            "source": hourly.source,
        },
        "baseline": baseline_data(report),
        "notes": preamble(report, lang),
        "groups": [{"key": g.key, **row_values(g)} for g in report.groups],
        "total": {"key": report.total.key, **row_values(report.total)},
        "milestones": milestones,
        "illustrative": list(report.illustrative_codes),
    }


def render(reports: ReportSet, ctx: OutputContext) -> str:
    report, lang = reports.chosen, ctx.lang
    data = report_data(report, lang)
    data["other_plans"] = [
        {k: v for k, v in report_data(more, lang).items() if k != "format"} for more in reports.more
    ]
    return json_text(data, sort_keys=True)

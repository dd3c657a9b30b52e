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
      "notes": [str, ...],                     # the same lines the text report starts with
      "groups": [ROW, ...],                    # sorted by label
      "total": ROW,                            # the whole catalog (groups may overlap)
      "milestones": [{"id", "title", "instrument", "measure", "target", "due", "due_basis",
                      "value", "status", "population", "evaluated_on", "conflict_note",
                      "sources"}, ...],
      "illustrative": [code, ...]              # plans that are illustrations, not published plans
    }

ROW has ``key`` plus every column of :data:`tthc_cli.render.report_table.COLUMNS`; ``null``
means not computed. ``status`` is met, at_risk, missed, pending or not_applicable.
"""

from __future__ import annotations

import json
from typing import Any

from tthc_cli.progress import Report
from tthc_cli.render.report_table import milestone_values, preamble, row_values

FORMAT = "tthc-report/1"


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
                "conflict_note": note,
                "sources": list(m.sources),
            }
        )
    return {
        "format": FORMAT,
        "as_of": report.as_of.isoformat(),
        "by": report.by,
        "count_cut_as": report.count_cut_as,
        "plan": {
            "id": report.plan.id,
            "title": report.plan.title_en if lang == "en" else report.plan.title,
            "decision": report.plan.decision,
            "targets": {
                "procedures_cut_percent": report.plan.procedures_cut_percent,
                "cost_cut_percent": report.plan.cost_cut_percent,
            },
        },
        "hourly_value": None
        if hourly is None
        else {
            "amount": hourly.amount,
            "from": hourly.start.isoformat(),
            "source": hourly.source,
        },
        "notes": preamble(report, lang),
        "groups": [{"key": g.key, **row_values(g)} for g in report.groups],
        "total": {"key": report.total.key, **row_values(report.total)},
        "milestones": milestones,
        "illustrative": list(report.illustrative_codes),
    }


def render_json(report: Report, lang: str) -> str:
    return (
        json.dumps(report_data(report, lang), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )

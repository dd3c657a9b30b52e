"""``tthc list`` as text, JSON or CSV: one entry per procedure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tabulate import tabulate

from tthc_cli.formats import OutputContext
from tthc_cli.messages import text
from tthc_cli.model import Catalog, Procedure
from tthc_cli.textnorm import csv_text, json_text, visible

COLUMNS = ("code", "kind", "name", "field", "levels", "unit", "file")


@dataclass(frozen=True, slots=True)
class Listing:
    """The procedures listed, each as a record (JSON keys), in order."""

    entries: tuple[dict[str, Any], ...]


def _unit_label(catalog: Catalog, unit_id: str) -> str:
    unit = catalog.units.get(unit_id)
    return unit.label if unit else unit_id


def record(procedure: Procedure, catalog: Catalog) -> dict[str, Any]:
    return {
        "code": procedure.code,
        "kind": procedure.kind,
        "name": procedure.name,
        "field": procedure.field,
        "levels": list(procedure.levels),
        "unit": ", ".join(_unit_label(catalog, u) for u in procedure.implementing),
        "units": list(procedure.implementing),
        "file": procedure.path,
    }


def listing(procedures: Sequence[Procedure], catalog: Catalog) -> Listing:
    return Listing(tuple(record(p, catalog) for p in procedures))


def render_json(listed: Listing, ctx: OutputContext) -> str:
    rows = list(listed.entries)
    return json_text({"count": len(rows), "procedures": rows})


def render_csv(listed: Listing, ctx: OutputContext) -> str:
    rows = [
        [",".join(r[k]) if k == "levels" else str(r[k]) for k in COLUMNS] for r in listed.entries
    ]
    return csv_text([COLUMNS, *rows])


def render_text(listed: Listing, ctx: OutputContext) -> str:
    """A table for people: headers and the kind in the reader's language (JSON and CSV keep the
    keys and values scripts rely on)."""
    columns = ("code", "kind", "name", "field", "unit")
    table = [
        [
            visible(text(f"value.kind.{r[k]}", ctx.lang) if k == "kind" else str(r[k]))
            for k in columns
        ]
        for r in listed.entries
    ]
    shown = tabulate(
        table,
        headers=[text(f"list.col.{c}", ctx.lang) for c in columns],
        tablefmt="simple",
        disable_numparse=True,
        maxcolwidths=[None, None, 50, 25, 25],
    )
    return shown + "\n"

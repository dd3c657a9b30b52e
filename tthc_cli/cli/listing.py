"""``tthc list``: the procedures in the catalog, filtered, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

import typer
from tabulate import tabulate

from tthc_cli.cli._common import (
    KINDS,
    ConfigOpt,
    FieldOpt,
    ForceOpt,
    KindOpt,
    LangOpt,
    OutputOpt,
    PathsArg,
    UnitOpt,
    open_catalog,
    require_choice,
    write_output,
)
from tthc_cli.model import Catalog, Procedure
from tthc_cli.textnorm import fold, visible

FORMATS = ("text", "json", "csv")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def select(
    catalog: Catalog, kind: str | None, unit: str | None, field: str | None
) -> list[Procedure]:
    chosen = []
    for procedure in sorted(catalog.procedures, key=lambda p: p.code):
        if kind and procedure.kind != kind:
            continue
        if unit and unit not in procedure.implementing + procedure.competent:
            continue
        if field and fold(field) not in fold(procedure.field):
            continue
        chosen.append(procedure)
    return chosen


def safe_cell(value: str) -> str:
    """A CSV cell that a spreadsheet can never read as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def command(
    paths: PathsArg = None,
    kind: KindOpt = None,
    unit: UnitOpt = None,
    field: FieldOpt = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, json hoặc csv.")
    ] = "text",
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Liệt kê thủ tục trong danh mục (list procedures)."""
    require_choice("--format", output_format, FORMATS)
    require_choice("--kind", kind, KINDS)
    catalog = open_catalog(paths, config_path, lang)
    rows = [record(p, catalog) for p in select(catalog, kind, unit, field)]
    if output_format == "json":
        content = (
            json.dumps({"count": len(rows), "procedures": rows}, ensure_ascii=False, indent=2)
            + "\n"
        )
    elif output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["code", "kind", "name", "field", "levels", "unit", "file"])
        for row in rows:
            writer.writerow(
                [
                    safe_cell(str(row[k])) if k != "levels" else ",".join(row[k])
                    for k in ("code", "kind", "name", "field", "levels", "unit", "file")
                ]
            )
        content = buffer.getvalue()
    else:
        columns = ("code", "kind", "name", "field", "unit")
        table = [[visible(str(r[k])) for k in columns] for r in rows]
        content = (
            tabulate(
                table,
                headers=list(columns),
                tablefmt="simple",
                disable_numparse=True,
                maxcolwidths=[None, None, 50, 25, 25],
            )
            + "\n"
        )
    write_output(content, output, force)


def register(app: typer.Typer) -> None:
    app.command("list")(command)

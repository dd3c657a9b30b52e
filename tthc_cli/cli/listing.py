"""``tthc list``: the procedures in the catalog, filtered, as a table, JSON or CSV."""

from __future__ import annotations

import typer

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
    format_option,
    open_catalog,
    output_context,
    require_choice,
    write_output,
)
from tthc_cli.errors import UsageError
from tthc_cli.model import Catalog, Procedure
from tthc_cli.render import LIST_WRITERS
from tthc_cli.render.listing import listing
from tthc_cli.textnorm import fold


def select_one(procedure: Procedure, kind: str | None, unit: str | None, field: str | None) -> bool:
    """Whether ``procedure`` is of ``kind``, handled by ``unit`` and in ``field`` (a part of
    its name), each when given."""
    if kind and procedure.kind != kind:
        return False
    if unit and unit not in procedure.implementing + procedure.competent:
        return False
    return not (field and fold(field) not in fold(procedure.field))


def select(
    catalog: Catalog, kind: str | None, unit: str | None, field: str | None
) -> list[Procedure]:
    """The procedures of ``catalog`` that match every filter given. A ``unit`` that is not in
    the units registry is a usage error naming the closest id (a typo must not print an empty
    list with exit 0)."""
    if unit and catalog.units and unit not in catalog.units:
        from tthc_cli.rules.unit_exists import suggestion

        best = suggestion(unit, catalog.units)
        if best is None:
            raise UsageError("error.unknown-unit", unit=unit)
        raise UsageError("error.unknown-unit.suggest", unit=unit, suggestion=best)
    return [
        procedure
        for procedure in sorted(catalog.procedures, key=lambda p: p.code)
        if select_one(procedure, kind, unit, field)
    ]


def command(
    paths: PathsArg = None,
    kind: KindOpt = None,
    unit: UnitOpt = None,
    field: FieldOpt = None,
    output_format: str | None = format_option(LIST_WRITERS),
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Liệt kê thủ tục trong danh mục (list procedures)."""
    chosen_format = LIST_WRITERS.choose(output_format, output)
    require_choice("--kind", kind, KINDS)
    catalog = open_catalog(paths, config_path, lang)
    listed = listing(select(catalog, kind, unit, field), catalog)
    ctx = output_context(catalog.config.lang, chosen_format, output)
    write_output(LIST_WRITERS[chosen_format](listed, ctx), output, force)


def register(app: typer.Typer) -> None:
    app.command("list")(command)

"""``tthc table``: procedure sheets or the danh mục, as HTML, DOCX, Markdown or plain text; with
``--since REV`` the Quyết định công bố and its annex of what changed since REV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tthc_cli.cli._common import (
    KINDS,
    ConfigOpt,
    FieldOpt,
    ForceOpt,
    KindOpt,
    LangOpt,
    OutputOpt,
    UnitOpt,
    find_procedure,
    format_option,
    open_catalog,
    output_context,
    require_choice,
    write_output,
)
from tthc_cli.cli.listing import select, select_one
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.load.opening import exists
from tthc_cli.model import Catalog, Procedure
from tthc_cli.render import TABLE_WRITERS, table_text
from tthc_cli.render.tables import Document, listing_document, procedure_document

TargetsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Mã thủ tục (2.001219) hoặc đường dẫn tệp/thư mục; mặc định: cả danh mục.",
        show_default=False,
    ),
]


def split_targets(targets: list[str]) -> tuple[list[Path], list[str]]:
    """Existing paths (or anything that looks like one) versus procedure codes."""
    paths: list[Path] = []
    codes: list[str] = []
    for target in targets:
        path = Path(target)
        looks_like_path = "/" in target or "\\" in target or path.suffix in (".yaml", ".yml")
        if exists(path) or looks_like_path:
            paths.append(path)
        else:
            codes.append(target)
    return paths, codes


def chosen_procedures(
    catalog: Catalog, codes: list[str], kind: str | None, unit: str | None, field: str | None
) -> list[Procedure]:
    selected = select(catalog, kind, unit, field)
    if not codes:
        return selected
    for code in codes:
        find_procedure(catalog, code)
    wanted = set(codes)
    return [p for p in selected if p.code in wanted]


def command(
    targets: TargetsArg = None,
    unit: UnitOpt = None,
    field: FieldOpt = None,
    kind: KindOpt = None,
    as_list: Annotated[
        bool, typer.Option("--list", help="In danh mục thay vì nội dung từng thủ tục.")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="In quyết định công bố kèm phụ lục: thủ tục mới, được sửa đổi, bổ sung, bị bãi"
            " bỏ kể từ phiên bản REV (git: HEAD~1, main; hoặc thư mục).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="REV",
            help="Phiên bản mới của --since (mặc định: thư mục làm việc).",
        ),
    ] = None,
    output_format: str | None = format_option(TABLE_WRITERS),
    tablefmt: Annotated[
        str | None,
        typer.Option(
            "--tablefmt",
            metavar="KIỂU",
            help="Kiểu bảng của tabulate cho markdown, text (grid, simple, github…; mặc định:"
            " pipe cho markdown, simple cho text).",
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """In bảng thủ tục (procedure sheets) hoặc danh mục (--list) để ban hành, in ấn."""
    chosen_format = TABLE_WRITERS.choose(output_format, output)
    require_choice("--kind", kind, KINDS)
    if tablefmt in table_text.MARKUP_TABLEFMTS:
        raise UsageError("error.tablefmt-markup", value=tablefmt)
    if tablefmt is not None and not table_text.known_tablefmt(tablefmt):
        raise UsageError("error.bad-option", option="--tablefmt", value=tablefmt)
    paths, codes = split_targets(list(targets or []))
    if since is not None or until is not None:
        filters = (kind, unit, field)
        document, language = _annex(since, until, as_list, paths, codes, filters, config_path, lang)
    else:
        catalog = open_catalog(paths, config_path, lang)
        procedures = chosen_procedures(catalog, codes, kind, unit, field)
        if not procedures:
            raise TthcError("error.no-procedures")
        language = catalog.config.lang
        document = (
            listing_document(procedures, catalog, language, unit)
            if as_list
            else procedure_document(procedures, catalog, language)
        )
    ctx = output_context(language, chosen_format, output, tablefmt)
    write_output(TABLE_WRITERS[chosen_format](document, ctx), output, force)


def _annex(
    since: str | None,
    until: str | None,
    as_list: bool,
    paths: list[Path],
    codes: list[str],
    filters: tuple[str | None, str | None, str | None],
    config_path: Path | None = None,
    lang: str | None = None,
) -> tuple[Document, str]:
    """The decision annex of what changed since ``since`` (see :mod:`tthc_cli.cli._annex`),
    for the procedures the codes and filters choose."""
    from tthc_cli.cli._annex import annex

    if since is None:
        raise UsageError("error.needs-option", option="--until", needed="--since")
    if as_list:
        raise UsageError("error.options-conflict", first="--since", second="--list")
    kind, unit, field = filters
    wanted = set(codes)

    def keep(procedure: Procedure) -> bool:
        return (not wanted or procedure.code in wanted) and bool(
            select_one(procedure, kind, unit, field)
        )

    return annex(since, until, paths, config_path, lang, keep)


def register(app: typer.Typer) -> None:
    app.command("table")(command)

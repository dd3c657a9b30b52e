"""``tthc table``: procedure sheets or the danh mục, as HTML, DOCX, Markdown or plain text."""

from __future__ import annotations

import sys
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
    open_catalog,
    require_choice,
    write_output,
)
from tthc_cli.cli.listing import select
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.model import Catalog, Procedure
from tthc_cli.render import table_docx, table_html, table_text
from tthc_cli.tables import Document, listing_document, procedure_document

FORMATS = ("html", "docx", "md", "txt")
SUFFIX_FORMAT = {".html": "html", ".htm": "html", ".docx": "docx", ".md": "md", ".txt": "txt"}

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
        if path.exists() or looks_like_path:
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


def pick_format(output_format: str | None, output: Path | None) -> str:
    if output_format is None:
        suffix = output.suffix.lower() if output is not None else ""
        return SUFFIX_FORMAT.get(suffix, "txt")
    require_choice("--format", output_format, FORMATS)
    return output_format


def render(document: Document, output_format: str, tablefmt: str | None) -> str | bytes:
    if output_format == "html":
        return table_html.render(document)
    if output_format == "docx":
        return table_docx.render(document)
    return table_text.render(document, output_format, tablefmt)


def command(
    targets: TargetsArg = None,
    unit: UnitOpt = None,
    field: FieldOpt = None,
    kind: KindOpt = None,
    as_list: Annotated[
        bool, typer.Option("--list", help="In danh mục thay vì nội dung từng thủ tục.")
    ] = False,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html, docx, md hoặc txt (mặc định: theo đuôi tệp -o, không thì txt).",
        ),
    ] = None,
    tablefmt: Annotated[
        str | None,
        typer.Option(
            "--tablefmt",
            help="Kiểu bảng tabulate cho md/txt (mặc định: pipe cho md, simple cho txt).",
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """In bảng thủ tục (procedure sheets) hoặc danh mục (--list) để ban hành, in ấn."""
    chosen_format = pick_format(output_format, output)
    require_choice("--kind", kind, KINDS)
    if tablefmt is not None and not table_text.known_tablefmt(tablefmt):
        raise UsageError("error.bad-option", option="--tablefmt", value=tablefmt)
    if chosen_format == "docx" and output is None and sys.stdout.isatty():
        raise UsageError("error.binary-to-terminal", format="docx")
    paths, codes = split_targets(list(targets or []))
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
    write_output(render(document, chosen_format, tablefmt), output, force)


def register(app: typer.Typer) -> None:
    app.command("table")(command)

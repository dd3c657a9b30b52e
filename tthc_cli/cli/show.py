"""``tthc show CODE``: one procedure, readable in a terminal (rich panels and tables)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from tthc_cli.cli._common import (
    ConfigOpt,
    LangOpt,
    PathsArg,
    find_procedure,
    open_catalog,
    terminal_width,
    use_color,
    write_output,
)
from tthc_cli.messages import text
from tthc_cli.model import Catalog, Procedure
from tthc_cli.render.console import recording_console
from tthc_cli.render.tables import Section, Table, procedure_sheet
from tthc_cli.textnorm import visible


def _table(table: Table) -> RichTable:
    grid = RichTable(box=box.SIMPLE_HEAD, show_lines=False, expand=True, header_style="bold")
    for column in table.columns:
        grid.add_column(Text(column.title), ratio=max(1, round(column.weight * 2)), overflow="fold")
    for row in table.rows:
        grid.add_row(*(Text(visible(cell)) for cell in row.cells))
    return grid


def _section(section: Section) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(visible(section.heading), style="bold cyan")]
    if section.table is not None:
        parts.append(_table(section.table))
    parts.extend(Text("  " + visible(p)) for p in section.paragraphs)
    return parts


def _header(procedure: Procedure, lang: str) -> Text:
    header = Text()
    rows = (
        (text("show.code", lang), procedure.code),
        (text("show.field", lang), procedure.field),
        (
            text("show.levels", lang),
            ", ".join(text(f"show.level.{lv}", lang) for lv in procedure.levels),
        ),
        (text("show.file", lang), procedure.path),
    )
    header.append(text(f"show.kind.{procedure.kind}", lang) + "\n", style="italic")
    for label, value in rows:
        header.append(f"{label}: ", style="bold")
        header.append(visible(value) + "\n")
    header.rstrip()
    return header


def render(procedure: Procedure, catalog: Catalog, lang: str, color: bool, width: int) -> str:
    sheet = procedure_sheet(procedure, catalog, lang, statuses=True)
    body: list[RenderableType] = [
        Text(visible(sheet.title), style="bold"),
        _header(procedure, lang),
        Text(""),
    ]
    for section in sheet.sections:
        body += [*_section(section), Text("")]
    console, buffer = recording_console(color=color, width=width, markup=False)
    console.print(
        Panel(
            Group(*body), title=Text(visible(procedure.code)), title_align="left", box=box.ROUNDED
        )
    )
    return buffer.getvalue()


def command(
    code: Annotated[str, typer.Argument(help="Mã thủ tục, ví dụ 2.001219.", show_default=False)],
    paths: PathsArg = None,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Xem một thủ tục trên màn hình (show one procedure)."""
    catalog = open_catalog(paths, config_path, lang)
    procedure = find_procedure(catalog, code)
    content = render(procedure, catalog, catalog.config.lang, use_color(), terminal_width())
    write_output(content, None, False)


def register(app: typer.Typer) -> None:
    app.command("show")(command)

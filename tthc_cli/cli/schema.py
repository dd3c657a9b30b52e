"""``tthc schema``: print or write the JSON Schemas shipped with the tool."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tthc_cli.cli._common import ForceOpt, choices, require_choice, write_output
from tthc_cli.errors import TthcError
from tthc_cli.load import packaged


def command(
    name: Annotated[
        str,
        typer.Argument(
            metavar=choices(packaged.SCHEMA_NAMES),
            help="Lược đồ: procedure (thủ tục), units (đơn vị), legal (sổ văn bản), config.",
        ),
    ] = "procedure",
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", "-d", help="Ghi tất cả lược đồ vào thư mục này.")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """In lược đồ JSON (print a JSON Schema), hoặc ghi tất cả vào một thư mục."""
    if output_dir is not None:
        targets = [output_dir / f"{n}.schema.json" for n in packaged.SCHEMA_NAMES]
        existing = [t for t in targets if t.exists()]
        if existing and not force:  # refuse before writing anything, not halfway through
            raise TthcError("error.exists", path=str(existing[0]))
        write_schemas(output_dir, force)
        return
    require_choice("NAME", name, packaged.SCHEMA_NAMES)
    write_output(packaged.schema_text(name), None, False)


def write_schemas(folder: Path, force: bool = False) -> None:
    """Write the shipped schemas into ``folder`` (``NAME.schema.json``); without ``force``,
    those already there are kept. ``tthc import`` writes them beside a catalog that has none,
    so the editor modeline of every file it writes resolves in the user's own catalog."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TthcError("error.output", path=str(folder), detail=exc.strerror or str(exc)) from None
    for schema_name in packaged.SCHEMA_NAMES:
        target = folder / f"{schema_name}.schema.json"
        if force or not target.exists():
            write_output(packaged.schema_text(schema_name), target, force)


def register(app: typer.Typer) -> None:
    app.command("schema")(command)

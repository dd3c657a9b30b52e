"""``tthc schema``: print or write the JSON Schemas shipped with the tool."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tthc_cli.cli._common import ForceOpt, require_choice, write_output
from tthc_cli.errors import TthcError
from tthc_cli.load import packaged


def command(
    name: Annotated[str, typer.Argument(help="procedure, units, legal hoặc config.")] = "procedure",
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
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TthcError(
                "error.output", path=str(output_dir), detail=exc.strerror or str(exc)
            ) from None
        for schema_name in packaged.SCHEMA_NAMES:
            write_output(
                packaged.schema_text(schema_name), output_dir / f"{schema_name}.schema.json", force
            )
        return
    require_choice("NAME", name, packaged.SCHEMA_NAMES)
    write_output(packaged.schema_text(name), None, False)


def register(app: typer.Typer) -> None:
    app.command("schema")(command)

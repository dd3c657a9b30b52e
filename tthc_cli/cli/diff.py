"""``tthc diff OLD [NEW]``: what changed between two versions of the catalog, and whether each
change makes procedures simpler or heavier for citizens.

Each side is a catalog folder, a single procedure file or a git revision of the current
repository (read from git objects: the working tree and the index are never touched). NEW
defaults to the working tree. Exit 0; with ``--exit-code`` 1 when there are differences; with
``--fail-on heavier`` 1 when a change makes a procedure heavier (``--fail-on any``: any change);
with either, also 1 when a file of the new side could not be loaded; 3 when a side does not
exist.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from tthc_cli.cli._common import (
    ConfigOpt,
    ForceOpt,
    LangOpt,
    OutputOpt,
    choices,
    completes,
    format_option,
    open_config,
    output_context,
    require_choice,
    write_output,
)
from tthc_cli.cli._loading import loading
from tthc_cli.config import Config
from tthc_cli.diff import diff_catalogs
from tthc_cli.errors import ExitCode
from tthc_cli.load.reuse import Reuse
from tthc_cli.load.sides import open_side
from tthc_cli.model import Catalog, Side
from tthc_cli.reporters.diff import DIFF_REPORTERS

FAIL_ON = ("heavier", "any")


def load_side(spec: str | None, config: Config, reuse: Reuse) -> tuple[Catalog, Side]:
    """A catalog for one side (see :func:`~tthc_cli.load.sides.open_side`); ``reuse`` carries
    what loading the other side built: files both sides share are built once."""
    with loading(config) as options:
        return open_side(spec, config, replace(options, reuse=reuse))


def command(
    old: Annotated[
        str, typer.Argument(help="Bản cũ: thư mục, tệp hoặc phiên bản git (main, HEAD~3).")
    ],
    new: Annotated[str | None, typer.Argument(help="Bản mới (mặc định: thư mục làm việc).")] = None,
    output_format: str | None = format_option(DIFF_REPORTERS),
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Trả mã 1 khi có khác biệt. Exit 1 on differences.")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar=choices(FAIL_ON),
            autocompletion=completes(FAIL_ON),
            help="heavier: trả mã 1 khi có thay đổi làm thủ tục nặng hơn; any: khi có bất kỳ"
            " thay đổi nào (mặc định: không).",
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """So sánh hai phiên bản danh mục (semantic diff): đơn giản hơn, nặng hơn hay trung tính."""
    chosen_format = DIFF_REPORTERS.choose(output_format, output)
    require_choice("--fail-on", fail_on, FAIL_ON)
    config = open_config([], config_path, lang)
    reuse = Reuse()
    old_catalog, old_side = load_side(old, config, reuse)
    new_catalog, new_side = load_side(new, config, reuse)
    result = diff_catalogs(old_catalog, new_catalog, old_side, new_side)
    ctx = output_context(config.lang, chosen_format, output)
    write_output(DIFF_REPORTERS[chosen_format](result, ctx), output, force)
    failed = (
        (exit_code and result.has_changes)
        or (fail_on == "heavier" and result.any_heavier)
        or (fail_on == "any" and result.has_changes)
        # a gate cannot pass what it could not read of the new side
        or ((exit_code or fail_on is not None) and bool(new_catalog.unloaded_files()))
    )
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)


def register(app: typer.Typer) -> None:
    app.command("diff")(command)

"""``tthc validate``: check the catalog against the schemas and the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tthc_cli.cli._common import (
    ConfigOpt,
    ForceOpt,
    LangOpt,
    OutputOpt,
    PathsArg,
    ci_paths,
    open_config,
    require_choice,
    terminal_width,
    use_color,
    write_output,
)
from tthc_cli.cli._loading import JobsOpt, NoCacheOpt, loading, validated
from tthc_cli.errors import ExitCode
from tthc_cli.findings import Severity
from tthc_cli.loader import build_catalog, read_paths
from tthc_cli.reporters import REPORTERS, ReportContext
from tthc_cli.validation import validate

FORMATS = ", ".join(REPORTERS)


def command(
    paths: PathsArg = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=f"Định dạng: {FORMATS}.")
    ] = "text",
    output: OutputOpt = None,
    force: ForceOpt = False,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Mức thấp nhất làm lệnh thất bại: error, warning, info."),
    ] = None,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help="Chỉ kiểm tra các tệp đổi từ phiên bản git REV (so với toàn danh mục).",
        ),
    ] = None,
) -> None:
    """Kiểm tra danh mục thủ tục (validate the catalog): lược đồ JSON và các quy tắc."""
    require_choice("--format", output_format, REPORTERS)
    require_choice("--fail-on", fail_on, [s.value for s in Severity])
    chosen = list(paths or [])
    config = open_config(chosen, config_path, lang, fail_on)
    with loading(config, no_cache, jobs) as options:
        raw = read_paths(chosen, config)
        if changed_since is None:
            result = validated(raw, options)
        else:
            from tthc_cli.changes import selection

            catalog = build_catalog(raw, options)
            result = validate(catalog, only=selection(catalog, changed_since))
    ctx = ReportContext(
        lang=config.lang,
        color=output is None and output_format == "text" and use_color(),
        width=terminal_width(),
        ci_paths=ci_paths(output_format),
    )
    write_output(REPORTERS[output_format](result, ctx), output, force)
    raise typer.Exit(ExitCode.FINDINGS if result.failed(config.fail_on) else ExitCode.OK)


def register(app: typer.Typer) -> None:
    app.command("validate")(command)


__all__ = ["Path", "register"]

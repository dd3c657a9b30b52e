"""``tthc validate``: check the catalog against the schemas and the rules."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from tthc_cli import git
from tthc_cli.cli._common import (
    ConfigOpt,
    ForceOpt,
    LangOpt,
    OutputOpt,
    PathsArg,
    choices,
    completes,
    format_option,
    open_config,
    output_context,
    require_choice,
    write_output,
)
from tthc_cli.cli._loading import JobsOpt, NoCacheOpt, loading, validated
from tthc_cli.errors import ExitCode, UsageError
from tthc_cli.findings import Severity
from tthc_cli.load.reading import list_paths
from tthc_cli.reporters import REPORTERS

# What pre-commit sets when it checks a range of commits (run --from-ref/--to-ref, pre-push).
FROM_REF, TO_REF = "PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF"


def command(
    paths: PathsArg = None,
    output_format: str | None = format_option(REPORTERS),
    output: OutputOpt = None,
    force: ForceOpt = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar=choices(s.value for s in Severity),
            autocompletion=completes(s.value for s in Severity),
            help="Mức thấp nhất làm lệnh thất bại (mặc định: error, hoặc fail_on trong tthc.yaml).",
        ),
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
    pre_commit: Annotated[
        bool,
        typer.Option(
            "--pre-commit",
            help="Chỉ kiểm tra những gì pre-commit đang kiểm: các tệp đổi từ PRE_COMMIT_FROM_REF"
            " đến PRE_COMMIT_TO_REF (pre-commit run --from-ref/--to-ref, pre-push), không thì"
            " những gì sắp commit (so với HEAD). What pre-commit checks.",
        ),
    ] = False,
    show_suppressed: Annotated[
        bool,
        typer.Option(
            "--show-suppressed",
            help="In cả các phát hiện được bỏ qua có lý do (mặc định chỉ đếm). Show suppressed.",
        ),
    ] = False,
) -> None:
    """Kiểm tra danh mục thủ tục (validate the catalog): lược đồ JSON và các quy tắc."""
    chosen_format = REPORTERS.choose(output_format, output)
    require_choice("--fail-on", fail_on, [s.value for s in Severity])
    since, until = changes_asked(changed_since, pre_commit)
    chosen = list(paths or [])
    config = open_config(chosen, config_path, lang, fail_on, cached=not no_cache)
    with loading(config, no_cache, jobs) as options:
        listing = list_paths(chosen, config)
        if since is None:
            result = validated(listing, options)
        else:
            from tthc_cli.load.catalog import build_catalog
            from tthc_cli.load.sides import changed_files
            from tthc_cli.rules.engine import validate

            catalog = build_catalog(listing.read(), options)
            result = validate(catalog, only=changed_files(since, catalog, until))
    ctx = output_context(config.lang, chosen_format, output, show_suppressed=show_suppressed)
    write_output(REPORTERS[chosen_format](result, ctx), output, force)
    raise typer.Exit(ExitCode.FINDINGS if result.failed(config.fail_on) else ExitCode.OK)


def changes_asked(changed_since: str | None, pre_commit: bool) -> tuple[str | None, str | None]:
    """The revisions to check the changes between (None: the whole catalog; an end of None:
    the working tree). ``--pre-commit`` takes pre-commit's ``--from-ref``/``--to-ref`` from its
    environment, else the changes about to be committed."""
    if not pre_commit:
        return changed_since, None
    if changed_since is not None:
        raise UsageError("error.options-conflict", first="--pre-commit", second="--changed-since")
    since, until = os.environ.get(FROM_REF), os.environ.get(TO_REF)
    if since and until:
        return since, until
    if git.resolve_commit(Path.cwd(), "HEAD") is None:  # the first commit: all of it is new
        return None, None
    return "HEAD", None


def register(app: typer.Typer) -> None:
    app.command("validate")(command)


__all__ = ["Path", "register"]

"""``tthc report``: progress of the simplification plan (QĐ 1085/QĐ-TTg) on a date."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from tthc_cli.cli._common import (
    ConfigOpt,
    ForceOpt,
    LangOpt,
    OutputOpt,
    PathsArg,
    open_catalog,
    require_choice,
    terminal_width,
    use_color,
    write_output,
)
from tthc_cli.errors import ExitCode, UsageError
from tthc_cli.findings import Severity
from tthc_cli.loader import load_plan
from tthc_cli.progress import GROUPINGS, build_report

FORMATS = ("text", "markdown", "csv", "json", "xlsx", "html")
FILE_ONLY = ("xlsx", "html")

AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Tính tại ngày YYYY-MM-DD (mặc định: hôm nay, hoặc as_of trong tthc.yaml)."
    ),
]


def parse_day(value: str | None, option: str = "--as-of") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("report.error.bad-date", option=option, value=value) from None


def command(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    by: Annotated[
        str, typer.Option("--by", help="Nhóm theo: unit, field, level hoặc kind.")
    ] = "unit",
    output_format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="text, markdown, csv, json, xlsx, html (xlsx, html cần -o)."
        ),
    ] = "text",
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Báo cáo tiến độ rà soát, đơn giản hóa TTHC nội bộ (progress report)."""
    require_choice("--format", output_format, FORMATS)
    require_choice("--by", by, GROUPINGS)
    if output_format in FILE_ONLY and output is None:
        raise UsageError("report.error.needs-output", format=output_format)
    day = parse_day(as_of)
    catalog = open_catalog(paths, config_path, lang)
    config = catalog.config
    language = config.lang
    on = day or config.today()
    plan = load_plan(config)
    content: str | bytes
    if output_format == "xlsx":
        from tthc_cli.render.report_xlsx import render_xlsx

        reports = {
            grouping: build_report(catalog, plan, on, grouping)
            for grouping in (by, *(g for g in GROUPINGS if g != by))
        }
        content = render_xlsx(reports, language)
    else:
        report = build_report(catalog, plan, on, by)
        if output_format == "html":
            from tthc_cli.render.report_html import render_html

            content = render_html(report, language)
        elif output_format == "json":
            from tthc_cli.render.report_json import render_json

            content = render_json(report, language)
        elif output_format == "csv":
            from tthc_cli.render.report_csv import render_csv

            content = render_csv(report, language)
        elif output_format == "markdown":
            from tthc_cli.render.report_markdown import render_markdown

            content = render_markdown(report, language)
        else:
            from tthc_cli.render.report_text import render_text

            content = render_text(
                report,
                language,
                color=output is None and use_color(),
                width=terminal_width() if output is None else 160,
            )
    write_output(content, output, force)
    if any(f.severity is Severity.ERROR and f.suppressed is None for f in catalog.findings):
        raise typer.Exit(ExitCode.FINDINGS)


def register(app: typer.Typer) -> None:
    app.command("report")(command)

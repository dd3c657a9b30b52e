"""``tthc report``: progress of the simplification plan (QĐ 1085/QĐ-TTg) on a date.

"Before" is each procedure's recorded baseline, or with ``--baseline REV`` the catalog folder as
it stood at git revision REV (read from git objects; see :mod:`tthc_cli.progress_baseline` for
what that means for each measure). A bad revision or a catalog outside git: one line, exit 3.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tthc_cli.cli._common import (
    ConfigOpt,
    ForceOpt,
    LangOpt,
    OutputOpt,
    PathsArg,
    load_revision,
    open_catalog,
    require_choice,
    terminal_width,
    use_color,
    write_output,
)
from tthc_cli.errors import ExitCode, UsageError
from tthc_cli.findings import Severity
from tthc_cli.model import Catalog, Procedure
from tthc_cli.progress import GROUPINGS, build_report
from tthc_cli.progress_baseline import BaselineCatalog
from tthc_cli.results import Reuse
from tthc_cli.shipped import load_plan

FORMATS = ("text", "markdown", "csv", "json", "xlsx", "html")
FILE_ONLY = ("xlsx", "html")

AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Tính tại ngày YYYY-MM-DD (mặc định: hôm nay, hoặc as_of trong tthc.yaml)."
    ),
]


BaselineOpt = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        help=(
            "Trạng thái trước lấy từ danh mục tại phiên bản git REV (main, HEAD~3, v1.0) thay vì"
            " số liệu ban đầu ghi trong từng thủ tục: số thủ tục trước = TTHC nội bộ tại REV; chi"
            " phí, thời hạn trước = số liệu tại REV, khớp theo mã; thủ tục không còn được tính là"
            " đã bãi bỏ; thủ tục thêm sau REV không có trạng thái trước."
        ),
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
    baseline: BaselineOpt = None,
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
    """Báo cáo tiến độ rà soát, đơn giản hóa TTHC nội bộ (progress report).

    Tỷ lệ cắt giảm thủ tục và chi phí tuân thủ (mục tiêu 20%) chỉ tính TTHC nội bộ:
    số TTHC nội bộ được cắt giảm / số TTHC nội bộ của nhóm (--baseline: nội bộ tại REV).
    """
    require_choice("--format", output_format, FORMATS)
    require_choice("--by", by, GROUPINGS)
    if output_format in FILE_ONLY and output is None:
        raise UsageError("report.error.needs-output", format=output_format)
    day = parse_day(as_of)
    reuse = None if baseline is None else Reuse()  # files unchanged since then are built once
    catalog = open_catalog(paths, config_path, lang, reuse)
    config = catalog.config
    language = config.lang
    on = day or config.today()
    plan = load_plan(config)
    before = None
    if baseline is not None:
        before = _baseline_catalog(baseline, catalog, paths or [], reuse)
    content: str | bytes
    if output_format == "xlsx":
        from tthc_cli.render.report_xlsx import render_xlsx

        reports = {
            grouping: build_report(catalog, plan, on, grouping, before)
            for grouping in (by, *(g for g in GROUPINGS if g != by))
        }
        content = render_xlsx(reports, language)
    else:
        report = build_report(catalog, plan, on, by, before)
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


def _baseline_catalog(
    revision: str, catalog: Catalog, paths: list[Path], reuse: Reuse | None
) -> BaselineCatalog:
    """The catalog folder of ``catalog`` as it stood at git revision ``revision``, restricted to
    the same files or subfolders when ``paths`` select part of the catalog (so procedures outside
    the selection do not count as removed)."""
    folder = Path(catalog.root) if catalog.root else Path.cwd()
    then, root, commit = load_revision(
        revision,
        catalog.config,
        folder,
        not_git="report.error.baseline-not-git",
        unknown="report.error.baseline-unknown",
        reuse=reuse,
    )
    base = folder.resolve()
    selected = [p.resolve().relative_to(base).as_posix() for p in paths if p.resolve() != base]
    if selected and len(selected) == len(paths):
        prefix = len(root.rstrip("/")) + (0 if root.endswith(":") else 1)

        def chosen(procedure: Procedure) -> bool:
            rel = procedure.path[prefix:]
            return any(rel == s or rel.startswith(s + "/") for s in selected)

        then = replace(then, procedures=tuple(p for p in then.procedures if chosen(p)))
    return BaselineCatalog(revision, commit, then)


def register(app: typer.Typer) -> None:
    app.command("report")(command)

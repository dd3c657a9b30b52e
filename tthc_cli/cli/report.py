"""``tthc report``: progress of the simplification plan (QĐ 1085/QĐ-TTg) on a date.

"Before" is each procedure's recorded baseline, or with ``--baseline REV`` the catalog folder as
it stood at git revision REV (read from git objects; see :mod:`tthc_cli.plan.baseline` for
what that means for each measure). A bad revision or a catalog outside git: one line, exit 3.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tthc_cli import dates
from tthc_cli.cli._common import (
    ConfigOpt,
    ForceOpt,
    LangOpt,
    OutputOpt,
    PathsArg,
    choices,
    completes,
    format_option,
    open_catalog,
    output_context,
    require_choice,
    shipped_plan,
    write_output,
)
from tthc_cli.cli._loading import loading
from tthc_cli.errors import ExitCode, UsageError
from tthc_cli.extras import OFFICE
from tthc_cli.findings import Severity
from tthc_cli.load.reuse import Reuse
from tthc_cli.load.sides import open_side
from tthc_cli.messages import text
from tthc_cli.model import Catalog
from tthc_cli.plan.baseline import BaselineCatalog
from tthc_cli.plan.progress import GROUPINGS, ReportSet, build_report
from tthc_cli.render import REPORT_WRITERS

AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="NGÀY",
        help="Tính tại ngày dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: hôm nay, hoặc as_of trong"
        " tthc.yaml).",
    ),
]


BaselineOpt = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        metavar="REV",
        help=(
            "Trạng thái trước lấy từ danh mục tại phiên bản git REV (main, HEAD~3, v1.0) thay vì"
            " số liệu ban đầu ghi trong từng thủ tục: số thủ tục trước = TTHC nội bộ tại REV; chi"
            " phí, thời hạn trước = số liệu tại REV, khớp theo mã; thủ tục không còn được tính là"
            " đã bãi bỏ; thủ tục thêm sau REV không có trạng thái trước."
        ),
    ),
]


def parse_day(value: str | None, option: str = "--as-of") -> date | None:
    """A date given on the command line: dd/mm/yyyy or ISO (:mod:`tthc_cli.dates`)."""
    if value is None:
        return None
    try:
        return dates.parse_day(value)
    except ValueError:
        raise UsageError("report.error.bad-date", option=option, value=value) from None


def command(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    baseline: BaselineOpt = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            metavar=choices(GROUPINGS),
            autocompletion=completes(GROUPINGS),
            help="Nhóm theo đơn vị (unit), lĩnh vực (field), cấp (level) hoặc loại (kind).",
        ),
    ] = "unit",
    output_format: str | None = format_option(REPORT_WRITERS),
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Báo cáo tiến độ rà soát, đơn giản hóa TTHC nội bộ (progress report).

    Tỷ lệ cắt giảm thủ tục và chi phí tuân thủ (mục tiêu 20%) chỉ tính TTHC nội bộ:
    số TTHC nội bộ được cắt giảm / số TTHC nội bộ của nhóm (--baseline: nội bộ tại REV).
    """
    chosen_format = REPORT_WRITERS.choose(output_format, output)
    require_choice("--by", by, GROUPINGS)
    day = parse_day(as_of)
    reuse = None if baseline is None else Reuse()  # files unchanged since then are built once
    catalog = open_catalog(paths, config_path, lang, reuse)
    config = catalog.config
    language = config.lang
    on = day or config.today()
    plan = shipped_plan(config)
    before = None
    if baseline is not None:
        before = _baseline_catalog(baseline, catalog, paths or [], reuse)
    reports = ReportSet(
        build_report(catalog, plan, on, by, before),
        lambda grouping: build_report(catalog, plan, on, grouping, before),
    )
    ctx = output_context(language, chosen_format, output)
    content = REPORT_WRITERS[chosen_format](reports, ctx)
    write_output(content, output, force)
    if chosen_format == "html":
        from tthc_cli.render.report_html import charts_drawn

        if not charts_drawn():
            print(
                f"tthc: {text('warn.charts-need-extra', language, extra=OFFICE)}", file=sys.stderr
            )
    if any(f.severity is Severity.ERROR and f.suppressed is None for f in catalog.findings):
        raise typer.Exit(ExitCode.FINDINGS)


def _baseline_catalog(
    revision: str, catalog: Catalog, paths: list[Path], reuse: Reuse | None
) -> BaselineCatalog:
    """The catalog of ``catalog`` as it stood at git revision ``revision``: the same folder and
    the same selection of files (so procedures outside the selection do not count as removed)."""
    config = catalog.config
    with loading(config) as options:
        then, side = open_side(revision, config, replace(options, reuse=reuse), paths)
    if side.commit is None:
        raise UsageError("side.error.not-revision", side=revision)
    return BaselineCatalog(revision, side.commit, then)


def register(app: typer.Typer) -> None:
    app.command("report")(command)

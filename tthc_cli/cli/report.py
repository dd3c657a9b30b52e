"""``tthc report``: progress of one or more plans on a date, from dated evidence only.

The plans are data: ``--plan ID`` names a shipped plan (``qd-1085``, ``nq-66``) or one in the
catalog's ``plans/`` folder, ``--plan FILE`` a plan file; several are allowed; without it, the
config's ``plan.name``. ``--list-plans`` lists them. A plan file that fails its schema prints its
positioned findings (exit 1). "Before" is each procedure's recorded baseline (or the state in
force on the plan's baseline date), or with ``--baseline REV`` the catalog folder as it stood at
git revision REV (see :mod:`tthc_cli.plan.baseline`). A bad revision: one line, exit 3.
"""

from __future__ import annotations

import sys
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
    choices,
    completes,
    format_option,
    open_catalog,
    output_context,
    require_choice,
    write_output,
)
from tthc_cli.cli._loading import loading
from tthc_cli.config import Config
from tthc_cli.dates import parse_day as parse_date
from tthc_cli.dates import show_day
from tthc_cli.errors import ExitCode, UsageError
from tthc_cli.extras import OFFICE
from tthc_cli.findings import Severity, ValidationResult
from tthc_cli.load.plan_file import looks_like_file, read_plan_path, shipped_plans
from tthc_cli.load.reuse import Reuse
from tthc_cli.load.sides import open_side
from tthc_cli.messages import text
from tthc_cli.model import Catalog
from tthc_cli.plan.baseline import BaselineCatalog
from tthc_cli.plan.milestones import available, find, with_config
from tthc_cli.plan.progress import GROUPINGS, ReportSet, build_report
from tthc_cli.plans import PlanData
from tthc_cli.render import REPORT_WRITERS
from tthc_cli.reporters import REPORTERS
from tthc_cli.textnorm import visible

AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="NGÀY",
        help="Tính tại ngày dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: hôm nay, hoặc as_of trong"
        " tthc.yaml).",
    ),
]
PlanOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--plan",
        help="Kế hoạch: mã (qd-1085, nq-66, hoặc kế hoạch trong thư mục plans/ của danh mục)"
        " hoặc tệp kế hoạch .yaml; dùng nhiều lần cho nhiều kế hoạch (mặc định: plan.name"
        " trong tthc.yaml).",
    ),
]
ListPlansOpt = Annotated[
    bool, typer.Option("--list-plans", help="Liệt kê các kế hoạch dùng được rồi dừng.")
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
    """A day written ISO (2023-03-30) or dd/mm/yyyy (30/03/2023); anything else: exit 2."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise UsageError("report.error.bad-date", option=option, value=value) from None


def command(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    plan_names: PlanOpt = None,
    list_plans: ListPlansOpt = False,
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
    """Báo cáo tiến độ thực hiện kế hoạch cắt giảm, đơn giản hóa TTHC (progress report).

    Chỉ tính sự kiện có ngày không sau ngày báo cáo (quyết định công bố, tờ trình, quyết định
    phê duyệt, ngày thực thi, ngày đọc nguồn); điều ghi mà không có ngày là "chưa có căn cứ",
    không bao giờ là "đạt". Kế hoạch đã hết thời kỳ: báo cáo tổng kết.
    """
    chosen_format = REPORT_WRITERS.choose(output_format, output)
    require_choice("--by", by, GROUPINGS)
    day = parse_day(as_of)
    reuse = None if baseline is None else Reuse()  # files unchanged since then are built once
    catalog = open_catalog(paths, config_path, lang, reuse)
    config = catalog.config
    language = config.lang
    on = day or config.today()
    known = available(shipped_plans(config.plan, config.limits), catalog.plans)
    if list_plans:
        write_output(_plan_list(known, language), output, force)
        return
    plans = _chosen_plans(plan_names or [config.plan.name], known, config)
    before = None
    if baseline is not None:
        before = _baseline_catalog(baseline, catalog, paths or [], reuse)
    first = plans[0]
    reports = ReportSet(
        build_report(catalog, first, on, by, before),
        lambda grouping: build_report(catalog, first, on, grouping, before),
        tuple(build_report(catalog, plan, on, by, before) for plan in plans[1:]),
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


def _chosen_plans(names: list[str], known: dict[str, PlanData], config: Config) -> list[PlanData]:
    """The plans named by ``--plan`` (ids or files), with the config applied. A plan file with
    errors: its findings on standard error, exit 1."""
    chosen = []
    for name in names:
        if name in known or not looks_like_file(name):
            chosen.append(with_config(find(name, known), config))
            continue
        plan, findings = read_plan_path(name, config.plan, config.limits)
        if plan is None:
            ctx = output_context(config.lang, "text", None)
            result = ValidationResult(tuple(findings), (name,))
            typer.echo(REPORTERS["text"](result, ctx).rstrip(), err=True)
            raise typer.Exit(ExitCode.FINDINGS)
        chosen.append(with_config(plan, config))
    return list(dict.fromkeys(chosen))


def _plan_list(known: dict[str, PlanData], lang: str) -> str:
    """One line per plan: id, period, where it comes from, title."""
    lines = []
    for plan in sorted(known.values(), key=lambda p: p.id):
        title = plan.title_en if lang == "en" else plan.title
        lines.append(
            text(
                "report.plan-line",
                lang,
                id=plan.id,
                decision=plan.decision,
                start=show_day(plan.start, lang) if plan.start else "?",
                end=show_day(plan.end, lang) if plan.end else "?",
                origin=text(f"report.plan-origin.{plan.origin}", lang),
                title=visible(title),
            )
        )
    return "\n".join(lines) + "\n"


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

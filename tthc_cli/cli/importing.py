"""``tthc import portal PATH… --into DIR`` and ``tthc import list FILE.xlsx --into DIR``:
national-portal records and list exports → catalog files.

Existing files are never overwritten unless ``--update``, which first shows the ``tthc diff``
of each change; ``--dry-run`` shows it and writes nothing. Writes are atomic. A malformed record
is reported and skipped. Exit 0 when everything imported clean; 1 when a record failed, has
parts not understood, or a different file already exists; 2 usage; 3 unreadable input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tthc_cli.cli._common import LangOpt, require_choice, terminal_width, use_color, write_output
from tthc_cli.cli.schema import write_schemas
from tthc_cli.config import env_lang
from tthc_cli.errors import ExitCode, UsageError
from tthc_cli.formats import OutputContext
from tthc_cli.importer.common import snippet
from tthc_cli.importer.convert import Converted, RecordError, convert
from tthc_cli.importer.listexport import skeletons
from tthc_cli.importer.run import CHANGED, FAILED, NEW, Outcome, Summary, plan, summarize
from tthc_cli.load import packaged
from tthc_cli.load import portal as portal_files
from tthc_cli.messages import text
from tthc_cli.reporters.diff import DIFF_REPORTERS

FORMATS = ("text", "json")
IntoOpt = Annotated[
    Path, typer.Option("--into", help="Thư mục danh mục để ghi (public/, internal/).")
]
UpdateOpt = Annotated[
    bool, typer.Option("--update", help="Cập nhật tệp đã có (hiện thay đổi trước). Update files.")
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Chỉ hiện kết quả, không ghi tệp. Write nothing.")
]
DateOpt = Annotated[
    str | None, typer.Option("--date", help="Ngày nhập (YYYY-MM-DD), mặc định hôm nay.")
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", metavar="[text|json]", help="Định dạng bản tóm tắt.")
]
UnitsOpt = Annotated[
    Path | None,
    typer.Option("--units-map", help="Tệp YAML: tên cơ quan trên Cổng → mã đơn vị."),
]

app = typer.Typer(
    help="Nhập thủ tục từ Cổng Dịch vụ công quốc gia (import from the national portal).",
    no_args_is_help=True,
)


def _read_on(value: str | None) -> str:
    if value is None:
        return date.today().isoformat()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise UsageError("import.error.bad-date", value=value)
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError("import.error.bad-date", value=value) from None


def _existing(into: Path) -> Callable[[str], bytes | None]:
    def read(rel: str) -> bytes | None:
        return portal_files.read_existing(into / rel)

    return read


def _summary_text(outcomes: list[Outcome], summary: Summary, lang: str, dry_run: bool) -> str:
    ctx = OutputContext(lang=lang, color=use_color(), width=terminal_width())
    lines: list[str] = []
    for outcome in outcomes:
        if outcome.diff is not None:
            lines.append(text("import.summary.diff", lang, path=outcome.path))
            lines.append(DIFF_REPORTERS["text"](outcome.diff, ctx).rstrip())
            lines.append(f"  → {text('import.status.' + outcome.status, lang)}")
            lines.append("")
    failures = [o for o in outcomes if o.status == FAILED]
    if failures:
        lines.append(text("import.summary.failures", lang))
        for outcome in failures:
            reason = text(outcome.error, lang)
            extra = f" ({snippet(outcome.detail)})" if outcome.detail else ""
            lines.append(f"  {outcome.source}: {reason}{extra}")
        lines.append("")
    if summary.groups:
        lines.append(text("import.summary.groups", lang))
        for what, count in summary.groups.items():
            lines.append(f"  {count:5d}  {text('import.what.' + what, lang)}")
            lines.append(f"         {snippet(summary.examples[what])}")
        lines.append("")
    lines.append(text("import.summary.title", lang))
    lines.append("  " + text("import.summary.read", lang, count=summary.read))
    lines.append("  " + text("import.summary.clean", lang, count=summary.clean))
    lines.append("  " + text("import.summary.with-issues", lang, count=summary.with_issues))
    lines.append("  " + text("import.summary.failed", lang, count=summary.failed))
    lines.append("  " + text("import.summary.files", lang, **summary.files))
    if dry_run:
        lines.append("  " + text("import.summary.dry-run", lang))
    return "\n".join(lines) + "\n"


def _summary_json(outcomes: list[Outcome], summary: Summary, dry_run: bool) -> str:
    data = {
        "schema_version": 1,
        "dry_run": dry_run,
        "records_read": summary.read,
        "imported_clean": summary.clean,
        "imported_with_issues": summary.with_issues,
        "failed": summary.failed,
        "files": dict(summary.files),
        "issues": dict(summary.groups),
        "records": [
            {
                "source": o.source,
                "status": o.status,
                "code": o.code,
                "path": o.path,
                "issues": [{"what": i.what, "text": i.text} for i in o.issues],
                "error": o.error or None,
                "changes": sum(len(p.changes) for p in o.diff.procedures) if o.diff else 0,
            }
            for o in outcomes
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _finish(
    items: list[tuple[str, Converted | RecordError]],
    into: Path,
    update: bool,
    dry_run: bool,
    output_format: str,
    lang: str,
) -> None:
    ref = portal_files.schema_ref(into)
    if ref.startswith("https:"):  # no schemas/ here or above: write them, the modeline resolves
        ref = "schemas/procedure.schema.json"
        if not dry_run:
            write_schemas(into / "schemas")
    ref = "../" + ref  # files live in into/<kind>/
    outcomes = plan(items, _existing(into), packaged.schema("procedure"), ref, update)
    if not dry_run:
        for outcome in outcomes:
            if outcome.status in (NEW, CHANGED):
                target = into / outcome.path
                target.parent.mkdir(parents=True, exist_ok=True)
                write_output(outcome.content, target, force=outcome.status == CHANGED)
    summary = summarize(outcomes)
    if output_format == "json":
        write_output(_summary_json(outcomes, summary, dry_run), None, False)
    else:
        write_output(_summary_text(outcomes, summary, lang, dry_run), None, False)
    raise typer.Exit(ExitCode.OK if summary.all_clean else ExitCode.FINDINGS)


def _check(output_format: str, lang: str | None) -> str:
    require_choice("--format", output_format, FORMATS)
    require_choice("--lang", lang, ("vi", "en"))
    return lang or env_lang() or "vi"


@app.command("portal")
def portal(
    paths: Annotated[list[Path], typer.Argument(help="Tệp JSON hoặc thư mục bản ghi của Cổng.")],
    into: IntoOpt,
    update: UpdateOpt = False,
    dry_run: DryRunOpt = False,
    read_on: DateOpt = None,
    units_map: UnitsOpt = None,
    output_format: FormatOpt = "text",
    lang: LangOpt = None,
) -> None:
    """Nhập bản ghi thủ tục của Cổng Dịch vụ công quốc gia thành tệp thủ tục."""
    chosen = _check(output_format, lang)
    day = _read_on(read_on)
    units = portal_files.read_unit_map(units_map)

    def items() -> Iterator[tuple[str, Converted | RecordError]]:
        for raw in portal_files.read_records(paths):
            if raw.data is None:
                yield raw.file, RecordError(raw.error or "import.failed.not-record", raw.detail)
                continue
            try:
                yield raw.file, convert(raw.data, day, units)
            except RecordError as error:
                yield raw.file, error

    _finish(list(items()), into, update, dry_run, output_format, chosen)


@app.command("list")
def list_export(
    path: Annotated[Path, typer.Argument(help="Tệp danh sách xuất từ Cổng (.xlsx).")],
    into: IntoOpt,
    update: UpdateOpt = False,
    dry_run: DryRunOpt = False,
    read_on: DateOpt = None,
    output_format: FormatOpt = "text",
    lang: LangOpt = None,
) -> None:
    """Tạo tệp khung (incomplete: true) từ danh sách thủ tục xuất từ Cổng."""
    chosen = _check(output_format, lang)
    day = _read_on(read_on)
    rows = portal_files.read_list_rows(path)
    done, failed = skeletons(rows, day, path.name)
    items: list[tuple[str, Converted | RecordError]] = [(f"{path.name}:{c.code}", c) for c in done]
    items += [(f"{path.name}:{row}", error) for row, error in failed]
    _finish(items, into, update, dry_run, output_format, chosen)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="import")

"""``tthc import portal PATH… --into DIR`` and ``tthc import list FILE.xlsx --into DIR``:
national-portal records and list exports → catalog files.

Existing files are never overwritten unless ``--update``, which merges the portal's reading
into the file (what people added stays: :mod:`tthc_cli.importer.merge`) and shows the ``tthc
diff`` of each change; ``--dry-run`` shows the same plan and writes nothing. Writes go through a
journal and are atomic (:mod:`tthc_cli.cli._import_writes`). A malformed record is reported and
skipped. Exit 0 when everything imported clean; 1 when a record failed, has parts not
understood, or a different file already exists; 2 usage; 3 unreadable input or another import
writing into the same folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tthc_cli.cli._common import LangOpt, require_choice, terminal_width, use_color, write_output
from tthc_cli.cli._import_writes import Resumed, Written, write_plan
from tthc_cli.cli.schema import write_schemas
from tthc_cli.config import env_lang
from tthc_cli.dates import parse_day
from tthc_cli.errors import ExitCode, UsageError
from tthc_cli.formats import OutputContext
from tthc_cli.importer.common import snippet
from tthc_cli.importer.convert import Converted, RecordError, convert
from tthc_cli.importer.listexport import skeletons
from tthc_cli.importer.register import RegisterPlan, plan_register
from tthc_cli.importer.run import FAILED, Outcome, Summary, plan, summarize
from tthc_cli.load import packaged
from tthc_cli.load import portal as portal_files
from tthc_cli.load.roles import LEGAL_FILE
from tthc_cli.messages import text
from tthc_cli.reporters.diff import DIFF_REPORTERS
from tthc_cli.textnorm import json_text, visible

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
    str | None,
    typer.Option("--date", help="Ngày nhập (dd/mm/yyyy hoặc YYYY-MM-DD), mặc định hôm nay."),
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
    try:
        return parse_day(value).isoformat()
    except ValueError:
        raise UsageError("import.error.bad-date", value=value) from None


def _existing(into: Path) -> Callable[[str], bytes | None]:
    def read(rel: str) -> bytes | None:
        return portal_files.read_existing(into / rel)

    return read


def _outcome_lines(outcome: Outcome, ctx: OutputContext, lang: str) -> list[str]:
    lines = [text("import.summary.diff", lang, path=outcome.path)]
    if outcome.diff is not None:
        lines.append(DIFF_REPORTERS["text"](outcome.diff, ctx).rstrip())
    for role, unit in outcome.lost_units:
        role_name = text(f"import.role.{role}", lang)
        lines.append("  " + text("import.summary.lost-unit", lang, unit=unit, role=role_name))
    if outcome.lost_comments:
        lines.append("  " + text("import.summary.lost-comments", lang, count=outcome.lost_comments))
    status = text("import.status." + outcome.status, lang)
    if outcome.error:
        status = f"{status}: {text(outcome.error, lang)}"
    lines.append(f"  → {status}")
    return [*lines, ""]


def _resumed_lines(written: Written, lang: str) -> list[str]:
    lines: list[str] = []
    resumed: Resumed | None = written.resumed
    if resumed is not None:
        lines.append(
            text(
                "import.summary.resumed",
                lang,
                started=resumed.started,
                done=resumed.done,
                total=resumed.total,
                pending=resumed.pending,
                other=resumed.other,
            )
        )
    if written.cleaned:
        lines.append(text("import.summary.cleaned", lang, count=written.cleaned))
    return [*lines, ""] if lines else []


def _register_lines(register: RegisterPlan, written: Written, lang: str) -> list[str]:
    """What the import did to legal.yaml: documents added, or why it was left alone."""
    merge = register.merge
    lines: list[str] = []
    if merge.refused is not None:
        lines.append(text("import.register.refused", lang, reason=text(merge.refused, lang)))
    elif merge.added:
        done = next((o for o in written.outcomes if o.register), None)
        key = (
            "import.register.changed-meanwhile" if done and done.error else "import.register.added"
        )
        lines.append(text(key, lang, count=len(merge.added)))
        lines.append("  " + ", ".join(merge.added))
    for number, name in merge.differs:
        field = text(f"legal.col.{name}", lang)
        lines.append("  " + text("import.register.differs", lang, number=number, field=field))
    return [*lines, ""] if lines else []


def _summary_text(
    written: Written, summary: Summary, register: RegisterPlan, lang: str, dry_run: bool
) -> str:
    ctx = OutputContext(lang=lang, color=use_color(), width=terminal_width())
    outcomes = [o for o in written.outcomes if not o.register]
    lines = _resumed_lines(written, lang) + _register_lines(register, written, lang)
    for outcome in outcomes:
        shown = outcome.diff is not None or outcome.lost_units or outcome.lost_comments
        if shown or (outcome.error and outcome.path):
            lines += _outcome_lines(outcome, ctx, lang)
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
    if summary.unmapped:
        lines.append(text("import.summary.unmapped", lang, count=len(summary.unmapped)))
        lines += [f"  {snippet(name)}" for name in summary.unmapped]
        lines.append("")
    lines.append(text("import.summary.title", lang))
    lines.append("  " + text("import.summary.read", lang, count=summary.read))
    lines.append("  " + text("import.summary.clean", lang, count=summary.clean))
    lines.append("  " + text("import.summary.with-issues", lang, count=summary.with_issues))
    lines.append("  " + text("import.summary.failed", lang, count=summary.failed))
    lines.append("  " + text("import.summary.files", lang, **summary.files))
    if dry_run:
        lines.append("  " + text("import.summary.dry-run", lang))
    return visible("\n".join(lines) + "\n")  # record text is quoted: shown, never obeyed


def _changes(outcome: Outcome) -> list[dict[str, object]]:
    if outcome.diff is None:
        return []
    return [
        {"kind": c.kind, "path": c.path, "verdict": c.verdict.value}
        for p in outcome.diff.procedures
        for c in p.changes
    ]


def _summary_json(written: Written, summary: Summary, register: RegisterPlan, dry_run: bool) -> str:
    resumed = written.resumed
    merge = register.merge
    data = {
        "schema_version": 2,
        "dry_run": dry_run,
        "records_read": summary.read,
        "imported_clean": summary.clean,
        "imported_with_issues": summary.with_issues,
        "failed": summary.failed,
        "files": dict(summary.files),
        "issues": dict(summary.groups),
        "unmapped_units": list(summary.unmapped),
        "resumed": None
        if resumed is None
        else {
            "started": resumed.started,
            "done": resumed.done,
            "pending": resumed.pending,
            "other": resumed.other,
        },
        "temporary_files_removed": written.cleaned,
        "register": {
            "file": LEGAL_FILE,
            "added": list(merge.added),
            "kept": len(merge.kept),
            "differs": [{"number": n, "field": f} for n, f in merge.differs],
            "refused": merge.refused,
        },
        "records": [
            {
                "source": o.source,
                "status": o.status,
                "code": o.code,
                "path": o.path,
                "issues": [{"what": i.what, "text": i.text} for i in o.issues],
                "kept": [{"what": i.what, "text": i.text} for i in o.kept],
                "error": o.error or None,
                "changes": _changes(o),
                "lost_units": [{"role": r, "unit": u} for r, u in o.lost_units],
                "lost_comments": o.lost_comments,
            }
            for o in written.outcomes
            if not o.register
        ],
    }
    return json_text(data)


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
    cited = [item for _, item in items if isinstance(item, Converted)]
    register = plan_register(cited, portal_files.read_existing(into / LEGAL_FILE))
    if register.outcome is not None:
        outcomes = [*outcomes, register.outcome]
    written = Written(outcomes, None, 0) if dry_run else write_plan(into, outcomes)
    summary = summarize(written.outcomes)
    if output_format == "json":
        write_output(_summary_json(written, summary, register, dry_run), None, False)
    else:
        write_output(_summary_text(written, summary, register, lang, dry_run), None, False)
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

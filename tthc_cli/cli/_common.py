"""What the commands share: options, output writing, terminal detection, catalog opening."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tthc_cli.cli._writing import write_file
from tthc_cli.config import Config, with_overrides
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.formats import OutputContext, Writers
from tthc_cli.load.config_file import resolve_config

if TYPE_CHECKING:
    from tthc_cli.load.reuse import Reuse
    from tthc_cli.model import Catalog, Procedure
    from tthc_cli.plan.calendar import WorkCalendar
    from tthc_cli.plan.milestones import PlanData

LANGS = ("vi", "en")
KINDS = ("public", "internal")


def choices(values: Iterable[str]) -> str:
    """How ``--help`` shows an option's allowed values (the check, with a Vietnamese message,
    is :func:`require_choice`)."""
    return "[" + "|".join(values) + "]"


def completes(values: Iterable[str]) -> Callable[[str], list[str]]:
    """Shell completion of an option's value (``tthc --install-completion``) from ``values``."""
    allowed = list(values)

    def complete(incomplete: str) -> list[str]:
        return [value for value in allowed if value.startswith(incomplete)]

    return complete


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar=choices(LANGS),
        autocompletion=completes(LANGS),
        help="Ngôn ngữ (mặc định: vi, hoặc TTHC_LANG, hoặc lang trong tthc.yaml). Language.",
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Tệp cấu hình (mặc định: tìm tthc.yaml từ thư mục hiện tại đi lên)."
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Ghi ra tệp thay vì màn hình. Write to FILE.")
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Cho phép ghi đè tệp đã có. Overwrite FILE.")
]
KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind",
        metavar=choices(KINDS),
        autocompletion=completes(KINDS),
        help="Loại: public (TTHC công) hoặc internal (nội bộ); mặc định: cả hai.",
    ),
]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        metavar="MÃ_ĐƠN_VỊ",
        help="Mã đơn vị trong units.yaml (thực hiện hoặc có thẩm quyền); mặc định: mọi đơn vị.",
    ),
]
FieldOpt = Annotated[
    str | None,
    typer.Option(
        "--field", metavar="LĨNH_VỰC", help="Lĩnh vực (một phần tên); mặc định: mọi lĩnh vực."
    ),
]
PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Thư mục danh mục hoặc tệp thủ tục (mặc định: danh mục trong tthc.yaml)."),
]


def require_choice(option: str, value: str | None, choices: Iterable[str]) -> None:
    """A usage error (exit 2) naming the allowed values when ``value`` is not one of them."""
    allowed = list(choices)
    if value is not None and value not in allowed:
        raise UsageError("error.bad-choice", option=option, value=value, choices=", ".join(allowed))


def find_procedure(catalog: Catalog, code: str) -> Procedure:
    """The procedure with ``code``; an unknown code stops the command (exit 3)."""
    procedure = catalog.by_code().get(code)
    if procedure is None:
        raise TthcError("error.unknown-code", code=code)
    return procedure


def open_config(
    paths: list[Path],
    config_path: Path | None,
    lang: str | None,
    fail_on: str | None = None,
    cached: bool = False,
) -> Config:
    """The settings for a command (``cached``: checked ones from the cache when the file is
    unchanged, for a command that uses the cache)."""
    require_choice("--lang", lang, LANGS)
    config = resolve_config(paths, config_path, lang, cached)
    return with_overrides(config, lang=lang, fail_on=fail_on)


def open_catalog(
    paths: list[Path] | None,
    config_path: Path | None,
    lang: str | None,
    reuse: Reuse | None = None,
) -> Catalog:
    from tthc_cli.cli._loading import load_catalog

    chosen = list(paths or [])
    catalog = load_catalog(chosen, open_config(chosen, config_path, lang), reuse=reuse)
    warn_unloaded(catalog)
    return catalog


def warn_unloaded(catalog: Catalog, shown: int = 3) -> None:
    """Name on stderr the files that could not be loaded: what the command prints leaves them
    out (``tthc validate`` says why)."""
    from tthc_cli.messages import text
    from tthc_cli.textnorm import visible

    unloaded = catalog.unloaded_files()
    if unloaded:
        files = ", ".join(unloaded[:shown]) + (", …" if len(unloaded) > shown else "")
        line = text("load.skipped", catalog.config.lang, count=len(unloaded), files=files)
        print(f"tthc: {visible(line)}", file=sys.stderr)


def use_color(stream: object = None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    try:
        return max(60, os.get_terminal_size().columns)
    except OSError:
        return 100


def _is_special(path: Path) -> bool:
    """Whether ``path`` exists and is neither a regular file nor a folder."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_output(content: str | bytes, output: Path | None, force: bool) -> None:
    """Print to stdout, or write ``output`` atomically; never overwrite unless ``force``.

    A device or a pipe (``-o /dev/null``, a FIFO) is written into, never replaced.
    """
    if output is None:
        if isinstance(content, bytes):
            if sys.stdout.isatty():
                raise UsageError("error.binary-to-terminal")
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
        return
    data = content.encode("utf-8") if isinstance(content, str) else content
    if _is_special(output):
        # A device or a pipe (/dev/null, a FIFO): write into it. Renaming a temporary file
        # over it would replace the device with a plain file.
        try:
            with output.open("wb") as handle:
                handle.write(data)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise TthcError("error.output", path=str(output), detail=detail) from None
        return
    write_file(output, data, overwrite=force)


def ci_paths(output_format: str) -> Callable[[str], str] | None:
    """How the CI formats name files, seen from the current folder (None for the human ones,
    which show paths as findings do)."""
    if output_format in ("text", "markdown"):
        return None
    from tthc_cli.reporters.paths import CiPaths

    return CiPaths()


def format_option(writers: Writers[Any]) -> Any:
    """The ``--format`` option of a command that writes with ``writers`` (the parameter's
    default): its choices shown, no default value, since the extension of ``-o`` picks one,
    else ``writers.default``."""
    return typer.Option(
        None,
        "--format",
        "-f",
        metavar=writers.metavar(),
        autocompletion=completes(writers),
        help=f"Định dạng; mặc định theo đuôi tệp -o, không thì {writers.default}. Output format.",
    )


def output_context(
    lang: str,
    output_format: str,
    output: Path | None,
    tablefmt: str | None = None,
    show_suppressed: bool = False,
) -> OutputContext:
    """How to write ``output_format`` to ``output`` (the terminal when None)."""
    return OutputContext(
        lang=lang,
        color=output is None and output_format == "text" and use_color(),
        width=terminal_width(),
        to_file=output is not None,
        ci_paths=ci_paths(output_format),
        tablefmt=tablefmt,
        show_suppressed=show_suppressed,
    )


def shipped_plan(config: Config) -> PlanData:
    """The shipped plan named in the config (``plan.name``), with the config applied."""
    from tthc_cli.load.plan_file import shipped_plans
    from tthc_cli.plan.milestones import available, find, with_config

    known = available(shipped_plans(config.plan, config.limits), ())
    return with_config(find(config.plan.name, known), config)


def shipped_calendar(config: Config) -> WorkCalendar:
    """The working-day calendar: the shipped table of days off and make-up days with their
    notices (``holidays`` for other years), the config's choices and overrides.

    Imported here, not at the top: only the commands that count days need it.
    """
    from tthc_cli.load.packaged import packaged_yaml
    from tthc_cli.plan.calendar import CALENDAR_DATA, WorkCalendar

    return WorkCalendar.from_config(config, packaged_yaml(CALENDAR_DATA))

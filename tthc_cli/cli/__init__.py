"""The ``tthc`` command line: one module per command, registered here explicitly."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated

import typer

from tthc_cli import __version__
from tthc_cli.errors import ExitCode, TthcError
from tthc_cli.messages import render

app = typer.Typer(
    name="tthc",
    help="Danh mục thủ tục hành chính: kiểm tra, so sánh, báo cáo, in ấn. "
    "(Catalog of Vietnamese administrative procedures.)",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"tthc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="In phiên bản (show version)."
        ),
    ] = False,
) -> None:
    """Danh mục thủ tục hành chính (TTHC)."""


# One module per command under tthc_cli.cli, each with register(app). Explicit, one per line.
COMMANDS = (
    "validate",
    "rules",
    "schema",
    "listing",
    "diff",
    "table",
    "show",
    "report",
    "cost",
    "deadline",
)

for _name in COMMANDS:
    importlib.import_module(f"tthc_cli.cli.{_name}").register(app)


def _lang_from_argv(argv: list[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("TTHC_LANG", "vi")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run a command and map every outcome to an exit code, never a traceback."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["--version"], ["-V"]):
        print(f"tthc {__version__}")
        sys.exit(ExitCode.OK)
    command = typer.main.get_command(app)
    try:
        code = command.main(args, prog_name="tthc", standalone_mode=False)
    except TthcError as error:
        message = render(error.key, error.args_map, _lang_from_argv(args))
        print(f"tthc: {message}", file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("tthc: interrupted", file=sys.stderr)
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        sys.exit(ExitCode.OK)
    except Exception as error:
        sys.exit(_unexpected(error))
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _unexpected(error: Exception) -> int:
    """Usage errors of the command-line parser (Typer's click) exit 2; anything else exits 3."""
    if type(error).__name__ == "Abort":
        print("tthc: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    show = getattr(error, "show", None)
    if callable(show) and hasattr(error, "exit_code"):
        show()
        return ExitCode.USAGE
    if os.environ.get("TTHC_DEBUG"):
        raise error
    name = type(error).__name__
    hint = "TTHC_DEBUG=1 shows the traceback"
    print(f"tthc: unexpected error: {name}: {error} ({hint})", file=sys.stderr)
    return ExitCode.CANNOT_RUN

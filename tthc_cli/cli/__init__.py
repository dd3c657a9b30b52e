"""The ``tthc`` command line: one module per command, registered here explicitly.

Only the command being run is imported (its module, and through it its dependencies: python-docx
for ``table``, holidays for ``deadline``…), so ``tthc --version`` and ``tthc validate`` do not
pay for the others. Help and unknown command names load them all.
"""

from __future__ import annotations

import gc
import os
import re
import sys

from tthc_cli import __version__
from tthc_cli.errors import ExitCode, TthcError
from tthc_cli.messages import render
from tthc_cli.textnorm import visible

# Command name → module under tthc_cli.cli (each module has register(app)). One per line.
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "rules": "rules",
    "schema": "schema",
    "list": "listing",
    "diff": "diff",
    "table": "table",
    "show": "show",
    "legal": "legal",
    "report": "report",
    "cost": "cost",
    "deadline": "deadline",
    "import": "importing",
}


def modules_for(args: list[str]) -> list[str]:
    """The command modules ``args`` need: the named command's, else all (help, typos)."""
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name in COMMANDS and not ({"-h", "--help"} & set(args[: args.index(name)])):
        return [COMMANDS[name]]
    return list(COMMANDS.values())


def _lang_from_argv(argv: list[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    from tthc_cli.config import env_lang  # only on the way out with an error

    return env_lang() or "vi"


def main(argv: list[str] | None = None) -> None:
    """Entry point: run a command and map every outcome to an exit code, never a traceback."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["--version"], ["-V"]):
        print(f"tthc {__version__}")
        sys.exit(ExitCode.OK)
    from tthc_cli.cli.app import build_command

    command = build_command(modules_for(args))
    try:
        code = command.main(args, prog_name="tthc", standalone_mode=False)
    except TthcError as error:
        message = render(error.key, error.args_map, _lang_from_argv(args))
        print(f"tthc: {shown(message)}", file=sys.stderr)
        code = error.exit_code
    except KeyboardInterrupt:
        print("tthc: interrupted", file=sys.stderr)
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = ExitCode.OK
    except ModuleNotFoundError as error:
        code = _missing_module(error, args)
    except Exception as error:
        code = _unexpected(error)
    # What is still alive is freed as the interpreter shuts down; hidden from the cyclic
    # collector, it is not also walked by shutdown's collections (10 ms of a cached run).
    gc.freeze()
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def shown(line: str, longest: int = 200) -> str:
    """A line for stderr: arguments may hold anything, so control characters are shown, not
    obeyed, and a word longer than ``longest`` (a 5,000-character argument) is cut short."""
    return (
        _LONG_WORD.sub(lambda m: m.group()[: longest // 2] + "…", visible(line)) if line else line
    )


_LONG_WORD = re.compile(r"\S{201,}")


def _missing_module(error: ModuleNotFoundError, args: list[str]) -> int:
    """A module of an optional extra (``tthc[office]``) that is not installed: one line naming
    the extra. Any other missing module is unexpected."""
    from tthc_cli.extras import extra_for

    extra = extra_for(error.name)
    if extra is None:
        return _unexpected(error)
    top = str(error.name).split(".")[0]  # what is installed: docx, not docx.oxml
    message = render("error.needs-extra", {"extra": extra, "module": top}, _lang_from_argv(args))
    print(f"tthc: {message}", file=sys.stderr)
    return ExitCode.CANNOT_RUN


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
    print(f"tthc: unexpected error: {name}: {shown(str(error))} ({hint})", file=sys.stderr)
    return ExitCode.CANNOT_RUN

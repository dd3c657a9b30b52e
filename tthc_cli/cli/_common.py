"""What the commands share: options, output writing, terminal detection, catalog opening."""

from __future__ import annotations

import dataclasses
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tthc_cli.config import Config, with_overrides
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.loader import resolve_config

if TYPE_CHECKING:
    from tthc_cli.model import Catalog, Procedure
    from tthc_cli.results import Reuse

LangOpt = Annotated[
    str | None, typer.Option("--lang", help="Ngôn ngữ: vi (mặc định) hoặc en. Language: vi or en.")
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
KindOpt = Annotated[str | None, typer.Option("--kind", help="public hoặc internal.")]
UnitOpt = Annotated[
    str | None, typer.Option("--unit", help="Mã đơn vị (thực hiện hoặc có thẩm quyền).")
]
FieldOpt = Annotated[str | None, typer.Option("--field", help="Lĩnh vực (một phần tên).")]
KINDS = ("public", "internal")
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
    paths: list[Path], config_path: Path | None, lang: str | None, fail_on: str | None = None
) -> Config:
    require_choice("--lang", lang, ("vi", "en"))
    config = resolve_config(paths, config_path, lang)
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
    if output.exists() and not force:
        raise TthcError("error.exists", path=str(output))
    folder = output.parent if str(output.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual mode
            os.replace(tmp, output)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise TthcError("error.output", path=str(output), detail=exc.strerror or str(exc)) from None


def git_output(*args: str, folder: Path | None = None) -> str | None:
    """Output of a read-only git command (in ``folder``, else here), or None when it fails."""
    import subprocess

    command = ["git", *(("-C", str(folder)) if folder is not None else ()), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def load_revision(
    spec: str,
    config: Config,
    folder: Path,
    not_git: str,
    unknown: str,
    reuse: Reuse | None = None,
) -> tuple[Catalog, str, str]:
    """The catalog folder ``folder`` as it stands at git revision ``spec``, read from git objects
    (the working tree and the index are never touched): (catalog, root as findings name it, full
    commit id). Not a git repository → TthcError ``not_git``; no such revision → ``unknown``
    (both with ``side=spec``)."""
    from tthc_cli.loader import load_source
    from tthc_cli.sources import GitSource

    where = folder if folder.is_dir() else None
    top = git_output("rev-parse", "--show-toplevel", folder=where)
    if top is None:
        raise TthcError(not_git, side=spec)
    commit = git_output("rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}", folder=where)
    if commit is None:
        raise TthcError(unknown, side=spec)
    try:
        subdir = folder.resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        subdir = ""
    subdir = "" if subdir == "." else subdir
    root = f"{spec}:{subdir}" if subdir else f"{spec}:"
    from tthc_cli.cli._loading import loading

    with loading(config) as options:
        options = dataclasses.replace(options, reuse=reuse)
        catalog = load_source(
            GitSource(Path(top), spec, subdir), config, root=root, options=options
        )
    return catalog, root, commit


def ci_paths(output_format: str) -> Callable[[str], str] | None:
    """How the CI formats name files, seen from the current folder (None for the human ones,
    which show paths as findings do)."""
    if output_format in ("text", "markdown"):
        return None
    from tthc_cli.reporters.paths import CiPaths

    return CiPaths()

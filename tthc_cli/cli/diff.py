"""``tthc diff OLD [NEW]``: what changed between two versions of the catalog, and whether each
change makes procedures simpler or heavier for citizens.

Each side is a catalog folder, a single procedure file or a git revision of the current
repository (read from git objects: the working tree and the index are never touched). NEW
defaults to the working tree. Exit 0; with ``--exit-code`` 1 when there are differences; with
``--fail-on heavier`` 1 when a change makes a procedure heavier (``--fail-on any``: any change);
with either, also 1 when a file of the new side could not be loaded; 3 when a side does not
exist.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from tthc_cli.cli._common import (
    ConfigOpt,
    ForceOpt,
    LangOpt,
    OutputOpt,
    ci_paths,
    load_revision,
    open_config,
    require_choice,
    terminal_width,
    use_color,
    write_output,
)
from tthc_cli.cli._loading import load_catalog
from tthc_cli.config import Config
from tthc_cli.diff import Side, diff_catalogs
from tthc_cli.errors import ExitCode, TthcError
from tthc_cli.loader import catalog_root
from tthc_cli.model import Catalog
from tthc_cli.reporters.base import ReportContext
from tthc_cli.reporters.diff import DIFF_REPORTERS
from tthc_cli.results import Reuse, inside

FAIL_ON = ("heavier", "any")


def _looks_like_path(spec: str) -> bool:
    return (
        "/" in spec.replace("\\", "/").rstrip("/")
        or spec.endswith((".yaml", ".yml"))
        or spec == "."
    )


def _within(catalog: Catalog, root: str, sub: str) -> Catalog:
    """The procedure files of ``catalog`` under its subfolder ``sub`` (and what else it read)."""

    def kept(file: str) -> bool:
        return inside(file, root).startswith(sub + "/")

    files = set(catalog.files)
    return replace(
        catalog,
        procedures=tuple(p for p in catalog.procedures if kept(p.path)),
        files=tuple(f for f in catalog.files if kept(f)),
        findings=tuple(f for f in catalog.findings if f.file not in files or kept(f.file)),
    )


def _revision(spec: str, config: Config, reuse: Reuse) -> tuple[Catalog, Side]:
    """The catalog at git revision ``spec``, as the working tree side reads it: the configured
    catalog, else the one this folder belongs to, restricted to this folder when it is a
    subfolder of it."""
    here = Path.cwd()
    folder = config.catalog or catalog_root(here, config)
    catalog, root, _commit = load_revision(
        spec, config, folder, "diff.error.not-git", "diff.error.no-side", reuse
    )
    if config.catalog is None and folder.resolve() in here.resolve().parents:
        catalog = _within(catalog, root, here.resolve().relative_to(folder.resolve()).as_posix())
    return catalog, Side(spec, "git", root)


def load_side(spec: str | None, config: Config, reuse: Reuse) -> tuple[Catalog, Side]:
    """A catalog for one side: the working tree (None), a folder, a file or a git revision.

    ``reuse`` carries what loading the other side built: files both sides share (same bytes,
    same place) are built once.
    """
    if spec is None:
        catalog = load_catalog([], config, reuse=reuse)
        return catalog, Side(catalog.root, "dir", catalog.root)
    path = Path(spec)
    if path.exists():
        catalog = load_catalog([path], config, reuse=reuse)
        if path.is_file():
            return catalog, Side(spec, "file", catalog.files[0] if catalog.files else spec)
        return catalog, Side(spec, "dir", catalog.root)
    if _looks_like_path(spec):
        raise TthcError("error.path-missing", path=spec)
    return _revision(spec, config, reuse)


def command(
    old: Annotated[
        str, typer.Argument(help="Bản cũ: thư mục, tệp hoặc phiên bản git (main, HEAD~3).")
    ],
    new: Annotated[str | None, typer.Argument(help="Bản mới (mặc định: thư mục làm việc).")] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, markdown, json, github hoặc gitlab.")
    ] = "text",
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Trả mã 1 khi có khác biệt. Exit 1 on differences.")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", help="heavier: trả mã 1 khi có thay đổi làm thủ tục nặng hơn; any."
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """So sánh hai phiên bản danh mục (semantic diff): đơn giản hơn, nặng hơn hay trung tính."""
    require_choice("--format", output_format, DIFF_REPORTERS)
    require_choice("--fail-on", fail_on, FAIL_ON)
    config = open_config([], config_path, lang)
    reuse = Reuse()
    old_catalog, old_side = load_side(old, config, reuse)
    new_catalog, new_side = load_side(new, config, reuse)
    result = diff_catalogs(old_catalog, new_catalog, old_side, new_side)
    ctx = ReportContext(
        lang=config.lang,
        color=output is None and output_format == "text" and use_color(),
        width=terminal_width(),
        ci_paths=ci_paths(output_format),
    )
    write_output(DIFF_REPORTERS[output_format](result, ctx), output, force)
    failed = (
        (exit_code and result.has_changes)
        or (fail_on == "heavier" and result.any_heavier)
        or (fail_on == "any" and result.has_changes)
        # a gate cannot pass what it could not read of the new side
        or ((exit_code or fail_on is not None) and bool(new_catalog.unloaded_files()))
    )
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)


def register(app: typer.Typer) -> None:
    app.command("diff")(command)

"""The Typer application, built with only the command modules a run needs."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from tthc_cli import __version__


def _version(value: bool) -> None:
    if value:
        print(f"tthc {__version__}")
        raise typer.Exit()


def build_app(modules: Sequence[str]) -> typer.Typer:
    app = typer.Typer(
        name="tthc",
        help="Danh mục thủ tục hành chính: kiểm tra, so sánh, báo cáo, in ấn. "
        "(Catalog of Vietnamese administrative procedures.)",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

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

    for name in modules:
        importlib.import_module(f"tthc_cli.cli.{name}").register(app)
    return app


def build_command(modules: Sequence[str]) -> Any:
    """The click command behind the app (Typer vendors click, so its type stays opaque here)."""
    return typer.main.get_command(build_app(modules))

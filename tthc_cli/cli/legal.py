"""``tthc legal [NUMBER…] [--as-of DATE]``: the register of legal documents, each document's
status on a day and the procedures citing it."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tthc_cli.cli._common import (
    ConfigOpt,
    ForceOpt,
    LangOpt,
    OutputOpt,
    format_option,
    open_catalog,
    output_context,
    write_output,
)
from tthc_cli.dates import parse_day
from tthc_cli.errors import ExitCode, UsageError
from tthc_cli.findings import Severity
from tthc_cli.messages import text
from tthc_cli.model import Catalog
from tthc_cli.render import LEGAL_WRITERS
from tthc_cli.render.legal import legal_listing
from tthc_cli.textnorm import visible

NumbersArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[NUMBER]...",
        help="Số ký hiệu văn bản (ví dụ 32/2010/TT-BTNMT); mặc định: mọi văn bản trong sổ và "
        "mọi văn bản thủ tục viện dẫn.",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Tình trạng tại ngày dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: hôm nay, hoặc as_of "
        "trong tthc.yaml).",
    ),
]


def _register_broken(catalog: Catalog) -> str | None:
    """The register's file when it exists but could not be used (its findings say why)."""
    if catalog.legal is not None:
        return None
    for finding in catalog.findings:
        if finding.severity is Severity.ERROR and finding.file.endswith("legal.yaml"):
            return finding.file
    return None


def command(
    numbers: NumbersArg = None,
    as_of: AsOfOpt = None,
    output_format: str | None = format_option(LEGAL_WRITERS),
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Sổ văn bản: tình trạng hiệu lực và thủ tục viện dẫn (legal documents and their status)."""
    chosen_format = LEGAL_WRITERS.choose(output_format, output)
    day = None
    if as_of is not None:
        try:
            day = parse_day(as_of)
        except ValueError:
            raise UsageError("legal.error.bad-date", value=as_of) from None
    catalog = open_catalog(None, config_path, lang)
    config = catalog.config
    listed = legal_listing(catalog, list(numbers or []), day or config.today())
    ctx = output_context(config.lang, chosen_format, output)
    write_output(LEGAL_WRITERS[chosen_format](listed, ctx), output, force)
    broken = _register_broken(catalog)
    if broken is not None:
        line = text("legal.error.register", config.lang, file=broken)
        print(f"tthc: {visible(line)}", file=sys.stderr)
        raise typer.Exit(ExitCode.FINDINGS)


def register(app: typer.Typer) -> None:
    app.command("legal")(command)

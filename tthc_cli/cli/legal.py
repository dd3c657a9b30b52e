"""``tthc legal [NUMBER…] [--as-of DATE]``: the register of legal documents, each document's
status on a day and the procedures citing it."""

from __future__ import annotations

import dataclasses
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
from tthc_cli.messages import render, text
from tthc_cli.model import Catalog
from tthc_cli.render import LEGAL_WRITERS
from tthc_cli.render.legal import LegalEntry, legal_listing
from tthc_cli.rules.legal_number import problems, vocabulary
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


def _not_found(entry: LegalEntry, catalog: Catalog) -> str:
    """Why a number asked for finds nothing: not registered, not cited, and if it is not even
    a well-formed document number, what is wrong with it."""
    lang = catalog.config.lang
    wrong = problems(entry.number, vocabulary(catalog.config.legal_numbers))
    if not wrong:
        return text("legal.not-found", lang, number=entry.number)
    key, args = wrong[0]
    why = render(key, args, lang)
    return text("legal.not-found.invalid", lang, number=entry.number, why=why)


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
    # a number asked for that neither the register nor any procedure knows is not listed: it is
    # a lookup that found nothing (exit 1, one line each), not a document "not yet registered"
    missing = [e for e in listed.entries if numbers and e.document is None and not e.procedures]
    found = tuple(e for e in listed.entries if e not in missing)
    if found or not missing:
        ctx = output_context(config.lang, chosen_format, output)
        shown = dataclasses.replace(listed, entries=found)
        write_output(LEGAL_WRITERS[chosen_format](shown, ctx), output, force)
    for entry in missing:
        print(f"tthc: {visible(_not_found(entry, catalog))}", file=sys.stderr)
    broken = _register_broken(catalog)
    if broken is not None:
        line = text("legal.error.register", config.lang, file=broken)
        print(f"tthc: {visible(line)}", file=sys.stderr)
    if missing or broken is not None:
        raise typer.Exit(ExitCode.FINDINGS)


def register(app: typer.Typer) -> None:
    app.command("legal")(command)

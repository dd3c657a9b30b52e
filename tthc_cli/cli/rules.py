"""``tthc rules``: list the rules and read their documentation, in Vietnamese or English."""

from __future__ import annotations

import inspect
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tthc_cli.cli._common import ConfigOpt, LangOpt, completes, open_config
from tthc_cli.errors import UsageError
from tthc_cli.messages import text
from tthc_cli.render.rst_text import inline_text, terminal_text
from tthc_cli.rules import READ_CHECKS, RULES, Rule
from tthc_cli.rules.docs_vi import DOCS


def documentation(rule: Rule, lang: str) -> str:
    """The rule's documentation: the module docstring in English, :data:`DOCS` in Vietnamese."""
    return inspect.cleandoc(DOCS[rule.id] if lang == "vi" else rule.doc)


def summary(rule: Rule, lang: str) -> str:
    return inline_text(documentation(rule, lang).splitlines()[0])


def command(
    rule_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[RULE]",
            help="Mã quy tắc để xem tài liệu đầy đủ. A rule's documentation.",
            autocompletion=completes([*RULES, *READ_CHECKS]),
        ),
    ] = None,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Liệt kê các quy tắc kiểm tra (list the rules), hoặc in tài liệu của một quy tắc."""
    language = open_config([], config_path, lang).lang
    console = Console(highlight=False)
    if rule_id is not None:
        rule = RULES.get(rule_id)
        severity = rule.severity.value if rule else READ_CHECKS.get(rule_id)
        if severity is None:
            raise UsageError("unknown-rule", rule=rule_id)
        level = text(f"severity.{severity}", language)
        console.print(f"[bold]{rule_id}[/] ({level})\n")
        about = documentation(rule, language) if rule else text(f"check.{rule_id}", language)
        console.print(terminal_text(about, console.width), markup=False, soft_wrap=True, end="")
        return
    table = Table()
    for column in ("rule", "severity", "description"):
        # ids are copied into tthc.yaml: never break them
        table.add_column(text(f"rules.col.{column}", language), no_wrap=column != "description")
    for rule in RULES.values():
        level = text(f"severity.{rule.severity.value}", language)
        table.add_row(rule.id, level, summary(rule, language))
    for check, severity in READ_CHECKS.items():
        level = text(f"severity.{severity}", language)
        table.add_row(check, level, text(f"check.{check}", language))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("rules")(command)

"""``tthc rules``: list the rules and read their documentation."""

from __future__ import annotations

import inspect
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tthc_cli.errors import UsageError
from tthc_cli.rules import READ_CHECKS, RULES


def command(
    rule_id: Annotated[
        str | None, typer.Argument(help="Mã quy tắc để xem tài liệu đầy đủ.")
    ] = None,
) -> None:
    """Liệt kê các quy tắc kiểm tra (list the rules), hoặc in tài liệu của một quy tắc."""
    console = Console(highlight=False)
    if rule_id is not None:
        rule = RULES.get(rule_id)
        if rule is None:
            raise UsageError("unknown-rule", rule=rule_id)
        console.print(f"[bold]{rule.id}[/] ({rule.severity.value})\n")
        console.print(inspect.cleandoc(rule.doc), markup=False)
        return
    table = Table()
    table.add_column("rule", no_wrap=True)  # ids are copied into tthc.yaml: never break them
    table.add_column("severity", no_wrap=True)
    table.add_column("description")
    for rule in RULES.values():
        table.add_row(rule.id, rule.severity.value, rule.summary)
    for check, severity in READ_CHECKS.items():
        table.add_row(check, severity, "(đọc tệp / lược đồ — reading files / schema)")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("rules")(command)

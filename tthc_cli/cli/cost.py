"""``tthc cost CODE``: the compliance cost of one procedure before and after its plan."""

from __future__ import annotations

from typing import Annotated

import typer

from tthc_cli.cli._common import (
    ConfigOpt,
    LangOpt,
    PathsArg,
    find_procedure,
    open_catalog,
    write_output,
)
from tthc_cli.cli.report import AsOfOpt, parse_day
from tthc_cli.findings import day, ref
from tthc_cli.messages import text
from tthc_cli.plan.cost import Cost, hourly_value, plan_in_force, procedure_cost
from tthc_cli.render.report_table import display
from tthc_cli.textnorm import one_line


def _state(label: str, cost: Cost, lang: str) -> str:
    def money(value: float | None) -> str:
        if value is None:
            return text("report.not-computed", lang)
        return text("cost.money", lang, amount=display(round(value), lang))

    line = text(
        "cost.state", lang, label=label, once=money(cost.once), per_year=money(cost.per_year)
    )
    extra = []
    if cost.missing:
        fields = ", ".join(text(f"cost.field.{field}", lang) for field in cost.missing)
        extra.append(text("cost.missing", lang, fields=fields))
    if cost.reasons:
        reasons = ", ".join(text(f"cost.reason.{r}", lang) for r in cost.reasons)
        extra.append(text("cost.not-computable", lang, reasons=reasons))
    return line + (f" ({'; '.join(extra)})" if extra else "")


def command(
    code: Annotated[str, typer.Argument(help="Mã thủ tục.")],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Chi phí tuân thủ của một thủ tục, trước và sau đơn giản hóa (compliance cost)."""
    asked = parse_day(as_of)
    catalog = open_catalog(paths, config_path, lang)
    config = catalog.config
    language = config.lang
    procedure = find_procedure(catalog, code)
    on = asked or config.today()
    hourly = hourly_value(config, on)
    cost = procedure_cost(procedure, hourly, on)
    lines = [
        text("cost.title", language, code=procedure.code, name=procedure.name),
        text("report.as-of", language, date=day(on)),
    ]
    if hourly is None:
        lines.append(text("report.hourly-none", language))
    else:
        lines.append(
            text(
                "report.hourly",
                language,
                amount=display(hourly.amount, "vi"),
                start=day(hourly.start),
                source=hourly.source,
            )
        )
    plan = procedure.simplification.plan if procedure.simplification else None
    if plan is None:
        lines.append(text("cost.no-plan", language))
    else:
        in_force = text("cost.yes" if plan_in_force(procedure, on) else "cost.no", language)
        lines.append(
            text(
                "cost.plan",
                language,
                status=ref(f"value.status.{plan.status}"),
                outcome=ref(f"value.outcome.{plan.outcome}"),
                date=day(on),
                in_force=in_force,
            )
        )
        if plan.illustrative:
            lines.append(text("cost.illustrative", language))
    lines.append(_state(text("cost.before", language), cost.before, language))
    lines.append(_state(text("cost.after", language), cost.after, language))
    reduction = cost.reduction
    lines.append(
        text(
            "cost.reduction",
            language,
            percent=text("report.not-computed", language)
            if reduction is None
            else display(round(reduction, 2), language) + "%",
        )
    )
    lines.append(text("cost.formula", language))
    # Names come from files: each line stays one line, shown, never obeyed.
    write_output("".join(one_line(line) + "\n" for line in lines), None, False)


def register(app: typer.Typer) -> None:
    app.command("cost")(command)

"""``tthc deadline CODE --received WHEN``: when the result is due, with every day not counted."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from tthc_cli.cli._common import (
    ConfigOpt,
    LangOpt,
    PathsArg,
    find_procedure,
    open_catalog,
    shipped_calendar,
    write_output,
)
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.findings import ref
from tthc_cli.messages import text
from tthc_cli.model import Duration, Procedure, TimeUnit
from tthc_cli.plan.calendar import deadline
from tthc_cli.plan.durations import format_number

CHANNEL_ORDER = ("direct", "online", "postal")


def _received(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError("report.error.bad-date", option="--received", value=value) from None


def choose_duration(procedure: Procedure, channel: str | None) -> Duration:
    """The channel's time when one is named; else the procedure's time, else the first channel's."""
    if channel is not None:
        found = [c.time for c in procedure.channels if c.channel == channel and c.time is not None]
        if not found:
            raise TthcError(
                "deadline.error.no-duration", code=procedure.code, channel=f" ({channel})"
            )
        return found[0]
    if procedure.processing_time is not None:
        return procedure.processing_time
    timed = sorted(
        (c for c in procedure.channels if c.time is not None),
        key=lambda c: CHANNEL_ORDER.index(c.channel) if c.channel in CHANNEL_ORDER else 9,
    )
    if not timed or timed[0].time is None:
        raise TthcError("deadline.error.no-duration", code=procedure.code, channel="")
    return timed[0].time


def _weekday(day: date, lang: str) -> str:
    return text(f"deadline.weekday.{day.weekday()}", lang)


def command(
    code: Annotated[str, typer.Argument(help="Mã thủ tục.")],
    received: Annotated[
        str, typer.Option("--received", help='Lúc nhận hồ sơ: "YYYY-MM-DD HH:MM".')
    ],
    paths: PathsArg = None,
    channel: Annotated[
        str | None, typer.Option("--channel", help="Hình thức nộp: direct, online hoặc postal.")
    ] = None,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Tính hạn giải quyết theo ngày làm việc (deadline from the working-day calendar)."""
    when = _received(received)
    catalog = open_catalog(paths, config_path, lang)
    config = catalog.config
    language = config.lang
    procedure = find_procedure(catalog, code)
    duration = choose_duration(procedure, channel)
    result = deadline(when, duration, shipped_calendar(config), config.hours_per_working_day)
    lines = [
        text("deadline.title", language, code=procedure.code, name=procedure.name),
        text(
            "deadline.received",
            language,
            when=when.strftime("%Y-%m-%d %H:%M"),
            weekday=_weekday(when.date(), language),
        ),
        text(
            "deadline.duration",
            language,
            value=format_number(duration.value),
            unit=ref(f"deadline.unit.{duration.unit.value}"),
            channel=text("deadline.channel", language, channel=channel) if channel else "",
        ),
    ]
    if duration.unit is TimeUnit.HOURS:
        lines.append(text("deadline.rule.hours", language))
    else:
        lines.append(text("deadline.rule.days", language))
    if duration.unit is TimeUnit.WORKING_HOURS:
        lines.append(
            text(
                "deadline.rule.working-hours",
                language,
                hours=format_number(config.hours_per_working_day),
            )
        )
    if result.skipped:
        lines.append(text("deadline.skipped", language))
        lines += [
            "  "
            + text(
                f"deadline.skip.{off.kind.value}",
                language,
                day=off.day.isoformat(),
                weekday=_weekday(off.day, language),
                name=off.name,
            )
            for off in result.skipped
        ]
    if result.moved_from is not None:
        lines.append(text("deadline.moved", language, day=result.moved_from.isoformat()))
    if result.due_at is not None:
        lines.append(
            text(
                "deadline.due-at",
                language,
                when=result.due_at.strftime("%Y-%m-%d %H:%M"),
                weekday=_weekday(result.due, language),
            )
        )
    else:
        lines.append(
            text(
                "deadline.due",
                language,
                day=result.due.isoformat(),
                weekday=_weekday(result.due, language),
            )
        )
    write_output("\n".join(lines) + "\n", None, False)


def register(app: typer.Typer) -> None:
    app.command("deadline")(command)

"""``tthc deadline [CODE] --received WHEN [--duration TEXT]``: when the result is due.

With a procedure code the period is the procedure's (or its channel's); with ``--duration`` it is
any period written as staff write it ("5 ngày làm việc", "04 giờ làm việc", "30 ngày",
"03 tháng"), read by the one grammar import and validation use. ``--explain`` lists every day
not counted with its reason and the notice that fixes it, the make-up days counted, and the rules.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from tthc_cli.cli._common import (
    ConfigOpt,
    LangOpt,
    PathsArg,
    find_procedure,
    open_catalog,
    open_config,
    require_choice,
    shipped_calendar,
    write_output,
)
from tthc_cli.config import Config
from tthc_cli.dates import parse_moment, show_day, show_moment
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.findings import ref
from tthc_cli.messages import text
from tthc_cli.model import Duration, Procedure, TimeUnit
from tthc_cli.plan.calendar import (
    DayOff,
    Deadline,
    Notice,
    OffKind,
    ReceiptRule,
    WorkCalendar,
    deadline,
)
from tthc_cli.plan.durations import format_number, parse_duration
from tthc_cli.textnorm import one_line

CHANNEL_ORDER = ("direct", "online", "postal")


def _received(value: str) -> datetime:
    try:
        return parse_moment(value)
    except ValueError:
        raise UsageError("deadline.error.bad-received", value=value) from None


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


class _Lines:
    """The report in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lines: list[str] = []

    def add(self, key: str, indent: str = "", **args: object) -> None:
        line = indent + text(key, self.lang, **args)  # type: ignore[arg-type]
        self.lines.append(one_line(line))  # names come from files: one line, never obeyed

    def weekday(self, day: date) -> str:
        return text(f"deadline.weekday.{day.weekday()}", self.lang)

    def day(self, day: date) -> str:
        return show_day(day, self.lang)

    def notice(self, notice: Notice | None, estimated: bool = False) -> str:
        if notice is None:
            return ""
        dated = (
            text("deadline.notice.dated", self.lang, date=self.day(notice.date))
            if notice.date
            else ""
        )
        link = text("deadline.notice.link", self.lang, url=notice.url) if notice.url else ""
        unverified = "" if notice.verified else text("deadline.unverified", self.lang)
        body = text(
            "deadline.notice",
            self.lang,
            number=notice.number,
            dated=dated,
            link=link,
            unverified=unverified,
        )
        extra = text("deadline.estimated", self.lang) if estimated else ""
        return text("deadline.source", self.lang, notice=body) + extra

    def skipped(self, off: DayOff, explain: bool) -> None:
        args = {"day": self.day(off.day), "weekday": self.weekday(off.day)}
        if off.kind is OffKind.WEEKEND:
            source = text("deadline.weekly-rest", self.lang) if explain else ""
            shown = text("deadline.source", self.lang, notice=source) if source else ""
            self.add("deadline.skip.weekend", "  ", source=shown, **args)
        elif off.kind is OffKind.HOLIDAY:
            source = self.notice(off.notice, off.estimated) if explain else ""
            self.add("deadline.skip.holiday", "  ", name=off.name, source=source, **args)
        elif off.kind is OffKind.UNSETTLED:
            self.add("deadline.skip.unsettled", "  ", name=off.name, reason=off.reason, **args)
        else:
            self.add(f"deadline.skip.{off.kind.value}", "  ", name=off.name, **args)


def _receipt_lines(out: _Lines, result: Deadline, explain: bool) -> None:
    receipt = result.receipt
    if receipt is None:
        return
    if receipt.moved:
        when = receipt.counted_from
        out.add(
            "deadline.receipt-moved",
            when=show_moment(when, out.lang),
            weekday=out.weekday(when.date()),
        )
    if explain or receipt.moved:
        rule: ReceiptRule = receipt.rule
        out.add(
            "deadline.receipt-rule",
            rule=text(f"deadline.receipt.{rule.rule}", out.lang),
            instrument=rule.instrument,
            unverified=""
            if rule.verified or rule.from_config
            else text("deadline.unverified", out.lang),
        )


def _rule_lines(out: _Lines, config: Config, duration: Duration) -> None:
    if duration.unit is TimeUnit.HOURS:
        out.add("deadline.rule.hours")
        return
    if duration.unit is TimeUnit.WORKING_HOURS:
        out.add("deadline.rule.working-hours")
        office = config.office_hours
        periods = ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in office.periods)
        out.add(
            "deadline.office-hours",
            periods=periods,
            hours=format_number(office.hours),
            source=office.source,
        )
        return
    out.add("deadline.rule.days")


def report(
    result: Deadline,
    config: Config,
    explain: bool,
    procedure: Procedure | None = None,
    channel: str | None = None,
) -> str:
    """What ``tthc deadline`` prints, in the config's language."""
    out = _Lines(config.lang)
    if procedure is not None:
        out.add("deadline.title", code=procedure.code, name=procedure.name)
    out.add(
        "deadline.received",
        when=show_moment(result.received, out.lang),
        weekday=out.weekday(result.received.date()),
    )
    _receipt_lines(out, result, explain)
    duration = result.duration
    out.add(
        "deadline.duration",
        value=format_number(duration.value),
        unit=ref(f"deadline.unit.{duration.unit.value}"),
        channel=text("deadline.channel", out.lang, channel=ref(f"diff.channel.{channel}"))
        if channel
        else "",
    )
    if explain:
        _rule_lines(out, config, duration)
    if result.skipped and explain:
        out.add("deadline.skipped")
        for off in result.skipped:
            out.skipped(off, explain=True)
    elif result.skipped:
        out.add("deadline.skipped-count", count=len(result.skipped))
    if explain and result.made_up:
        out.add("deadline.made-up")
        for made in result.made_up:
            source = out.notice(made.notice) if made.notice else ""
            args = {"day": out.day(made.day), "weekday": out.weekday(made.day)}
            out.add("deadline.made-up.day", "  ", name=made.name, source=source, **args)
    if explain:
        for kept in result.kept_working:
            args = {"day": out.day(kept.day), "weekday": out.weekday(kept.day)}
            out.add("deadline.unsettled-working", name=kept.name, reason=kept.reason, **args)
    if result.moved_from is not None:
        out.add("deadline.moved", day=out.day(result.moved_from))
    if result.due_at is not None:
        out.add(
            "deadline.due-at",
            when=show_moment(result.due_at, out.lang),
            weekday=out.weekday(result.due),
        )
    else:
        out.add("deadline.due", day=out.day(result.due), weekday=out.weekday(result.due))
    return "\n".join(out.lines) + "\n"


def compute(received: datetime, duration: Duration, config: Config) -> Deadline:
    """The deadline with the catalog's calendar, office hours and receipt rule."""
    calendar: WorkCalendar = shipped_calendar(config)
    rule = calendar.receipt_rule(received.date(), config.receipt_outside_hours)
    if rule.from_config and config.receipt_reason:
        rule = ReceiptRule(
            rule.rule,
            text("deadline.receipt.config", config.lang, reason=config.receipt_reason),
            from_config=True,
        )
    return deadline(received, duration, calendar, config.office_hours, rule)


def command(
    received: Annotated[
        str,
        typer.Option(
            "--received", help='Lúc nhận hồ sơ: "dd/mm/yyyy HH:MM" hoặc "YYYY-MM-DD HH:MM".'
        ),
    ],
    code: Annotated[str | None, typer.Argument(help="Mã thủ tục (hoặc dùng --duration).")] = None,
    duration_text: Annotated[
        str | None,
        typer.Option(
            "--duration", help='Thời hạn như cách ghi thường dùng, ví dụ "5 ngày làm việc".'
        ),
    ] = None,
    paths: PathsArg = None,
    channel: Annotated[
        str | None, typer.Option("--channel", help="Hình thức nộp: direct, online hoặc postal.")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Nêu từng ngày không tính, lý do và văn bản.")
    ] = False,
    lang: LangOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    """Tính hạn giải quyết theo ngày, giờ làm việc (deadline from the working calendar)."""
    require_choice("--channel", channel, CHANNEL_ORDER)
    if (code is None) == (duration_text is None):
        raise UsageError("deadline.error.code-or-duration")
    when = _received(received)
    procedure = None
    if duration_text is not None:
        parsed = parse_duration(duration_text)
        if parsed is None:
            raise UsageError("deadline.error.bad-duration", value=duration_text)
        duration = parsed
        config = open_config(list(paths or [Path.cwd()]), config_path, lang)
    else:
        catalog = open_catalog(paths, config_path, lang)
        config = catalog.config
        procedure = find_procedure(catalog, str(code))
        duration = choose_duration(procedure, channel)
    result = compute(when, duration, config)
    write_output(report(result, config, explain, procedure, channel), None, False)


def register(app: typer.Typer) -> None:
    app.command("deadline")(command)

"""The catalog configuration (``tthc.yaml``): typed settings built from already-parsed data."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time
from pathlib import Path
from typing import Any

from tthc_cli.findings import Finding, Pos, Severity, make

CONFIG_NAMES = ("tthc.yaml", ".tthc.yaml")
LANG_ENV = "TTHC_LANG"
DEFAULT_LOCAL_CODE_PATTERN = r"^NB-[A-Z0-9]+(-[A-Z0-9]+)*-[0-9]{2,}$"


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety limits for reading one file (``limits`` in tthc.yaml)."""

    max_file_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 200_000


@dataclass(frozen=True, slots=True)
class AbolishedComponent:
    """A document the law no longer accepts (matched in component names)."""

    name: str
    since: date
    basis: str


# Sổ hộ khẩu and sổ tạm trú stopped being valid at the end of 2022 (Luật Cư trú 2020,
# khoản 3 Điều 38). Catalogs can replace this list in tthc.yaml (abolished_components).
DEFAULT_ABOLISHED = (
    AbolishedComponent(
        "sổ hộ khẩu", date(2023, 1, 1), "Luật Cư trú số 68/2020/QH14, khoản 3 Điều 38"
    ),
    AbolishedComponent(
        "sổ tạm trú", date(2023, 1, 1), "Luật Cư trú số 68/2020/QH14, khoản 3 Điều 38"
    ),
)


@dataclass(frozen=True, slots=True)
class ConfigSuppression:
    rule: str
    reason: str
    files: tuple[str, ...] = ()

    def covers(self, rule: str, rel_path: str) -> bool:
        if rule != self.rule:
            return False
        return not self.files or any(fnmatch.fnmatch(rel_path, pattern) for pattern in self.files)


@dataclass(frozen=True, slots=True)
class HourlyValue:
    amount: int
    start: date
    source: str


@dataclass(frozen=True, slots=True)
class DayNote:
    day: date
    reason: str


# Office hours of HCMC's one-stop desks: "Buổi sáng từ 7 giờ 30 phút đến 11 giờ 30 phút; Buổi
# chiều từ 13 giờ 00 phút đến 17 giờ 00 phút" (Sở Tài nguyên và Môi trường, Cổng thủ tục hành
# chính Thành phố), 8 hours a day as QĐ 188/1999/QĐ-TTg's 40-hour, 5-day week.
DEFAULT_OFFICE_SOURCE = (
    "Giờ tiếp nhận hồ sơ tại Thành phố Hồ Chí Minh: sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 00 – "
    "17 giờ 00 (https://thutuchanhchinh.hochiminhcity.gov.vn/); 8 giờ một ngày, 40 giờ một tuần "
    "(Quyết định 188/1999/QĐ-TTg)"
)
RECEIPT_RULES = ("next_working_start", "as_received")
UNSETTLED_TREATMENTS = ("off", "working")


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The working periods of a working day (morning, afternoon), sorted, and their source."""

    periods: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13), time(17)))
    source: str = DEFAULT_OFFICE_SOURCE

    @property
    def hours(self) -> float:
        """Working hours in one working day."""
        return sum(_minutes(end) - _minutes(start) for start, end in self.periods) / 60


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


@dataclass(frozen=True, slots=True)
class UnsettledChoice:
    """How a day whose status the law has not settled is counted (``off`` or ``working``)."""

    treat: str
    reason: str


@dataclass(frozen=True, slots=True)
class PlanSettings:
    name: str = "qd-1085"  # the plan a report uses without --plan
    choices: Mapping[str, date] = field(default_factory=dict)
    count_cut_as: str = "abolished_or_merged"
    at_risk_days: int = 90
    extra_milestones: tuple[Mapping[str, Any], ...] = ()
    # A recorded choice: a procedure without a business_related flag counts as business-related
    # when one of its subjects is one of these (empty: only the flag counts), and why.
    business_subjects: tuple[str, ...] = ()
    business_reason: str | None = None
    # Recorded choices of the day a milestone's cuts are measured against (milestone id → day).
    baseline_choices: Mapping[str, date] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one catalog; flags override them (see :func:`with_overrides`)."""

    path: Path | None = None
    catalog: Path | None = None
    lang: str = "vi"
    fail_on: Severity = Severity.ERROR
    as_of: date | None = None
    hours_per_working_day: float = 8.0
    local_code_pattern: str = DEFAULT_LOCAL_CODE_PATTERN
    rules: Mapping[str, str] = field(default_factory=dict)
    suppress: tuple[ConfigSuppression, ...] = ()
    ignore: tuple[str, ...] = ()
    follow_symlinks: bool = False  # symbolic links inside the catalog folder are read
    abolished_components: tuple[AbolishedComponent, ...] = DEFAULT_ABOLISHED
    legal_unregistered: str = "info"  # a cited number not in legal.yaml: a severity, or "off"
    # Document types, issuers and legislatures added to tthc_cli/data/legal-numbers.yaml.
    legal_numbers: Mapping[str, Any] = field(default_factory=dict)
    limits: Limits = Limits()
    plan: PlanSettings = PlanSettings()
    hourly_values: tuple[HourlyValue, ...] = ()
    days_off: tuple[DayNote, ...] = ()
    working_days: tuple[DayNote, ...] = ()
    unsettled_days: Mapping[str, UnsettledChoice] = field(default_factory=dict)
    office_hours: OfficeHours = OfficeHours()
    # None: the dated rule shipped with the calendar (tthc_cli/data/vn-calendar.yaml).
    receipt_outside_hours: str | None = None
    receipt_reason: str | None = None

    def today(self) -> date:
        """The day findings are judged on: ``as_of``, else today."""
        return self.as_of or current_date()

    def severity_for(self, rule: str, default: Severity) -> Severity | None:
        """The configured severity of ``rule``; None when it is switched off."""
        chosen = self.rules.get(rule)
        if chosen is None:
            return default
        return None if chosen == "off" else Severity(chosen)


def current_date() -> date:
    """Today on this machine (one place, so a test can stand on any day)."""
    return date.today()


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _office_hours(data: Mapping[str, Any] | None) -> OfficeHours:
    if not data:
        return OfficeHours()
    periods = sorted(
        (_clock(data[name]["start"]), _clock(data[name]["end"]))
        for name in ("morning", "afternoon")
        if name in data
    )
    return OfficeHours(tuple(periods), data.get("source") or DEFAULT_OFFICE_SOURCE)


REGEX_SETTINGS = ("local_code_pattern",)


def env_lang() -> str | None:
    """The language ``TTHC_LANG`` asks for, when it is one tthc speaks (vi, en)."""
    value = os.environ.get(LANG_ENV)
    return value if value in ("vi", "en") else None


def regex_problems(data: Mapping[str, Any], file: str) -> list[Finding]:
    """Settings that are regular expressions and do not compile (the schema cannot tell)."""
    problems = []
    for key in REGEX_SETTINGS:
        pattern = data.get(key)
        if not isinstance(pattern, str):
            continue
        try:
            re.compile(pattern)
        except re.error as exc:
            marks = getattr(data, "value_marks", {})
            line, column = marks.get(key, (1, 1))
            where = Pos(file, line, column)
            problems.append(make("config-regex", Severity.ERROR, where, key=key, error=str(exc)))
    return problems


def office_hours_problems(data: Mapping[str, Any], file: str) -> list[Finding]:
    """Office hours whose periods end before they start or overlap (the schema cannot tell)."""
    office = data.get("office_hours")
    if not isinstance(office, Mapping):
        return []
    periods = [office[name] for name in ("morning", "afternoon") if name in office]
    clocks = [(_clock(p["start"]), _clock(p["end"])) for p in periods]
    ordered = all(start < end for start, end in clocks) and all(
        clocks[i][1] <= clocks[i + 1][0] for i in range(len(clocks) - 1)
    )
    if ordered:
        return []
    marks = getattr(data, "value_marks", {})
    line, column = marks.get("office_hours", (1, 1))
    return [make("config-office-hours", Severity.ERROR, Pos(file, line, column))]


def from_data(data: Mapping[str, Any], path: Path | None) -> Config:
    """Build a Config from data that already passed ``config.schema.json``."""
    base = path.parent if path else Path.cwd()
    limits = data.get("limits", {})
    plan = data.get("plan", {})
    cost = data.get("cost", {})
    calendar = data.get("calendar", {})
    receipt = data.get("receipt", {})
    office = _office_hours(data.get("office_hours"))
    default_hours = office.hours if "office_hours" in data else 8
    return Config(
        path=path,
        catalog=(base / data["catalog"]) if "catalog" in data else None,
        lang=data.get("lang", "vi"),
        fail_on=Severity(data.get("fail_on", "error")),
        as_of=_day(data["as_of"]) if "as_of" in data else None,
        hours_per_working_day=float(data.get("hours_per_working_day", default_hours)),
        local_code_pattern=data.get("local_code_pattern", DEFAULT_LOCAL_CODE_PATTERN),
        rules=dict(data.get("rules", {})),
        suppress=tuple(
            ConfigSuppression(s["rule"], s["reason"], tuple(s.get("files", ())))
            for s in data.get("suppress", ())
        ),
        ignore=tuple(data.get("ignore", ())),
        follow_symlinks=bool(data.get("follow_symlinks", False)),
        abolished_components=tuple(
            AbolishedComponent(a["name"], _day(a["since"]), a["basis"])
            for a in data["abolished_components"]
        )
        if "abolished_components" in data
        else DEFAULT_ABOLISHED,
        legal_unregistered=data.get("legal", {}).get("unregistered", "info"),
        legal_numbers=dict(data.get("legal_numbers", {})),
        limits=Limits(
            **{k: limits[k] for k in ("max_file_bytes", "max_depth", "max_nodes") if k in limits}
        ),
        plan=PlanSettings(
            name=plan.get("name", "qd-1085"),
            choices={k: _day(v) for k, v in plan.get("choices", {}).items()},
            count_cut_as=plan.get("count_cut_as", "abolished_or_merged"),
            at_risk_days=plan.get("at_risk_days", 90),
            extra_milestones=tuple(plan.get("extra_milestones", ())),
            business_subjects=tuple(plan.get("business_related", {}).get("subjects", ())),
            business_reason=plan.get("business_related", {}).get("reason"),
            baseline_choices={k: _day(v) for k, v in plan.get("baselines", {}).items()},
        ),
        hourly_values=tuple(
            HourlyValue(h["amount"], _day(h["from"]), h["source"])
            for h in cost.get("hourly_value", ())
        ),
        days_off=tuple(DayNote(_day(d["date"]), d["reason"]) for d in calendar.get("days_off", ())),
        working_days=tuple(
            DayNote(_day(d["date"]), d["reason"]) for d in calendar.get("working_days", ())
        ),
        unsettled_days={
            key: UnsettledChoice(choice["treat"], choice["reason"])
            for key, choice in calendar.get("unsettled", {}).items()
        },
        office_hours=office,
        receipt_outside_hours=receipt.get("outside_hours"),
        receipt_reason=receipt.get("reason"),
    )


def with_overrides(
    config: Config,
    *,
    lang: str | None = None,
    fail_on: str | None = None,
    as_of: date | None = None,
) -> Config:
    """Flags win over the environment, which wins over the file."""
    chosen_lang = lang or env_lang() or config.lang
    return replace(
        config,
        lang=chosen_lang if chosen_lang in ("vi", "en") else config.lang,
        fail_on=Severity(fail_on) if fail_on else config.fail_on,
        as_of=as_of or config.as_of,
    )

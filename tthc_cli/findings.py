"""The one findings type shared by the loader, the schema check, the rules and every reporter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

ArgValue = str | int | float


class Ref(str):
    """A message argument that names another message, written ``@key`` (see :func:`ref`).

    Only a ``Ref`` is rendered as a message, in the reader's language; any other text argument
    is data (a name, a value from a file) and is printed as written, even when it starts with
    ``@``. Compared, hashed and written to JSON as its text.
    """

    __slots__ = ()


def ref(key: str) -> Ref:
    """The argument that renders the message ``key``."""
    return Ref(f"@{key}")


class Day(str):
    """A message argument that is a calendar day, held as ISO text (``2025-07-01``, see
    :func:`day`): a message shows it as people write dates in the reader's language (01/07/2025
    in Vietnamese); JSON and the other machine formats keep the ISO text."""

    __slots__ = ()


def day(value: date) -> Day:
    """The argument for the calendar day ``value``."""
    return Day(value.isoformat())


class Severity(StrEnum):
    """How serious a finding is; ``--fail-on`` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class Pos:
    """A place in a file: 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which rule, how serious, where, and a message key with its arguments.

    ``message`` is a key into the message catalogs (``tthc_cli.messages``); reporters render it
    in the chosen language. ``item`` names the list item the finding is about (for example
    ``steps/tra-loi-y-kien``) so that a suppression written on that item applies.
    ``suppressed`` holds the reason when an accepted suppression covers the finding;
    ``suppressed_in_config`` tells whether it came from tthc.yaml rather than the file itself.
    """

    rule: str
    severity: Severity
    message: str
    pos: Pos
    args: tuple[tuple[str, ArgValue], ...] = ()
    item: str | None = None
    suppressed: str | None = field(default=None, compare=False)
    suppressed_in_config: bool = field(default=False, compare=False)

    @property
    def file(self) -> str:
        return self.pos.file

    @property
    def line(self) -> int:
        return self.pos.line

    @property
    def column(self) -> int:
        return self.pos.column

    @property
    def arg_map(self) -> dict[str, ArgValue]:
        return dict(self.args)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.pos.file, self.pos.line, self.pos.column, self.rule, self.message)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def with_suppression(self, reason: str, in_config: bool = False) -> Finding:
        """Mark as suppressed; ``in_config`` when the suppression is in tthc.yaml, not the file."""
        return replace(self, suppressed=reason, suppressed_in_config=in_config)


def make(
    rule: str,
    severity: Severity,
    pos: Pos,
    /,
    message: str | None = None,
    item: str | None = None,
    **args: ArgValue,
) -> Finding:
    """Build a finding; the message key defaults to the rule id."""
    return Finding(
        rule=rule,
        severity=severity,
        message=message or rule,
        pos=pos,
        args=tuple(sorted(args.items())),
        item=item,
    )


def is_position_arg(name: str) -> bool:
    """Whether a message argument only tells where something is, by the naming convention:
    ``line``, ``column`` or a name ending in ``_line`` / ``_column`` (``first_line`` of a
    duplicate key, ``other_line`` of a reused code). Such values change whenever lines move."""
    return name in ("line", "column") or name.endswith(("_line", "_column"))


def identity_args(args: Iterable[tuple[str, ArgValue]]) -> list[tuple[str, ArgValue]]:
    """The arguments that say what a finding is about, without the position arguments:
    identities meant to survive line moves (CI fingerprints) are built from these."""
    return [(name, value) for name, value in args if not is_position_arg(name)]


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def count_by_severity(findings: Iterable[Finding]) -> Mapping[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for f in findings:
        if f.suppressed is None:
            counts[f.severity] += 1
    return counts


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """All findings of one validation (suppressed ones included, marked with their reason)."""

    findings: tuple[Finding, ...]
    paths: tuple[str, ...] = ()  # the procedure files checked, as findings show them

    @property
    def files(self) -> int:
        return len(self.paths)

    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is None]

    def failed(self, fail_on: Severity) -> bool:
        return any(f.severity.rank >= fail_on.rank for f in self.active())

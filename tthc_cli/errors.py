"""Errors that stop a command. Data problems are findings, never exceptions."""

from __future__ import annotations

from enum import IntEnum

from tthc_cli.findings import ArgValue


class ExitCode(IntEnum):
    """Exit codes shared by every command (documented in the README)."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    CANNOT_RUN = 3
    INTERRUPTED = 130


class TthcError(Exception):
    """The command cannot run (unreadable input, broken config or schema): exit 3.

    Carries a message key and arguments so the CLI can say it in the user's language.
    """

    exit_code = ExitCode.CANNOT_RUN

    def __init__(self, key: str, **args: ArgValue) -> None:
        super().__init__(key)
        self.key = key
        self.args_map: dict[str, ArgValue] = args


class UsageError(TthcError):
    """The command line itself is wrong: exit 2."""

    exit_code = ExitCode.USAGE

"""What every findings reporter receives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tthc_cli import __version__
from tthc_cli.findings import Finding
from tthc_cli.messages import render
from tthc_cli.validation import Result

TOOL_NAME = "tthc"
TOOL_VERSION = __version__
INFO_URI = "https://github.com/tthc/tthc"


@dataclass(frozen=True)
class ReportContext:
    """Settings for rendering: language, colour, terminal width, and how the CI formats name
    files (:class:`~tthc_cli.reporters.paths.CiPaths`, made by the command; as shown when
    None)."""

    lang: str = "vi"
    color: bool = False
    width: int = 100
    ci_paths: Callable[[str], str] | None = None


def message(finding: Finding, ctx: ReportContext) -> str:
    """The finding's message in the chosen language."""
    return render(finding.message, finding.arg_map, ctx.lang)


__all__ = ["INFO_URI", "TOOL_NAME", "TOOL_VERSION", "ReportContext", "Result", "message"]

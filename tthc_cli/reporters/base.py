"""What every findings reporter shares: the tool's name and the message of a finding."""

from __future__ import annotations

from tthc_cli import __version__
from tthc_cli.findings import Finding
from tthc_cli.formats import OutputContext
from tthc_cli.messages import render

TOOL_NAME = "tthc"
TOOL_VERSION = __version__
INFO_URI = "https://github.com/tthc/tthc"


def message(finding: Finding, ctx: OutputContext) -> str:
    """The finding's message in the chosen language."""
    return render(finding.message, finding.arg_map, ctx.lang)

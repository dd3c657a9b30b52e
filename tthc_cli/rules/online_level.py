"""The level of online service is given only on the online channel.

``online_service`` (``full`` or ``partial``, the dịch vụ công trực tuyến toàn trình or một
phần) describes how much of the procedure can be done online. On a direct or postal channel it
means nothing and usually shows that a value was copied to the wrong channel.

Passes::

    channels:
      - {channel: online, online_service: full, time: {value: 5, unit: working_days}}

Fails::

    channels:
      - {channel: direct, online_service: full, time: {value: 5, unit: working_days}}
"""

from __future__ import annotations

from collections.abc import Iterator

from tthc_cli.findings import Finding, Severity, ref
from tthc_cli.model import Procedure
from tthc_cli.rules.base import Rule, RuleContext


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    for channel in procedure.channels:
        if channel.online_service is not None and channel.channel != "online":
            yield RULE.finding(
                channel.pos,
                item=f"channels/{channel.key}",
                channel=channel.channel,
                channel_name=ref(f"steps-fit-total.channel.{channel.channel}"),
                level=channel.online_service,
            )


MESSAGES = {  # message key → the arguments it is given
    "online-level": ("channel", "channel_name", "level"),
}

RULE = Rule("online-level", Severity.WARNING, __doc__ or "", MESSAGES, check=check)

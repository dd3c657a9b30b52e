"""No procedure that applies from 1 July 2025 on is performed at district level.

From 1 July 2025 local government has two tiers, province and commune (phường, xã, đặc khu):
the district level (cấp huyện) was abolished (Luật Tổ chức chính quyền địa phương 2025, in
force that day). Source: the City's list of 2,168 procedures effective 1 July 2025 has only
"cấp thành phố", "cấp phường, xã, đặc khu" and "cơ quan khác" (Quyết định 113 of 2025,
https://baomoi.net.vn/tp-hcm-2-168-thu-tuc-hanh-chinh-can-biet-tu-ngay-1-7-c52698215.epi).
A current procedure still listing ``district`` in ``levels``, or whose ``receiving_address``
still names a district ("Quận 1", "quận Phú Nhuận", "huyện Cần Giờ", "thành phố Thủ Đức"), points
applicants at offices or addresses that no longer exist: update the address to the new ward or
commune (e.g. "phường Bến Nghé, Quận 1" is now within phường Sài Gòn). Historical procedures
(``effective.to`` before that day) may keep both.

Passes::

    levels: [province, commune]

Fails (judged after 2025-07-01)::

    levels: [province, district]
    receiving_address: "số 63 Lý Tự Trọng, phường Bến Nghé, Quận 1"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from tthc_cli.findings import Finding, Severity
from tthc_cli.findings import day as day_arg
from tthc_cli.model import Procedure
from tthc_cli.rules._dates import applies_on
from tthc_cli.rules.base import Rule, RuleContext

DISTRICT_LEVEL_ENDED = date(2025, 7, 1)
# A district named in an address: "Quận 1", "quận Phú Nhuận", "Huyện Cần Giờ", "TP. Thủ Đức".
DISTRICT_IN_ADDRESS = re.compile(
    r"\b(?:[Qq]uận|[Hh]uyện)\s+(?:\d+|[A-ZĐÂĂÊÔƠƯ]\w*(?:\s+[A-ZĐÂĂÊÔƠƯ]\w*)*)"
    r"|\b(?:[Tt]hành phố|TP\.?)\s+Thủ Đức"
)


def check(procedure: Procedure, ctx: RuleContext) -> Iterator[Finding]:
    day = applies_on(procedure, ctx)
    if day < DISTRICT_LEVEL_ENDED:
        return
    if "district" in procedure.levels:
        yield RULE.finding(
            procedure.at("levels"), ended=day_arg(DISTRICT_LEVEL_ENDED), on=day_arg(day)
        )
    found = DISTRICT_IN_ADDRESS.search(procedure.receiving_address or "")
    if found is not None:
        yield RULE.finding(
            procedure.at("receiving_address"),
            message="district-level.address",
            found=found.group(0),
            ended=day_arg(DISTRICT_LEVEL_ENDED),
            on=day_arg(day),
        )


MESSAGES = {  # message key → the arguments it is given
    "district-level": ("ended", "on"),
    "district-level.address": ("ended", "found", "on"),
}

RULE = Rule("district-level", Severity.ERROR, __doc__ or "", MESSAGES, check=check)

"""Compare what the importer writes for a portal record with facts read by hand.

Every value of the hand-read facts (``golden/portal-facts.yaml``) ends in one of three counts:
*structured* (the importer wrote the same value), *text* (the importer left it as text: no value,
or a conditional/unknown flag instead of an amount), or *wrong* (the importer wrote a value that
differs, or a value where the facts say the text does not decide). A fact of ``null`` is not
counted; the importer writing a value there is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tthc_cli.importer.common import one_line
from tthc_cli.textnorm import nfc

_MARKERS = re.compile(r"^[\s\-–+•*]+|[\s;.,:]+$")


def norm(text: str) -> str:
    return _MARKERS.sub("", one_line(nfc(text)))


@dataclass
class Tally:
    structured: int = 0
    text: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.structured + self.text + len(self.wrong)

    def add(self, other: Tally) -> None:
        self.structured += other.structured
        self.text += other.text
        self.wrong += other.wrong


def _subsequence(found: Sequence[Any], expected: Sequence[Any]) -> bool:
    it = iter(expected)
    return all(any(item == want for want in it) for item in found)


def legal(code: str, doc: Mapping[str, Any], expected: Sequence[str | None]) -> Tally:
    tally = Tally()
    numbers = [item["number"] for item in doc.get("legal_basis", []) if "number" in item]
    wanted = [n for n in expected if n is not None]
    if not _subsequence(numbers, wanted):
        extra = [n for n in numbers if n not in wanted]
        tally.wrong.append(f"{code} legal: {extra or numbers} not in {wanted}")
        return tally
    tally.structured = len(numbers)
    tally.text = len(wanted) - len(numbers)
    return tally


def results(code: str, doc: Mapping[str, Any], expected: Sequence[Sequence[str]]) -> Tally:
    tally = Tally()
    found = doc.get("result")
    items = [found] if isinstance(found, Mapping) else list(found or [])
    wanted = [(norm(name), str(result_code)) for name, result_code in expected]
    names = [name for name, _ in wanted]
    pairs = [(norm(i["name"]), i.get("code")) for i in items]
    if not _subsequence([name for name, _ in pairs], names):
        tally.wrong.append(f"{code} results: {pairs} vs {wanted}")
        return tally
    for name, result_code in pairs:
        want = dict(wanted)[name]
        if result_code is None:
            tally.text += 1
        elif result_code == want:
            tally.structured += 1
        else:
            tally.wrong.append(f"{code} result {name!r}: code {result_code} vs {want}")
    tally.text += len(wanted) - len(pairs)
    return tally


def _time(row: Mapping[str, Any]) -> str | None:
    time = row.get("time")
    if time is None:
        return None
    value = time["value"]
    shown = str(int(value)) if float(value).is_integer() else str(value)
    return f"{shown} {time['unit']}"


def _fee_kind(fee: Mapping[str, Any] | None) -> Any:
    if fee is None:
        return None
    if fee.get("conditional"):
        return "conditional"
    if fee.get("unknown"):
        return "unknown"
    if fee.get("currency"):
        return f"{fee['amount']} {fee['currency']}"
    return "free" if fee["amount"] == 0 else fee["amount"]


def _is_amount(kind: Any) -> bool:
    return kind not in (None, "conditional", "unknown")


def channels(code: str, doc: Mapping[str, Any], expected: Sequence[Mapping[str, Any]]) -> Tally:
    tally = Tally()
    rows = doc.get("channels", [])
    if [r["channel"] for r in rows] != [e["channel"] for e in expected]:
        tally.wrong.append(f"{code} channels: {[r['channel'] for r in rows]}")
        return tally
    for index, (row, want) in enumerate(zip(rows, expected, strict=True)):
        where = f"{code} channel {index + 1}"
        got_time, want_time = _time(row), want["time"]
        if want_time is None:
            if got_time is not None:
                tally.wrong.append(f"{where} time {got_time} where the text does not decide")
        elif got_time is None:
            tally.text += 1
        elif got_time == want_time:
            tally.structured += 1
        else:
            tally.wrong.append(f"{where} time {got_time} vs {want_time}")
        got, fee = _fee_kind(row.get("fee")), want["fee"]
        if fee is None:
            if _is_amount(got):
                tally.wrong.append(f"{where} fee {got} where the text does not decide")
        elif got == fee:
            tally.structured += 1
        elif _is_amount(got) or (got == "unknown" and fee != "unknown"):
            tally.wrong.append(f"{where} fee {got} vs {fee}")
        else:
            tally.text += 1
    return tally


def submitted(
    code: str, doc: Mapping[str, Any], expected: int | None, component_issues: bool
) -> Tally:
    tally = Tally()
    if expected is None:
        return tally
    count = sum(1 for c in doc.get("components", []) if c.get("kind", "submitted") == "submitted")
    if component_issues or not doc.get("components"):
        tally.text = 1
    elif count == expected:
        tally.structured = 1
    else:
        tally.wrong.append(f"{code} submitted: {count} vs {expected}")
    return tally

"""How much of a set of national-portal records ``tthc import`` reads, field by field.

    python scripts/import_fidelity.py RECORDS_FOLDER [--json]

For every record (``*.json`` under the folder, as ``tthc import portal`` reads them) and every
kind of value the importer structures, count the values *imported* (written as structured
fields), *left as text* (kept verbatim in the note because the text does not decide them) and
*rejected* (the source states something malformed: a document number that is not one, a fee
below any real fee, a record without a code). Nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from tthc_cli.importer.convert import Converted, RecordError, convert
from tthc_cli.load.portal import read_records
from tthc_cli.rules.legal_number import problems

AREAS = ("legal numbers", "results", "channel times", "channel fees", "components", "records")
TEXT = {
    "legal numbers": ("legal-number-missing", "legal-not-understood"),
    "results": ("result-code-unclear", "result-without-name", "result-not-understood"),
    "channel times": ("time-without-unit", "time-fee-run-together", "time-not-understood",
                      "time-unit-unclear"),
    "channel fees": ("fee-not-understood",),
    "components": ("component-form-unclear", "component-quantity-unclear",
                   "components-not-understood", "component-without-name"),
}  # fmt: skip


def _count(converted: Converted, tally: dict[str, Counter[str]]) -> None:
    doc: dict[str, Any] = converted.doc
    whats = Counter(i.what for i in converted.issues)
    legal = [item for item in doc.get("legal_basis", []) if "number" in item]
    tally["legal numbers"]["imported"] += len(legal)
    tally["legal numbers"]["rejected"] += whats["legal-number-not-understood"]
    bad = [i["number"] for i in legal if problems(i["number"])]
    tally["legal numbers"]["failing the legal-number rule"] += len(bad)
    result = doc.get("result")
    results = [result] if isinstance(result, dict) else list(result or [])
    tally["results"]["imported"] += sum(1 for r in results if "code" in r)
    tally["results"]["name only"] += sum(1 for r in results if "code" not in r)
    channels = doc.get("channels", [])
    tally["channel times"]["imported"] += sum(1 for c in channels if "time" in c)
    for channel in channels:
        fee = channel.get("fee") or {}
        if fee.get("conditional"):
            tally["channel fees"]["left as text: conditional (words kept, no amount)"] += 1
        elif fee.get("unknown"):
            tally["channel fees"]["imported: not stated (unknown)"] += 1
        elif fee.get("amount") == 0:
            tally["channel fees"]["imported: free"] += 1
        elif "amount" in fee:
            tally["channel fees"]["imported: amount"] += 1
    components = doc.get("components", [])
    tally["components"]["imported"] += len(components)
    tally["components"]["shown only"] += sum(1 for c in components if c.get("kind") == "shown")
    tally["components"]["notes kept as text"] += sum(
        1 for k in converted.kept if k.what == "component-note"
    )
    for area, kinds in TEXT.items():
        tally[area]["left as text"] += sum(whats[k] for k in kinds)
    tally["channel fees"]["rejected"] += whats["fee-not-understood"]
    del tally["channel fees"]["left as text"]


def measure(folder: Path) -> dict[str, dict[str, int]]:
    tally: dict[str, Counter[str]] = {area: Counter() for area in AREAS}
    for raw in read_records([folder]):
        if raw.data is None:
            tally["records"]["rejected"] += 1
            continue
        try:
            converted = convert(raw.data, "2026-01-01", {})
        except RecordError:
            tally["records"]["rejected"] += 1
            continue
        tally["records"]["imported"] += 1
        tally["records"]["with parts left as text"] += bool(converted.issues)
        _count(converted, tally)
    return {area: dict(sorted(counts.items())) for area, counts in tally.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    found = measure(args.folder)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    for area, counts in found.items():
        print(area)
        for name, count in counts.items():
            print(f"  {count:6d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What an import adds to the register of legal documents (``legal.yaml``). Pure.

Every legal-basis item an imported record states becomes a register entry as the record
writes it: number, title and type, the issue date only where the record states it ("… số
08/2025/TT-BTP ngày 12/6/2025 …"), and the record's address as the source. Items without a
number are not documents the register can hold. :func:`~tthc_cli.load.legal_merge.
merge_documents` appends only numbers the register does not hold; what someone curated stays
byte for byte, and where the import reads a kept entry otherwise the summary says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tthc_cli.dates import stored_day
from tthc_cli.importer.convert import Converted
from tthc_cli.importer.run import CHANGED, NEW, Outcome
from tthc_cli.load.legal_merge import ImportedDocument, RegisterMerge, merge_documents
from tthc_cli.load.roles import LEGAL_FILE


def cited_documents(converted: Iterable[Converted]) -> list[ImportedDocument]:
    """The documents the records cite, in the order first cited, each once (by its number)."""
    found: list[ImportedDocument] = []
    for item in converted:
        source = (item.doc.get("source") or {}).get("url")
        for ref in item.doc.get("legal_basis") or ():
            number, title = ref.get("number"), ref.get("title")
            if not number or not title:
                continue
            found.append(
                ImportedDocument(
                    number=str(number),
                    title=str(title),
                    type=ref.get("type"),
                    issued=stored_day(ref.get("date")),
                    source=source,
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class RegisterPlan:
    """The register's part of an import: the merge (what is added, kept, read otherwise, or
    why the register is left alone), and the write it needs (None when nothing is added)."""

    merge: RegisterMerge
    outcome: Outcome | None


def plan_register(converted: Iterable[Converted], existing: bytes | None) -> RegisterPlan:
    """Add what ``converted`` cites to the register whose bytes are ``existing`` (None: none
    yet). Appending never changes a curated entry, so an existing register is extended without
    ``--update``; the write still checks the file is unchanged since it was read."""
    merged = merge_documents(existing, cited_documents(converted))
    if merged.text is None:
        return RegisterPlan(merged, None)
    status = NEW if existing is None else CHANGED
    outcome = Outcome(
        LEGAL_FILE, status, path=LEGAL_FILE, content=merged.text, before=existing, register=True
    )
    return RegisterPlan(merged, outcome)

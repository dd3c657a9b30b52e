"""Reading the register of legal documents (``legal.yaml``): bytes → YAML → schema → model.

Parsed like the units registry (:mod:`tthc_cli.load.catalog` caches the result by the file's
bytes): a register that fails its schema gives its positioned findings and no register, so no
rule judges procedures against half a register.
"""

from __future__ import annotations

from typing import Any, TypeGuard

from tthc_cli.config import Limits
from tthc_cli.dates import stored_day
from tthc_cli.findings import Finding, Pos
from tthc_cli.legal import Amendment, LegalDocument, LegalRegister, Repeal, Replacement
from tthc_cli.load import shape
from tthc_cli.load.yamlsafe import MDict, MList, parse_yaml


def parse_register(
    raw: bytes, file: str, limits: Limits
) -> tuple[LegalRegister | None, list[Finding]]:
    """The register in ``raw`` (None when it cannot be read or fails its schema) and findings."""
    parsed = parse_yaml(raw, file, limits)
    findings = list(parsed.findings)
    if parsed.data is None:
        return None, findings
    problems = shape.check(parsed.data, "legal", file)
    findings += problems
    return (build_register(parsed.data, file) if not problems else None), findings


def register_shaped(value: Any) -> TypeGuard[tuple[LegalRegister | None, list[Finding]]]:
    """Whether a cached value has the shape :func:`parse_register` returns."""
    if not (isinstance(value, tuple) and len(value) == 2):
        return False
    register, findings = value
    return (register is None or isinstance(register, LegalRegister)) and (
        isinstance(findings, list) and all(isinstance(f, Finding) for f in findings)
    )


def _pos(file: str, mark: tuple[int, int]) -> Pos:
    return Pos(file, mark[0], mark[1])


def _document(item: MDict, file: str, mark: tuple[int, int]) -> LegalDocument:
    amended: list[Amendment] = []
    events = item.get("amended_by")
    if isinstance(events, MList):
        for event, event_mark in zip(events, events.item_marks, strict=True):
            amended.append(
                Amendment(
                    event["number"],
                    _pos(file, event_mark),
                    stored_day(event.get("date")),
                    event.get("articles"),
                    event.get("note"),
                )
            )
    replaced = item.get("replaced_by")
    repealed = item.get("repealed")
    return LegalDocument(
        number=item["number"],
        title=item["title"],
        pos=_pos(file, mark),
        number_pos=_pos(file, item.value_marks.get("number", mark)),
        type=item.get("type"),
        issuer=item.get("issuer"),
        issued=stored_day(item.get("issued")),
        effective=stored_day(item.get("effective")),
        amended_by=tuple(amended),
        replaced_by=Replacement(
            replaced["number"],
            _pos(file, replaced.mark),
            stored_day(replaced.get("date")),
            replaced.get("note"),
        )
        if isinstance(replaced, MDict)
        else None,
        repealed=Repeal(
            repealed["by"],
            _pos(file, repealed.mark),
            repealed["extent"] == "whole",
            stored_day(repealed.get("date")),
            repealed.get("articles"),
            repealed.get("note"),
        )
        if isinstance(repealed, MDict)
        else None,
        sources=tuple(item.get("sources") or ()),
        note=item.get("note"),
    )


def build_register(data: MDict, file: str) -> LegalRegister:
    """The register from a schema-valid ``legal.yaml``."""
    documents = data.get("documents")
    listed: list[LegalDocument] = []
    if isinstance(documents, MList):
        for item, mark in zip(documents, documents.item_marks, strict=True):
            if isinstance(item, MDict):
                listed.append(_document(item, file, mark))
    return LegalRegister.of(file, listed)

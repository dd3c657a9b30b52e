"""Plan an import: convert every record, compare with what is already on disk, and say what
would be written. Pure: records and existing bytes in, outcomes out (the CLI writes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from tthc_cli.config import Config, Limits
from tthc_cli.diff import CatalogDiff, diff_catalogs
from tthc_cli.importer.common import Issue
from tthc_cli.importer.convert import Converted, RecordError
from tthc_cli.importer.emit import emit
from tthc_cli.load.pipeline import process_procedure
from tthc_cli.model import Catalog, Procedure, Side

NEW, UNCHANGED, CHANGED, EXISTS, FAILED = "new", "unchanged", "changed", "exists", "failed"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input record."""

    source: str
    status: str
    code: str = ""
    path: str = ""
    content: str = ""
    issues: tuple[Issue, ...] = ()
    error: str = ""
    detail: str = ""
    diff: CatalogDiff | None = field(default=None, compare=False)


def output_path(converted: Converted) -> str:
    return f"{converted.kind}/{converted.code}.yaml"


def _load(raw: bytes, path: str) -> Procedure | None:
    return process_procedure(raw, path, Limits()).procedure


def _diff(old: Procedure | None, new: Procedure | None, path: str) -> CatalogDiff:
    def catalog(procedure: Procedure | None) -> Catalog:
        items = (procedure,) if procedure else ()
        return Catalog(root="", procedures=items, units={}, config=Config(), files=(path,))

    return diff_catalogs(
        catalog(old), catalog(new), Side(path, "file"), Side(f"import:{path}", "file")
    )


def plan_one(
    source: str,
    converted: Converted,
    existing: bytes | None,
    schema: Mapping[str, Any],
    schema_ref: str,
    update: bool,
) -> Outcome:
    path = output_path(converted)
    content = emit(converted.doc, schema, schema_ref)
    base = Outcome(source, NEW, converted.code, path, content, converted.issues)
    if existing is None:
        return base
    if existing == content.encode("utf-8"):
        return replace(base, status=UNCHANGED)
    old = _load(existing, path)
    if old is not None and old.source.read_on.isoformat() != converted.doc["source"]["read_on"]:
        same_day = dict(converted.doc, source=dict(converted.doc["source"]))
        same_day["source"]["read_on"] = old.source.read_on.isoformat()
        if existing == emit(same_day, schema, schema_ref).encode("utf-8"):
            return replace(base, status=UNCHANGED)  # only the import date would change
    new = _load(content.encode("utf-8"), path)
    return replace(base, status=CHANGED if update else EXISTS, diff=_diff(old, new, path))


def plan(
    converted: Iterable[tuple[str, Converted | RecordError]],
    existing: Callable[[str], bytes | None],
    schema: Mapping[str, Any],
    schema_ref: str,
    update: bool,
) -> list[Outcome]:
    """Outcomes in input order; a code seen before fails as a duplicate."""
    out: list[Outcome] = []
    seen: set[str] = set()
    for source, item in converted:
        if isinstance(item, RecordError):
            out.append(Outcome(source, FAILED, error=item.key, detail=item.detail))
        elif item.code in seen:
            out.append(Outcome(source, FAILED, item.code, error="import.failed.duplicate-code"))
        else:
            seen.add(item.code)
            found = existing(output_path(item))
            out.append(plan_one(source, item, found, schema, schema_ref, update))
    return out


@dataclass(frozen=True, slots=True)
class Summary:
    read: int
    clean: int
    with_issues: int
    failed: int
    files: Mapping[str, int]
    groups: Mapping[str, int]
    examples: Mapping[str, str]

    @property
    def all_clean(self) -> bool:
        return self.failed == 0 and self.with_issues == 0 and self.files.get(EXISTS, 0) == 0


def summarize(outcomes: list[Outcome]) -> Summary:
    imported = [o for o in outcomes if o.status != FAILED]
    groups: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for outcome in imported:
        for what in sorted({i.what for i in outcome.issues}):
            groups[what] += 1
        for found in outcome.issues:
            examples.setdefault(found.what, f"{outcome.code}: {found.text}")
    files = Counter(o.status for o in imported)
    return Summary(
        read=len(outcomes),
        clean=sum(1 for o in imported if not o.issues),
        with_issues=sum(1 for o in imported if o.issues),
        failed=len(outcomes) - len(imported),
        files={k: files.get(k, 0) for k in (NEW, CHANGED, UNCHANGED, EXISTS)},
        groups=dict(sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))),
        examples=examples,
    )

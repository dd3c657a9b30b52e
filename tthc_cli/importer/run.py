"""Plan an import: convert every record, merge it into what is already on disk, and say what
would be written. Pure: records and existing bytes in, outcomes out (the CLI writes).

The plan is both the preview and the write: each outcome carries the exact bytes that would be
written, the bytes it was planned against, and the ``tthc diff`` between them, so what
``--dry-run`` shows is what ``--update`` writes.
"""

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
from tthc_cli.importer.merge import lost_units, merge
from tthc_cli.load.pipeline import process_procedure
from tthc_cli.load.yamlsafe import MDict, parse_yaml
from tthc_cli.model import Catalog, Procedure, Side

NEW, UNCHANGED, CHANGED, EXISTS, FAILED = "new", "unchanged", "changed", "exists", "failed"
STATUSES = (NEW, CHANGED, UNCHANGED, EXISTS)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input record. ``content``: the bytes the plan writes (as text);
    ``before``: the file's bytes the plan was made against (None for a new file)."""

    source: str
    status: str
    code: str = ""
    path: str = ""
    content: str = ""
    issues: tuple[Issue, ...] = ()
    error: str = ""
    detail: str = ""
    diff: CatalogDiff | None = field(default=None, compare=False)
    before: bytes | None = field(default=None, compare=False)
    lost_units: tuple[tuple[str, str], ...] = ()
    kept: tuple[Issue, ...] = ()
    lost_comments: int = 0
    register: bool = False  # the register of legal documents, not a record's procedure file

    @property
    def writes(self) -> bool:
        return self.status in (NEW, CHANGED)


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


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _comments(text: str) -> list[str]:
    """Whole-line comments people wrote (the schema modeline is the importer's)."""
    return [
        line.strip()
        for line in text.splitlines()
        if line.lstrip().startswith("#") and not line.startswith("# yaml-language-server:")
    ]


def _existing_doc(raw: bytes, path: str) -> dict[str, Any] | None:
    parsed = parse_yaml(raw, path)
    return _plain(parsed.data) if isinstance(parsed.data, MDict) else None


def plan_one(
    source: str,
    converted: Converted,
    existing: bytes | None,
    schema: Mapping[str, Any],
    schema_ref: str,
    update: bool,
) -> Outcome:
    path = output_path(converted)
    base = Outcome(source, NEW, converted.code, path, "", converted.issues, kept=converted.kept)
    if existing is None:
        return replace(base, content=emit(converted.doc, schema, schema_ref))
    old_doc = _existing_doc(existing, path)
    if old_doc is None:
        return replace(
            base, status=EXISTS, error="import.failed.existing-unreadable", before=existing
        )
    merged = merge(old_doc, converted.doc)
    content = emit(merged, schema, schema_ref)
    kept_comments = set(_comments(content))
    lost = [c for c in _comments(existing.decode("utf-8", "replace")) if c not in kept_comments]
    base = replace(
        base,
        content=content,
        before=existing,
        lost_units=tuple(lost_units(old_doc, merged)),
        lost_comments=len(lost),
    )
    if existing == content.encode("utf-8"):
        return replace(base, status=UNCHANGED)
    old_read_on = (old_doc.get("source") or {}).get("read_on")
    if old_read_on and old_read_on != merged["source"].get("read_on"):
        same_day = dict(merged, source=dict(merged["source"], read_on=old_read_on))
        if existing == emit(same_day, schema, schema_ref).encode("utf-8"):
            return replace(base, status=UNCHANGED)  # only the import date would change
    old, new = _load(existing, path), _load(content.encode("utf-8"), path)
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
    unmapped: tuple[str, ...] = ()

    @property
    def all_clean(self) -> bool:
        return self.failed == 0 and self.with_issues == 0 and self.files.get(EXISTS, 0) == 0


def summarize(outcomes: list[Outcome]) -> Summary:
    outcomes = [o for o in outcomes if not o.register]
    imported = [o for o in outcomes if o.status != FAILED]
    groups: Counter[str] = Counter()
    examples: dict[str, str] = {}
    unmapped: dict[str, None] = {}
    for outcome in imported:
        for what in sorted({i.what for i in outcome.issues}):
            groups[what] += 1
        for found in outcome.issues:
            examples.setdefault(found.what, f"{outcome.code}: {found.text}")
            if found.what == "unit-unmapped":
                unmapped[found.text] = None
    files = Counter(o.status for o in imported)
    return Summary(
        read=len(outcomes),
        clean=sum(1 for o in imported if not o.issues),
        with_issues=sum(1 for o in imported if o.issues),
        failed=len(outcomes) - len(imported),
        files={k: files.get(k, 0) for k in STATUSES},
        groups=dict(sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))),
        examples=examples,
        unmapped=tuple(sorted(unmapped)),
    )

"""Compare two catalogs: procedures matched by code, then their fields and lists by identity.

Pure: two loaded :class:`~tthc_cli.model.Catalog` objects in, a :class:`CatalogDiff` out.

Classification (for the citizen): **simpler** — procedure abolished or removed, a component
dropped, fewer originals or copies, shorter time on a step or in total, a lower or no fee, a
channel added or upgraded towards toàn trình (``online_service: full``), data taken from a
national database instead of paper, fewer consulted units, fewer steps, fewer compliance hours
or costs. **heavier** — the reverse; a newly added procedure counts as heavier (it is a new
burden for whoever must now do it). **neutral** — wording, references, ids, order, moves.
"""

from __future__ import annotations

from collections.abc import Sequence

from tthc_cli.diff.items import areas, compare_area, make_change
from tthc_cli.diff.legal import cited_keys, new_bases
from tthc_cli.diff.model import (
    CatalogDiff,
    Change,
    DiffValue,
    ProcedureDiff,
    Status,
    Unloaded,
    Verdict,
)
from tthc_cli.diff.totals import totals
from tthc_cli.diff.verdicts import count_verdict, duration_verdict
from tthc_cli.findings import Severity
from tthc_cli.load.reuse import inside
from tthc_cli.model import Catalog, Procedure, Side

# Procedure attributes compared as neutral changes, with the YAML field they live in.
NEUTRAL_FIELDS = (
    ("name", "name"),
    ("field", "field"),
    ("kind", "kind"),
    ("internal_scope", "internal_scope"),
    ("levels", "levels"),
    ("procedure_type", "procedure_type"),
    ("subjects", "subjects"),
    ("publication_decision", "publication"),
    ("publication_date", "publication"),
    ("effective_from", "effective"),
    ("effective_to", "effective"),
    ("competent", "units"),
    ("implementing", "units"),
    ("coordinating", "units"),
    ("delegated", "units"),
    ("receiving_address", "receiving_address"),
    ("requirements", "requirements"),
    ("forms", "forms"),
    ("incomplete", "incomplete"),
    ("note", "note"),
)
UNIT_FIELDS = frozenset({"competent", "implementing", "coordinating", "delegated"})


def _plain(value: object) -> DiffValue:
    if value is None or isinstance(value, str | int | float | bool | tuple):
        return value
    return str(value)


def _number_verdict(old: float | None, new: float | None) -> Verdict:
    if old is None or new is None:
        return Verdict.NEUTRAL
    return Verdict.SIMPLER if new < old else Verdict.HEAVIER if new > old else Verdict.NEUTRAL


def _procedure_fields(old: Procedure, new: Procedure, hours_per_day: float) -> list[Change]:
    out: list[Change] = []
    if old.abolished_on != new.abolished_on:
        kind, verdict = (
            ("procedure-abolished", Verdict.SIMPLER)
            if old.abolished_on is None
            else (
                ("procedure-reinstated", Verdict.HEAVIER)
                if new.abolished_on is None
                else ("procedure-field", Verdict.NEUTRAL)
            )
        )
        out.append(
            make_change(
                kind,
                "abolished",
                verdict,
                _plain(old.abolished_on),
                _plain(new.abolished_on),
                old.at("abolished"),
                new.at("abolished"),
                field="abolished",
            )
        )
    if old.processing_time != new.processing_time:
        old_t, new_t = old.processing_time, new.processing_time
        out.append(
            make_change(
                "procedure-time",
                "processing_time",
                duration_verdict(old_t, new_t, hours_per_day),
                old_t,
                new_t,
                old_t.pos if old_t else old.at("processing_time"),
                new_t.pos if new_t else new.at("processing_time"),
            )
        )
    if old.dossier_sets != new.dossier_sets:
        out.append(
            make_change(
                "procedure-dossier-sets",
                "dossier_sets",
                count_verdict(old.dossier_sets, new.dossier_sets),
                old.dossier_sets,
                new.dossier_sets,
                old.at("dossier_sets"),
                new.at("dossier_sets"),
            )
        )
    for attr in ("hours", "other_costs"):
        a = getattr(old.compliance, attr, None) if old.compliance else None
        b = getattr(new.compliance, attr, None) if new.compliance else None
        if a != b:
            out.append(
                make_change(
                    f"procedure-compliance-{attr.replace('_', '-')}",
                    f"compliance/{attr}",
                    _number_verdict(a, b),
                    a,
                    b,
                    old.at("compliance"),
                    new.at("compliance"),
                )
            )
    for attr, yaml_field in NEUTRAL_FIELDS:
        a, b = getattr(old, attr), getattr(new, attr)
        if a != b:
            out.append(
                make_change(
                    "procedure-field",
                    attr,
                    Verdict.NEUTRAL,
                    _plain(a),
                    _plain(b),
                    old.at(yaml_field),
                    new.at(yaml_field),
                    units=attr in UNIT_FIELDS,
                    field=attr,
                )
            )
    return out


def compare_procedures(
    old: Procedure,
    new: Procedure,
    hours_per_day: float = 8.0,
    old_root: str = "",
    new_root: str = "",
) -> list[Change]:
    """Every change between two versions of one procedure (same code)."""
    out: list[Change] = []
    old_rel, new_rel = inside(old.path, old_root), inside(new.path, new_root)
    if old_rel != new_rel:
        out.append(
            make_change("procedure-moved", "", Verdict.NEUTRAL, old_rel, new_rel, old.pos, new.pos)
        )
    elif old.digest and old.digest == new.digest:
        return out  # the same bytes at the same place: nothing changed
    out += _procedure_fields(old, new, hours_per_day)
    for area in areas(hours_per_day):
        out += compare_area(area, old, new)
    return out


def _unloaded(catalog: Catalog, side: str) -> tuple[list[Unloaded], set[str]]:
    """Findings for what a side could not load, and the (display) paths of those files."""
    failed = set(catalog.unloaded_files())
    entries = [
        Unloaded(side, f)
        for f in catalog.findings
        if f.file in failed or f.severity is Severity.ERROR
    ]
    return entries, failed


def _unit_names(old: Catalog, new: Catalog) -> dict[str, str] | None:
    if not old.units and not new.units:
        return None
    names = {k: u.name for k, u in old.units.items()}
    return names | {k: u.name for k, u in new.units.items()}


def diff_catalogs(
    old: Catalog, new: Catalog, old_side: Side | None = None, new_side: Side | None = None
) -> CatalogDiff:
    """Compare ``old`` with ``new``; procedures are matched by code, never by file name."""
    old_side = old_side or Side(old.root, "dir", old.root)
    new_side = new_side or Side(new.root, "dir", new.root)
    hours_per_day = new.config.hours_per_working_day
    old_gone, old_failed = _unloaded(old, "old")
    new_gone, new_failed = _unloaded(new, "new")
    old_failed_rel = {inside(f, old_side.root) for f in old_failed}
    new_failed_rel = {inside(f, new_side.root) for f in new_failed}
    old_by, new_by = old.by_code(), new.by_code()
    old_cited = cited_keys(old.procedures)
    diffs: list[ProcedureDiff] = []
    for code in sorted(old_by.keys() | new_by.keys()):
        before, after = old_by.get(code), new_by.get(code)
        if before is not None and after is not None:
            changes = compare_procedures(before, after, hours_per_day, old_side.root, new_side.root)
            bases = new_bases(after, cited_keys([before]), new.legal) if changes else ()
            diffs.append(
                ProcedureDiff(
                    code, after.name, Status.CHANGED, before.path, after.path, tuple(changes), bases
                )
            )
        elif before is not None:
            if inside(before.path, old_side.root) in new_failed_rel:
                continue  # the new file could not be loaded: reported there, not as removed
            change = make_change(
                "procedure-removed",
                "",
                Verdict.SIMPLER,
                before.name,
                None,
                before.pos,
                None,
                name=before.name,
            )
            diffs.append(
                ProcedureDiff(code, before.name, Status.REMOVED, before.path, None, (change,))
            )
        elif after is not None:
            if inside(after.path, new_side.root) in old_failed_rel:
                continue
            change = make_change(
                "procedure-added",
                "",
                Verdict.HEAVIER,
                None,
                after.name,
                None,
                after.pos,
                name=after.name,
            )
            bases = new_bases(after, old_cited, new.legal)
            diffs.append(
                ProcedureDiff(code, after.name, Status.ADDED, None, after.path, (change,), bases)
            )
    return CatalogDiff(
        old_side,
        new_side,
        tuple(diffs),
        totals(diffs, old_by, new_by, new.config),
        tuple(old_gone + new_gone),
        _unit_names(old, new),
    )


def changed_only(diffs: Sequence[ProcedureDiff]) -> list[ProcedureDiff]:
    return [d for d in diffs if d.changes]

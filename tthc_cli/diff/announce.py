"""What a Quyết định công bố announces between two versions of a catalog: the procedures newly
issued, amended (or replaced) and abolished, each with the document that causes it — and the
changes that are corrections, which it does not announce. Pure: a :class:`CatalogDiff` and the
two catalogs in, an :class:`Announcement` out.

Diff's matching decides what is new (a code only the new side has), abolished (a code only the
old side has, or a procedure the new side marks ``abolished``) and changed. A change is an
**amendment** only when something causes it: a legal document the new version cites and the
old one did not (:mod:`tthc_cli.diff.legal`), or the decision approving its simplification plan
(``simplification.plan.decision``, approved or implemented, not illustrative) that the old
version did not record. Any other change — wording, a corrected figure, a unit renamed, a file
moved — is a **correction** (the rule "corrections are not reform"): the annex never lists it
as amended, and names it apart so nothing changes unannounced.
"""

from __future__ import annotations

from dataclasses import dataclass

from tthc_cli.diff.model import Basis, CatalogDiff, ProcedureDiff, Status
from tthc_cli.model import Catalog, Procedure


@dataclass(frozen=True, slots=True)
class Entry:
    """A procedure as the annex lists it (the new version; the old one when it is gone), the
    documents that cause its listing, and for an amendment what changed (diff's change paths)."""

    procedure: Procedure
    documents: tuple[Basis, ...] = ()
    changed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Announcement:
    new: tuple[Entry, ...]
    amended: tuple[Entry, ...]
    abolished: tuple[Entry, ...]
    corrections: tuple[Entry, ...]

    @property
    def empty(self) -> bool:
        return not (self.new or self.amended or self.abolished or self.corrections)


def _plan_decision(old: Procedure | None, new: Procedure) -> Basis | None:
    """The plan decision behind a change of ``new``: recorded now, not before."""
    plan = new.simplification.plan if new.simplification else None
    if plan is None or plan.illustrative or plan.status not in ("approved", "implemented"):
        return None
    if not plan.decision_number:
        return None
    before = old.simplification.plan if old is not None and old.simplification else None
    if before is not None and before.decision_number == plan.decision_number:
        return None
    return Basis(plan.decision_number, "", "Quyết định", plan.pos)


def _abolition(procedure: Procedure) -> tuple[Basis, ...]:
    if procedure.abolished_by:
        return (Basis(procedure.abolished_by, "", None, procedure.at("abolished")),)
    return ()


def _newly_abolished(change: ProcedureDiff) -> bool:
    return any(c.kind == "procedure-abolished" for c in change.changes)


def announce(diff: CatalogDiff, old: Catalog, new: Catalog) -> Announcement:
    """Sort ``diff``'s procedures into the annex's three lists and the corrections."""
    old_by, new_by = old.by_code(), new.by_code()
    added: list[Entry] = []
    amended: list[Entry] = []
    abolished: list[Entry] = []
    corrections: list[Entry] = []
    for change in diff.procedures:
        before, after = old_by.get(change.code), new_by.get(change.code)
        if change.status is Status.REMOVED and before is not None:
            abolished.append(Entry(before, _abolition(before)))
        elif change.status is Status.ADDED and after is not None:
            if after.abolished_on is not None:
                abolished.append(Entry(after, _abolition(after)))
            else:
                added.append(Entry(after, change.bases))
        elif change.status is Status.CHANGED and after is not None and change.changes:
            if _newly_abolished(change):
                abolished.append(Entry(after, _abolition(after)))
                continue
            paths = tuple(dict.fromkeys(c.path for c in change.changes))
            decision = _plan_decision(before, after)
            documents = change.bases + ((decision,) if decision is not None else ())
            target = amended if documents else corrections
            target.append(Entry(after, documents, paths))
    return Announcement(tuple(added), tuple(amended), tuple(abolished), tuple(corrections))

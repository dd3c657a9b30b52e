"""What every diff reporter shares: values, messages, symbols and summary lines in a language."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from tthc_cli.diff.model import CatalogDiff, Change, DiffValue, ProcedureDiff, Verdict
from tthc_cli.findings import Pos, ref
from tthc_cli.messages import render, text
from tthc_cli.model import Duration, Money, Side


def number(value: float, lang: str) -> str:
    """1234.5 → '1.234,5' in Vietnamese, '1,234.5' in English."""
    whole = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "vi":
        return whole.translate(str.maketrans(",.", ".,"))
    return whole


def money(amount: int | None, lang: str) -> str:
    if amount is None:
        return text("diff.value.unknown", lang)
    return text("diff.value.money", lang, amount=number(amount, lang))


def value(item: DiffValue, lang: str) -> str:
    """A change's old or new value for people."""
    if item is None:
        return text("diff.value.none", lang)
    if isinstance(item, Duration):
        return f"{number(item.value, lang)} {text(f'diff.unit.{item.unit.value}', lang)}"
    if isinstance(item, Money):
        if item.conditional and item.text:
            return text("diff.value.conditional", lang, text=item.text)
        if item.foreign_amount is not None and item.currency:
            amount = number(item.foreign_amount, lang)
            return text("diff.value.foreign", lang, amount=amount, currency=item.currency)
        return money(item.amount, lang)
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int | float):
        return number(item, lang)
    if isinstance(item, tuple):
        return ", ".join(item) if item else text("diff.value.none", lang)
    if item in ("full", "partial", "submitted", "shown", "agency"):
        return text(f"diff.value.{item}", lang)
    return item


def unit_names(ids: DiffValue, names: Mapping[str, str] | None, lang: str) -> str:
    """Unit ids for people: each by its name in units.yaml; an id not there stays, marked (with
    no units.yaml at all, ``names`` None, ids stay as they are)."""
    if not ids:
        return text("diff.value.none", lang)
    listed = ids if isinstance(ids, tuple) else (str(ids),)
    if names is None:
        return ", ".join(listed)
    return ", ".join(names.get(i) or text("diff.value.unknown-unit", lang, id=i) for i in listed)


def values(change: Change, diff: CatalogDiff, lang: str) -> tuple[str, str]:
    """A change's old and new value for people (unit ids by the units' names)."""
    if change.units:
        return (
            unit_names(change.old, diff.unit_names, lang),
            unit_names(change.new, diff.unit_names, lang),
        )
    return value(change.old, lang), value(change.new, lang)


def message(change: Change, lang: str) -> str:
    """The change's message; a changed field is named by its label (the JSON args keep the
    field's own name)."""
    args = change.arg_map
    if "field" in args:
        args["field"] = ref(change.field_label_key)
    return render(change.message, args, lang)


def shows_values(change: Change) -> bool:
    """Added and removed things are named in the message; other changes show old → new."""
    return not change.kind.endswith(("-added", "-removed"))


def symbol(change: Change) -> str:
    if change.kind.endswith("-added"):
        return "+"
    if change.kind.endswith("-removed"):
        return "-"
    if change.kind.endswith("-reordered"):
        return "⇆"
    return "±"


def bases_line(proc: ProcedureDiff, lang: str) -> str | None:
    """The legal documents behind a procedure's change (see :mod:`tthc_cli.diff.legal`), or
    None when the new side cites none the old side did not."""
    if not proc.bases:
        return None
    documents = ", ".join(f"{b.type} {b.number}" if b.type else b.number for b in proc.bases)
    return text("diff.bases", lang, documents=documents)


def verdict_label(verdict: Verdict, lang: str) -> str:
    return text(f"diff.verdict.{verdict.value}", lang)


def side_label(side: Side, lang: str) -> str:
    return side.label or text("diff.side.worktree", lang)


def ci_file(diff: CatalogDiff, file: str, paths: Callable[[str], str]) -> str:
    """A file of the diff as the CI formats name it: relative to the repository root, whatever
    folder tthc runs from (see :mod:`tthc_cli.reporters.paths`). A git side's ``REV:`` prefix is
    dropped from the new side's files (they are already relative to the repository root); the
    old revision's files, in no working tree, are left as they are."""
    new_prefix = f"{diff.new.label}:"
    if diff.new.kind == "git" and file.startswith(new_prefix):
        return file[len(new_prefix) :]
    if diff.old.kind == "git" and file.startswith(f"{diff.old.label}:"):
        return file
    return paths(file)


def line(pos: Pos | None) -> str:
    return f"{pos.line}" if pos is not None else "–"


def where(change: Change) -> str:
    """Lines on each side: ``12 → 14``."""
    return f"{line(change.old_pos)} → {line(change.new_pos)}"


def summary_lines(diff: CatalogDiff, lang: str) -> list[str]:
    t = diff.totals
    lines = [
        text(
            "diff.summary.procedures",
            lang,
            old=t.procedures_old,
            new=t.procedures_new,
            added=t.added,
            removed=t.removed,
            changed=t.changed,
            simpler=t.simpler,
            heavier=t.heavier,
            mixed=t.mixed,
            neutral=t.neutral,
        )
    ]
    if not diff.has_changes:
        return [text("diff.no-changes", lang), *lines]
    if t.time_cut_days:
        lines.append(
            text(
                "diff.summary.time",
                lang,
                days=number(t.time_cut_days, lang),
                hours=number(t.time_cut_hours or 0, lang),
            )
        )
    if t.components_removed or t.components_added:
        lines.append(
            text(
                "diff.summary.components",
                lang,
                removed=t.components_removed,
                added=t.components_added,
            )
        )
    if t.fee_change:
        lines.append(text("diff.summary.fee", lang, amount=money(t.fee_change, lang)))
    if t.compliance_hours_change:
        lines.append(
            text(
                "diff.summary.compliance-hours", lang, hours=number(t.compliance_hours_change, lang)
            )
        )
    if t.compliance_cost_change:
        lines.append(
            text("diff.summary.compliance-cost", lang, amount=money(t.compliance_cost_change, lang))
        )
    return lines

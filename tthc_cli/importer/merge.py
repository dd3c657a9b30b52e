"""``import --update``: the portal's new reading merged into a file people have worked on. Pure.

The portal *owns* what it publishes — the name, field, levels, subjects, channels, dossier
components, steps, requirements, forms, results and legal basis, the publication decision and
where the record was read. Everything else in the file is kept as it is: the simplification
plan, ``suppress`` entries, compliance figures, unit ids, ``effective``/``abolished``, item ids,
notes people wrote, and any field the importer does not write.

Within a list, items are matched to the file's items by identity (a channel by its kind and
rank, a component by its name, a legal document by its number, a step by its action, a result
by its code); a matched item keeps what people added to it (``id``, ``suppress``, a step's
``lead`` and ``kind``, a component's ``national_database``…) and takes the portal's words. A
value the portal no longer gives in a form the importer understands is kept from the file, not
dropped: the importer never removes what it could not read. What the portal stopped listing is
removed, and the preview shows it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tthc_cli.importer.common import Doc, one_line
from tthc_cli.messages import text as message
from tthc_cli.textnorm import fold

# Top-level fields the portal record decides; when the import has no value, the file's stays.
PORTAL_FIELDS = (
    "code", "kind", "name", "field", "levels", "procedure_type", "subjects",
    "receiving_address", "dossier_sets", "requirements", "forms",
)  # fmt: skip
# Per list: the item fields the portal decides (others in an item are the file's).
ITEM_FIELDS = {
    "channels": ("channel", "time", "fee", "description"),
    "components": ("name", "form", "originals", "copies", "quantity_text", "when", "kind"),
    "steps": ("action", "duration"),
    "legal_basis": ("number", "type", "title", "date"),
    "result": ("name", "code"),
}
# Fields of a step people add when they curate a list the portal gives as one text.
CURATED_STEP_FIELDS = (
    "id", "kind", "lead", "coordinating", "consulted", "consulted_text", "response_deadline",
    "when", "outside_time", "suppress",
)  # fmt: skip
NOTE_HEADERS = ("import.note.header", "import.note.kept-header")


def _channel_keys(items: Sequence[Mapping[str, Any]]) -> list[str]:
    seen: Counter[str] = Counter()
    keys = []
    for item in items:
        seen[str(item.get("channel"))] += 1
        keys.append(f"{item.get('channel')}#{seen[str(item.get('channel'))]}")
    return keys


def _text_keys(field: str) -> Callable[[Sequence[Mapping[str, Any]]], list[str]]:
    def keys(items: Sequence[Mapping[str, Any]]) -> list[str]:
        return [fold(one_line(str(item.get(field, "")))) for item in items]

    return keys


def _legal_keys(items: Sequence[Mapping[str, Any]]) -> list[str]:
    return [str(i["number"]) if i.get("number") else fold(str(i.get("title", ""))) for i in items]


def _result_keys(items: Sequence[Mapping[str, Any]]) -> list[str]:
    return [str(i["code"]) if i.get("code") else fold(str(i.get("name", ""))) for i in items]


KEYS: dict[str, Callable[[Sequence[Mapping[str, Any]]], list[str]]] = {
    "channels": _channel_keys,
    "components": _text_keys("name"),
    "steps": _text_keys("action"),
    "legal_basis": _legal_keys,
    "result": _result_keys,
}


def _as_list(value: Any) -> list[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        return [value]
    return [v for v in value or [] if isinstance(v, Mapping)]


def _merge_item(old: Mapping[str, Any], new: Mapping[str, Any], owned: Sequence[str]) -> Doc:
    merged: Doc = {k: v for k, v in old.items() if k not in owned or k not in new}
    for key in owned:
        if key in new:
            merged[key] = new[key]
    if "id" in new and "id" not in old:
        merged["id"] = new["id"]
    return merged


def merge_list(name: str, old: Any, new: Any) -> Any:
    """The portal's items, each merged with the file's item of the same identity."""
    old_items, new_items = _as_list(old), _as_list(new)
    keys = KEYS[name]
    waiting: dict[str, list[Mapping[str, Any]]] = {}
    for key, item in zip(keys(old_items), old_items, strict=True):
        waiting.setdefault(key, []).append(item)
    merged = []
    for key, item in zip(keys(new_items), new_items, strict=True):
        matches = waiting.get(key)
        merged.append(
            _merge_item(matches.pop(0), item, ITEM_FIELDS[name]) if matches else dict(item)
        )
    if name == "result":
        return merged[0] if len(merged) == 1 else merged
    return merged


def _same_steps(old: Any, new: Any) -> bool:
    """Whether the file's steps are the portal's text, split or annotated by hand."""
    old_items, new_items = _as_list(old), _as_list(new)
    curated = any(k in item for item in old_items for k in CURATED_STEP_FIELDS)
    joined = [
        " ".join(one_line(str(i.get("action", ""))) for i in items)
        for items in (old_items, new_items)
    ]
    return curated and fold(joined[0]) == fold(joined[1])


def split_note(note: str | None) -> tuple[str, str]:
    """A note's own text and the part the importer wrote (its headers and the lines below)."""
    if not note:
        return "", ""
    headers = {message(key, "vi") for key in NOTE_HEADERS}
    own: list[str] = []
    imported: list[str] = []
    inside = False
    for line in note.split("\n"):
        if line in headers:
            inside = True
        elif inside and not line.startswith("- "):
            inside = False
        (imported if inside else own).append(line)
    return "\n".join(own).strip(), "\n".join(imported).strip()


def _merge_note(old: str | None, new: str | None) -> str | None:
    own, _ = split_note(old)
    _, imported = split_note(new)
    text = "\n".join(part for part in (own, imported) if part)
    return text or None


def _merge_source(old: Mapping[str, Any], new: Mapping[str, Any]) -> Doc:
    merged: Doc = dict(old)
    for key in ("url", "decision", "read_on"):
        if key in new:
            merged[key] = new[key]
    old_note, new_note = old.get("note"), new.get("note")
    if new_note and old_note and new_note not in old_note:
        merged["note"] = f"{old_note} {new_note}"
    elif new_note and not old_note:
        merged["note"] = new_note
    return merged


def merge(old: Mapping[str, Any], new: Mapping[str, Any]) -> Doc:
    """The file ``old`` with what the portal owns taken from ``new`` (both plain documents)."""
    merged: Doc = dict(old)
    for key in PORTAL_FIELDS:
        if key in new:
            merged[key] = new[key]
    for key in ITEM_FIELDS:
        if key not in new:
            continue
        if key == "steps" and _same_steps(old.get(key), new[key]):
            continue
        merged[key] = merge_list(key, old.get(key), new[key])
    if "publication" in new:
        merged["publication"] = {**dict(old.get("publication") or {}), **new["publication"]}
    if "units" in new:
        merged["units"] = {**dict(old.get("units") or {}), **new["units"]}
    merged["source"] = _merge_source(old.get("source") or {}, new.get("source") or {})
    note = _merge_note(old.get("note"), new.get("note"))
    if note is None:
        merged.pop("note", None)
    else:
        merged["note"] = note
    if not new.get("incomplete"):  # a portal record completes a skeleton; a skeleton nothing
        merged.pop("incomplete", None)
    return merged


def lost_units(old: Mapping[str, Any], merged: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Unit ids the file had in a role that the merged document no longer has: (role, id)."""
    before = old.get("units") or {}
    after = merged.get("units") or {}
    out = []
    for role, ids in before.items():
        kept = set(after.get(role) or [])
        out += [(str(role), str(unit)) for unit in ids or [] if unit not in kept]
    return out

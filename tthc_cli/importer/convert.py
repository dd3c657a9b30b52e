"""One portal record (the collector's flat JSON shape) → one procedure document. Pure.

Fields the record states are parsed by the ``parse_*`` modules; what they cannot understand
is kept verbatim in the document's ``note`` and returned as issues. A record without a code,
name, field or level is malformed: :class:`RecordError`, and the caller skips it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tthc_cli.importer.common import Doc, Issue, issue, one_line, stated, tidy
from tthc_cli.importer.parse_channels import parse_channels
from tthc_cli.importer.parse_components import parse_components
from tthc_cli.importer.parse_legal import parse_legal
from tthc_cli.importer.parse_results import parse_results
from tthc_cli.importer.parse_steps import parse_steps
from tthc_cli.messages import text as message
from tthc_cli.textnorm import fold

CODE = re.compile(r"^[0-9]\.[0-9]{6}$")
INTERNAL_PREFIXES = ("5.", "6.")
LEVELS = {
    "cấp bộ": "ministry",
    "cấp tỉnh": "province",
    "cấp huyện": "district",
    "cấp xã": "commune",
    "cơ quan khác": "other",
}
UNIT_FIELDS = (
    ("competent", "co_quan_co_tham_quyen"),
    ("implementing", "co_quan_thuc_hien"),
    ("coordinating", "co_quan_phoi_hop"),
    ("delegated", "co_quan_duoc_uy_quyen"),
)
# Subject labels the portal writes with commas inside them.
_SUBJECTS_WITH_COMMAS = ("Cán bộ, công chức, viên chức",)


class RecordError(Exception):
    """The record lacks what every procedure file must have; ``key`` names what."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Converted:
    """One record as a procedure document; ``issues``: what was not understood (kept in the
    note as written); ``kept``: text the record states that has no field (kept in the note)."""

    code: str
    kind: str
    doc: Doc
    issues: tuple[Issue, ...] = field(default=())
    kept: tuple[Issue, ...] = field(default=())


def _text(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    return stated(value) if isinstance(value, str) else None


def split_list(text: str) -> list[str]:
    """Comma-separated labels; commas inside brackets or in known labels do not split."""
    protected = text
    for label in _SUBJECTS_WITH_COMMAS:
        protected = protected.replace(label, label.replace(",", "\0"))
    out: list[str] = []
    depth, current = 0, ""
    for char in protected:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    return list(dict.fromkeys(one_line(p.replace("\0", ",")) for p in out if one_line(p)))


def _levels(text: str | None) -> tuple[list[str], list[Issue]]:
    if text is None:
        raise RecordError("import.failed.no-level")
    levels, issues = [], []
    for part in split_list(text):
        level = LEVELS.get(part.lower())
        if level is None:
            issues.append(issue("level-not-understood", part))
        elif level not in levels:
            levels.append(level)
    if not levels:
        raise RecordError("import.failed.no-level", text)
    return levels, issues


def _units(
    record: Mapping[str, Any], units: Mapping[str, str]
) -> tuple[Doc, list[str], list[Issue]]:
    """Unit ids where the mapping file names the portal's wording; the wording otherwise."""
    mapped: Doc = {}
    said: list[str] = []
    issues: list[Issue] = []
    folded = {fold(name): unit for name, unit in units.items()}
    for role, key in UNIT_FIELDS:
        value = _text(record, key)
        if value is None:
            continue
        whole = folded.get(fold(value))
        names = [value] if whole else split_list(value)
        ids = [folded.get(fold(name)) for name in names]
        if units and all(ids):
            mapped[role] = list(dict.fromkeys(str(i) for i in ids))
            continue
        said.append(message(f"import.note.{role}", "vi", text=one_line(value)))
        if units:
            issues.append(issue("unit-unmapped", value))
    return mapped, said, issues


def convert(record: Mapping[str, Any], read_on: str, units: Mapping[str, str]) -> Converted:
    """The procedure document for one record; raises RecordError when it is malformed."""
    code = _text(record, "ma_thu_tuc")
    if code is None or not CODE.match(code):
        raise RecordError("import.failed.no-code", str(record.get("ma_thu_tuc") or ""))
    name = _text(record, "ten_thu_tuc")
    field_name = _text(record, "linh_vuc")
    if name is None:
        raise RecordError("import.failed.no-name")
    if field_name is None:
        raise RecordError("import.failed.no-field")
    url, decision = _text(record, "detail_url"), _text(record, "so_quyet_dinh")
    if url is None and decision is None:
        raise RecordError("import.failed.no-source")
    kind = "internal" if code.startswith(INTERNAL_PREFIXES) else "public"
    levels, issues = _levels(_text(record, "cap_thuc_hien"))
    doc: Doc = {"code": code, "kind": kind, "name": one_line(name), "field": one_line(field_name)}
    doc["levels"] = levels
    if procedure_type := _text(record, "loai_thu_tuc"):
        doc["procedure_type"] = one_line(procedure_type)
    if subjects := _text(record, "doi_tuong_thuc_hien"):
        doc["subjects"] = split_list(subjects)
    if decision:
        doc["publication"] = {"decision": one_line(decision)}
    mapped, said, problems = _units(record, units)
    issues += problems
    if mapped:
        doc["units"] = mapped
    if address := _text(record, "dia_chi_tiep_nhan"):
        doc["receiving_address"] = one_line(address)
    kept: list[Issue] = []
    channels, found = parse_channels(record.get("cach_thuc_thuc_hien") or "")
    issues += found
    if channels:
        doc["channels"] = channels
    components, forms, found, notes, sets = parse_components(record.get("thanh_phan_ho_so") or "")
    issues += found
    kept += notes
    if sets is not None:
        doc["dossier_sets"] = sets
    if components:
        doc["components"] = components
    steps, found = parse_steps(record.get("trinh_tu_thuc_hien") or "", units)
    issues += found
    if steps:
        doc["steps"] = steps
    if requirements := _text(record, "yeu_cau_dieu_kien"):
        doc["requirements"] = [tidy(requirements)]
    if forms:
        doc["forms"] = forms
    results, found, extras = parse_results(_text(record, "ket_qua_xu_ly"))
    issues += found
    kept += extras
    if results:
        doc["result"] = results[0] if len(results) == 1 else results
    legal, problems = parse_legal(record.get("can_cu_phap_ly") or "")
    issues += problems
    if legal:
        doc["legal_basis"] = legal
    source: Doc = {}
    if url:
        source["url"] = url
    if decision:
        source["decision"] = one_line(decision)
    source["read_on"] = read_on
    if said:
        source["note"] = " ".join(said)
    doc["source"] = source
    if issues or kept:
        doc["note"] = note_for(issues, kept)
    return Converted(code, kind, doc, tuple(issues), tuple(kept))


def _block(header: str, found: list[Issue]) -> list[str]:
    lines = [message(header, "vi")]
    for item in found:
        what = message(f"import.what.{item.what}", "vi")
        lines.append(f"- {what}: {item.text}" if item.text else f"- {what}")
    return lines


def note_for(issues: list[Issue], kept: list[Issue] | None = None) -> str:
    """What could not be understood, and what has no field, verbatim: nothing is lost."""
    lines = _block("import.note.header", issues) if issues else []
    if kept:
        lines += _block("import.note.kept-header", kept)
    return "\n".join(lines)

"""The portal's list export (Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực) →
skeleton procedure documents marked ``incomplete: true`` for the inventory. Pure: rows in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tthc_cli.importer.common import Doc, one_line
from tthc_cli.importer.convert import CODE, INTERNAL_PREFIXES, Converted, RecordError
from tthc_cli.messages import text as message

COLUMNS = ("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực")


def header_row(rows: Sequence[Sequence[Any]]) -> int | None:
    """Index of the header row (the export puts a title block above it)."""
    for index, row in enumerate(rows):
        cells = [one_line(str(c)) if c is not None else "" for c in row[: len(COLUMNS)]]
        if tuple(cells) == COLUMNS:
            return index
    return None


def skeleton(row: Sequence[Any], read_on: str, file_name: str) -> Converted:
    """A skeleton document for one row; RecordError when the row has no code or name."""
    cells = [one_line(str(c)) if c is not None else "" for c in (*row, *[None] * 5)[:5]]
    code, name, publisher, agency, field_name = cells
    if not CODE.match(code):
        raise RecordError("import.failed.no-code", code)
    if not name:
        raise RecordError("import.failed.no-name")
    if not field_name:
        raise RecordError("import.failed.no-field")
    kind = "internal" if code.startswith(INTERNAL_PREFIXES) else "public"
    doc: Doc = {"code": code, "kind": kind, "name": name, "field": field_name}
    notes = [message("import.note.list-source", "vi", file=file_name)]
    if publisher:
        notes.append(message("import.note.publisher", "vi", text=publisher))
    if agency:
        notes.append(message("import.note.implementing", "vi", text=agency))
    doc["source"] = {"read_on": read_on, "note": " ".join(notes)}
    doc["incomplete"] = True
    return Converted(code, kind, doc)


def skeletons(
    rows: Sequence[Sequence[Any]], read_on: str, file_name: str
) -> tuple[list[Converted], list[tuple[int, RecordError]]]:
    """Skeletons for every data row below the header; failed rows with their row number."""
    start = header_row(rows)
    if start is None:
        return [], [(0, RecordError("import.failed.no-header"))]
    done: list[Converted] = []
    failed: list[tuple[int, RecordError]] = []
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if all(c is None or not str(c).strip() for c in row):
            continue
        try:
            done.append(skeleton(row, read_on, file_name))
        except RecordError as error:
            failed.append((number, error))
    return done, failed

"""The legal documents behind a change: what the new side cites that the old side did not.

A change to a procedure is reform when a legal document (or a plan decision) causes it; without
one it is a correction (see the wave's rule "corrections are not reform"). For a changed
procedure, the documents its new version cites and its old version did not; for an added
procedure, the documents it cites that no procedure of the old catalog cited. Titles come from
the new side's register of legal documents when it has the document, else as cited. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable

from tthc_cli.diff.model import Basis
from tthc_cli.legal import LegalRegister, number_key
from tthc_cli.model import Procedure


def cited_keys(procedures: Iterable[Procedure]) -> frozenset[str]:
    """The numbers (compared as :func:`~tthc_cli.legal.number_key`) ``procedures`` cite."""
    return frozenset(
        number_key(r.number) for p in procedures for r in p.legal_basis if r.number is not None
    )


def new_bases(
    new: Procedure, before: frozenset[str], register: LegalRegister | None
) -> tuple[Basis, ...]:
    """The documents ``new`` cites whose numbers are not in ``before``, in the order cited."""
    out: list[Basis] = []
    seen: set[str] = set()
    for legal_ref in new.legal_basis:
        if legal_ref.number is None:
            continue
        key = number_key(legal_ref.number)
        if key in before or key in seen:
            continue
        seen.add(key)
        document = register.get(legal_ref.number) if register is not None else None
        if document is not None:
            out.append(Basis(document.number, document.title, document.type, legal_ref.pos))
        else:
            out.append(Basis(legal_ref.number, legal_ref.title, None, legal_ref.pos))
    return tuple(out)

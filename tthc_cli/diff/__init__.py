"""Semantic diff of two catalogs (``tthc diff``): matching, classification, totals. Pure."""

from tthc_cli.diff.compare import compare_procedures, diff_catalogs
from tthc_cli.diff.model import (
    Basis,
    CatalogDiff,
    Change,
    ProcedureDiff,
    Status,
    Totals,
    Unloaded,
    Verdict,
)

__all__ = [
    "Basis",
    "CatalogDiff",
    "Change",
    "ProcedureDiff",
    "Status",
    "Totals",
    "Unloaded",
    "Verdict",
    "compare_procedures",
    "diff_catalogs",
]

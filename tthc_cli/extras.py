"""What the optional extras of the package hold, and how a missing one is named to the user.

``pip install tthc`` is the core: validate, diff, list, show, deadline, report and table in
text, Markdown, JSON, CSV and HTML. ``pip install 'tthc[office]'`` adds Word (DOCX) and Excel
(XLSX) documents and the charts of the HTML report. A command that needs a module of an extra
that is not installed stops with one line naming the extra (exit 3), never a traceback.
"""

from __future__ import annotations

import importlib.util

OFFICE = "office"
# Top-level modules each extra brings, with what they bring along (python-docx needs lxml,
# matplotlib numpy and pillow, openpyxl et_xmlfile).
EXTRAS: dict[str, frozenset[str]] = {
    OFFICE: frozenset(
        {"docx", "openpyxl", "et_xmlfile", "matplotlib", "numpy", "PIL", "lxml", "fontTools"}
    ),
}


def extra_for(module: str | None) -> str | None:
    """The extra that installs ``module`` (a dotted name is judged by its top level)."""
    top = (module or "").split(".")[0]
    return next((extra for extra, modules in EXTRAS.items() if top in modules), None)


def available(module: str) -> bool:
    """Whether ``module`` can be imported (without importing it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False

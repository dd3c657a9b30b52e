"""Output formats: one set of names for every command, the file extensions that go with them,
and the registries commands pick their writers from.

Every command that writes a document has one :class:`Writers` registry (format name → writer,
imported when asked for), whose writers share one signature: ``(what, OutputContext) -> str |
bytes``. Names are the same words everywhere (``text``, ``markdown``, ``json``, ``csv``, ``html``,
``docx``, ``xlsx``, and the CI formats); ``md`` and ``txt`` are accepted for ``markdown`` and
``text``. With ``-o FILE`` and no ``--format`` the file's extension picks the format; an
extension that names another format, or one the command cannot write (``.pdf``), is a usage
error rather than a file in the wrong format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Generic, TypeVar

from tthc_cli.errors import UsageError

ALIASES = {"md": "markdown", "txt": "text", "htm": "html"}

# The extensions each format is written to; the first format listing an extension is the one
# it picks when no --format is given (validate -o x.json: json; sarif and gitlab also write it).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".text", ".log"),
    "markdown": (".md", ".markdown"),
    "json": (".json",),
    "csv": (".csv",),
    "html": (".html", ".htm"),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "sarif": (".sarif", ".json"),
    "gitlab": (".json",),
    "junit": (".xml",),
    "github": (".txt", ".log"),
}
# Document formats no command writes: asked for by extension, they are refused.
FOREIGN = (".pdf", ".doc", ".xls", ".odt", ".ods", ".rtf", ".pptx", ".ppt", ".yaml", ".yml")


@dataclass(frozen=True)
class OutputContext:
    """How to write: language, colour, width, whether the output goes to a file, and how the CI
    formats name files (:class:`~tthc_cli.reporters.paths.CiPaths`; paths as shown when None)."""

    lang: str = "vi"
    color: bool = False
    width: int = 100
    to_file: bool = False
    ci_paths: Callable[[str], str] | None = None
    tablefmt: str | None = None  # a tabulate style for text and Markdown tables
    show_suppressed: bool = False  # findings reports for people: print suppressed findings too


T = TypeVar("T")


def canonical(name: str) -> str:
    """The format ``name`` stands for (``md`` → ``markdown``), lower-cased."""
    lowered = name.strip().lower()
    return ALIASES.get(lowered, lowered)


class Writers(Mapping[str, T], Generic[T]):
    """One command's writers: ``name → "module:attribute"``, imported on first use."""

    def __init__(self, entries: dict[str, str], default: str) -> None:
        self._entries = entries
        self.default = default

    def __getitem__(self, name: str) -> T:
        module, _, attribute = self._entries[canonical(name)].partition(":")
        found: Any = getattr(importlib.import_module(module), attribute)
        return found  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and canonical(name) in self._entries

    def metavar(self) -> str:
        """The choices as ``--help`` shows them."""
        return "[" + "|".join(self._entries) + "]"

    def choose(self, option: str | None, output: PurePath | None) -> str:
        """The format to write: ``option`` (``--format``), else what ``output``'s extension
        names, else the default. A contradiction or an unwritable extension: exit 2."""
        suffix = output.suffix.lower() if output is not None else ""
        if option is not None:
            name = canonical(option)
            if name not in self._entries:
                raise UsageError(
                    "error.bad-choice", option="--format", value=option, choices=", ".join(self)
                )
            known = suffix in {ext for exts in EXTENSIONS.values() for ext in exts} | set(FOREIGN)
            if known and suffix not in EXTENSIONS.get(name, ()):
                raise UsageError("error.format-extension", format=name, path=str(output))
            return name
        if not suffix:
            return self.default
        named = [name for name in self._entries if suffix in EXTENSIONS.get(name, ())]
        if named:
            return named[0]
        if suffix in FOREIGN or any(suffix in exts for exts in EXTENSIONS.values()):
            raise UsageError(
                "error.extension-unwritable", path=str(output), choices=", ".join(self)
            )
        return self.default

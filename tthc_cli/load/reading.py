"""Reading a catalog: which files, and their bytes, from a folder or a git revision. No parsing.

:func:`read_paths` turns command-line paths into the catalog they belong to (the configured one,
or the nearest folder with a ``units.yaml``) and the files selected in it; :func:`read_source`
reads them from any :class:`~tthc_cli.load.sources.Source`. The result, a :class:`RawCatalog`,
holds bytes; :mod:`tthc_cli.load.catalog` builds it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tthc_cli.config import Config
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.findings import Finding
from tthc_cli.load.cache import Cache, digest
from tthc_cli.load.opening import exists, is_dir, is_file, refusal_finding
from tthc_cli.load.roles import LEGAL_FILE, UNITS_FILE, Role, role_of
from tthc_cli.load.sources import DirSource, Source, display_path
from tthc_cli.load.unchanged import StatIndex, content_digest, load_index


def _is_ignored(rel: str, config: Config) -> bool:
    """Not read as a procedure: another role (:mod:`tthc_cli.load.roles`), or ignored by the
    config."""
    if role_of(rel) is not Role.PROCEDURE:
        return True
    return any(fnmatch.fnmatch(rel, pattern) for pattern in config.ignore)


Got = bytes | Finding  # a file's bytes (or the digest standing for them), or why not read


@dataclass(slots=True)
class RawCatalog:
    """A catalog read but not parsed: each procedure file's bytes (or why it could not be read).

    :func:`build_catalog` consumes it: each file's bytes are released once the file is built, so
    a large catalog is never in memory twice. Take the :meth:`fingerprint` before building.
    """

    root: str
    scope: str  # names the catalog in the cache
    config: Config
    items: list[tuple[str, bytes | Finding | None]]  # (name in findings, bytes | error | used)
    units_file: str | None
    units_raw: bytes | None  # None: no registry, or an unreadable one (see findings)
    findings: tuple[Finding, ...]  # what could not be read: the registry, folders in the walk
    complete: bool  # the whole catalog, not a selection
    legal_file: str | None = None  # the register of legal documents, like the units registry
    legal_raw: bytes | None = None
    # The catalog's own plans (plans/*.yaml): (name in findings, bytes or why unreadable).
    plans: tuple[tuple[str, bytes | Finding], ...] = ()

    def fingerprint(self, *extra: str) -> str:
        """Changes whenever any input that findings depend on changes (see :func:`_key`)."""
        items: list[tuple[str, Got]] = []
        for file, data in self.items:
            if data is None:
                raise ValueError("fingerprint of a catalog already built")
            items.append((file, content_digest(data) if isinstance(data, bytes) else data))
        units = None if self.units_raw is None else content_digest(self.units_raw)
        legal = None if self.legal_raw is None else content_digest(self.legal_raw)
        plans = [(f, content_digest(p) if isinstance(p, bytes) else p) for f, p in self.plans]
        return _key(self.root, extra, units, legal, self.findings, items, plans)


def _key(
    root: str,
    extra: tuple[str, ...],
    units: bytes | None,
    legal: bytes | None,
    findings: tuple[Finding, ...],
    items: list[tuple[str, Got]],
    plans: Sequence[tuple[str, Got]] = (),
) -> str:
    """The cache key of a catalog's inputs, from the digests of its files' bytes: the same
    whether the digests were computed from bytes just read or known from the cache's index
    (:mod:`tthc_cli.load.unchanged`)."""
    parts: list[str | bytes] = [root, *extra]
    parts += [b"-" if units is None else b"+" + units, b"-" if legal is None else b"+" + legal]
    parts.append(repr(findings))
    for file, plan in plans:
        parts += ["plan", file, b"+" + plan if isinstance(plan, bytes) else repr(plan)]
    # One part for all the files (names never hold NUL; a digest has a fixed size, a refusal's
    # repr no NUL): hashing 5,000 parts one by one took longer than the rest of the key.
    listed = bytearray()
    for file, got in items:
        listed += file.encode("utf-8", "surrogateescape")
        listed += b"\0+" + got if isinstance(got, bytes) else b"\0!" + repr(got).encode()
        listed += b"\0"
    parts.append(bytes(listed))
    return digest(*parts)


@dataclass(slots=True)
class Listing:
    """A catalog's files, listed but not yet read: :meth:`read` reads them into a
    :class:`RawCatalog`; :meth:`fingerprint` gives the key the read catalog would give, from the
    cache's index of unchanged files where it can (without opening them)."""

    source: Source
    config: Config
    listed: list[str]  # the procedure files (relative to the root)
    root: str
    scope: str
    complete: bool
    plans: list[str] = field(default_factory=list)  # the catalog's own plan files (plans/*.yaml)

    def _get(self, rel: str, index: StatIndex | None, digests: bool) -> bytes:
        """A file's bytes, or with ``digests`` their digest (from ``index`` when it knows the
        file unchanged). Raises ``OSError`` for a file not to be read."""
        if index is None:
            data = self.source.read(rel)
        elif digests and (known := index.known(rel)) is not None:
            return known
        else:
            data = index.read(rel, self.source.read)
        return content_digest(data) if digests else data

    def _registry(
        self, name: str, index: StatIndex | None, digests: bool
    ) -> tuple[str | None, bytes | None, list[Finding]]:
        """A registry's (units.yaml, legal.yaml) name, bytes or digest (None when absent or
        unreadable) and read findings."""
        file = self.source.display(name)
        try:
            return file, self._get(name, index, digests), []
        except (FileNotFoundError, NotADirectoryError, KeyError):
            return None, None, []
        except OSError as exc:  # unreadable, refused (a link, a pipe) or too large
            return file, None, [refusal_finding(exc, file)]

    def _gather(self, index: StatIndex | None, digests: bool) -> RawCatalog:
        units_file, units, findings = self._registry(UNITS_FILE, index, digests)
        legal_file, legal, legal_findings = self._registry(LEGAL_FILE, index, digests)
        findings += legal_findings
        findings += getattr(self.source, "walk_findings", [])
        items: list[tuple[str, bytes | Finding | None]] = []
        for rel in self.listed:
            file = self.source.display(rel)
            try:
                items.append((file, self._get(rel, index, digests)))
            except OSError as exc:  # unreadable, refused (a link, a pipe) or too large
                items.append((file, refusal_finding(exc, file)))
        plans: list[tuple[str, Got]] = []
        for rel in self.plans:
            file = self.source.display(rel)
            try:
                plans.append((file, self._get(rel, index, digests)))
            except OSError as exc:
                plans.append((file, refusal_finding(exc, file)))
        if index is not None and self.complete:
            index.forget_unseen()
        return RawCatalog(
            root=self.root,
            scope=self.scope,
            config=self.config,
            items=items,
            units_file=units_file,
            units_raw=units,
            findings=tuple(findings),
            complete=self.complete,
            legal_file=legal_file,
            legal_raw=legal,
            plans=tuple(plans),
        )

    def read(self, index: StatIndex | None = None) -> RawCatalog:
        """Read every file (recording in ``index`` the files it may trust next time)."""
        return self._gather(index, digests=False)

    def fingerprint(self, *extra: str, index: StatIndex | None = None) -> str:
        """What ``self.read().fingerprint(*extra)`` gives, opening only the files ``index``
        does not know unchanged."""
        known = self._gather(index, digests=True)
        items = [(file, got) for file, got in known.items if got is not None]
        units, legal = known.units_raw, known.legal_raw
        return _key(known.root, extra, units, legal, known.findings, items, known.plans)

    def index(self, cache: Cache | None) -> StatIndex | None:
        """The cache's index of this catalog's files (None without a cache, or for a source
        other than a folder)."""
        if cache is None or not isinstance(self.source, DirSource):
            return None
        root, limit, files = str(self.source.root), self.source.max_bytes, len(self.listed)
        return load_index(cache, self.scope, root, limit, files)


def list_source(
    source: Source,
    config: Config,
    only: Iterable[str] | None = None,
    root: str = "",
    scope: str | None = None,
) -> Listing:
    """List a catalog's files from any source; ``only`` restricts which procedure files."""
    listed = source.list() if only is None else sorted(set(only))
    procedures = [rel for rel in listed if not _is_ignored(rel, config)]
    plans = [rel for rel in listed if role_of(rel) is Role.PLAN]
    return Listing(source, config, procedures, root, scope or root, only is None, plans)


def read_source(
    source: Source,
    config: Config,
    only: Iterable[str] | None = None,
    root: str = "",
    scope: str | None = None,
) -> RawCatalog:
    """Read a catalog's files from any source; ``only`` restricts which procedure files."""
    return list_source(source, config, only, root, scope).read()


DEFAULT_FOLDER = "procedures"  # where a catalog is looked for when no tthc.yaml names one


def default_catalog(config: Config) -> Path:
    """What to read when no path is given: the catalog ``tthc.yaml`` names; without that, the
    current folder when it lies in a catalog (a folder with a units registry, here or above), or
    the ``procedures/`` folder beside ``tthc.yaml`` (else here) when it holds a units registry.
    Anything else is refused (exit 3): an arbitrary tree of YAML files is never walked as if it
    were a catalog."""
    if config.catalog is not None:
        if not is_dir(config.catalog):
            raise TthcError("error.path-missing", path=display_path(config.catalog))
        return config.catalog
    here = Path.cwd()
    if any(is_file(folder / UNITS_FILE) for folder in (here, *here.parents)):
        return here
    base = config.path.parent if config.path is not None else here
    for candidate in (base, base / DEFAULT_FOLDER):
        if is_file(candidate / UNITS_FILE):
            return candidate
    raise TthcError("error.no-catalog", folder=str(base.absolute()))


def catalog_root(path: Path, config: Config) -> Path:
    """The catalog folder a path belongs to: the configured one (a path that holds it, such as
    the repository root where ``tthc.yaml`` lies, means it too), or the nearest folder with
    units.yaml, or — for a folder that lies in no catalog, such as another checkout of the
    repository (``tthc diff ../old``) — the ``procedures/`` catalog it holds, or the path's own
    folder."""
    resolved = path.resolve()
    if config.catalog is not None:
        catalog = config.catalog.resolve()
        if resolved == catalog or catalog in resolved.parents or resolved in catalog.parents:
            return catalog
    folder = resolved if resolved.is_dir() else resolved.parent
    for candidate in (folder, *folder.parents):
        if (candidate / UNITS_FILE).is_file():
            return candidate
    held = folder / DEFAULT_FOLDER
    if resolved.is_dir() and (held / UNITS_FILE).is_file():
        return held
    return folder


@dataclass(frozen=True, slots=True)
class Selection:
    """Where command-line paths point: the catalog folder, and the files and folders chosen in
    it (relative, with ``/``; None when the whole catalog is)."""

    root: Path
    parts: tuple[str, ...] | None = None

    def picks(self, rel: str) -> bool:
        """Whether the procedure file ``rel`` (relative to the root) is selected."""
        return self.parts is None or any(rel == p or rel.startswith(p + "/") for p in self.parts)


def select_paths(paths: Sequence[Path], config: Config) -> Selection:
    """The catalog and selection for command-line paths (none: :func:`default_catalog`).

    Every path must lie in one catalog folder (the configured one, or the nearest folder with a
    units.yaml, or the path's own folder). The folder itself, or a folder holding it (``tthc
    validate .`` at the root of the repository), means the whole catalog; a subfolder or a file
    selects those procedure files, and the units registry is still read from the root.
    """
    if not paths:
        paths = [default_catalog(config)]
    for path in paths:
        if not exists(path):  # a name too long to look up, too
            raise TthcError("error.path-missing", path=str(path))
    root = catalog_root(paths[0], config)
    parts: list[str] = []
    for path in paths:
        resolved = path.resolve()
        if resolved == root or resolved in root.parents:  # the catalog, or a folder holding it
            return Selection(root)
        if root not in resolved.parents:
            raise UsageError("error.mixed-catalogs", path=str(path), root=display_path(root))
        parts.append(resolved.relative_to(root).as_posix())
    return Selection(root, tuple(dict.fromkeys(parts)))


def read_paths(paths: Sequence[Path], config: Config) -> RawCatalog:
    """The catalog files for command-line paths (see :func:`select_paths`)."""
    return list_paths(paths, config).read()


def list_paths(paths: Sequence[Path], config: Config) -> Listing:
    """The catalog files for command-line paths, listed (see :func:`select_paths`)."""
    selection = select_paths(paths, config)
    root = selection.root
    source = DirSource.for_config(root, config)
    only: list[str] | None = None
    if selection.parts is not None:
        named = [p for p in selection.parts if not (root / p).is_dir()]
        if len(named) < len(selection.parts):  # a folder: list the files under it
            named += [n for n in source.list() if selection.picks(n)]
        only = named
    return list_source(source, config, only, display_path(root), scope=str(root))

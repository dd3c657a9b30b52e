"""Opening a side: the catalog as it stands in the working tree, in a folder or file, or at a git
revision — what ``tthc diff OLD NEW``, ``report --baseline REV`` and ``validate --changed-since
REV`` compare.

A spec is resolved the way git users expect: first as a revision (``origin/main``, ``v1.0``,
``HEAD~1``, a commit id), then as a path. A spec that is both is refused with a message saying
how to choose (``./NAME`` for the path, ``NAME^{commit}`` for the revision); an empty one is a
usage error. A revision is read from git objects, restricted to the same catalog folder and the
same selection of files that the working tree side uses, so both sides cover the same ground.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tthc_cli import git
from tthc_cli.config import Config
from tthc_cli.errors import TthcError, UsageError
from tthc_cli.load.catalog import build_catalog
from tthc_cli.load.files import LoadOptions
from tthc_cli.load.reading import (
    read_paths,
    read_source,
    select_paths,
)
from tthc_cli.load.roles import LEGAL_FILE, UNITS_FILE
from tthc_cli.load.sources import GitSource, display_path
from tthc_cli.model import Side

if TYPE_CHECKING:
    from tthc_cli.model import Catalog


def _is_explicit_path(spec: str) -> bool:
    """Written so that it can only be a path: ``./x``, ``../x``, ``/x``, ``x/``, ``C:\\x``."""
    return (
        spec.startswith(("./", "../", "/", ".\\", "..\\", "\\"))
        or spec.endswith(("/", "\\"))
        or (len(spec) > 2 and spec[1] == ":" and spec[2] in "/\\")
        or spec in (".", "..")
    )


def _exists(spec: str) -> bool:
    try:
        return Path(spec).exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL
        return False


def revision(spec: str, folder: Path) -> str | None:
    """The commit ``spec`` names in the repository of ``folder``, when it is to be read as a
    revision; None when it is a path. Empty and ambiguous specs are refused (see above)."""
    if not spec.strip():
        raise UsageError("side.error.empty")
    if _is_explicit_path(spec):
        return None
    commit = git.resolve_commit(folder, spec)
    if commit is not None and _exists(spec):
        raise UsageError("side.error.ambiguous", side=spec)
    return commit


def _not_found(spec: str, folder: Path) -> NoReturn:
    if git.toplevel(folder) is None:
        raise TthcError("side.error.not-git", side=spec, path=display_path(folder))
    if git.is_shallow(folder):  # the revision may be in the history not fetched
        raise TthcError("side.error.unknown-shallow", side=spec)
    raise TthcError("side.error.unknown", side=spec)


def check_order(since: str, until: str | None, config: Config, paths: Sequence[Path]) -> None:
    """Refuse (a usage error) an ``until`` revision that comes before ``since`` in history:
    what was deleted would be announced as new. Paths and unrelated revisions pass."""
    if until is None:
        return
    folder = _work_folder(paths, config)
    old, new = revision(since, folder), revision(until, folder)
    if old is not None and new is not None and old != new and git.is_ancestor(folder, new, old):
        raise UsageError("side.error.until-before-since", since=since, until=until)


def _work_folder(paths: Sequence[Path], config: Config) -> Path:
    """Where git is asked: the working tree's catalog folder, else the current folder."""
    folder = config.catalog if not paths else paths[0]
    if folder is not None and folder.is_dir():
        return folder
    if folder is not None and folder.parent.is_dir():
        return folder.parent
    return Path.cwd()


def open_side(
    spec: str | None,
    config: Config,
    options: LoadOptions,
    paths: Sequence[Path] = (),
) -> tuple[Catalog, Side]:
    """The catalog one side names, with the :class:`Side` that describes it.

    ``None`` is the working tree (the catalog ``paths`` select, as every command reads it). A
    revision gives the same catalog folder and selection as it stood in that commit. A path is
    a catalog folder or a procedure file of its own.
    """
    if spec is None:
        catalog = build_catalog(read_paths(paths, config), options)
        return catalog, Side(catalog.root, "dir", catalog.root)
    folder = _work_folder(paths, config)
    commit = revision(spec, folder)
    if commit is not None:
        return _at_revision(spec, commit, config, options, paths)
    path = Path(spec)
    if not _exists(spec):
        _not_found(spec, folder)
    catalog = build_catalog(read_paths([path], config), options)
    if path.is_file():
        return catalog, Side(spec, "file", catalog.files[0] if catalog.files else spec)
    return catalog, Side(spec, "dir", catalog.root)


def _at_revision(
    spec: str, commit: str, config: Config, options: LoadOptions, paths: Sequence[Path]
) -> tuple[Catalog, Side]:
    selection = select_paths(paths, config)
    top = git.toplevel(selection.root)
    if top is None:
        _not_found(spec, selection.root)
    try:
        subdir = selection.root.resolve().relative_to(top).as_posix()
    except ValueError:
        subdir = ""
    subdir = "" if subdir == "." else subdir
    root = f"{spec}:{subdir}" if subdir else f"{spec}:"
    source = GitSource(top, commit, spec, subdir, config.limits.max_file_bytes)
    only = None
    if selection.parts is not None:
        only = [name for name in source.list() if selection.picks(name)]
    raw = read_source(source, config, only, root=root, scope=f"{top}@{root}")
    return build_catalog(raw, options), Side(spec, "git", root, commit)


def changed_files(spec: str, catalog: Catalog, until: str | None = None) -> frozenset[str] | None:
    """The files of ``catalog`` (named as findings name them) changed since revision ``spec``:
    what a pull request shows, from the point where the current branch left ``spec`` (``git
    merge-base``; ``spec`` itself when there is none) to the working tree, untracked files
    included — or, with ``until``, to that revision (``git diff spec...until``, what
    ``pre-commit run --from-ref spec --to-ref until`` checks). None (check everything) when the
    units registry, the register of legal documents or the config file changed, or when ``spec``
    is git's all-zero id (no base: a new branch)."""
    root = Path(catalog.root or ".").resolve()
    if spec == git.NO_COMMIT:
        return None
    commit = revision(spec, root)
    top = git.toplevel(root)
    if top is None:
        raise TthcError("side.error.not-git", side=spec, path=display_path(root))
    if commit is None:
        raise TthcError("side.error.not-revision", side=spec)
    end = None if until is None else revision(until, root)
    if until is not None and end is None:
        raise TthcError("side.error.not-revision", side=until)
    base = git.merge_base(top, commit, end or "HEAD") or commit
    changed = frozenset((top / name).resolve() for name in git.changed_since(top, base, end))
    shared = {root / UNITS_FILE, root / LEGAL_FILE}
    if catalog.config.path is not None:
        shared.add(catalog.config.path.resolve())
    if changed & shared:
        return None
    return frozenset(display_path(path) for path in changed)

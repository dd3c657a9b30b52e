"""The cache folder must be the user's own: a folder others can write (a shared
``TTHC_CACHE_DIR``) could plant a ``v2`` link that points tthc's writes and clean-up at any
folder, or plant entries; such a cache is off for the run, and the clean-up deletes only names
tthc writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.helpers import make_catalog, procedure
from tests.security.helpers import findings, run_capped
from tthc_cli.load import cache as cache_module
from tthc_cli.load.cache import Cache, folder_refusal

posix_only = pytest.mark.skipif(os.name != "posix", reason="links and modes as on POSIX")


def _catalog(root: Path) -> None:
    make_catalog(root, {"2.001219.yaml": procedure(), "2.001220.yaml": procedure("2.001220")})


def _victim(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    victim = tmp_path / "victim"
    victim.mkdir()
    for i in range(300):
        (victim / f"important-{i}.txt").write_bytes(b"d\n")
    return victim, {p.name: p.read_bytes() for p in victim.iterdir()}


@posix_only
def test_a_planted_store_link_is_never_written_through_nor_pruned(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _catalog(root)
    victim, before = _victim(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o700)
    (shared / "v2").symlink_to(victim)
    env = {"TTHC_CACHE_DIR": str(shared)}
    done = run_capped("validate", "-f", "json", cwd=root, env=env)
    uncached = run_capped("validate", "-f", "json", "--no-cache", cwd=root, env=env)
    assert done.returncode == uncached.returncode == 0, done.stderr
    assert findings(done) == findings(uncached)
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before
    assert "v2" in done.stderr and done.stderr.count("\n") == 1  # one warning line


@posix_only
@pytest.mark.parametrize("mode", [0o770, 0o777, 0o1777])
def test_a_folder_others_can_write_turns_the_cache_off(tmp_path: Path, mode: int) -> None:
    root = tmp_path / "repo"
    _catalog(root)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    done = run_capped("validate", "-f", "json", cwd=root, env={"TTHC_CACHE_DIR": str(shared)})
    assert done.returncode == 0, done.stderr
    assert list(shared.iterdir()) == []  # nothing written, so nothing planted is read either
    assert str(shared) in done.stderr


def test_the_folders_tthc_creates_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "cache"
    cache = Cache(folder, "salt")
    cache.save_value("scope", "units", "key", 1, cache_module.PLAIN)
    assert cache.value("scope", "units", "key", cache_module.PLAIN) == 1
    if os.name == "posix":
        for path in (folder, folder / "v2"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o700


@posix_only
def test_links_and_foreign_folders_are_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    (tmp_path / "file").write_bytes(b"")
    assert folder_refusal(real) is None
    assert folder_refusal(tmp_path / "link") == "link"
    assert folder_refusal(tmp_path / "file") == "not-folder"
    if os.geteuid() != 0:
        assert folder_refusal(Path("/")) == "owner"


@posix_only
def test_the_clean_up_deletes_only_what_tthc_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "KEEP_FILES", 3)
    cache = Cache(tmp_path / "cache", "salt")
    assert cache.refusal() is None
    store = cache.folder
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    foreign = ["notes.txt", "README", ".hidden.tmp", "ab.units"]
    for name in foreign:
        (store / name).write_bytes(b"x")
    (store / ("f" * 40 + ".units")).symlink_to(outside)  # a link named like an entry
    old = 1_000_000_000
    for n in range(6):
        entry = store / (f"{n:040x}.result")
        entry.write_bytes(b"x")
        os.utime(entry, (old + n, old + n))
    stale_tmp = store / (".{}.result.abc_123.tmp".format("0" * 40))
    stale_tmp.write_bytes(b"x")
    os.utime(stale_tmp, (old, old))
    cache._prune()
    left = {p.name for p in store.iterdir()}
    assert set(foreign) <= left
    assert "f" * 40 + ".units" in left and outside.read_bytes() == b"keep"
    assert stale_tmp.name not in left
    assert {n for n in left if n.endswith(".result")} == {f"{n:040x}.result" for n in (3, 4, 5)}

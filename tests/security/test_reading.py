"""A pull request is untrusted: whatever it commits, reading the catalog never leaves the catalog
folder, never blocks, never holds more than the size limit, and never quotes a file's content
in a finding. (``git`` mode reads objects, never the file system: links are left out there.)"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from tests.helpers import commit_all, git, make_catalog, procedure
from tests.security.helpers import findings, rules_at, run_capped
from tthc_cli.config import Config
from tthc_cli.load import opening
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.sources import DirSource

posix_only = pytest.mark.skipif(os.name != "posix", reason="symbolic links and FIFOs as on POSIX")
TOKEN = "ghp_FAKE0123456789TOKEN"  # what a runner's file might hold


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return make_catalog(tmp_path, {"public/2.001219.yaml": procedure()})


def _formats(tmp_path: Path) -> dict[str, str]:
    """Every findings format of ``validate``, as text."""
    out = {}
    for fmt in ("text", "json", "sarif", "github", "gitlab", "junit"):
        done = run_capped("validate", "--no-cache", "-f", fmt, cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
        out[fmt] = done.stdout + done.stderr
    return out


@posix_only
def test_a_link_to_dev_zero_is_a_finding_not_an_endless_read(tmp_path: Path, catalog: Path) -> None:
    (catalog / "public" / "zero.yaml").symlink_to("/dev/zero")
    started = time.monotonic()
    done = run_capped("validate", "--no-cache", "-f", "json", cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == 1, done.stderr  # a finding, not "cannot run" (MemoryError)
    assert ("file-outside-catalog", "catalog/public/zero.yaml") in rules_at(done)


@posix_only
def test_a_link_to_a_file_outside_is_never_read_or_quoted(tmp_path: Path, catalog: Path) -> None:
    secret = tmp_path / "runner" / "token.yaml"
    secret.parent.mkdir()
    secret.write_text(f'token: "{TOKEN}"\n{TOKEN}: 1\n', encoding="utf-8")
    (catalog / "public" / "leak.yaml").symlink_to(secret)
    (catalog / "linked").symlink_to(secret.parent, target_is_directory=True)
    for fmt, text in _formats(tmp_path).items():
        assert TOKEN not in text, fmt
        assert "leak.yaml" in text, fmt  # the link is named
    done = run_capped("validate", "--no-cache", "-f", "json", cwd=tmp_path)
    assert {
        ("file-outside-catalog", "catalog/public/leak.yaml"),
        ("file-outside-catalog", "catalog/linked"),
    } <= rules_at(done)


@posix_only
def test_links_inside_the_catalog_are_followed_only_by_choice(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path, {"public/2.001219.yaml": procedure()})
    kept = catalog / ".templates"  # hidden: not walked itself
    kept.mkdir()
    text = (catalog / "public" / "2.001219.yaml").read_text(encoding="utf-8")
    (kept / "1.000001.yaml").write_text(text.replace("2.001219", "1.000001"), encoding="utf-8")
    (catalog / "public" / "1.000001.yaml").symlink_to("../.templates/1.000001.yaml")
    (catalog / "public" / "again").symlink_to("../public", target_is_directory=True)
    done = run_capped("validate", "--no-cache", "-f", "json", cwd=tmp_path)
    assert {
        ("file-symlink", "catalog/public/1.000001.yaml"),
        ("file-symlink", "catalog/public/again"),
    } <= rules_at(done)
    assert done.returncode == 0  # warnings: nothing is read through the links
    config = tmp_path / "tthc.yaml"
    config.write_text("catalog: catalog\nfollow_symlinks: true\n", encoding="utf-8")
    followed = run_capped("validate", "--no-cache", "-f", "json", cwd=tmp_path)
    assert rules_at(followed) == {("walk-symlink-loop", "catalog/public/again")}
    listed = run_capped("list", "-f", "json", cwd=tmp_path)
    assert "catalog/public/1.000001.yaml" in listed.stdout, listed.stderr


@posix_only
def test_a_fifo_in_the_catalog_never_blocks(tmp_path: Path, catalog: Path) -> None:
    os.mkfifo(catalog / "public" / "pipe.yaml")
    os.mkfifo(catalog / "public" / "named.yaml")
    done = run_capped("validate", "--no-cache", "-f", "json", cwd=tmp_path, timeout=30)
    assert ("file-not-regular", "catalog/public/pipe.yaml") in rules_at(done)
    # Named on the command line (as pre-commit names changed files), it is refused too.
    one = run_capped("validate", "catalog/public/named.yaml", "-f", "json", cwd=tmp_path)
    assert ("file-not-regular", "catalog/public/named.yaml") in rules_at(one)


@posix_only
def test_a_huge_file_is_refused_while_reading(tmp_path: Path, catalog: Path) -> None:
    """A sparse 8 GB file: over the limit after reading 2 MiB + 1 byte, never read whole."""
    big = catalog / "public" / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(8 * 1024**3)
    done = run_capped("validate", "--no-cache", "-f", "json", cwd=tmp_path, timeout=60)
    [finding] = [f for f in findings(done) if f["file"] == "catalog/public/big.yaml"]
    assert finding["rule"] == "file-too-large"


@posix_only
def test_a_linked_or_piped_config_is_refused(tmp_path: Path, catalog: Path) -> None:
    secret = tmp_path / "elsewhere.yaml"
    secret.write_text(f"{TOKEN}: 1\n", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "tthc.yaml").symlink_to(secret)
    done = run_capped("validate", cwd=repo)  # found from here: repo/tthc.yaml
    assert done.returncode == 3 and TOKEN not in done.stderr
    assert "tthc.yaml" in done.stderr
    (repo / "tthc.yaml").unlink()
    os.mkfifo(repo / "tthc.yaml")  # never found as a config (not a file), never waited on
    assert run_capped("validate", cwd=repo, timeout=30).returncode in (0, 1, 3)


@posix_only
def test_git_mode_reads_no_links(tmp_path: Path) -> None:
    repo = tmp_path
    catalog = make_catalog(repo, {"public/2.001219.yaml": procedure()})
    secret = tmp_path.parent / f"{tmp_path.name}-secret.yaml"
    secret.write_text(f"{TOKEN}: 1\n", encoding="utf-8")
    git(repo, "init", "-q")
    commit_all(repo, "first")
    (catalog / "public" / "leak.yaml").symlink_to(secret)
    commit_all(repo, "a link")
    done = run_capped("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert TOKEN not in done.stdout and "leak.yaml" not in done.stdout


# --- the same checks where the platform has no O_NOFOLLOW or O_NONBLOCK (Windows) ----------


@posix_only
@pytest.mark.parametrize("flags", ["none", "nofollow-only"])
def test_without_nofollow_or_nonblock_lstat_decides_first(
    tmp_path: Path, catalog: Path, monkeypatch: pytest.MonkeyPatch, flags: str
) -> None:
    monkeypatch.setattr(opening, "NONBLOCK", 0)
    if flags == "none":
        monkeypatch.setattr(opening, "NOFOLLOW", 0)
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"{TOKEN}: 1\n", encoding="utf-8")
    public = catalog / "public"
    (public / "leak.yaml").symlink_to(secret)
    (public / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(public / "pipe.yaml")
    (public / "inside.yaml").symlink_to("2.001219.yaml")
    root = str(catalog)
    for name, rule in [
        ("leak.yaml", opening.OUTSIDE),
        ("zero.yaml", opening.OUTSIDE),
        ("pipe.yaml", opening.NOT_REGULAR),  # refused before opening: no open() to block
        ("inside.yaml", opening.SYMLINK),
    ]:
        with pytest.raises(opening.Refused) as refused:
            opening.read_file(public / name, 1000, root)
        assert refused.value.rule == rule, name
    assert opening.read_file(public / "inside.yaml", None, root, follow=True).startswith(b"code")
    catalog_read = load_paths([catalog], Config())
    assert {f.rule for f in catalog_read.findings} >= {opening.OUTSIDE, opening.NOT_REGULAR}


def test_a_file_swapped_between_check_and_open_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without O_NOFOLLOW, lstat decides, then fstat must name the same file."""
    monkeypatch.setattr(opening, "NOFOLLOW", 0)
    monkeypatch.setattr(opening, "NONBLOCK", 0)
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("a: 1\n")
    second.write_text("b: 2\n")
    real_lstat = os.lstat

    def lstat_of_the_other(path: object) -> os.stat_result:
        return real_lstat(second)

    monkeypatch.setattr(opening.os, "lstat", lstat_of_the_other)
    with pytest.raises(opening.Refused):
        opening.read_file(first, 100)


def test_windows_junctions_count_as_links() -> None:
    """On Windows a folder junction has a reparse tag and no link mode: still a link."""

    class Junction:
        st_mode = stat.S_IFDIR
        st_reparse_tag = 0xA0000003  # IO_REPARSE_TAG_MOUNT_POINT

    class Folder:
        st_mode = stat.S_IFDIR

    assert opening.is_link(Junction())  # type: ignore[arg-type]
    assert not opening.is_link(Folder())  # type: ignore[arg-type]


def test_reads_stop_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a" * 5000)
    assert opening.read_file(path, 5000) == b"a" * 5000
    with pytest.raises(opening.TooLarge) as too_large:
        opening.read_file(path, 4999)
    assert too_large.value.size == 5000
    source = DirSource(tmp_path, max_bytes=1000)
    with pytest.raises(opening.TooLarge):
        source.read("x.yaml")

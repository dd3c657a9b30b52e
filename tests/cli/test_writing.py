"""Writes are whole or not at all, and never replace an existing file unless asked, even when
several runs write the same name at once."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tthc_cli.cli._writing import TMP_PREFIX, clean_leftovers, write_file
from tthc_cli.errors import TthcError


def test_new_file_then_refused_then_forced(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.txt"
    write_file(target, b"one", overwrite=False)
    with pytest.raises(TthcError) as refused:
        write_file(target, b"two", overwrite=False)
    assert refused.value.key == "error.exists" and target.read_bytes() == b"one"
    write_file(target, b"three", overwrite=True)
    assert target.read_bytes() == b"three"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.txt"]  # no temporary file left


def test_racing_writers_without_force_leave_exactly_one_winner(tmp_path: Path) -> None:
    target = tmp_path / "danh-muc.html"

    def attempt(n: int) -> bool:
        try:
            write_file(target, f"writer {n}".encode() * 1000, overwrite=False)
        except TthcError:
            return False
        return True

    with ThreadPoolExecutor(8) as pool:
        won = [n for n, ok in enumerate(pool.map(attempt, range(40))) if ok]
    assert len(won) == 1
    assert target.read_bytes() == f"writer {won[0]}".encode() * 1000


def test_leftovers_of_a_killed_run_are_removed_but_a_live_run_is_not(tmp_path: Path) -> None:
    old = tmp_path / f"{TMP_PREFIX}x.yaml.abc{'.tmp'}"
    new = tmp_path / f"{TMP_PREFIX}y.yaml.def{'.tmp'}"
    mine = tmp_path / ".x.yaml.ghi.tmp"  # not tthc's
    for path in (old, new, mine):
        path.write_bytes(b"")
    hour_ago = time.time() - 7200
    os.utime(old, (hour_ago, hour_ago))
    os.utime(mine, (hour_ago, hour_ago))
    assert clean_leftovers(tmp_path) == [old]
    assert new.exists() and mine.exists()

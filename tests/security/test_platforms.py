"""Nothing POSIX-only without a fallback: the calls Windows lacks, simulated here (the
O_NOFOLLOW/O_NONBLOCK and hard-link fallbacks are tested with reading and writing)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tthc_cli.load import cache, pool


def test_worker_count_without_sched_getaffinity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(pool.os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(pool.os, "cpu_count", lambda: 4)
    assert pool.default_jobs() == 4
    monkeypatch.setattr(pool.os, "cpu_count", lambda: None)
    assert pool.default_jobs() == 1


def test_cache_folder_on_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TTHC_CACHE_DIR", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    assert cache.default_folder() == tmp_path / "tthc" / "Cache"


def test_no_posix_only_call_in_the_package() -> None:
    """Calls Windows lacks appear only behind a fallback (getattr, try/except)."""
    package = Path(__file__).resolve().parents[2] / "tthc_cli"
    guarded = {
        "os.sched_getaffinity": "except AttributeError",
        "os.O_NOFOLLOW": None,
        "os.O_NONBLOCK": None,
        "os.getloadavg": None,
        "os.link(": None,
        "fcntl": 'os.name == "nt"',  # msvcrt on Windows
        "os.geteuid": None,
    }
    for path in package.rglob("*.py"):
        text = path.read_text("utf-8")
        for call, guard in guarded.items():
            if call in text:
                assert guard is not None and guard in text, f"{path.name}: {call}"

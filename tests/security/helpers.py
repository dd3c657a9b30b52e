"""What the security tests share: running the real entry point on a chosen day, under a memory
cap, and reading findings back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.helpers import REPO

try:
    import resource
except ImportError:  # Windows: no memory cap (the tests that need one are POSIX-only)
    resource = None  # type: ignore[assignment]

# The real entry point with today's date replaced (the product has no such switch): the
# config module's ``date`` becomes a date whose today() is $TTHC_TEST_TODAY.
ON_DAY = """
import datetime, os, sys
import tthc_cli.config as config

class Day(datetime.date):
    @classmethod
    def today(cls):
        return datetime.date.fromisoformat(os.environ["TTHC_TEST_TODAY"])

config.date = Day
from tthc_cli.cli import main
main(sys.argv[1:])
"""
MEMORY_CAP = 1024**3  # bytes of address space: a run that reads /dev/zero whole hits it


def run_capped(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    day: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``python -m tthc_cli ARGS`` (or on ``day``), limited to ``MEMORY_CAP`` of memory."""

    def cap() -> None:
        if resource is not None:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("TTHC_LANG", None)
    command = [sys.executable, "-m", "tthc_cli", *args]
    if day is not None:
        full_env["TTHC_TEST_TODAY"] = day
        command = [sys.executable, "-c", ON_DAY, *args]
    full_env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        command,
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        preexec_fn=cap if os.name == "posix" else None,
    )


def findings(done: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    """The findings of a ``validate --format json`` run."""
    assert done.stdout, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)["findings"]
    return found


def rules_at(done: subprocess.CompletedProcess[str]) -> set[tuple[str, str]]:
    """(rule, file) of each finding of a ``validate --format json`` run."""
    return {(f["rule"], f["file"]) for f in findings(done)}

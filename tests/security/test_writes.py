"""Writes are whole or absent, never replace another run's file without ``--force`` even when
runs race, leave no temporary file behind for good, and say in one line when Word or Excel
holds the target open."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import REPO, make_catalog, procedure, run_tthc
from tthc_cli.cli import _writing
from tthc_cli.cli._writing import clean_leftovers, write_file
from tthc_cli.errors import TthcError

# One writer process: waits for the common start time, then writes its own content.
WRITER = """
import sys, time
from pathlib import Path
from tthc_cli.cli._common import write_output
from tthc_cli.errors import TthcError
target, who, start, size = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
time.sleep(max(0.0, start - time.time() - 0.02))
while time.time() < start:  # the last moment spinning, so all start together
    pass
try:
    write_output((who * size).encode(), target, False)
except TthcError as error:
    print(error.key)
    sys.exit(3)
"""


def _writers(target: Path, count: int, size: int) -> list[subprocess.CompletedProcess[str]]:
    """``count`` processes writing ``target`` at the same moment, without --force."""
    start = time.time() + 1.5  # every process is up and spinning by then
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), chr(65 + n), str(start), str(size)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(count)
    ]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


@pytest.mark.slow
def test_racing_processes_without_force_leave_one_winner_and_a_whole_file(
    tmp_path: Path,
) -> None:
    size = 4 * 1024 * 1024  # long enough to write that the runs overlap
    for round_ in range(4):
        target = tmp_path / f"bao-cao-{round_}.html"
        runs = _writers(target, 4, size)
        winners = [r for r in runs if r.returncode == 0]
        assert len(winners) == 1, [(r.returncode, r.stdout, r.stderr[-300:]) for r in runs]
        assert all(r.stdout.strip() == "error.exists" for r in runs if r.returncode != 0)
        content = target.read_bytes()
        assert len(content) == size and len(set(content)) == 1  # one writer's, whole
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_racing_commands_without_force(tmp_path: Path) -> None:
    """The same through the real entry point: two ``tthc table -o`` at once."""
    make_catalog(tmp_path, {"2.001219.yaml": procedure()})
    args = [sys.executable, "-m", "tthc_cli", "table", "--list", "-o", "danh-muc.html"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    for _ in range(3):
        (tmp_path / "danh-muc.html").unlink(missing_ok=True)
        procs = [
            subprocess.Popen(
                args, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            for _ in range(3)
        ]
        for proc in procs:
            proc.communicate(timeout=120)
        codes = [p.returncode for p in procs]
        assert codes.count(0) == 1 and all(code in (0, 3) for code in codes)
        assert (tmp_path / "danh-muc.html").read_text("utf-8").rstrip().endswith("</html>")


KILLED = """
import sys
from pathlib import Path
from tthc_cli.cli._common import write_output
write_output(b"x" * int(sys.argv[2]), Path(sys.argv[1]), True)
"""


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_kill_9_at_random_points_leaves_a_whole_file_or_none_and_no_lasting_leftover(
    tmp_path: Path,
) -> None:
    size = 64 * 1024 * 1024
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(12)
    for attempt in range(8):
        target = tmp_path / f"out-{attempt}.xlsx"
        proc = subprocess.Popen([sys.executable, "-c", KILLED, str(target), str(size)], env=env)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if target.exists():
            assert target.stat().st_size == size  # never a short file
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert all(_writing.is_leftover(p.name) for p in leftovers)  # recognisably tthc's
    hours_ago = time.time() - 2 * 3600
    for path in leftovers:
        os.utime(path, (hours_ago, hours_ago))
    write_file(tmp_path / "next.txt", b"next run", overwrite=False)  # cleans as it writes
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_target_held_open_elsewhere_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Word and Excel on Windows make replacing an open file fail with PermissionError."""
    from tthc_cli.cli import main

    make_catalog(tmp_path, {"2.001219.yaml": procedure()})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bao-cao.xlsx").write_bytes(b"open in Excel")

    def held(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(_writing.os, "replace", held)
    with pytest.raises(SystemExit) as exited:
        main(["report", "-o", "bao-cao.xlsx", "--force"])
    err = capsys.readouterr().err
    assert exited.value.code == 3
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "bao-cao.xlsx" in err and "Excel" in err
    assert (tmp_path / "bao-cao.xlsx").read_bytes() == b"open in Excel"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("how", ["no os.link", "EPERM", "winerror 1"])
def test_without_hard_links_new_files_still_never_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """FAT and exFAT sticks, some shares, platforms without os.link: O_EXCL instead."""
    if how == "no os.link":
        monkeypatch.delattr(_writing.os, "link")
    else:

        def refuse(src: object, dst: object) -> None:
            error = OSError(errno.EPERM if how == "EPERM" else errno.EIO, "no hard links")
            if how == "winerror 1":
                error.winerror = 1  # type: ignore[attr-defined]
            raise error

        monkeypatch.setattr(_writing.os, "link", refuse)
    target = tmp_path / "danh-muc.docx"
    write_file(target, b"first", overwrite=False)
    with pytest.raises(TthcError) as refused:
        write_file(target, b"second", overwrite=False)
    assert refused.value.key == "error.exists" and target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["danh-muc.docx"]


def test_leftovers_are_recognised_and_only_stale_ones_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".tthc-a.csv.x1.tmp"
    live = tmp_path / ".tthc-b.csv.x2.tmp"
    foreign = tmp_path / ".a.csv.x3.tmp"
    for path in (stale, live, foreign):
        path.write_bytes(b"")
    hours_ago = time.time() - 7200
    os.utime(stale, (hours_ago, hours_ago))
    os.utime(foreign, (hours_ago, hours_ago))
    assert clean_leftovers(tmp_path) == [stale]
    assert live.exists() and foreign.exists()


def test_empty_or_blank_revision_in_a_gate_is_a_usage_error(tmp_path: Path) -> None:
    """``tthc diff "$BASE" --fail-on heavier`` with an empty $BASE must not pass quietly."""
    make_catalog(tmp_path, {"2.001219.yaml": procedure()})
    for args in (
        ["diff", "", "--fail-on", "heavier"],
        ["diff", " ", "--fail-on", "heavier"],
        ["diff", "", "", "--fail-on", "heavier"],
        ["report", "--baseline", ""],
        ["validate", "--changed-since", ""],
    ):
        done = run_tthc(*args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.returncode, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1

"""What long loads show a person: a progress bar on a terminal only, and the libyaml hint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO
from tthc_cli.cli import _loading
from tthc_cli.config import Config
from tthc_cli.load import yamlsafe

sys.path.insert(0, str(REPO / "bench"))
import gen

pty = pytest.importorskip("pty", reason="pseudo-terminals need a POSIX system")


@pytest.fixture(scope="module")
def big_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("big")
    gen.write_catalog(out, _loading.PROGRESS_FROM + 20, seed=3)
    return out / "procedures"


def _run(catalog: Path, stderr_tty: bool, tmp_path: Path, **env: str) -> tuple[int, bytes, str]:
    argv = [sys.executable, "-m", "tthc_cli", "validate", str(catalog), "--no-cache"]
    full_env = {k: v for k, v in os.environ.items() if k not in ("CI", "TTHC_NO_PROGRESS")}
    full_env.update(env)
    if not stderr_tty:
        done = subprocess.run(argv, cwd=REPO, env=full_env, capture_output=True, check=False)
        return done.returncode, done.stderr, done.stdout.decode()
    master, slave = pty.openpty()
    stdout = tmp_path / "stdout.txt"
    with stdout.open("wb") as sink:
        proc = subprocess.Popen(argv, cwd=REPO, env=full_env, stdout=sink, stderr=slave)
        os.close(slave)
        err = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            err += chunk
        proc.wait()
    os.close(master)
    return proc.returncode, err, stdout.read_text(encoding="utf-8")


def test_terminal_gets_a_progress_bar_on_stderr(big_catalog: Path, tmp_path: Path) -> None:
    code, err, out = _run(big_catalog, True, tmp_path)
    assert code == 0
    total = _loading.PROGRESS_FROM + 20
    assert f"Đang đọc {total} tệp thủ tục".encode() in err
    assert f"{total}/{total}".encode() in err
    assert "Đang đọc" not in out  # stdout stays clean for pipes


def test_no_bar_when_not_a_terminal_or_in_ci(big_catalog: Path, tmp_path: Path) -> None:
    code, err, _ = _run(big_catalog, False, tmp_path)
    assert (code, err) == (0, b"")
    code, err, _ = _run(big_catalog, True, tmp_path, CI="true")
    assert code == 0 and b"\xc4\x90ang \xc4\x91\xe1\xbb\x8dc" not in err


def test_missing_libyaml_is_named_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(yamlsafe, "HAVE_LIBYAML", False)
    with _loading.loading(Config(lang="en"), no_cache=True):
        pass
    assert capsys.readouterr().err.count("PyYAML has no libyaml") == 1
    monkeypatch.setattr(yamlsafe, "HAVE_LIBYAML", True)
    with _loading.loading(Config(lang="en"), no_cache=True):
        pass
    assert capsys.readouterr().err == ""

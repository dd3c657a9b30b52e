"""Text from files never drives the terminal: control characters (ESC, the C1 CSI, BEL) and
bidirectional overrides in names are shown as escapes by every command that prints for people."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import make_catalog, procedure, run_tthc
from tthc_cli.textnorm import visible

HOSTILE = "A\x1b[2J\x1b]0;pwned\x07B\x9b31m\u202eC"
OBEYED = ("\x1b", "\x9b", "\x07", "\u202e")


def test_visible_escapes_controls_and_keeps_text() -> None:
    assert visible(HOSTILE) == "A\\x1b[2J\\x1b]0;pwned\\x07B\\x9b31m\\u202eC"
    assert visible("Đơn đề nghị\tbản chính\n") == "Đơn đề nghị\tbản chính\n"


@pytest.fixture
def catalogs(tmp_path: Path) -> tuple[Path, Path]:
    name = f"Thủ tục {HOSTILE}"
    components = [{"id": "don", "name": f"Đơn {HOSTILE}"}]  # no quantity: a finding names it
    old = make_catalog(tmp_path / "old", {"2.001219.yaml": procedure()})
    new = make_catalog(
        tmp_path / "new", {"2.001219.yaml": procedure(name=name, components=components)}
    )
    return old, new


@pytest.mark.parametrize(
    "command",
    [
        ("validate", "{new}"),
        ("list", "{new}"),
        ("show", "2.001219", "{new}"),
        ("diff", "{old}", "{new}"),
    ],
)
def test_commands_show_control_characters_as_escapes(
    catalogs: tuple[Path, Path], command: tuple[str, ...]
) -> None:
    old, new = catalogs
    args = [part.format(old=old, new=new) for part in command]
    done = run_tthc(*args, *(["--no-cache"] if command[0] == "validate" else []))
    assert done.returncode in (0, 1), done.stderr
    assert not [c for c in OBEYED if c in done.stdout]
    assert "\\x1b[2J" in done.stdout


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_a_vertical_tab_is_a_line_break_in_printed_tables(tmp_path: Path, fmt: str) -> None:
    """Word's manual line break pastes as a vertical tab: never glued words, never ``\\x0b``."""
    components = [{"id": "don", "name": "Đơn đề nghị\vbản chính", "originals": 1}]
    make_catalog(tmp_path, {"2.001219.yaml": procedure(components=components)})
    out = tmp_path / f"sheet.{fmt}"
    done = run_tthc("table", "2.001219", "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "nghịbản" not in page and "\\x0b" not in page and "\v" not in page
    assert "Đơn đề nghị" in page and "bản chính" in page

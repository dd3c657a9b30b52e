"""One set of format names across commands, and one rule for ``-o`` and ``--format``."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.helpers import run_tthc
from tthc_cli.cli import COMMANDS
from tthc_cli.cli.app import build_command
from tthc_cli.formats import ALIASES, EXTENSIONS

REPO = Path(__file__).resolve().parents[2]


def _format_choices() -> dict[str, list[str]]:
    """Every command's --format choices, as --help shows them (import's two subcommands too)."""
    root = build_command(list(COMMANDS.values()))
    found: dict[str, list[str]] = {}

    def walk(command: object, name: str) -> None:
        for sub_name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{name} {sub_name}".strip())
        for param in getattr(command, "params", []):
            if "--format" in getattr(param, "opts", []):
                found[name] = re.findall(r"[a-z]+", param.metavar or "")

    walk(root, "")
    return found


CHOICES = _format_choices()


def test_every_command_that_writes_has_format_choices() -> None:
    assert set(CHOICES) >= {"validate", "diff", "list", "report", "table", "import portal"}
    assert all(CHOICES.values()), CHOICES


@pytest.mark.parametrize("command", sorted(CHOICES))
def test_format_names_are_the_same_words_everywhere(command: str) -> None:
    for name in CHOICES[command]:
        assert name in EXTENSIONS, f"{command}: {name} is not one of the shared format names"
        assert name not in ALIASES, f"{command}: {name} is an alias, not the name"


@pytest.mark.parametrize(
    ("args", "magic"),
    [
        (("table", "-f", "markdown", "2.001219"), b"# "),
        (("table", "-f", "md", "2.001219"), b"# "),
        (("report", "-f", "md"), b"# "),
        (("list", "-f", "txt"), "Mã số".encode()),
    ],
)
def test_aliases_and_names_write_the_same(args: tuple[str, ...], magic: bytes) -> None:
    done = run_tthc(*args, cwd=REPO)
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.encode().startswith(magic)


@pytest.mark.parametrize(
    ("command", "name", "member"),
    [
        (("report",), "bao-cao.xlsx", "xl/workbook.xml"),
        (("report",), "bao-cao.docx", "word/document.xml"),
        (("table", "--list"), "danh-muc.docx", "word/document.xml"),
    ],
)
def test_the_extension_picks_the_format(
    tmp_path: Path, command: tuple[str, ...], name: str, member: str
) -> None:
    out = tmp_path / name
    done = run_tthc(*command, "-o", str(out), cwd=REPO)
    assert done.returncode in (0, 1), done.stderr
    with zipfile.ZipFile(out) as document:
        assert member in document.namelist()


@pytest.mark.parametrize(
    "args",
    [
        ("table", "--list", "-o", "danh-muc.pdf"),  # no command writes PDF
        ("report", "-o", "bao-cao.pdf"),  # no command writes PDF: print the DOCX or HTML
        ("report", "-f", "xlsx", "-o", "bao-cao.csv"),  # the two disagree
        ("validate", "-f", "sarif", "-o", "ket-qua.xml"),
        ("list", "-f", "pdf"),
    ],
)
def test_contradictions_and_unwritable_extensions_are_usage_errors(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    done = run_tthc(*args, cwd=tmp_path, env={"TTHC_NO_CACHE": "1"})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and not list(tmp_path.iterdir())

"""``pip install tthc`` without the office extra: every core command works, and what needs the
extra says so in one line. The extra's modules are hidden from a real ``tthc`` process (as if
not installed) rather than uninstalled."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.helpers import REPO
from tthc_cli.extras import EXTRAS, OFFICE

HIDE = (
    "import sys\n"
    f"sys.modules.update(dict.fromkeys({sorted(EXTRAS[OFFICE])!r}))\n"
    "from tthc_cli.cli import main\n"
    "main()\n"
)


def core_tthc(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", HIDE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1", "TTHC_LANG": "en"},
        timeout=120,
    )


CORE_RUNS = [
    ["validate"],
    ["validate", "-f", "json"],
    ["rules"],
    ["list", "-f", "csv"],
    ["show", "2.001219"],
    ["diff", "procedures", "procedures"],
    ["deadline", "2.001219", "--received", "2024-02-07 16:00"],
    ["cost", "6.006576"],
    ["report", "-f", "markdown"],
    ["report", "-f", "csv"],
    ["report", "-f", "json"],
    ["table", "--list", "-f", "html"],
    ["table", "2.001219", "-f", "markdown"],
]


@pytest.mark.parametrize("args", CORE_RUNS, ids=" ".join)
def test_core_commands_need_no_extra(args: list[str]) -> None:
    done = core_tthc(*args)
    assert done.returncode == 0, done.stderr
    assert done.stdout and done.stderr == ""


def test_the_html_report_says_where_its_charts_went(tmp_path: Path) -> None:
    done = core_tthc("report", "-o", str(tmp_path / "r.html"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        "tthc: The HTML report has no charts: charts need an optional extra, "
        "run pip install 'tthc[office]'.\n"
    )
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<svg" not in html and "pip install &#x27;tthc[office]&#x27;" in html


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["table", "2.001219", "-o", "x.docx"], "docx"),
        (["report", "-o", "x.xlsx"], "openpyxl"),
    ],
)
def test_what_needs_the_extra_says_so_in_one_line(
    tmp_path: Path, args: list[str], module: str
) -> None:
    done = core_tthc(*[str(tmp_path / a) if a.startswith("x.") else a for a in args])
    assert done.returncode == 3
    assert done.stderr == (
        f"tthc: This needs the optional extra tthc[office] (module {module} is missing): "
        "run pip install 'tthc[office]'.\n"
    )
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_the_core_dependencies_leave_the_office_modules_out() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {
        dep.split(">")[0].split("=")[0].split("<")[0].strip() for dep in project["dependencies"]
    }
    assert not names & {"openpyxl", "python-docx", "matplotlib", "numpy", "lxml", "pillow"}
    office = {dep.split(">")[0] for dep in project["optional-dependencies"]["office"]}
    assert office == {"openpyxl", "python-docx", "matplotlib"}
    assert "tthc[office]" in project["optional-dependencies"]["test"]

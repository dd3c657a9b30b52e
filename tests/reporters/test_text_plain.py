"""Uncoloured text output skips rich; it must be exactly what rich would have printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import REPO
from tthc_cli.findings import Pos, Severity, ValidationResult, make
from tthc_cli.formats import OutputContext
from tthc_cli.reporters import text as text_reporter

# Without backslashes: rich.markup.escape leaves a backslash before "[" alone, and rich then
# prints "\\[" as "[" (see the last test); the plain path keeps such text as it is.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\\"),
        st.sampled_from("\t\x07\x08\x0b\x0c\r\x1b\n[]/đỗ"),
    ),
    max_size=20,
)


def _result(files: list[str], problem: str, reason: str | None) -> ValidationResult:
    findings = []
    for index, file in enumerate(files):
        finding = make("yaml-syntax", Severity.ERROR, Pos(file, index + 1, 2), problem=problem)
        if reason is not None and index % 2:
            finding = finding.with_suppression(reason)
        findings.append(finding)
    return ValidationResult(tuple(findings), tuple(files))


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=3), TEXT, st.none() | TEXT, st.sampled_from(["vi", "en"]))
def test_plain_output_is_what_rich_prints_without_colour(
    files: list[str], problem: str, reason: str | None, lang: str
) -> None:
    ctx = OutputContext(lang=lang, color=False, width=80)
    result = _result(sorted(files), problem, reason)
    expected = text_reporter.through_rich(text_reporter._lines(result, ctx), False, ctx.width)
    assert text_reporter.render(result, ctx) == expected


def test_uncoloured_text_does_not_import_rich(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom tthc_cli.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('rich' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "validate", "procedures/public/2.001219.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"TTHC_CACHE_DIR": str(tmp_path), "PATH": ""},
        timeout=120,
    )
    assert done.stdout.strip()  # it printed its text output
    assert done.stderr.strip().splitlines()[-1] == "False"


def test_plain_output_keeps_a_backslash_before_a_bracket() -> None:
    ctx = OutputContext(lang="en", color=False, width=80)
    out = text_reporter.render(_result(["a\\[b].yaml"], "", None), ctx)
    assert out.splitlines()[0] == "a\\[b].yaml"

"""Message arguments: only a ``ref`` names another message; text from files is printed as
written, even when it starts with ``@`` (it used to be looked up as a message key)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import make_catalog, procedure, run_tthc
from tthc_cli import findings
from tthc_cli.findings import Pos, Ref, Severity, make, ref
from tthc_cli.load.pickling import Codec
from tthc_cli.messages import render, text


def test_only_a_ref_is_rendered_as_a_message() -> None:
    assert text("schema.type", "en", value="x", expected=ref("type.number")) == (
        "Value x must be a number."
    )
    assert text("schema.type", "en", value="x", expected="@type.number") == (
        "Value x must be @type.number."
    )


def test_a_ref_stays_a_ref_through_the_cache_and_the_workers() -> None:
    finding = make(
        "schema",
        Severity.ERROR,
        Pos("a.yaml"),
        message="schema.type",
        expected=ref("type.string"),
        value="@type.string",
    )
    codec = Codec(findings)
    back = codec.loads(codec.dumps(finding))
    assert back == finding
    assert type(back.arg_map["expected"]) is Ref
    assert type(back.arg_map["value"]) is str
    shown = render("schema.type", back.arg_map, "en")
    assert (
        shown
        == render("schema.type", finding.arg_map, "en")
        == "Value @type.string must be a string."
    )


def test_names_that_start_with_at_are_printed_as_written(tmp_path: Path) -> None:
    components = [
        {"id": "a", "name": "@SUM(1) bản khai"},
        {"id": "b", "name": "@severity.error"},
    ]
    root = make_catalog(tmp_path, {"2.001219.yaml": procedure(components=components)})
    done = run_tthc("validate", str(root), "-f", "json", "--lang", "en", "--no-cache")
    assert done.returncode == 1, done.stderr
    messages = [f["message"] for f in json.loads(done.stdout)["findings"]]
    assert "Dossier component '@SUM(1) bản khai' states no quantity" in "\n".join(messages)
    assert "Dossier component '@severity.error' states no quantity" in "\n".join(messages)


def test_a_date_argument_is_shown_as_the_language_writes_dates() -> None:
    from datetime import date

    from tthc_cli.findings import day

    args = {"ended": day(date(2025, 7, 1)), "on": day(date(2026, 11, 24))}
    assert "01/07/2025" in text("district-level", "vi", **args)
    assert "24/11/2026" in text("district-level", "vi", **args)
    assert "2025-07-01" in text("district-level", "en", **args)
    assert args["ended"] == "2025-07-01"  # as JSON and the other machine formats carry it

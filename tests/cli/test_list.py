"""``tthc list`` through the real entry point: codes stay text in every format."""

from __future__ import annotations

import csv
import io
import json
import os

from tests.helpers import make_catalog, procedure, run_tthc


def test_text_table_keeps_codes_verbatim(tmp_path):
    # 6.006570 would print as 6.00657 if the table parsed codes as numbers.
    make_catalog(tmp_path, {"6.006570.yaml": procedure("6.006570")})
    done = run_tthc("list", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "6.006570" in done.stdout


def test_csv_neutralises_formulas_and_json_counts(tmp_path):
    make_catalog(tmp_path, {"2.001219.yaml": procedure(name='=HYPERLINK("http://x")')})
    done = run_tthc("list", "--format", "csv", cwd=tmp_path)
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[1][2].startswith("'=")
    listed = json.loads(run_tthc("list", "--format", "json", cwd=tmp_path).stdout)
    assert listed["count"] == 1 and listed["procedures"][0]["code"] == "2.001219"


def test_output_file_gets_the_usual_permissions(tmp_path):
    make_catalog(tmp_path)
    out = tmp_path / "list.json"
    done = run_tthc("list", "--format", "json", "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_bad_choice_is_a_usage_error_naming_the_allowed_values(tmp_path):
    make_catalog(tmp_path)
    done = run_tthc("list", "--kind", "nội-bộ", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 2
    assert "--kind: nội-bộ; choose one of: public, internal" in done.stderr
    assert "Traceback" not in done.stderr

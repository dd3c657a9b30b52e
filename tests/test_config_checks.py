"""tthc.yaml problems the schema cannot see are still one line naming the file (exit 3), in
the language asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import make_catalog, run_tthc


def test_a_pattern_that_is_not_a_regular_expression(tmp_path: Path) -> None:
    make_catalog(tmp_path, config={"local_code_pattern": "^((NB"})
    done = run_tthc("validate", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        "tthc: Config file tthc.yaml:2:21 is invalid: local_code_pattern is not a valid "
        "regular expression: missing ), unterminated subpattern at position 2."
    ]


@pytest.mark.parametrize(("lang", "word"), [("en", "one document per file"), ("vi", "tài liệu")])
def test_several_documents_in_the_config(tmp_path: Path, lang: str, word: str) -> None:
    make_catalog(tmp_path)
    config = tmp_path / "tthc.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "---\nlang: en\n", encoding="utf-8")
    done = run_tthc("validate", cwd=tmp_path, env={"TTHC_LANG": lang})
    assert done.returncode == 3
    assert len(done.stderr.splitlines()) == 1 and word in done.stderr
    assert "one procedure per file" not in done.stderr  # what it used to say of tthc.yaml
    assert "chỉ được có một thủ tục." not in done.stderr

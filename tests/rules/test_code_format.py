from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of


def test_national_code_passes(tmp_path: Path) -> None:
    assert findings_of(tmp_path, "code-format") == []


def test_local_code_passes(tmp_path: Path) -> None:
    procedures = {
        "NB-SXD-01.yaml": procedure("NB-SXD-01", kind="internal", internal_scope="within_agency")
    }
    assert findings_of(tmp_path, "code-format", procedures) == []


def test_configured_local_pattern_replaces_default(tmp_path: Path) -> None:
    procedures = {"HCM-STNMT-01.yaml": procedure("HCM-STNMT-01")}
    config = {"local_code_pattern": r"^HCM-[A-Z]+-[0-9]{2}$"}
    assert findings_of(tmp_path, "code-format", procedures, config=config) == []


def test_short_code_fails_and_names_both_patterns(tmp_path: Path) -> None:
    (finding,) = findings_of(tmp_path, "code-format", {"2.1219.yaml": procedure("2.1219")})
    assert finding.line == line_of(tmp_path, "code:", file="2.1219.yaml")
    assert finding.arg_map["code"] == "2.1219"
    assert finding.arg_map["national"] == r"^[0-9]\.[0-9]{6}$"
    assert str(finding.arg_map["local"]).startswith("^NB-")

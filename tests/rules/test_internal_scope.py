from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of


def test_internal_with_scope_and_public_without_pass(tmp_path: Path) -> None:
    procedures = {
        "2.001219.yaml": procedure(),
        "NB-SXD-01.yaml": procedure(
            "NB-SXD-01", kind="internal", internal_scope="between_agencies"
        ),
    }
    assert findings_of(tmp_path, "internal-scope", procedures) == []


def test_internal_without_scope_warns_at_kind(tmp_path: Path) -> None:
    procedures = {"NB-SXD-01.yaml": procedure("NB-SXD-01", kind="internal")}
    (finding,) = findings_of(tmp_path, "internal-scope", procedures)
    assert finding.message == "internal-scope"
    assert finding.severity.value == "warning"
    assert finding.line == line_of(tmp_path, "kind: internal", file="NB-SXD-01.yaml")


def test_public_with_scope_warns_at_scope(tmp_path: Path) -> None:
    data = procedure(internal_scope="within_agency")
    (finding,) = findings_of(tmp_path, "internal-scope", {"2.001219.yaml": data})
    assert finding.message == "internal-scope.public"
    assert finding.arg_map["scope"] == "within_agency"
    assert finding.line == line_of(tmp_path, "internal_scope:")

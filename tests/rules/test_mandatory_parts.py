from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of


def test_complete_procedure_passes(tmp_path: Path) -> None:
    assert findings_of(tmp_path, "mandatory-parts") == []


def test_processing_time_counts_as_time(tmp_path: Path) -> None:
    data = procedure(
        channels=[{"channel": "direct"}], processing_time={"value": 5, "unit": "working_days"}
    )
    assert findings_of(tmp_path, "mandatory-parts", {"2.001219.yaml": data}) == []


def test_each_missing_part_is_one_warning_at_file_start(tmp_path: Path) -> None:
    data = procedure(steps=None, subjects=None, channels=[{"channel": "direct"}])
    found = findings_of(tmp_path, "mandatory-parts", {"2.001219.yaml": data})
    assert sorted(str(f.arg_map["part"]) for f in found) == ["steps", "subjects", "time"]
    assert {f.severity.value for f in found} == {"warning"}
    assert {f.line for f in found} == {1}


def test_competent_unit_counts(tmp_path: Path) -> None:
    data = procedure(units={"competent": ["ubnd-tp"]})
    assert findings_of(tmp_path, "mandatory-parts", {"2.001219.yaml": data}) == []
    data = procedure(units={"coordinating": ["ubnd-tp"]})
    (finding,) = findings_of(tmp_path / "b", "mandatory-parts", {"2.001219.yaml": data})
    assert finding.arg_map["part"] == "unit"


def test_incomplete_procedure_is_skipped(tmp_path: Path) -> None:
    data = procedure(steps=None, subjects=None, incomplete=True)
    assert findings_of(tmp_path, "mandatory-parts", {"2.001219.yaml": data}) == []

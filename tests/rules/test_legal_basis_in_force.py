"""legal-basis-in-force: cited documents replaced, repealed, amended, or not in the register."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of
from tthc_cli.findings import Severity

RULE = "legal-basis-in-force"
BASIS = {"number": "32/2010/TT-BTNMT", "title": "Quy định về cấp phép hoạt động đo đạc và bản đồ"}


def register(*documents: dict[str, Any]) -> dict[str, Any]:
    return {"documents": list(documents)}


def replaced(on: str) -> dict[str, Any]:
    return register(
        {
            "number": "32/2010/TT-BTNMT",
            "title": "Quy định về cấp phép hoạt động đo đạc và bản đồ",
            "effective": "2011-01-22",
            "replaced_by": {"number": "27/2019/NĐ-CP", "date": on},
        },
        {"number": "27/2019/NĐ-CP", "type": "Nghị định", "title": "Nghị định mới"},
    )


def run(
    tmp_path: Path,
    legal: dict[str, Any] | None,
    config: dict[str, Any] | None = None,
    **fields: Any,
) -> list[Any]:
    data = procedure(legal_basis=fields.pop("legal_basis", [BASIS]), **fields)
    files: dict[str, Any] = {"2.001219.yaml": data}
    if legal is not None:
        files["legal.yaml"] = legal
    return findings_of(tmp_path, RULE, files, config=config)


def test_a_basis_replaced_before_the_day_is_an_error_naming_the_successor(tmp_path: Path) -> None:
    (finding,) = run(tmp_path, replaced("2019-03-13"))
    assert finding.severity is Severity.ERROR
    assert finding.message == RULE
    assert finding.arg_map["successor"] == "27/2019/NĐ-CP"
    assert finding.arg_map["since"] == "2019-03-13"
    assert finding.line == line_of(tmp_path, "number: 32/2010/TT-BTNMT")
    assert finding.item == "legal_basis/32/2010/tt-btnmt"  # the item key (folded number)


def test_the_day_before_the_replacement_passes_and_the_day_itself_fails(tmp_path: Path) -> None:
    # support.AS_OF is 2026-11-23
    assert run(tmp_path / "before", replaced("2026-11-24")) == []
    assert len(run(tmp_path / "on", replaced("2026-11-23"))) == 1


def test_a_historical_procedure_is_judged_on_its_last_day(tmp_path: Path) -> None:
    assert run(tmp_path, replaced("2019-03-13"), effective={"to": "2019-03-12"}) == []


def test_a_basis_in_force_passes(tmp_path: Path) -> None:
    legal = register({**BASIS, "effective": "2011-01-22"})
    assert run(tmp_path, legal) == []


def test_a_repealed_basis_is_an_error_naming_the_repealing_document(tmp_path: Path) -> None:
    legal = register(
        {**BASIS, "repealed": {"by": "1/2025/TT-BNNMT", "extent": "whole", "date": "2025-07-01"}},
        {"number": "1/2025/TT-BNNMT", "title": "Thông tư bãi bỏ"},
    )
    (finding,) = run(tmp_path, legal)
    assert finding.message == "legal-basis-in-force.repealed"
    assert finding.arg_map["by"] == "1/2025/TT-BNNMT"


def test_the_document_now_in_force_is_named_after_two_replacements(tmp_path: Path) -> None:
    legal = replaced("2019-03-13")
    legal["documents"][1]["replaced_by"] = {"number": "136/2025/NĐ-CP", "date": "2025-07-01"}
    legal["documents"].append({"number": "136/2025/NĐ-CP", "title": "Nghị định mới hơn"})
    (finding,) = run(tmp_path, legal)
    assert finding.message == "legal-basis-in-force.replaced-chain"
    assert finding.arg_map["latest"] == "136/2025/NĐ-CP"


AMENDED = register(
    {
        **BASIS,
        "effective": "2011-01-22",
        "amended_by": [{"number": "14/2026/NĐ-CP", "date": "2026-02-01", "articles": "Điều 3"}],
    },
    {"number": "14/2026/NĐ-CP", "title": "Nghị định sửa đổi"},
)


def test_amended_after_publication_is_a_warning_naming_the_amendment(tmp_path: Path) -> None:
    (finding,) = run(tmp_path, AMENDED, publication={"decision": "1/QĐ-BXD", "date": "2025-01-10"})
    assert finding.severity is Severity.WARNING
    assert finding.message == "legal-basis-in-force.amended"
    assert finding.arg_map["by"] == "14/2026/NĐ-CP"
    assert finding.arg_map["published"] == "2025-01-10"


def test_amended_before_publication_passes(tmp_path: Path) -> None:
    assert run(tmp_path, AMENDED, publication={"decision": "1/QĐ-BXD", "date": "2026-03-01"}) == []


def test_the_publication_decisions_issue_date_stands_in_for_a_missing_date(tmp_path: Path) -> None:
    legal = register(
        *AMENDED["documents"],
        {"number": "1/QĐ-BXD", "title": "Quyết định công bố", "issued": "2026-03-01"},
    )
    assert run(tmp_path, legal, publication={"decision": "1/QĐ-BXD"}) == []


def test_citing_the_amending_document_too_passes(tmp_path: Path) -> None:
    bases = [BASIS, {"number": "14/2026/NĐ-CP", "title": "Nghị định sửa đổi"}]
    assert run(tmp_path, AMENDED, legal_basis=bases) == []


def test_without_a_publication_date_an_amendment_is_information(tmp_path: Path) -> None:
    (finding,) = run(tmp_path, AMENDED)
    assert finding.severity is Severity.INFO
    assert finding.message == "legal-basis-in-force.amended-unpublished"


def test_an_amendment_after_the_day_judged_is_not_reported(tmp_path: Path) -> None:
    assert run(tmp_path, AMENDED, effective={"to": "2026-01-31"}) == []


def test_a_number_missing_from_the_register_is_information(tmp_path: Path) -> None:
    (finding,) = run(tmp_path, register({"number": "1/2020/NĐ-CP", "title": "Khác"}))
    assert finding.severity is Severity.INFO
    assert finding.message == "legal-basis-in-force.unregistered"
    assert finding.arg_map == {"number": "32/2010/TT-BTNMT"}


def test_tthc_yaml_turns_missing_numbers_off_or_up(tmp_path: Path) -> None:
    other = register({"number": "1/2020/NĐ-CP", "title": "Khác"})
    assert run(tmp_path / "off", other, {"legal": {"unregistered": "off"}}) == []
    (finding,) = run(tmp_path / "warn", other, {"legal": {"unregistered": "warning"}})
    assert finding.severity is Severity.WARNING


def test_without_a_register_the_rule_says_nothing(tmp_path: Path) -> None:
    assert run(tmp_path, None) == []


def test_a_suppression_on_the_item_keeps_a_superseded_basis(tmp_path: Path) -> None:
    kept = {**BASIS, "suppress": [{"rule": RULE, "reason": "Giữ nguyên như văn bản công bố."}]}
    assert run(tmp_path, replaced("2019-03-13"), legal_basis=[kept]) == []

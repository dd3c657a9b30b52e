from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of

HO_KHAU = [
    {"id": "don", "name": "Đơn", "originals": 1},
    {"id": "ho-khau", "name": "Bản sao Sổ  hộ khẩu của người đề nghị", "copies": 1},
]


def test_current_documents_pass(tmp_path: Path) -> None:
    assert findings_of(tmp_path, "component-abolished") == []


def test_historical_procedure_before_since_passes(tmp_path: Path) -> None:
    data = procedure(components=HO_KHAU, effective={"to": "2022-12-31"})
    assert findings_of(tmp_path, "component-abolished", {"2.001219.yaml": data}) == []


def test_ho_khau_after_2023_fails_with_basis(tmp_path: Path) -> None:
    data = procedure(components=HO_KHAU)
    (finding,) = findings_of(tmp_path, "component-abolished", {"2.001219.yaml": data})
    assert finding.item == "components/ho-khau"
    assert finding.arg_map["document"] == "sổ hộ khẩu"
    assert finding.arg_map["since"] == "2023-01-01"
    assert "68/2020/QH14" in str(finding.arg_map["basis"])
    assert finding.line == line_of(tmp_path, "id: ho-khau")


def test_configured_list_replaces_default(tmp_path: Path) -> None:
    config = {
        "abolished_components": [
            {
                "name": "giấy chứng minh nhân dân",
                "since": "2025-01-01",
                "basis": "Luật Căn cước 2023",
            }
        ]
    }
    data = procedure(
        components=[*HO_KHAU, {"id": "cmnd", "name": "Giấy chứng minh nhân dân", "copies": 1}]
    )
    (finding,) = findings_of(
        tmp_path, "component-abolished", {"2.001219.yaml": data}, config=config
    )
    assert finding.item == "components/cmnd"

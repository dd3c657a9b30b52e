from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of


def test_original_or_copy_passes(tmp_path: Path) -> None:
    data = procedure(
        components=[
            {"id": "don", "name": "Đơn", "originals": 1},
            {"id": "ban-sao", "name": "Bản sao giấy phép", "copies": 1},
        ]
    )
    assert findings_of(tmp_path, "component-quantity", {"2.001219.yaml": data}) == []


def test_no_quantity_fails(tmp_path: Path) -> None:
    data = procedure(
        components=[
            {"id": "don", "name": "Đơn", "originals": 1},
            {"id": "giay-phep", "name": "Giấy phép", "originals": 0},
        ]
    )
    (finding,) = findings_of(tmp_path, "component-quantity", {"2.001219.yaml": data})
    assert finding.item == "components/giay-phep"
    assert finding.arg_map["name"] == "Giấy phép"
    assert finding.line == line_of(tmp_path, "id: giay-phep")


def test_a_paper_the_agency_makes_needs_no_quantity(tmp_path: Path) -> None:
    data = procedure(
        components=[
            {"id": "don", "name": "Đơn", "originals": 1},
            {"id": "phieu", "name": "Phiếu lấy ý kiến", "kind": "agency"},
            {"id": "cccd", "name": "Căn cước", "kind": "shown"},
        ]
    )
    (finding,) = findings_of(tmp_path, "component-quantity", {"2.001219.yaml": data})
    assert finding.item == "components/cccd"

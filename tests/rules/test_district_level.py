from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of


def test_province_and_commune_pass(tmp_path: Path) -> None:
    data = procedure(levels=["province", "commune"])
    assert findings_of(tmp_path, "district-level", {"2.001219.yaml": data}) == []


def test_historical_district_procedure_passes(tmp_path: Path) -> None:
    data = procedure(levels=["district"], effective={"to": "2025-06-30"})
    assert findings_of(tmp_path, "district-level", {"2.001219.yaml": data}) == []


def test_current_district_procedure_fails(tmp_path: Path) -> None:
    data = procedure(levels=["province", "district"])
    (finding,) = findings_of(tmp_path, "district-level", {"2.001219.yaml": data})
    assert finding.line == line_of(tmp_path, "levels:")
    assert finding.arg_map == {"ended": "2025-07-01", "on": "2026-11-23"}


def test_as_of_before_the_reform_passes(tmp_path: Path) -> None:
    data = procedure(levels=["district"])
    config = {"as_of": "2025-06-30"}
    assert findings_of(tmp_path, "district-level", {"2.001219.yaml": data}, config=config) == []


def test_receiving_address_naming_a_district_fails(tmp_path: Path) -> None:
    address = "số 63 Lý Tự Trọng, phường Bến Nghé, Quận 1"
    data = procedure(receiving_address=address)
    (finding,) = findings_of(tmp_path, "district-level", {"2.001219.yaml": data})
    assert finding.message == "district-level.address"
    assert finding.arg_map["found"] == "Quận 1"
    assert finding.line == line_of(tmp_path, "receiving_address:")


def test_named_districts_and_thu_duc_are_found(tmp_path: Path) -> None:
    for address, found in (
        ("38H Phan Đăng Lưu, Phường 5, Quận Phú Nhuận hoặc tại chi nhánh", "Quận Phú Nhuận"),
        ("UBND huyện Cần Giờ", "huyện Cần Giờ"),
        ("168 Trương Văn Bang, thành phố Thủ Đức", "thành phố Thủ Đức"),
    ):
        data = procedure(receiving_address=address)
        (finding,) = findings_of(tmp_path, "district-level", {"2.001219.yaml": data})
        assert finding.arg_map["found"] == found


def test_addresses_by_ward_pass(tmp_path: Path) -> None:
    data = procedure(receiving_address="45-47 Lê Duẩn, phường Sài Gòn, Thành phố Hồ Chí Minh")
    assert findings_of(tmp_path, "district-level", {"2.001219.yaml": data}) == []
    old = procedure(receiving_address="Quận 1", effective={"to": "2025-06-30"})
    assert findings_of(tmp_path, "district-level", {"2.001219.yaml": old}) == []

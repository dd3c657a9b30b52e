"""``tthc deadline`` through the real entry point: a procedure's time or any written period."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import make_catalog, procedure, run_tthc


def _catalog(tmp_path: Path, config: dict[str, object] | None = None) -> Path:
    channels = [
        {"channel": "direct", "time": {"value": 5, "unit": "working_days"}, "fee": {"amount": 0}},
        {"channel": "online", "time": {"value": 2, "unit": "working_days"}, "fee": {"amount": 0}},
    ]
    return make_catalog(tmp_path, {"2.001219.yaml": procedure(channels=channels)}, config=config)


def test_procedure_period_across_tet_2024_with_explain(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    args = ("deadline", "2.001219", str(catalog), "--received", "07/02/2024 16:00")
    done = run_tthc(*args, "--channel", "online", "--explain", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Nhận hồ sơ: 07/02/2024 16:00 (thứ Tư)" in done.stdout
    assert "Hạn giải quyết: hết ngày 16/02/2024 (thứ Sáu)" in done.stdout
    tet = re.findall(
        r"^  \d\d/02/2024 .*Tết Âm lịch Giáp Thìn.* — 5015/TB-LĐTBXH", done.stdout, re.M
    )
    assert len(tet) == 7
    en = run_tthc(*args, "--lang", "en", cwd=tmp_path)
    assert "Due: end of 2024-02-21 (Wednesday)" in en.stdout


def test_duration_without_a_procedure_code(tmp_path: Path) -> None:
    done = run_tthc(
        "deadline",
        "--duration",
        "5 ngày làm việc",
        "--received",
        "05/01/2026 09:00",
        "--explain",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Hạn giải quyết: hết ngày 10/01/2026 (thứ Bảy)" in done.stdout
    assert "10/01/2026 (thứ Bảy): Làm bù cho ngày nghỉ 02/01/2026 — 12729/VPCP-KGVX" in done.stdout


def test_working_hours_and_iso_received(tmp_path: Path) -> None:
    done = run_tthc(
        "deadline",
        "--duration",
        "04 giờ làm việc",
        "--received",
        "2026-03-02 08:00",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Hạn giải quyết: 02/03/2026 13:30 (thứ Hai)" in done.stdout


def test_sunday_online_receipt_says_when_it_counts(tmp_path: Path) -> None:
    done = run_tthc(
        "deadline",
        "--duration",
        "5 ngày làm việc",
        "--received",
        "08/03/2026 09:00",
        cwd=tmp_path,
    )
    assert "tính như nhận lúc 09/03/2026 07:30 (thứ Hai)" in done.stdout
    assert "chưa đối chiếu toàn văn" in done.stdout
    assert "hết ngày 16/03/2026 (thứ Hai)" in done.stdout


def test_config_sets_office_hours_receipt_rule_and_unsettled_days(tmp_path: Path) -> None:
    config = {
        "office_hours": {
            "morning": {"start": "08:00", "end": "12:00"},
            "afternoon": {"start": "13:30", "end": "17:30"},
            "source": "Quy chế làm việc của cơ quan",
        },
        "receipt": {"outside_hours": "as_received", "reason": "Quy chế một cửa của cơ quan"},
        "calendar": {
            "unsettled": {
                "ngay-van-hoa-viet-nam": {"treat": "off", "reason": "Đã nghỉ theo thông báo"}
            }
        },
    }
    _catalog(tmp_path, config)
    hours = run_tthc(
        "deadline",
        "--duration",
        "8 giờ làm việc",
        "--received",
        "02/03/2026 08:00",
        "--explain",
        cwd=tmp_path,
    )
    assert "Hạn giải quyết: 02/03/2026 17:30 (thứ Hai)" in hours.stdout, hours.stderr
    assert "Quy chế làm việc của cơ quan" in hours.stdout
    sunday = run_tthc(
        "deadline",
        "--duration",
        "5 ngày làm việc",
        "--received",
        "08/03/2026 09:00",
        cwd=tmp_path,
    )
    assert "hết ngày 13/03/2026 (thứ Sáu)" in sunday.stdout
    culture = run_tthc(
        "deadline",
        "--duration",
        "1 ngày làm việc",
        "--received",
        "23/11/2026 09:00",
        "--explain",
        cwd=tmp_path,
    )
    assert "hết ngày 25/11/2026 (thứ Tư)" in culture.stdout
    assert "Đã nghỉ theo thông báo" in culture.stdout


def test_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    cases = [
        (("2.001219", str(catalog), "--received", "2024-02-07", "--channel", "onlin"), "onlin"),
        (("--duration", "năm ngày", "--received", "2024-02-07"), "năm ngày"),
        (("--received", "2024-02-07"), "--duration"),
        (("2.001219", "--duration", "5 ngày", "--received", "2024-02-07"), "--duration"),
        (("--duration", "5 ngày", "--received", "hôm qua"), "hôm qua"),
    ]
    for args, named in cases:
        done = run_tthc("deadline", *args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert named in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_a_procedure_without_the_channel_time_cannot_run(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    done = run_tthc(
        "deadline",
        "2.001219",
        str(catalog),
        "--received",
        "2024-02-07 16:00",
        "--channel",
        "postal",
        cwd=tmp_path,
    )
    assert done.returncode == 3 and "Traceback" not in done.stderr


def test_broken_office_hours_stop_with_exit_3(tmp_path: Path) -> None:
    config = {
        "office_hours": {
            "morning": {"start": "11:00", "end": "08:00"},
            "afternoon": {"start": "13:00", "end": "17:00"},
            "source": "x",
        }
    }
    _catalog(tmp_path, config)
    done = run_tthc("deadline", "--duration", "1 ngày", "--received", "2024-02-07", cwd=tmp_path)
    assert done.returncode == 3 and "office_hours" in done.stderr

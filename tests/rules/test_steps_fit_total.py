from pathlib import Path

from tests.helpers import REPO, procedure
from tests.rules.support import findings_of, line_of
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import load_config
from tthc_cli.rules.engine import validate


def test_steps_within_channel_time_pass(tmp_path: Path) -> None:
    assert findings_of(tmp_path, "steps-fit-total") == []


def test_steps_over_channel_time_fail_per_channel(tmp_path: Path) -> None:
    data = procedure()
    data["channels"] = [
        {"channel": "online", "time": {"value": 2, "unit": "working_days"}},
        {"channel": "direct", "time": {"value": 5, "unit": "working_days"}},
    ]
    data["steps"][2]["duration"] = {"value": 4, "unit": "working_days"}
    found = findings_of(tmp_path, "steps-fit-total", {"2.001219.yaml": data})
    assert [f.item for f in found] == ["channels/online", "channels/direct"]
    online = found[0].arg_map
    assert (online["steps"], online["total"], online["total_days"]) == ("7", "2", "2")
    assert online["target"] == "@steps-fit-total.channel.online"
    # A block-style duration starts on the line of its first key, right under "time:".
    assert found[0].line == line_of(tmp_path, "time:") + 1


def test_calendar_days_only_flag_certain_overruns(tmp_path: Path) -> None:
    data = procedure()
    data["channels"] = [{"channel": "direct", "time": {"value": 7, "unit": "calendar_days"}}]
    # 3 + 2 = 5 working days fit in 7 calendar days (at most 5 working days).
    assert findings_of(tmp_path, "steps-fit-total", {"2.001219.yaml": data}) == []
    data["steps"][2]["duration"] = {"value": 3, "unit": "working_days"}
    (finding,) = findings_of(tmp_path / "b", "steps-fit-total", {"2.001219.yaml": data})
    assert finding.arg_map["total_unit"] == "@steps-fit-total.unit.calendar_days"


def test_conditional_and_submit_steps_do_not_count(tmp_path: Path) -> None:
    data = procedure()
    data["steps"][0]["duration"] = {"value": 10, "unit": "calendar_days"}
    data["steps"].append(
        {
            "id": "bo-sung",
            "kind": "notify",
            "action": "Hướng dẫn bổ sung",
            "lead": "so-xay-dung",
            "when": "hồ sơ chưa hợp lệ",
            "duration": {"value": 3, "unit": "working_days"},
        }
    )
    assert findings_of(tmp_path, "steps-fit-total", {"2.001219.yaml": data}) == []


def test_processing_time_used_when_channels_have_no_time(tmp_path: Path) -> None:
    data = procedure(processing_time={"value": 32, "unit": "working_hours"})
    data["channels"] = [{"channel": "direct"}]
    (finding,) = findings_of(tmp_path, "steps-fit-total", {"2.001219.yaml": data})
    assert finding.item is None
    assert finding.arg_map["total_days"] == "4"
    assert finding.arg_map["total_hours"] == "32"
    assert finding.line == line_of(tmp_path, "processing_time:") + 1


def test_step_outside_the_published_time_does_not_count(tmp_path: Path) -> None:
    after_result = {
        "id": "ky-hop-dong",
        "kind": "other",
        "action": "Ký hợp đồng sau khi được cấp thẻ",
        "lead": "so-xay-dung",
        "duration": {"value": 30, "unit": "calendar_days"},
    }
    counted = procedure(steps=[*procedure()["steps"], after_result])
    assert findings_of(tmp_path / "a", "steps-fit-total", {"2.001219.yaml": counted})
    outside = procedure(steps=[*procedure()["steps"], {**after_result, "outside_time": True}])
    assert findings_of(tmp_path / "b", "steps-fit-total", {"2.001219.yaml": outside}) == []


def test_worked_example_two_versus_six_days_is_caught_and_suppressed() -> None:
    catalog = load_paths(
        [REPO / "procedures/public/2.001219.yaml"], load_config(REPO / "tthc.yaml")
    )
    found = [f for f in validate(catalog).findings if f.rule == "steps-fit-total"]
    assert len(found) == 3
    assert all(f.suppressed for f in found)
    assert {(f.arg_map["steps"], f.arg_map["total"]) for f in found} == {("6", "2")}

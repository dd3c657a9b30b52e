from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of


def test_level_on_online_channel_passes(tmp_path: Path) -> None:
    data = procedure(
        channels=[
            {
                "channel": "online",
                "online_service": "full",
                "time": {"value": 5, "unit": "working_days"},
            }
        ]
    )
    assert findings_of(tmp_path, "online-level", {"2.001219.yaml": data}) == []


def test_level_on_direct_channel_warns(tmp_path: Path) -> None:
    data = procedure(
        channels=[
            {"channel": "online", "time": {"value": 5, "unit": "working_days"}},
            {
                "id": "tai-so",
                "channel": "direct",
                "online_service": "partial",
                "time": {"value": 5, "unit": "working_days"},
            },
        ]
    )
    (finding,) = findings_of(tmp_path, "online-level", {"2.001219.yaml": data})
    assert finding.item == "channels/tai-so"
    assert finding.arg_map["level"] == "partial"
    assert finding.line == line_of(tmp_path, "id: tai-so")

import unicodedata
from pathlib import Path

from tests.helpers import procedure
from tests.rules.support import findings_of, line_of


def test_one_lead_per_step_passes_and_submit_needs_none(tmp_path: Path) -> None:
    assert findings_of(tmp_path, "step-single-lead") == []


def test_step_without_lead_fails(tmp_path: Path) -> None:
    data = procedure()
    del data["steps"][1]["lead"]
    (finding,) = findings_of(tmp_path, "step-single-lead", {"2.001219.yaml": data})
    assert finding.message == "step-single-lead"
    assert finding.item == "steps/tham-dinh"
    assert finding.line == line_of(tmp_path, "id: tham-dinh")


def test_step_with_several_leads_fails_at_the_first_lead(tmp_path: Path) -> None:
    data = procedure()
    data["steps"][1]["lead"] = ["so-xay-dung", "so-tu-phap"]
    (finding,) = findings_of(tmp_path, "step-single-lead", {"2.001219.yaml": data})
    assert finding.message == "step-single-lead.several"
    assert finding.arg_map["count"] == 2
    assert finding.arg_map["leads"] == "so-xay-dung, so-tu-phap"
    assert finding.line == line_of(tmp_path, "- so-tu-phap") - 1


def test_item_suppression_applies(tmp_path: Path) -> None:
    data = procedure()
    data["steps"][1]["lead"] = ["so-xay-dung", "so-tu-phap"]
    data["steps"][1]["suppress"] = [
        {"rule": "step-single-lead", "reason": "Tùy vị trí công trình."}
    ]
    (finding,) = findings_of(
        tmp_path, "step-single-lead", {"2.001219.yaml": data}, active_only=False
    )
    assert finding.suppressed == "Tùy vị trí công trình."


def test_a_step_without_id_is_quoted_by_its_own_text_shortened(tmp_path: Path) -> None:
    """The key (folded, for matching) is not what a person reads: the message quotes the
    action as written — case kept, NFC — cut at a word with "…"."""
    action = (
        "Trong thời hạn 03 (ba) ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở Tư pháp thẩm định"
        " hồ sơ và trình Chủ tịch UBND Thành phố"
    )
    data = procedure()
    step = data["steps"][1]
    del step["id"], step["lead"]
    step["action"] = unicodedata.normalize("NFD", action)  # decomposed, as some sources write
    (finding,) = findings_of(tmp_path, "step-single-lead", {"2.001219.yaml": data})
    assert finding.item.startswith("steps/trong thời hạn 03")  # matching keeps the folded key
    label = str(finding.arg_map["step"])
    assert label == "Trong thời hạn 03 (ba) ngày làm việc kể từ ngày nhận đủ hồ…"
    assert len(label) <= 60


def test_a_step_with_an_id_is_named_by_it(tmp_path: Path) -> None:
    data = procedure()
    del data["steps"][1]["lead"]
    (finding,) = findings_of(tmp_path, "step-single-lead", {"2.001219.yaml": data})
    assert finding.arg_map["step"] == "tham-dinh"

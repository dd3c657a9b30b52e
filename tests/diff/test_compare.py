"""The pure diff: matching by identity, classification, totals, partly loadable sides."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import make_catalog, procedure
from tthc_cli.config import Config, HourlyValue
from tthc_cli.diff import CatalogDiff, Change, Verdict, diff_catalogs
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config


def _load(root: Path, procedures: dict[str, Any]) -> Any:
    catalog = make_catalog(root, procedures)
    return load_paths([catalog], resolve_config([catalog], None))


def diff_of(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> CatalogDiff:
    return diff_catalogs(_load(tmp_path / "old", old), _load(tmp_path / "new", new))


def changes_of(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    result = diff_of(tmp_path, {"p.yaml": old}, {"p.yaml": new})
    return [c for p in result.procedures for c in p.changes]


BASE = procedure()


def _with(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def test_identical_catalogs_have_no_changes(tmp_path: Path) -> None:
    result = diff_of(tmp_path, {"p.yaml": BASE}, {"p.yaml": copy.deepcopy(BASE)})
    assert not result.has_changes
    assert result.totals.changed == 0
    assert result.unloaded == ()


def test_same_bytes_skip_the_comparison_and_different_bytes_do_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tthc_cli.diff import compare

    old = _load(tmp_path / "old", {"p.yaml": BASE})
    same = _load(tmp_path / "same", {"p.yaml": BASE})
    other = _load(tmp_path / "other", {"p.yaml": _with(["name"], "Thủ tục khác")})
    assert old.procedures[0].digest == same.procedures[0].digest != other.procedures[0].digest
    compared: list[str] = []
    real = compare._procedure_fields
    monkeypatch.setattr(
        compare, "_procedure_fields", lambda o, n, h: compared.append(n.path) or real(o, n, h)
    )
    assert not diff_catalogs(old, same).has_changes
    assert compared == []  # skipped: same bytes at the same place
    assert diff_catalogs(old, other).has_changes
    assert len(compared) == 1


CASES = [
    # (new procedure, expected kind, expected verdict)
    (_with(["components"], []), "component-removed", Verdict.SIMPLER),
    (
        _with(["components"], [*BASE["components"], {"id": "cccd", "name": "Căn cước"}]),
        "component-added",
        Verdict.HEAVIER,
    ),
    (_with(["components", 0, "originals"], 0), "component-originals", Verdict.SIMPLER),
    (_with(["components", 0, "originals"], 2), "component-originals", Verdict.HEAVIER),
    (
        _with(["components", 0], {"id": "don", "name": "Đơn đề nghị", "originals": 1, "copies": 1}),
        "component-copies",
        Verdict.NEUTRAL,
    ),  # copies unknown before: not comparable
    (
        _with(["components", 0, "national_database"], "Cơ sở dữ liệu quốc gia về dân cư"),
        "component-national-database",
        Verdict.SIMPLER,
    ),
    (
        _with(["steps", 1, "duration"], {"value": 2, "unit": "working_days"}),
        "step-duration",
        Verdict.SIMPLER,
    ),
    (
        _with(["steps", 1, "duration"], {"value": 16, "unit": "working_hours"}),
        "step-duration",
        Verdict.SIMPLER,
    ),  # 16 working hours = 2 working days < 3
    (
        _with(["steps", 1, "duration"], {"value": 32, "unit": "working_hours"}),
        "step-duration",
        Verdict.HEAVIER,
    ),  # 4 working days > 3
    (
        _with(["steps", 1, "duration"], {"value": 24, "unit": "working_hours"}),
        "step-duration",
        Verdict.NEUTRAL,
    ),  # the same 3 working days, written in hours
    (_with(["steps"], BASE["steps"][:2]), "step-removed", Verdict.SIMPLER),
    (_with(["steps", 1, "consulted"], ["so-tu-phap"]), "step-consulted", Verdict.HEAVIER),
    (
        _with(["channels", 0, "time"], {"value": 3, "unit": "working_days"}),
        "channel-time",
        Verdict.SIMPLER,
    ),
    (_with(["channels", 0, "fee"], {"amount": 50000}), "channel-fee", Verdict.HEAVIER),
    (_with(["channels", 0, "fee"], {"unknown": True}), "channel-fee", Verdict.NEUTRAL),
    (
        _with(["channels"], [*BASE["channels"], {"channel": "online", "online_service": "full"}]),
        "channel-added",
        Verdict.SIMPLER,
    ),
    (_with(["channels"], []), "channel-removed", Verdict.HEAVIER),
    (
        _with(["processing_time"], {"value": 4, "unit": "working_days"}),
        "procedure-time",
        Verdict.NEUTRAL,
    ),  # no total before: not comparable
    (_with(["abolished"], {"date": "2026-12-01"}), "procedure-abolished", Verdict.SIMPLER),
    (_with(["dossier_sets"], 2), "procedure-dossier-sets", Verdict.NEUTRAL),
    (_with(["name"], "Tên mới"), "procedure-field", Verdict.NEUTRAL),
    (_with(["legal_basis", 0, "title"], "Nghị định (sửa tên)"), "legal-field", Verdict.NEUTRAL),
    (_with(["legal_basis"], []), "legal-removed", Verdict.NEUTRAL),
    (_with(["components", 0, "id"], "don-de-nghi"), "component-id", Verdict.NEUTRAL),
]


@pytest.mark.parametrize(("new", "kind", "verdict"), CASES)
def test_each_kind_of_change_is_classified(
    tmp_path: Path, new: dict[str, Any], kind: str, verdict: Verdict
) -> None:
    changes = changes_of(tmp_path, BASE, new)
    assert [(c.kind, c.verdict) for c in changes] == [(kind, verdict)]


def test_processing_time_shorter_is_simpler(tmp_path: Path) -> None:
    old = _with(["processing_time"], {"value": 5, "unit": "working_days"})
    new = _with(["processing_time"], {"value": 24, "unit": "working_hours"})
    [change] = changes_of(tmp_path, old, new)
    assert (change.kind, change.verdict) == ("procedure-time", Verdict.SIMPLER)
    assert change.old_pos is not None and change.new_pos is not None


def test_channel_upgraded_to_full_online_is_simpler_and_downgrade_heavier(tmp_path: Path) -> None:
    partial = _with(["channels"], [{"channel": "online", "online_service": "partial"}])
    full = _with(["channels"], [{"channel": "online", "online_service": "full"}])
    [up] = changes_of(tmp_path / "up", partial, full)
    [down] = changes_of(tmp_path / "down", full, partial)
    assert (up.kind, up.verdict) == ("channel-online-service", Verdict.SIMPLER)
    assert down.verdict is Verdict.HEAVIER


def test_fewer_dossier_sets_is_simpler(tmp_path: Path) -> None:
    [change] = changes_of(tmp_path, _with(["dossier_sets"], 2), _with(["dossier_sets"], 1))
    assert (change.kind, change.verdict) == ("procedure-dossier-sets", Verdict.SIMPLER)


def test_inserting_a_step_in_the_middle_is_one_addition(tmp_path: Path) -> None:
    steps = [*BASE["steps"][:1], {"id": "kiem-tra", "action": "Kiểm tra hồ sơ"}, *BASE["steps"][1:]]
    changes = changes_of(tmp_path, BASE, _with(["steps"], steps))
    assert [(c.kind, c.path, c.verdict) for c in changes] == [
        ("step-added", "steps/kiem-tra", Verdict.HEAVIER)
    ]
    assert changes[0].new_pos is not None and changes[0].new_pos.line > 1


def test_steps_without_ids_match_by_name(tmp_path: Path) -> None:
    plain = [{"action": s["action"]} for s in BASE["steps"]]
    inserted = [plain[0], {"action": "Kiểm tra hồ sơ"}, *plain[1:]]
    changes = changes_of(tmp_path, _with(["steps"], plain), _with(["steps"], inserted))
    assert [c.kind for c in changes] == ["step-added"]


def test_reorder_is_reported_as_reorder(tmp_path: Path) -> None:
    steps = [BASE["steps"][0], BASE["steps"][2], BASE["steps"][1]]
    changes = changes_of(tmp_path, BASE, _with(["steps"], steps))
    assert [(c.kind, c.verdict) for c in changes] == [("step-reordered", Verdict.NEUTRAL)]
    assert changes[0].old == ("nop", "tham-dinh", "tra")
    assert changes[0].new == ("nop", "tra", "tham-dinh")


def test_moved_file_with_same_code_is_a_move(tmp_path: Path) -> None:
    result = diff_of(tmp_path, {"public/p.yaml": BASE}, {"archive/p.yaml": BASE})
    [proc] = result.procedures
    assert [(c.kind, c.old, c.new, c.verdict) for c in proc.changes] == [
        ("procedure-moved", "public/p.yaml", "archive/p.yaml", Verdict.NEUTRAL)
    ]
    assert result.totals.added == result.totals.removed == 0


def test_added_and_removed_procedures(tmp_path: Path) -> None:
    other = procedure("1.000001")
    result = diff_of(tmp_path, {"a.yaml": BASE}, {"b.yaml": other})
    kinds = {(p.code, c.kind, c.verdict) for p in result.procedures for c in p.changes}
    assert kinds == {
        ("2.001219", "procedure-removed", Verdict.SIMPLER),
        ("1.000001", "procedure-added", Verdict.HEAVIER),
    }
    assert result.any_heavier


def test_procedure_verdict_and_totals(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    new["components"] = []
    new["channels"][0]["time"] = {"value": 3, "unit": "working_days"}
    new["channels"][0]["fee"] = {"amount": 20000}
    result = diff_of(tmp_path, {"p.yaml": BASE}, {"p.yaml": new})
    [proc] = result.procedures
    assert proc.verdict is Verdict.MIXED
    t = result.totals
    assert (t.time_cut_days, t.time_cut_hours) == (2.0, 16.0)
    assert (t.components_removed, t.fee_change, t.mixed) == (1, 20000, 1)


def test_compliance_totals_use_hourly_value(tmp_path: Path) -> None:
    compliance = {"hours": 4, "frequency_per_year": 1, "subjects_per_year": 100}
    old = _with(["compliance"], compliance)
    new = _with(["compliance"], {**compliance, "hours": 3})
    old_catalog = _load(tmp_path / "o", {"p.yaml": old})
    new_catalog = _load(tmp_path / "n", {"p.yaml": new})
    config = Config(hourly_values=(HourlyValue(50000, date(2025, 1, 1), "test"),))
    result = diff_catalogs(old_catalog, replace(new_catalog, config=config))
    [change] = result.procedures[0].changes
    assert (change.kind, change.verdict) == ("procedure-compliance-hours", Verdict.SIMPLER)
    assert result.totals.compliance_hours_change == -100
    assert result.totals.compliance_cost_change == -100 * 50000


def test_broken_file_on_one_side_still_diffs_the_rest(tmp_path: Path) -> None:
    other = procedure("1.000001")
    new_other = copy.deepcopy(other)
    new_other["components"] = []
    result = diff_of(
        tmp_path,
        {"p.yaml": BASE, "o.yaml": other},
        {"p.yaml": "code: [unclosed\n", "o.yaml": new_other},
    )
    assert [(p.code, [c.kind for c in p.changes]) for p in result.procedures] == [
        ("1.000001", ["component-removed"])
    ]
    assert result.unloaded and {u.side for u in result.unloaded} == {"new"}
    assert all(u.finding.file.endswith("p.yaml") for u in result.unloaded)


def test_several_results_are_matched_by_code(tmp_path: Path) -> None:
    old = procedure(
        result=[{"name": "Giấy phép", "code": "KQ.1"}, {"name": "Từ chối", "code": "KQ.2"}]
    )
    new = procedure(
        result=[{"name": "Giấy phép mới", "code": "KQ.1"}, {"name": "Thông báo", "code": "KQ.3"}]
    )
    found = sorted((c.kind, c.path) for c in changes_of(tmp_path, old, new))
    assert found == [
        ("result-added", "results/kq.3"),
        ("result-field", "results/kq.1/name"),
        ("result-removed", "results/kq.2"),
    ]
    assert all(c.verdict is Verdict.NEUTRAL for c in changes_of(tmp_path, old, new))


def test_a_document_shown_instead_of_handed_in_is_simpler(tmp_path: Path) -> None:
    old = procedure(components=[{"id": "cccd", "name": "Thẻ căn cước", "originals": 1}])
    new = procedure(
        components=[{"id": "cccd", "name": "Thẻ căn cước", "originals": 1, "kind": "shown"}]
    )
    [change] = changes_of(tmp_path, old, new)
    assert (change.kind, change.verdict) == ("component-kind", Verdict.SIMPLER)
    [back] = changes_of(tmp_path, new, old)
    assert back.verdict is Verdict.HEAVIER


def test_a_conditional_fee_is_never_compared_as_an_amount(tmp_path: Path) -> None:
    def with_fee(fee: dict[str, Any]) -> dict[str, Any]:
        return procedure(channels=[{"channel": "direct", "fee": fee}])

    old = with_fee({"amount": 800000})
    new = with_fee({"conditional": True, "text": "800.000 đồng, giảm 50% đến hết 31/12/2026"})
    [change] = changes_of(tmp_path, old, new)
    assert (change.kind, change.verdict) == ("channel-fee", Verdict.NEUTRAL)
    usd = with_fee({"amount": 100, "currency": "USD", "text": "100 USD"})
    [change] = changes_of(tmp_path, old, usd)
    assert change.verdict is Verdict.NEUTRAL  # 100 USD is not 100 đồng


def test_quoted_names_are_cut_after_a_whole_word() -> None:
    from tthc_cli.textnorm import shorten

    assert shorten("Ngắn gọn") == "Ngắn gọn"
    long = "Người thực hiện chứng thực (hoặc người tiếp nhận hồ sơ) kiểm tra giấy tờ"
    assert shorten(long) == "Người thực hiện chứng thực (hoặc người tiếp nhận hồ sơ)…"
    assert shorten("x" * 80, 10) == "x" * 9 + "…"
    assert shorten("a\u0309 b  c\n d", 60) == "ả b c d"  # NFC, one line

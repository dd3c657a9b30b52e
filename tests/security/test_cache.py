"""The cache never gives a stale or different answer: its entries are read only when they are
regular files, and a stored result is used only on the days for which it holds (a unit's
dissolution date, an abolition date… are boundaries), so cached and uncached runs agree."""

from __future__ import annotations

import copy
import os
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import REPO, UNITS, make_catalog, procedure
from tests.security.helpers import findings, rules_at, run_capped
from tthc_cli import config as config_module
from tthc_cli.cli._loading import open_cache, validated
from tthc_cli.findings import ValidationResult
from tthc_cli.formats import OutputContext
from tthc_cli.load import unchanged
from tthc_cli.load.config_file import resolve_config
from tthc_cli.load.files import LoadOptions
from tthc_cli.load.reading import list_paths, read_paths
from tthc_cli.reporters import json_
from tthc_cli.rules.today import DayWindow

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and links as on POSIX")


def _dissolving_catalog(root: Path) -> None:
    """Two procedures; the first's implementing unit is dissolved on 2025-07-01."""
    dissolving = procedure(units={"implementing": ["ubnd-quan-1"]})
    make_catalog(root, {"2.001219.yaml": dissolving, "2.001220.yaml": procedure("2.001220")})


def _result_files(cache: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in cache.rglob("*.result")}


def test_a_cached_result_is_not_reused_past_a_dissolution_date(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _dissolving_catalog(root)
    cache = tmp_path / "cache"
    env = {"TTHC_CACHE_DIR": str(cache)}

    def run(day: str) -> Any:
        return run_capped("validate", "-f", "json", cwd=root, env=env, day=day)

    before = run("2025-06-30")
    assert before.returncode == 0, before.stderr
    stored = _result_files(cache)
    assert stored  # the whole result was cached
    # Another day before the boundary: the stored result holds, nothing is run again.
    again = run("2025-06-15")
    assert again.returncode == 0 and again.stdout == before.stdout
    assert _result_files(cache) == stored
    # On the dissolution date the stored result no longer holds.
    after = run("2025-07-01")
    assert after.returncode == 1, after.stdout
    assert ("unit-dissolved", "catalog/2.001219.yaml") in rules_at(after)
    uncached = run_capped(
        "validate", "-f", "json", "--no-cache", cwd=root, env=env, day="2025-07-01"
    )
    assert findings(uncached) == findings(after)


@posix_only
@pytest.mark.parametrize("planted", ["fifo", "dev-zero", "outside"])
def test_cache_entries_that_are_not_regular_files_are_misses(tmp_path: Path, planted: str) -> None:
    root = tmp_path / "repo"
    _dissolving_catalog(root)
    cache = tmp_path / "cache"
    env = {"TTHC_CACHE_DIR": str(cache)}
    first = run_capped("validate", "-f", "json", cwd=root, env=env)
    entries = [p for p in (cache / "v2").iterdir() if not p.name.startswith(".")]
    assert {p.suffix for p in entries} >= {".files", ".result", ".units"}
    outside = tmp_path / "elsewhere"
    outside.write_bytes(b"\x80\x05N.")  # a pickle of None: would be a miss anyway
    for entry in entries:
        entry.unlink()
        if planted == "fifo":
            os.mkfifo(entry)
        elif planted == "dev-zero":
            entry.symlink_to("/dev/zero")
        else:
            entry.symlink_to(outside)
    done = run_capped("validate", "-f", "json", cwd=root, env=env, timeout=30)
    assert done.returncode == first.returncode
    assert findings(done) == findings(first)
    assert (
        outside.read_bytes() == b"\x80\x05N."
    )  # a planted link is replaced, never written through


def test_rules_read_the_date_only_through_the_context() -> None:
    """Otherwise the cache could not know how long a result holds (rules/today.py)."""
    rules = REPO / "tthc_cli" / "rules"
    pattern = re.compile(r"date\.today\(|datetime\.now\(|\.today\(\)|current_date|\.as_of\b")
    offenders = [
        path.name
        for path in rules.glob("*.py")
        if path.name not in ("base.py", "today.py") and pattern.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_the_window_follows_comparisons_and_any_other_use_narrows_it_to_the_day() -> None:
    window = DayWindow(date(2025, 6, 15))
    today = window.watched()
    assert date(2025, 7, 1) > today  # reflected: still seen
    assert today >= date(2023, 1, 1)
    assert (window.since, window.until) == (date(2023, 1, 1), date(2025, 7, 1))
    assert today <= date(2025, 6, 20)
    assert window.until == date(2025, 6, 21)
    assert not today == date(2025, 6, 1)  # noqa: SIM201
    assert window.since == date(2025, 6, 2)
    assert today.isoformat() == "2025-06-15"
    assert (window.since, window.until) == (date(2025, 6, 15), date(2025, 6, 16))


# --- property: for random catalogs, settings and days, cached and uncached agree -----------

DAYS = st.dates(min_value=date(2022, 6, 1), max_value=date(2028, 6, 1))
EDGES = [date(2023, 1, 1), date(2025, 7, 1)]  # abolition of sổ hộ khẩu, end of district level


@st.composite
def catalogs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], list[date]]:
    units = copy.deepcopy(UNITS)
    ends = []
    for unit_id in ("so-xay-dung", "so-tu-phap", "ubnd-quan-1"):
        end = draw(st.none() | DAYS)
        unit = units["units"][unit_id]
        unit.pop("dissolved", None)
        if end is not None:
            unit["dissolved"] = end.isoformat()
            ends.append(end)
    files = {}
    for index in range(draw(st.integers(1, 3))):
        code = f"2.00{1219 + index}"
        data = procedure(
            code,
            units={
                "implementing": [
                    draw(st.sampled_from(["so-xay-dung", "so-tu-phap", "ubnd-quan-1"]))
                ]
            },
            levels=draw(st.sampled_from([["province"], ["district"], ["province", "district"]])),
            components=[
                {
                    "id": "giay",
                    "name": draw(st.sampled_from(["Đơn đề nghị", "Bản sao sổ hộ khẩu"])),
                    "originals": 1,
                }
            ],
        )
        to = draw(st.none() | DAYS)
        if to is not None:
            data["effective"] = {"to": to.isoformat()}
            ends.append(to)
        files[f"{code}.yaml"] = data
    config: dict[str, Any] = {}
    as_of = draw(st.none() | DAYS)
    if as_of is not None:
        config["as_of"] = as_of.isoformat()
    if draw(st.booleans()):
        config["rules"] = {"unit-dissolved": draw(st.sampled_from(["warning", "off"]))}
    near = [d + timedelta(days=k) for d in [*ends, *EDGES] for k in (-1, 0, 1)]
    days = draw(st.lists(DAYS | st.sampled_from(near), min_size=2, max_size=5))
    return files, units, config, days


def _json(result: ValidationResult) -> str:
    return json_.render(result, OutputContext(lang="vi"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_cached_and_uncached_runs_agree_on_every_day(
    case: tuple[dict[str, Any], dict[str, Any], dict[str, Any], list[date]],
) -> None:
    import tempfile

    files, units, config_data, days = case
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        root = Path(folder)
        catalog = make_catalog(root, files, units=units, config=config_data)
        patch.setenv("TTHC_CACHE_DIR", str(root / "cache"))
        patch.chdir(root)
        patch.setattr(unchanged, "RACY_NS", -(10**12))  # the index trusts what it saw
        config = resolve_config([catalog], None)
        for day in days:
            patch.setattr(config_module, "current_date", lambda day=day: day)
            cached = validated(
                list_paths([catalog], config), LoadOptions(open_cache(config, False))
            )
            fresh = validated(read_paths([catalog], config), LoadOptions())
            assert _json(cached) == _json(fresh), day

"""The cache and the worker pool change how fast, never what: outputs are byte-identical."""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import REPO, run_tthc
from tthc_cli.cli._loading import RESULT_CODEC
from tthc_cli.load import pool, unchanged
from tthc_cli.load.cache import FORMAT, Cache
from tthc_cli.load.catalog import load_paths
from tthc_cli.load.config_file import resolve_config
from tthc_cli.load.pipeline import results_codec

sys.path.insert(0, str(REPO / "bench"))
import gen

N = pool.MIN_PARALLEL + 50  # enough files for the worker pool to start
QUIET_AFTER = 0.0  # when the generated catalog's files count as quiet (time.time())


def _break(catalog: Path) -> None:
    """Give the generated catalog findings of every kind: per file, cross-file, read, YAML."""
    files = sorted((catalog / "p").glob("*.yaml"))
    text = files[0].read_text(encoding="utf-8")
    # a duplicate code in another file (cross-file rule)
    files[1].write_text(
        text.replace(f'code: "{files[0].stem}"', f'code: "{files[0].stem}"'), encoding="utf-8"
    )
    files[2].write_text("code: [unclosed\n", encoding="utf-8")  # YAML syntax
    files[3].write_text(text.replace("kind: public", "kind: secret"), encoding="utf-8")  # schema
    files[4].write_bytes(b"\xff\xfe\x00garbage")  # encoding
    files[5].write_text(text.replace("name: ", "name: Nghi\u0300 ", 1), encoding="utf-8")  # NFD
    files[6].write_text(text + "\nextra: NO\n", encoding="utf-8")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen")
    gen.write_catalog(out, N, seed=7)
    _break(out / "procedures")
    global QUIET_AFTER
    QUIET_AFTER = time.time() + unchanged.RACY_NS / 1e9
    return out / "procedures"


def _validate(catalog: Path, cache_dir: Path, *flags: str) -> str:
    done = run_tthc(
        "validate", str(catalog), "--format", "json", *flags,
        env={"TTHC_CACHE_DIR": str(cache_dir)},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_single_parallel_and_cached_runs_give_identical_json(catalog: Path, tmp_path: Path) -> None:
    """Cached, uncached, pooled and single-process runs print the same bytes."""
    cache_dir = tmp_path / "cache"
    # The cache's index trusts only files quiet for a while (tthc_cli.load.unchanged).
    time.sleep(max(0.0, QUIET_AFTER - time.time()))
    single = _validate(catalog, cache_dir, "--no-cache", "--jobs", "1")
    parallel = _validate(catalog, cache_dir, "--no-cache", "--jobs", "2")
    chosen = _validate(catalog, cache_dir, "--no-cache")  # the worker count left to tthc
    cold = _validate(catalog, cache_dir, "--jobs", "2")  # fills the cache and its index
    stored = cache_dir / f"v{FORMAT}"
    assert [p.suffix for p in stored.glob("*.index")] == [".index"]
    warm = _validate(catalog, cache_dir)  # the whole result, no catalog file opened
    for result in stored.glob("*.result"):
        result.unlink()
    from_files = _validate(catalog, cache_dir, "--jobs", "1")  # per-file results, rules again
    assert single == parallel == chosen == cold == warm == from_files
    rules = {f["rule"] for f in json.loads(single)["findings"]}
    assert {"unique-code", "yaml-syntax", "schema", "text-not-nfc"} <= rules


def test_partly_cached_run_sees_the_changed_file(catalog: Path, tmp_path: Path) -> None:
    """Per-file entries are reused, the edited file is rebuilt, and the result is current."""
    work = tmp_path / "procedures"
    subprocess.run(["cp", "-r", str(catalog), str(work)], check=True)
    cache_dir = tmp_path / "cache"
    before = json.loads(_validate(work, cache_dir))
    target = sorted((work / "p").glob("*.yaml"))[20]
    target.write_text(target.read_text(encoding="utf-8") + "bogus_key: 1\n", encoding="utf-8")
    after_cached = _validate(work, cache_dir)
    after_fresh = _validate(work, cache_dir, "--no-cache")
    assert after_cached == after_fresh
    assert len(json.loads(after_cached)["findings"]) == len(before["findings"]) + 1


def test_corrupt_or_foreign_cache_files_are_ignored(catalog: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    expected = _validate(catalog, cache_dir)
    stored = sorted((cache_dir / f"v{FORMAT}").iterdir())
    assert {p.suffix for p in stored} <= {".files", ".result", ".units", ".index", ".config"}
    assert {".files", ".result", ".units"} <= {p.suffix for p in stored}
    for path in stored:
        path.write_bytes(path.read_bytes()[:100])  # truncated
    assert _validate(catalog, cache_dir) == expected
    for path in sorted((cache_dir / f"v{FORMAT}").iterdir()):
        path.write_bytes(b"not a pickle at all")
    assert _validate(catalog, cache_dir) == expected


def test_cache_files_cannot_run_code(tmp_path: Path) -> None:
    """A planted pickle naming any callable outside the model is refused, not executed."""
    marker = tmp_path / "pwned"
    with pytest.raises(pickle.UnpicklingError):
        results_codec().loads(pickle.dumps(os.system))

    class Planted:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    with pytest.raises(pickle.UnpicklingError):
        results_codec().loads(pickle.dumps(("salt", Planted())))
    assert not marker.exists()
    cache = Cache(tmp_path / "c", "salt")
    cache.folder.mkdir(parents=True)
    (cache.folder / Path(cache._path("scope", "result")).name).write_bytes(
        pickle.dumps(("salt", ("key", Planted())))
    )
    assert cache.value("scope", "result", "key", RESULT_CODEC) is None
    assert not marker.exists()


def test_settings_and_code_salt_the_cache(tmp_path: Path) -> None:
    one = Cache.for_settings("config A", tmp_path)
    one.save_value("scope", "result", "key", ("a",), RESULT_CODEC)
    assert one.value("scope", "result", "key", RESULT_CODEC) == ("a",)
    assert one.value("scope", "result", "other key", RESULT_CODEC) is None
    assert (
        Cache.for_settings("config B", tmp_path).value("scope", "result", "key", RESULT_CODEC)
        is None
    )


def test_unwritable_cache_folder_only_costs_time(catalog: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    assert _validate(catalog, blocker / "cache") == _validate(catalog, tmp_path / "ok")


def test_two_runs_sharing_a_cache_at_once(catalog: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    env = {**os.environ, "TTHC_CACHE_DIR": str(cache_dir), "NO_COLOR": "1"}
    argv = [sys.executable, "-m", "tthc_cli", "validate", str(catalog), "--format", "json"]
    runs = [
        subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert all(run.returncode == 1 for run in runs)
    assert len({out for out, _ in outputs}) == 1
    assert all(err == b"" for _, err in outputs)
    assert _validate(catalog, cache_dir).encode() == outputs[0][0]


def test_pool_keeps_the_order_of_its_input(catalog: Path) -> None:
    files = sorted(catalog.rglob("*.yaml"))
    items = [(str(f), f.read_bytes()) for f in files if f.name != "units.yaml"]
    config = resolve_config([catalog], None)
    single = list(pool.built_chunks(list(items), config.limits, jobs=1))
    seen: list[tuple[int, int]] = []
    tally = lambda done, total: seen.append((done, total))  # noqa: E731
    parallel = list(pool.built_chunks(list(items), config.limits, jobs=3, tally=tally))
    assert [r for chunk, _ in single for r in chunk] == [r for chunk, _ in parallel for r in chunk]
    assert len(single) == len(parallel) > 1
    assert sum(len(chunk) for chunk, _ in single) == len(items)
    assert all(sent is None for _, sent in single)  # built here: nothing pickled
    # with workers, all is built by them and comes pickled, a chunk at a time
    assert all(
        sent is not None and results_codec().loads(sent) == chunk for chunk, sent in parallel
    )
    assert seen[-1] == (len(items), len(items))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_loaded_catalog_round_trips_through_fastpickle() -> None:
    catalog = load_paths([REPO / "procedures"], resolve_config([REPO / "procedures"], None))
    assert results_codec().loads(results_codec().dumps(catalog.procedures)) == catalog.procedures
    buffer = io.BytesIO()
    results_codec().dump(catalog.findings, buffer)
    assert results_codec().loads(buffer.getvalue()) == catalog.findings


@pytest.mark.parametrize(
    ("files", "size", "jobs", "idle", "expected"),
    [
        (pool.MIN_PARALLEL - 1, 10**9, 0, 2.0, 1),  # too few files, whatever else
        (pool.MIN_PARALLEL - 1, 10**9, 4, 2.0, 1),
        (5000, 10**7, 1, 2.0, 1),  # --jobs 1
        (5000, 10**7, 3, 0.0, 3),  # --jobs 3: as asked, busy or not
        (5000, 10**7, 0, 2.0, 2),  # left to tthc, two idle CPUs
        (5000, 10**7, 0, 1.8, 2),
        (5000, 10**7, 0, 1.0, 1),  # one CPU busy elsewhere: build here
        (5000, 10**7, 0, 0.0, 1),  # both busy
        (5000, pool.MIN_PARALLEL_BYTES - 1, 0, 2.0, 1),  # too little work
    ],
)
def test_workers_are_started_only_when_they_pay(
    monkeypatch: pytest.MonkeyPatch, files: int, size: int, jobs: int, idle: float, expected: int
) -> None:
    monkeypatch.setattr(pool, "default_jobs", lambda: 2)
    monkeypatch.setattr(pool, "idle_cpus", lambda available: idle)
    assert pool.workers_for(files, size, jobs) == expected


def test_idle_cpus_from_the_run_queue_else_the_load_average_else_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pool, "_runnable_others", lambda: 1)
    assert pool.idle_cpus(2) == 1
    monkeypatch.setattr(pool, "_runnable_others", lambda: None)  # not Linux
    monkeypatch.setattr(pool.os, "getloadavg", lambda: (3.5, 1.0, 1.0), raising=False)
    assert pool.idle_cpus(2) == 0
    monkeypatch.delattr(pool.os, "getloadavg", raising=False)  # Windows
    assert pool.idle_cpus(4) == 4


def test_the_run_queue_counts_other_tasks_only(monkeypatch: pytest.MonkeyPatch) -> None:
    readings = iter([b"0.50 0.40 0.30 3/120 999\n", b"0.50 0.40 0.30 2/120 999\n"] * 8)

    class Fake(io.BytesIO):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(next(readings))

    monkeypatch.setattr("builtins.open", Fake)
    assert pool._runnable_others() == 1  # the least of the readings, less this process

"""Benchmark tthc against the parse floor and, when installed, its peers.

    python bench/run.py --n 5000 [--runs 5] [--json results.json]

Generates two catalogs (the second differs in 5% of procedures), then measures, interleaved
round-robin and taking the median of ``--runs`` runs, each case as a fresh process:

- ``parse floor``: libyaml (CSafeLoader) load of the same files in one process;
- ``validate``: ``tthc validate`` with an empty cache (it fills it), then ``validate (again)``
  with nothing changed, and ``validate -j1 no cache`` (one process, no cache);
- ``validate no cache`` (the worker count left to tthc) against ``validate -j1 no cache``,
  idle and ``loaded``: with one busy process per CPU started by the bench around the case (the
  pool must never lose to one process there);
- ``validate 1 file``, ``--version``: start-up costs, beside their floors (``python -c pass``,
  ``import typer``, a one-command Typer program) and yamllint on the same file;
- ``diff`` of the catalog against a copy with 5% of procedures changed, and ``report``, each
  with an empty cache (``cold``) and with what the cases before left in it (``warm``);
- ``table docx``: every procedure's sheet as one Word document (linear in N: at 3,000
  procedures it must stay well under a minute);
- ``check-jsonschema``, ``yamllint`` (all files, and one file): when installed
  (``pip install '.[bench]'``);
- then the parser study (``bench/parsers.py``, unless ``--no-parsers``): what each candidate
  YAML parser keeps of the loader's guarantees, and its time on the same catalog.

The children share a cache folder inside the work folder (``TTHC_CACHE_DIR``), emptied before
each ``cold`` case. Every figure is printed as seconds, as ratios to the parse floor, to the
full validate and to check-jsonschema, and with the child's peak resident memory. No threshold
is asserted: the figures are for reading, in one run, on one machine. CI runs this at a small
N as a smoke test.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen  # noqa: E402

FLOOR = """
import sys, yaml
from pathlib import Path
files = sorted(Path(sys.argv[1]).rglob('*.yaml'))
for f in files:
    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
"""


def measure(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, and exit code of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def byte_compile() -> None:
    """Byte-compile tthc_cli as ``pip install`` does, so start-up is measured as users get it.

    (From an editable checkout under PYTHONDONTWRITEBYTECODE every run would compile afresh.)
    """
    spec = importlib.util.find_spec("tthc_cli")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)


def targets(medians: dict[str, float], peaks: dict[str, float]) -> list[tuple[str, bool]]:
    """The issue's targets that this run's figures can decide: (what, met)."""
    full = medians["validate"]
    loaded = medians["loaded: no cache"] / medians["loaded: -j1 no cache"]
    out = [
        ("validate ≤ 1.5 × parse floor", full <= 1.5 * medians["parse floor"]),
        ("validate (again) ≤ 0.05 × validate", medians["validate (again)"] <= 0.05 * full),
        ("validate peak memory ≤ 250 MB", peaks["validate"] <= 250),
        (f"loaded: pool ≤ 1.05 × -j1 ({loaded:.3f})", loaded <= 1.05),
    ]
    if "check-jsonschema" in medians:
        faster = medians["check-jsonschema"] >= 10 * full
        out.append(("validate ≥ 10 × faster than check-jsonschema", faster))
    if "yamllint 1 file" in medians:
        one = medians["yamllint 1 file"]
        out.append(("--version ≤ yamllint 1 file", medians["--version"] <= one))
        out.append(("validate 1 file ≤ yamllint 1 file", medians["validate 1 file"] <= one))
    out.extend(
        (f"{case} ≤ 2 × validate", medians[case] <= 2 * full)
        for case in ("diff (cold)", "report (cold)")
        if case in medians
    )
    return out


def machine_load() -> str:
    """The one-minute load average, as ``uptime`` shows it (other work on the machine)."""
    getloadavg = getattr(os, "getloadavg", None)
    return f"{getloadavg()[0]:.2f}" if getloadavg is not None else "unknown"


def has_command(name: str) -> bool:
    done = subprocess.run([*launcher(), name, "--help"], capture_output=True)
    return done.returncode == 0


COLD = "cold"  # the case starts with an empty cache
LOADED = "loaded"  # the case runs beside one busy process per CPU
BUSY = "while True: pass"
TYPER_FLOOR = """
import typer
app = typer.Typer()
@app.command()
def main(path: str, output_format: str = "text") -> None:
    print(path)
app()
"""


@contextmanager
def background_load(processes: int) -> Iterator[None]:
    """``processes`` busy loops for the length of the block (a CI runner or a laptop doing
    other work), started before it and stopped after."""
    busy = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(processes)]
    try:
        time.sleep(0.5)  # running, not starting
        yield
    finally:
        for proc in busy:
            proc.kill()
        for proc in busy:
            proc.wait()


def launcher() -> list[str]:
    """How users start tthc: the ``tthc`` script this Python installed (as the peers are
    started by theirs), else ``python -m tthc_cli`` (a checkout not installed here)."""
    script = Path(sysconfig.get_path("scripts")) / "tthc"
    try:
        first = script.read_bytes().split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        first = ""
    named = Path(first[2:].strip()) if first.startswith("#!") else None
    if named is not None and named.resolve() == Path(sys.executable).resolve():
        return [str(script)]
    return [sys.executable, "-m", "tthc_cli"]


def cases(base: Path, changed: Path) -> dict[str, tuple[list[str], str | None]]:
    tthc = launcher()
    catalog = base / "procedures"
    one = next(iter(sorted((catalog / "p").glob("*.yaml"))))
    validate = [*tthc, "validate", str(catalog), "--format", "json"]
    out: dict[str, tuple[list[str], str | None]] = {
        "parse floor": ([sys.executable, "-c", FLOOR, str(catalog)], None),
        "validate": (validate, COLD),
        "validate (again)": (validate, None),
        "validate -j1 no cache": ([*validate, "--jobs", "1", "--no-cache"], None),
        "validate no cache": ([*validate, "--no-cache"], None),
        "loaded: -j1 no cache": ([*validate, "--jobs", "1", "--no-cache"], LOADED),
        "loaded: no cache": ([*validate, "--no-cache"], LOADED),
        "validate 1 file": ([*tthc, "validate", str(one)], None),
        "--version": ([*tthc, "--version"], None),
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "import typer": ([sys.executable, "-c", "import typer"], None),
        "typer program": ([sys.executable, "-c", TYPER_FLOOR, str(one)], None),
    }
    if has_command("diff"):
        diff = [*tthc, "diff", str(catalog), str(changed / "procedures"), "--format", "json"]
        out["diff (cold)"] = (diff, COLD)
        out["diff (warm)"] = (diff, None)
    if has_command("report"):
        report = [*tthc, "report", str(catalog), "--format", "json"]
        out["report (cold)"] = (report, COLD)
        out["report (warm)"] = (report, None)
    if has_command("table"):  # the DOCX writer must stay linear in the number of procedures
        docx = base.parent / "table.docx"
        out["table docx"] = ([*tthc, "table", str(catalog), "-o", str(docx), "--force"], None)
    files = [str(p) for p in sorted(catalog.rglob("*.yaml")) if p.name != "units.yaml"]
    schema = HERE.parent / "schemas" / "procedure.schema.json"
    if shutil.which("check-jsonschema"):
        check = ["check-jsonschema", "--schemafile", str(schema)]
        out["check-jsonschema"] = ([*check, *files], None)
    if shutil.which("yamllint"):
        out["yamllint"] = (["yamllint", "-d", "relaxed", *files], None)
        out["yamllint 1 file"] = (["yamllint", "-d", "relaxed", str(one)], None)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--no-parsers", action="store_true", help="leave out the parser study (bench/parsers.py)"
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="tthc-bench-"))
    base, changed = work / "a", work / "b"
    if not (base / "procedures").exists():
        gen.write_catalog(base, args.n, seed=1)
    gen.mutate(base, changed, 0.05, seed=1)
    plan = cases(base, changed)
    byte_compile()
    cache = work / "cache"
    os.environ["TTHC_CACHE_DIR"] = str(cache)  # the children's cache, wiped for cold cases
    times: dict[str, list[float]] = {name: [] for name in plan}
    peaks: dict[str, float] = dict.fromkeys(plan, 0.0)
    codes: dict[str, int] = {}
    load = os.cpu_count() or 1
    load_before = machine_load()
    for _ in range(args.runs):
        for name, (argv, prepare) in plan.items():
            if prepare == COLD:
                shutil.rmtree(cache, ignore_errors=True)
            with background_load(load) if prepare == LOADED else nullcontext():
                wall, peak, code = measure(argv, work)
            times[name].append(wall)
            peaks[name] = max(peaks[name], peak)
            codes[name] = code
    load_after = machine_load()
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    floor = medians["parse floor"]
    peer = medians.get("check-jsonschema")
    full = medians["validate"]
    rows = []
    print(
        f"{args.n} procedures, median of {args.runs} interleaved runs, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"load average {load_before} before and {load_after} after"
    )
    header = f"{'case':22} {'seconds':>8} {'× floor':>8} {'× validate':>10}"
    header += f" {'× check-js':>10}" if peer else ""
    print(f"{header} {'peak MB':>8}  exit")
    for name in plan:
        median = medians[name]
        row = {
            "case": name,
            "seconds": median,
            "ratio_to_floor": median / floor,
            "ratio_to_validate": median / full,
            "peak_mb": peaks[name],
            "exit": codes[name],
            "runs": times[name],
        }
        line = f"{name:22} {median:8.3f} {median / floor:8.2f} {median / full:10.2f}"
        if peer:
            row["ratio_to_check_jsonschema"] = median / peer
            line += f" {median / peer:10.3f}"
        rows.append(row)
        print(f"{line} {peaks[name]:8.1f}  {codes[name]}")
    goals = targets(medians, peaks)
    print("targets: " + "; ".join(f"{what}: {'met' if met else 'MISSED'}" for what, met in goals))
    if args.json:
        document = {"n": args.n, "runs": args.runs, "cases": rows, "targets": dict(goals)}
        args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False))
    if not args.no_parsers:  # could another parser replace libyaml? (bench/README.md)
        print(flush=True)
        study = [sys.executable, str(HERE / "parsers.py"), "--catalog", str(base / "procedures")]
        subprocess.run([*study, "--runs", str(min(args.runs, 3))], check=False)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

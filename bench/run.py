"""Benchmark tthc against the parse floor and, when installed, its peers.

    python bench/run.py --n 5000 [--runs 5] [--json results.json]

Generates two catalogs (the second differs in 5% of procedures), then measures, interleaved
round-robin and taking the median of ``--runs`` runs, each case as a fresh process:

- ``parse floor``: libyaml (CSafeLoader) load of the same files in one process;
- ``validate``, ``validate (again)``: ``tthc validate`` on the catalog, twice in a row;
- ``validate 1 file``, ``--version``: start-up costs;
- ``diff``, ``report``: when those commands exist;
- ``check-jsonschema``, ``yamllint``: when installed (same files, one process each).

Every figure is printed as seconds, as a ratio to the parse floor, and with the child's peak
resident memory. No threshold is asserted: the figures are for reading, in one run, on one
machine. CI runs this at a small N as a smoke test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


def has_command(name: str) -> bool:
    done = subprocess.run([sys.executable, "-m", "tthc_cli", name, "--help"], capture_output=True)
    return done.returncode == 0


def cases(base: Path, changed: Path) -> dict[str, list[str]]:
    tthc = [sys.executable, "-m", "tthc_cli"]
    catalog = base / "procedures"
    one = next(iter(sorted((catalog / "p").glob("*.yaml"))))
    out: dict[str, list[str]] = {
        "parse floor": [sys.executable, "-c", FLOOR, str(catalog)],
        "validate": [*tthc, "validate", str(catalog), "--format", "json"],
        "validate (again)": [*tthc, "validate", str(catalog), "--format", "json"],
        "validate 1 file": [*tthc, "validate", str(one)],
        "--version": [*tthc, "--version"],
    }
    if has_command("diff"):
        out["diff"] = [*tthc, "diff", str(catalog), str(changed / "procedures"), "--format", "json"]
    if has_command("report"):
        out["report"] = [*tthc, "report", str(catalog), "--format", "json"]
    files = [str(p) for p in sorted(catalog.rglob("*.yaml")) if p.name != "units.yaml"]
    schema = HERE.parent / "schemas" / "procedure.schema.json"
    if shutil.which("check-jsonschema"):
        out["check-jsonschema"] = ["check-jsonschema", "--schemafile", str(schema), *files]
    if shutil.which("yamllint"):
        out["yamllint"] = ["yamllint", "-d", "relaxed", *files]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="tthc-bench-"))
    base, changed = work / "a", work / "b"
    if not (base / "procedures").exists():
        gen.write_catalog(base, args.n, seed=1)
    gen.mutate(base, changed, 0.05, seed=1)
    plan = cases(base, changed)
    times: dict[str, list[float]] = {name: [] for name in plan}
    peaks: dict[str, float] = dict.fromkeys(plan, 0.0)
    codes: dict[str, int] = {}
    for _ in range(args.runs):
        for name, argv in plan.items():
            wall, peak, code = measure(argv, work)
            times[name].append(wall)
            peaks[name] = max(peaks[name], peak)
            codes[name] = code
    floor = statistics.median(times["parse floor"])
    rows = []
    print(
        f"{args.n} procedures, median of {args.runs} interleaved runs, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{'case':20} {'seconds':>9} {'× floor':>8} {'peak MB':>8}  exit")
    for name in plan:
        median = statistics.median(times[name])
        rows.append(
            {
                "case": name,
                "seconds": median,
                "ratio_to_floor": median / floor,
                "peak_mb": peaks[name],
                "exit": codes[name],
                "runs": times[name],
            }
        )
        print(f"{name:20} {median:9.3f} {median / floor:8.2f} {peaks[name]:8.1f}  {codes[name]}")
    if args.json:
        args.json.write_text(json.dumps({"n": args.n, "runs": args.runs, "cases": rows}, indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

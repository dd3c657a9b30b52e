"""The parser study: could a faster YAML parser replace libyaml behind tthc's loader?

    python bench/parsers.py --n 5000 [--runs 3] [--json parsers.json]

For each candidate that is installed (``pip install '.[bench]'`` brings them), two things:

1. **What it keeps.** Small probes, each one of the loader's guarantees
   (:mod:`tthc_cli.load.yamlsafe`): a line and column for every key and value (the positions
   an editor shows), both keys of a duplicate (each with its position), the style of a scalar
   (``no`` against ``"no"``: the YAML 1.1 warnings), tags seen and never constructed, aliases
   seen (so their expansion can be bounded), a syntax error with its position and nothing
   written to the terminal by the parser itself. A candidate that misses one cannot sit behind
   ``parse_yaml`` without losing a finding or a position, so the hostile, fuzz and position
   suites are not worth running against it.
2. **What it would give.** The time to parse the same generated catalog in one process,
   interleaved round-robin, median of ``--runs``: PyYAML with libyaml (values, and the node
   tree with marks that tthc's loader walks), tthc's own ``parse_yaml``, each candidate, and a
   full ``tthc validate -j1 --no-cache`` of the catalog. The bound on what a parser can give
   the full validate is Amdahl's. Generously, say a candidate did all that ``parse_yaml`` does
   (decoding, positions, the walk into positioned values, its findings) in its bare parse
   time: the best case is ``validate / (validate - parse_yaml + candidate)``; the issue asks
   for 2×.

No threshold is asserted: figures for reading, in one run, on one machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import gen  # noqa: E402

Probe = Callable[[], bool]
DUP = "a: 1\nb: 2\na: 3\n"
STYLE = "a: no\nb: 'no'\n"
TAG = "a: !!python/object/apply:os.system ['true']\n"
ALIAS = "x: &a [1, 2]\ny: *a\n"
BAD = "a: 1\nb: [1, 2\n"
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcd", "bcde", strict=True)
)


def _silent(call: Callable[[], Any]) -> tuple[Any, bool]:
    """``call()``'s result (None when it raised) and whether it wrote to the process's own
    stderr (a C++ library writing there would show through a command's one-line message)."""
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            try:
                got = call()
            except Exception as exc:  # the probe looks at the exception itself
                got = exc
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
        sink.seek(0)
        return got, bool(sink.read())


# --- PyYAML with libyaml: what tthc's loader is built on ----------------------------------------


def _pyyaml_probes() -> dict[str, Probe]:
    import yaml

    def compose(text: str) -> Any:
        return yaml.compose(text, Loader=yaml.CSafeLoader)

    def positions() -> bool:
        node = compose("a: 1\nb: 2\n")
        key, value = node.value[1]
        return (key.start_mark.line, value.start_mark.column) == (1, 3)

    def duplicates() -> bool:
        keys = [(k.value, k.start_mark.line) for k, _ in compose(DUP).value]
        return keys == [("a", 0), ("b", 1), ("a", 2)]

    def styles() -> bool:
        plain, quoted = (v.style for _, v in compose(STYLE).value)
        return not plain and quoted == "'"

    def tags() -> bool:
        value = compose(TAG).value[0][1]
        return value.tag.endswith("python/object/apply:os.system")  # seen, nothing run

    def aliases() -> bool:
        events = list(yaml.parse(ALIAS, Loader=yaml.CSafeLoader))
        return any(isinstance(e, yaml.AliasEvent) for e in events)

    def errors() -> bool:
        got, wrote = _silent(lambda: compose(BAD))
        mark = getattr(got, "problem_mark", None)
        return mark is not None and mark.line == 2 and not wrote

    return _named(positions, duplicates, styles, tags, aliases, errors)


def _named(*probes: Probe) -> dict[str, Probe]:
    return {probe.__name__: probe for probe in probes}


# --- rapidyaml (C++, a tree with styles) ----------------------------------------------------------


def _ryml_probes() -> dict[str, Probe]:
    import ryml

    def tree(text: str) -> Any:
        return ryml.parse_in_arena(text.encode())

    def nodes(text: str) -> list[tuple[bytes | None, bytes | None, int, Any]]:
        t = tree(text)
        out = []
        for item in ryml.walk(t):
            node = item[0] if isinstance(item, tuple) else item
            key = t.key(node).tobytes() if t.has_key(node) else None
            val = t.val(node).tobytes() if t.has_val(node) else None
            out.append((key, val, node, t))
        return out

    def positions() -> bool:
        # Locations exist in the C++ parser (with locations enabled); the Python module
        # exposes them only in a parse error's data, never for a node.
        t = tree("a: 1\nb: 2\n")
        return any(hasattr(t, name) for name in ("location", "node_location", "loc"))

    def duplicates() -> bool:
        return [k for k, *_ in nodes(DUP) if k] == [b"a", b"b", b"a"]  # kept, but unplaced

    def styles() -> bool:
        found = nodes(STYLE)
        return [t.is_val_quoted(n) for k, _, n, t in found if k] == [False, True]

    def tags() -> bool:
        found = nodes(TAG)
        t = found[0][3]
        return any(t.has_val_tag(n) for *_, n, _t in found)

    def aliases() -> bool:
        found = nodes(ALIAS)
        t = found[0][3]
        return any(t.is_ref(n) for *_, n, _t in found)

    def errors() -> bool:
        got, wrote = _silent(lambda: tree(BAD))
        return isinstance(got, Exception) and not wrote

    return _named(positions, duplicates, styles, tags, aliases, errors)


# --- libraries that return Python values: py-yaml12 (Rust, YAML 1.2), fastyaml-rs (Rust) ----------


def _values_probes(load: Callable[[str], Any]) -> dict[str, Probe]:
    def positions() -> bool:
        value = load("a: 1\nb: 2\n")
        return any(hasattr(value, name) for name in ("lc", "marks", "start_mark"))

    def duplicates() -> bool:
        got, _ = _silent(lambda: load(DUP))
        return not isinstance(got, dict)  # an error at least; a dict kept one of the two

    def styles() -> bool:
        value = load(STYLE)
        return type(value["a"]) is not type(value["b"]) or value["a"] != value["b"]

    def tags() -> bool:
        value = load(TAG)["a"]
        return "python/object" in repr(value) and not isinstance(value, list | str)

    def aliases() -> bool:
        # Values come back with every alias already expanded: tthc could neither count nor
        # bound them, so the library itself must refuse a "billion laughs" (here 10^5 leaves).
        got, _ = _silent(lambda: load(LAUGHS))
        return isinstance(got, Exception)

    def errors() -> bool:
        got, wrote = _silent(lambda: load(BAD))
        return isinstance(got, Exception) and "line 3" in str(got) and not wrote

    return _named(positions, duplicates, styles, tags, aliases, errors)


# --- timing --------------------------------------------------------------------------------------


def _timers(texts: list[str], raws: list[bytes]) -> dict[str, Callable[[], None]]:
    import yaml

    from tthc_cli.load.yamlsafe import parse_yaml

    out: dict[str, Callable[[], None]] = {}

    def pyyaml_load() -> None:
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)

    def pyyaml_compose() -> None:
        for text in texts:
            yaml.compose(text, Loader=yaml.CSafeLoader)

    def tthc_parse_yaml() -> None:
        for raw in raws:
            parse_yaml(raw, "f.yaml")

    out["PyYAML+libyaml: values"] = pyyaml_load
    out["PyYAML+libyaml: node tree"] = pyyaml_compose
    out["tthc parse_yaml (today)"] = tthc_parse_yaml
    try:
        import ryml

        def ryml_tree() -> None:
            for raw in raws:
                ryml.parse_in_arena(raw)

        def ryml_walked() -> None:  # the least a loader on it must do: visit every node
            for raw in raws:
                t = ryml.parse_in_arena(raw)
                for item in ryml.walk(t):
                    node = item[0] if isinstance(item, tuple) else item
                    if t.has_key(node):
                        t.key(node).tobytes()
                    if t.has_val(node):
                        t.val(node).tobytes()
                        t.is_val_quoted(node)

        out["rapidyaml: tree"] = ryml_tree
        out["rapidyaml: tree + Python walk"] = ryml_walked
    except ImportError:
        pass
    try:
        import yaml12

        def yaml12_values() -> None:
            for text in texts:
                yaml12.parse_yaml(text)

        out["py-yaml12: values"] = yaml12_values
    except ImportError:
        pass
    try:
        import fast_yaml

        def fast_values() -> None:
            for text in texts:
                fast_yaml.safe_load(text)

        out["fastyaml-rs: values"] = fast_values
    except ImportError:
        pass
    return out


def _candidates() -> dict[str, Callable[[], dict[str, Probe]]]:
    out: dict[str, Callable[[], dict[str, Probe]]] = {"PyYAML+libyaml (today)": _pyyaml_probes}
    with contextlib.suppress(ImportError):
        import ryml  # noqa: F401

        out["rapidyaml"] = _ryml_probes
    with contextlib.suppress(ImportError):
        import yaml12

        out["py-yaml12"] = lambda: _values_probes(yaml12.parse_yaml)
    with contextlib.suppress(ImportError):
        import fast_yaml

        out["fastyaml-rs"] = lambda: _values_probes(fast_yaml.safe_load)
    return out


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("PyYAML", "rapidyaml", "py-yaml12", "fastyaml-rs"):
        with contextlib.suppress(PackageNotFoundError):
            out[name] = version(name)
    return out


def _validate_seconds(catalog: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tthc_cli", "validate", str(catalog), "-j1", "--no-cache"],
        stdout=subprocess.DEVNULL,
        cwd=catalog.parent,
        check=False,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--catalog", type=Path, help="a catalog generated by bench/gen.py")
    args = parser.parse_args()

    probes = {
        name: {kind: _silent(probe)[0] is True for kind, probe in make().items()}
        for name, make in _candidates().items()
    }
    with tempfile.TemporaryDirectory(prefix="tthc-parsers-") as tmp:
        catalog = args.catalog
        if catalog is None:
            gen.write_catalog(Path(tmp) / "a", args.n, seed=1)
            catalog = Path(tmp) / "a" / "procedures"
        files = sorted(
            p for p in catalog.rglob("*.yaml") if p.name not in ("units.yaml", "legal.yaml")
        )
        raws = [p.read_bytes() for p in files]
        texts = [raw.decode("utf-8") for raw in raws]
        timers = _timers(texts, raws)
        seen: dict[str, list[float]] = {name: [] for name in timers}
        seen["tthc validate -j1 --no-cache"] = []
        for _ in range(args.runs):
            for name, run in timers.items():
                started = time.perf_counter()
                run()
                seen[name].append(time.perf_counter() - started)
            seen["tthc validate -j1 --no-cache"].append(_validate_seconds(catalog))
    medians = {name: statistics.median(times) for name, times in seen.items()}
    validate = medians["tthc validate -j1 --no-cache"]
    compose = medians["PyYAML+libyaml: node tree"]
    ours = medians["tthc parse_yaml (today)"]

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(files)} files, median of {args.runs} interleaved runs, load {load:.2f}")
    print(f"{'case':34} {'seconds':>8} {'× libyaml tree':>15} {'best validate gain':>19}")
    for name, seconds in medians.items():
        gain = ""
        if name.startswith(("rapidyaml", "py-yaml12", "fastyaml-rs")):
            gain = f"{validate / (validate - ours + seconds):.2f}×"
        print(f"{name:34} {seconds:8.3f} {seconds / compose:15.2f} {gain:>19}")
    print()
    kinds = list(next(iter(probes.values())))
    print(f"{'guarantee':12} " + " ".join(f"{name[:22]:>22}" for name in probes))
    for kind in kinds:
        row = " ".join(f"{'yes' if probes[n][kind] else 'NO':>22}" for n in probes)
        print(f"{kind:12} {row}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in _versions().items()))
    if args.json:
        figures = {"medians": medians, "probes": probes, "versions": _versions(), "load": load}
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

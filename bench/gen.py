"""Generate an N-procedure catalog in tthc's format, for benchmarks.

Shapes (how many channels, components, steps and legal-basis items a procedure has) follow
the distribution of the 796 national-portal records in ``../shared/data/dvcqg/records``
(counted on 2026-11-23; the weights below are those counts). Text is Vietnamese. A units
registry of matching size is written too. Output is deterministic for a given ``--seed``.

    python bench/gen.py --n 5000 --out /tmp/cat5000 [--seed 1] [--change 0.05 --base /tmp/cat5000]

With ``--base``, the catalog is a copy of the base where a ``--change`` share of procedures
is modified (a shorter step, a dropped component, a new fee) — the input for diff timings.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

CHANNELS = {1: 50, 2: 92, 3: 654}
COMPONENTS = {
    0: 20,
    1: 104,
    2: 93,
    3: 67,
    4: 66,
    5: 34,
    6: 33,
    7: 47,
    8: 27,
    9: 21,
    10: 34,
    11: 22,
    12: 228,
}
STEPS = {1: 238, 2: 124, 3: 100, 4: 78, 5: 57, 6: 35, 7: 35, 8: 58, 9: 20, 10: 13, 11: 5, 12: 33}
LEGAL = {1: 39, 2: 126, 3: 73, 4: 97, 5: 80, 6: 61, 7: 41, 8: 54, 9: 37, 10: 184}
FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Hoạt động xây dựng",
    "Nhà ở và công sở",
    "Đường bộ",
    "Hàng hải và đường thủy nội địa",
    "Công chứng",
    "Luật sư",
    "Nuôi con nuôi",
    "Thi đua – Khen thưởng",
]
NOUNS = [
    "hồ sơ",
    "giấy phép",
    "văn bản",
    "tờ khai",
    "quyết định",
    "báo cáo",
    "biên bản",
    "đơn đề nghị",
]
VERBS = ["tiếp nhận", "thẩm định", "xem xét", "phê duyệt", "ký ban hành", "trả kết quả", "kiểm tra"]
KINDS = ["receive", "review", "approve", "sign", "return"]
UNIT_KINDS = ["department", "office", "branch", "public_unit"]


def _pick(rng: random.Random, weights: dict[int, int]) -> int:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def procedure(rng: random.Random, index: int, units: int) -> tuple[str, str]:
    internal = index % 7 == 0
    code = f"{6 if internal else rng.choice([1, 2, 3])}.{index:06d}"
    unit = f"don-vi-{rng.randrange(units):04d}"
    lines = [
        "# yaml-language-server: $schema=../../schemas/procedure.schema.json",
        f'code: "{code}"',
        f"kind: {'internal' if internal else 'public'}",
    ]
    if internal:
        lines.append("internal_scope: between_agencies")
    noun = rng.choice(NOUNS)
    lines += [
        "name: " + _q(f"Thủ tục {rng.choice(VERBS)} {noun} số {index} thuộc phạm vi của Sở"),
        f"field: {rng.choice(FIELDS)}",
        "levels: [province]",
        "subjects: [Cán bộ, công chức, viên chức]"
        if internal
        else "subjects: [Công dân Việt Nam, Doanh nghiệp]",
        "publication:",
        f"  decision: {index % 3000 + 1}/QĐ-UBND",
        "units:",
        f"  implementing: [{unit}]",
        "channels:",
    ]
    total = rng.choice([5, 7, 10, 15, 20])
    for channel in ["direct", "online", "postal"][: _pick(rng, CHANNELS)]:
        lines += [
            f"  - channel: {channel}",
            f'    time: {{value: {total}, unit: working_days, text: "{total:02d} Ngày làm việc"}}',
            "    fee: {amount: 0, text: Miễn phí}",
        ]
    lines.append("components:")
    for c in range(_pick(rng, COMPONENTS) or 1):
        lines += [
            f"  - id: tp-{c + 1}",
            f"    name: {_q(f'Bản chính hoặc bản sao {rng.choice(NOUNS)} theo mẫu số {c + 1}')}",
            "    originals: 1",
            f"    copies: {rng.choice([0, 1])}",
        ]
    lines.append("steps:")
    n_steps = _pick(rng, STEPS)
    per_step = max(1, total // max(1, n_steps))
    for s in range(n_steps):
        budget = per_step if (s + 1) * per_step <= total else 0
        lines += [
            f"  - id: b{s + 1}",
            f"    kind: {KINDS[s % len(KINDS)]}",
            "    action: "
            + _q(f"Trong {budget:02d} ngày làm việc, {rng.choice(VERBS)} {rng.choice(NOUNS)}"),
            f"    lead: {unit}",
        ]
        if budget:
            lines.append(f"    duration: {{value: {budget}, unit: working_days}}")
    lines.append("legal_basis:")
    for k in range(_pick(rng, LEGAL)):
        lines += [
            f"  - number: {10 + k}/{2015 + k % 10}/NĐ-CP",
            f"    title: {_q(f'Nghị định quy định chi tiết một số điều về {rng.choice(NOUNS)}')}",
        ]
    lines += [
        "result:",
        f"  name: {_q(noun.capitalize())}",
        "source:",
        f"  url: https://example.invalid/tthc/{code}",
        '  read_on: "2026-11-23"',
    ]
    return code, "\n".join(lines) + "\n"


def write_catalog(out: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    units = max(10, n // 20)
    (out / "procedures" / "p").mkdir(parents=True, exist_ok=True)
    registry = ["units:"]
    for u in range(units):
        registry += [
            f"  don-vi-{u:04d}:",
            f"    name: Đơn vị số {u} thuộc Ủy ban nhân dân Thành phố",
            f"    kind: {UNIT_KINDS[u % len(UNIT_KINDS)]}",
            "    level: province",
        ]
    (out / "procedures" / "units.yaml").write_text("\n".join(registry) + "\n", encoding="utf-8")
    (out / "tthc.yaml").write_text("catalog: procedures\n", encoding="utf-8")
    for index in range(1, n + 1):
        code, text = procedure(rng, index, units)
        (out / "procedures" / "p" / f"{code}.yaml").write_text(text, encoding="utf-8")


def mutate(base: Path, out: Path, share: float, seed: int) -> int:
    """Copy ``base`` to ``out`` and change ``share`` of the procedures; returns how many."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(base, out)
    rng = random.Random(seed + 1)
    files = sorted((out / "procedures" / "p").glob("*.yaml"))
    chosen = rng.sample(files, max(1, int(len(files) * share)))
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        text = text.replace(
            "fee: {amount: 0, text: Miễn phí}", "fee: {amount: 50000, text: 50.000 đồng}", 1
        )
        text = text.replace("  - id: tp-1\n", "  - id: tp-1-moi\n", 1)
        path.write_text(text, encoding="utf-8")
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--base", type=Path, help="make a changed copy of this catalog instead")
    parser.add_argument("--change", type=float, default=0.05)
    args = parser.parse_args()
    if args.base:
        print(f"changed {mutate(args.base, args.out, args.change, args.seed)} procedures")
    else:
        write_catalog(args.out, args.n, args.seed)
        print(f"wrote {args.n} procedures to {args.out}")


if __name__ == "__main__":
    main()

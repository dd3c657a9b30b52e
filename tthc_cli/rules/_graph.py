"""A helper shared by the rules that check chains in a registry (documents amended or replaced by
others, units merged or renamed into others): finding a chain that comes back to its start."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def cycle_from(start: str, graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A path from ``start`` back to itself (without the final repeat), if any."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for target in graph.get(node, ()):
            if target == start:
                return path
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None

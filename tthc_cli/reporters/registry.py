"""A registry whose entries are imported on first use, so a run loads only its own format."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class LazyRegistry(Mapping[str, T], Generic[T]):
    """``name → "module:attribute"``; looking a name up imports that module."""

    def __init__(self, entries: dict[str, str]) -> None:
        self._entries = entries

    def __getitem__(self, name: str) -> T:
        module, _, attribute = self._entries[name].partition(":")
        found: Any = getattr(importlib.import_module(module), attribute)
        return found  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

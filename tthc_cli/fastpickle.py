"""Pickling of loaded results for the cache and the worker pool: fast, and only our own types.

Frozen slotted dataclasses pickle slowly by default (one ``__setattr__`` round trip per field);
here each is reduced to its class and field values, which unpickles about twice as fast. The
unpickler accepts only the data classes, enums and text types of our own modules (such as
``findings.Ref``) and ``datetime.date``: a cache file planted by someone else can at worst give
wrong data, which the content keys make unlikely, never run code.
"""

from __future__ import annotations

import copyreg
import dataclasses
import importlib
import io
import operator
import pickle
from collections.abc import Callable, Mapping
from enum import Enum
from functools import cache
from types import ModuleType
from typing import IO, Any

PROTOCOL = 5


Reducer = Callable[[Any], tuple[Any, ...]]


def reducer(cls: type) -> Reducer:
    """(class, field values) for an instance of data class ``cls``, in field order."""
    names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    if len(names) == 1:
        get_one = operator.attrgetter(names[0])

        def reduce_one(obj: Any) -> tuple[Any, ...]:
            return (cls, (get_one(obj),))

        return reduce_one
    # attrgetter with several names gives the tuple of values in one C call
    get = operator.attrgetter(*names) if names else (lambda _: ())

    def reduce(obj: Any) -> tuple[Any, ...]:
        return (cls, get(obj))

    return reduce


def _dataclasses_of(module: ModuleType) -> list[type]:
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__ == module.__name__
        and all(f.init for f in dataclasses.fields(value))
    ]


_OWN_MODULES = (
    "tthc_cli.model",
    "tthc_cli.findings",
    "tthc_cli.results",
    "tthc_cli.validation",
    "tthc_cli.yamlsafe",
)


def _modules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(name) for name in _OWN_MODULES)


@cache
def _dispatch_table() -> dict[type, Any]:
    table: dict[type, Any] = dict(copyreg.dispatch_table)
    for module in _modules():
        for cls in _dataclasses_of(module):
            table[cls] = reducer(cls)
    return table


@cache
def _allowed(module: str, name: str) -> bool:
    """The only globals a cache file may name: our data classes, enums and text types (such as
    ``findings.Ref``), and ``date``.

    Decided per name, importing only the module named (a cached result of findings needs
    no model classes).
    """
    if (module, name) == ("datetime", "date"):
        return True
    if module not in _OWN_MODULES:
        return False
    value = getattr(importlib.import_module(module), name, None)
    return (
        isinstance(value, type)
        and value.__module__ == module
        and value.__qualname__ == name
        and (dataclasses.is_dataclass(value) or issubclass(value, (Enum, str)))
    )


def dump(value: Any, stream: IO[bytes], overrides: Mapping[type, Reducer] | None = None) -> None:
    """Pickle ``value``; ``overrides`` reduce some classes otherwise (to rewrite fields)."""
    pickler = pickle.Pickler(stream, protocol=PROTOCOL)
    table = _dispatch_table()
    pickler.dispatch_table = {**table, **overrides} if overrides else table
    pickler.dump(value)


def dumps(value: Any, overrides: Mapping[type, Reducer] | None = None) -> bytes:
    buffer = io.BytesIO()
    dump(value, buffer, overrides)
    return buffer.getvalue()


class _OwnTypesOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if _allowed(module, name):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refused: {module}.{name}")


def load(stream: IO[bytes]) -> Any:
    """Unpickle from ``stream``; anything but our own types raises ``pickle.UnpicklingError``."""
    return _OwnTypesOnly(stream).load()


def loads(data: bytes) -> Any:
    return load(io.BytesIO(data))

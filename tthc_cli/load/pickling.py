"""Pickling of loaded results for the cache and the worker pool: fast, and only our own types.

Frozen slotted dataclasses pickle slowly by default (one ``__setattr__`` round trip per field);
here each is reduced to its class and field values, which unpickles about twice as fast.

A :class:`Codec` is made from the modules whose types a stream may hold, passed as imported
modules by whoever pickles (so the dependency is an import anyone can see): it accepts only the
data classes, enums and text types defined in those modules (such as ``findings.Ref``), and
``datetime.date``. A cache file planted by someone else can at worst give wrong data, which the
content keys make unlikely, never run code. ``Codec()`` with no modules holds plain values only.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import operator
import pickle
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
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


def _own_types(module: ModuleType) -> dict[str, type]:
    """The data classes, enums and text types that ``module`` itself defines, by name."""
    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, type)
        and value.__module__ == module.__name__
        and value.__qualname__ == name
        and (dataclasses.is_dataclass(value) or issubclass(value, (Enum, str)))
    }


class Codec:
    """Pickles and unpickles values made of the types of ``modules`` and plain Python values."""

    def __init__(self, *modules: ModuleType) -> None:
        self._allowed: dict[tuple[str, str], type] = {("datetime", "date"): date}
        table: dict[type, Any] = dict(copyreg.dispatch_table)
        for module in modules:
            for name, cls in _own_types(module).items():
                self._allowed[(module.__name__, name)] = cls
                if dataclasses.is_dataclass(cls) and all(f.init for f in dataclasses.fields(cls)):
                    table[cls] = reducer(cls)
        self._table = table

    def dump(
        self, value: Any, stream: IO[bytes], overrides: Mapping[type, Reducer] | None = None
    ) -> None:
        """Pickle ``value``; ``overrides`` reduce some classes otherwise (to rewrite fields)."""
        pickler = pickle.Pickler(stream, protocol=PROTOCOL)
        pickler.dispatch_table = {**self._table, **overrides} if overrides else self._table
        pickler.dump(value)

    def dumps(self, value: Any, overrides: Mapping[type, Reducer] | None = None) -> bytes:
        buffer = io.BytesIO()
        self.dump(value, buffer, overrides)
        return buffer.getvalue()

    def load(self, stream: IO[bytes]) -> Any:
        """Unpickle from ``stream``; any other global raises ``pickle.UnpicklingError``."""
        return _OwnTypesOnly(stream, self._allowed).load()

    def loads(self, data: bytes) -> Any:
        return self.load(io.BytesIO(data))


class _OwnTypesOnly(pickle.Unpickler):
    def __init__(self, stream: IO[bytes], allowed: Mapping[tuple[str, str], type]) -> None:
        super().__init__(stream)
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        found = self._allowed.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"refused: {module}.{name}")
        return found


PLAIN = Codec()  # plain values only (keys, bytes, tuples, text)

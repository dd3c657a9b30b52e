"""The compiled schema check may only ever say "valid" where jsonschema agrees.

jsonschema stays the authority: a document the compiled checker rejects is checked again by
jsonschema. So the one thing that must never happen is the compiled checker accepting a
document jsonschema rejects; these tests hunt for such documents.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import REPO
from tthc_cli.load import shape, shape_checkers
from tthc_cli.load.yamlsafe import parse_yaml

FILES = sorted((REPO / "procedures").rglob("*.yaml"))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _doc(path: Path) -> Any:
    return _plain(parse_yaml(path.read_bytes(), str(path)).data)


REGISTRIES = ("units.yaml", "legal.yaml")
DOCS = {p.name: _doc(p) for p in FILES if p.name not in REGISTRIES and p.name != "README.md"}
UNITS = _doc(REPO / "procedures" / "units.yaml")
LEGAL = _doc(REPO / "procedures" / "legal.yaml")


def _fast_accepts(doc: Any, name: str) -> bool:
    try:
        shape.compiled(name)(doc)
    except shape_checkers.Rejected:
        return False
    return True


def _js_errors(doc: Any, name: str) -> list[str]:
    return [e.message for e in shape.validator(name).iter_errors(doc)]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += _paths(child, (*prefix, index))
    return out


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", " ", "2024-02-30", "2024-02-29", "20240229", "1.001230", "HCM-1", "x"]),
    st.text(max_size=8),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _mutate(doc: Any, data: st.DataObject) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(doc)[1:]))
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = data.draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=10))] = data.draw(VALUES)
        else:
            parent.append(data.draw(VALUES))
        if not _paths(doc)[1:]:
            break
    return doc


def test_bundled_documents_pass_both_checks() -> None:
    for name, doc in DOCS.items():
        assert _fast_accepts(doc, "procedure"), name
        assert _js_errors(doc, "procedure") == [], name
    assert _fast_accepts(UNITS, "units") and _js_errors(UNITS, "units") == []
    assert _fast_accepts(LEGAL, "legal") and _js_errors(LEGAL, "legal") == []


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_legal_compiled_check_agrees(data: Any) -> None:
    doc = _mutate(LEGAL, data)
    if _fast_accepts(doc, "legal"):
        assert _js_errors(doc, "legal") == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(DOCS)), st.data())
def test_compiled_check_never_accepts_what_jsonschema_rejects(name: str, data: Any) -> None:
    doc = _mutate(DOCS[name], data)
    if _fast_accepts(doc, "procedure"):
        assert _js_errors(doc, "procedure") == [], json.dumps(doc, ensure_ascii=False)[:400]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_units_compiled_check_agrees(data: Any) -> None:
    doc = _mutate(UNITS, data)
    if _fast_accepts(doc, "units"):
        assert _js_errors(doc, "units") == []


def test_impossible_dates_are_refused_by_both() -> None:
    doc = copy.deepcopy(DOCS["2.001219.yaml"])
    doc["source"]["read_on"] = "2024-02-30"
    assert not _fast_accepts(doc, "procedure")
    assert _js_errors(doc, "procedure")


def test_checking_never_writes_defaults_into_the_data() -> None:
    for doc in DOCS.values():
        before = copy.deepcopy(doc)
        shape.compiled("procedure")(doc)
        assert doc == before

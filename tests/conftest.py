"""Shared fixtures. Golden files: run ``pytest --update-golden`` to rewrite them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"

# A message key with no text, an unfilled placeholder or a rule emitting a message it does not
# declare raises in every test (and in every tthc the tests start) instead of showing the key.
os.environ["TTHC_STRICT_MESSAGES"] = "1"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every run of tthc in the tests (in process or through the entry point) caches into a
    folder of this test session, never the user's cache."""
    os.environ["TTHC_CACHE_DIR"] = str(tmp_path_factory.mktemp("tthc-cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare text with tests/golden/NAME (or rewrite it with --update-golden)."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"golden file {name} missing: run pytest --update-golden"
        assert actual == path.read_text(encoding="utf-8")

    return check

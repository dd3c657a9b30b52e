"""The checked settings of a ``tthc.yaml`` kept in the cache: a run the cache answers does not
parse the file again, but any edit, a planted entry or a file that points outside its folder is
handled exactly as without the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tthc_cli.errors import TthcError
from tthc_cli.load import config_file, yamlsafe
from tthc_cli.load.config_file import load_config
from tthc_cli.load.pickling import PLAIN

SETTINGS = "catalog: catalog\nfail_on: warning\nrules: {mandatory-parts: off}\n"


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("parsed although unchanged")

    monkeypatch.setattr(yamlsafe, "parse_yaml", refuse)


def test_an_unchanged_config_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tthc.yaml"
    path.write_text(SETTINGS, encoding="utf-8")
    first = load_config(path, found=True, cached=True)
    _no_parsing(monkeypatch)
    assert load_config(path, found=True, cached=True) == first
    assert first.fail_on.value == "warning" and first.rules == {"mandatory-parts": "off"}


def test_an_uncached_load_equals_a_cached_one(tmp_path: Path) -> None:
    path = tmp_path / "tthc.yaml"
    path.write_text(SETTINGS, encoding="utf-8")
    load_config(path, cached=True)
    assert load_config(path, cached=True) == load_config(path)


def test_an_edit_is_checked_again_even_with_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "tthc.yaml"
    path.write_text("catalog: catalog\nfail_on: warning\n", encoding="utf-8")
    load_config(path, cached=True)
    path.write_text("catalog: catalog\nfail_on: warnin9\n", encoding="utf-8")  # same size
    with pytest.raises(TthcError) as raised:
        load_config(path, cached=True)
    assert raised.value.key == "error.config"
    assert str(raised.value.args_map["path"]).endswith("tthc.yaml:2:10")


def test_a_config_pointing_outside_is_refused_from_the_cache_too(tmp_path: Path) -> None:
    path = tmp_path / "repo" / "tthc.yaml"
    path.parent.mkdir()
    path.write_text("lang: vi\ncatalog: ../../elsewhere\n", encoding="utf-8")
    refusals = []
    for _ in range(2):
        with pytest.raises(TthcError) as raised:
            load_config(path, found=True, cached=True)
        assert raised.value.key == "error.catalog-outside"
        refusals.append(raised.value.args_map)
    assert refusals[0] == refusals[1]
    assert str(refusals[0]["path"]).endswith("tthc.yaml:2:10")


@pytest.mark.parametrize(
    "planted",
    [("not", "checked", "data"), ({"fail_on": "nonsense"}, (1, 1)), ({}, ("1", 1)), "text"],
)
def test_a_planted_or_damaged_entry_is_a_miss(tmp_path: Path, planted: object) -> None:
    from tthc_cli.load.cache import digest

    path = tmp_path / "tthc.yaml"
    path.write_text(SETTINGS, encoding="utf-8")
    expected = load_config(path)
    cache = config_file._config_cache()
    assert cache is not None
    raw = path.read_bytes()
    cache.save_value(str(path.absolute()), config_file.CONFIG_SLOT, digest(raw), planted, PLAIN)
    assert load_config(path, cached=True) == expected


def test_no_cache_in_the_environment_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTHC_NO_CACHE", "1")
    path = tmp_path / "tthc.yaml"
    path.write_text(SETTINGS, encoding="utf-8")
    load_config(path, cached=True)
    monkeypatch.delenv("TTHC_NO_CACHE")
    assert config_file._remembered(path, path.read_bytes()) is None

"""In git mode a committed file over ``limits.max_file_bytes`` is known from the tree's
listing and never read (a 300 MB YAML made ``tthc diff HEAD`` hold 908 MB before reporting
``file-too-large``); it is the same ``file-too-large`` finding as in a folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import commit_all, dump, git, make_catalog, procedure, run_tthc
from tthc_cli import git as git_module
from tthc_cli.load import opening
from tthc_cli.load.sources import GitSource

BIG = 200_000  # bytes: over the limit the tests set, far under the default


def _repo(tmp_path: Path) -> Path:
    big = dump(procedure("2.001220")) + "# " + "x" * BIG + "\n"
    make_catalog(
        tmp_path,
        {"2.001219.yaml": procedure(), "2.001220.yaml": big},
        config={"limits": {"max_file_bytes": 100_000}},
    )
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "danh mục")
    return tmp_path


def test_an_oversized_blob_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repo(tmp_path)
    commit = git(repo, "rev-parse", "HEAD")
    big_sha = git(repo, "rev-parse", f"{commit}:catalog/2.001220.yaml")
    asked: list[bytes] = []
    real_run = git_module._run

    def spy(folder: Path, *args: str, data: bytes | None = None) -> Any:
        if data is not None:
            asked.append(data)
        return real_run(folder, *args, data=data)

    monkeypatch.setattr(git_module, "_run", spy)
    source = GitSource(repo, commit, "HEAD", "catalog", max_bytes=100_000)
    assert source.list() == ["2.001219.yaml", "2.001220.yaml", "units.yaml"]
    assert source.read("2.001219.yaml").startswith(b"code:")
    with pytest.raises(opening.TooLarge) as raised:
        source.read("2.001220.yaml")
    assert raised.value.size > BIG and raised.value.limit == 100_000
    assert asked and all(big_sha.encode() not in request for request in asked)


def test_the_finding_is_file_too_large(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    diff = run_tthc("diff", "HEAD", "-f", "json", cwd=repo)
    assert diff.returncode in (0, 1), diff.stderr
    unloaded = {
        (f["side"], f["rule"], f["file"]): f["args"]["size"]
        for f in json.loads(diff.stdout)["unloaded"]
    }
    old = unloaded[("old", "file-too-large", "HEAD:catalog/2.001220.yaml")]
    assert old == unloaded[("new", "file-too-large", "catalog/2.001220.yaml")]  # same size

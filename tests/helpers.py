"""Builders for small catalogs in temporary folders, and a runner for the real entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
# The reference material beside the repository; TTHC_SHARED points elsewhere (a worktree).
SHARED = Path(os.environ.get("TTHC_SHARED") or REPO.parent / "shared")

UNITS: dict[str, Any] = {
    "units": {
        "so-xay-dung": {
            "name": "Sở Xây dựng Thành phố Hồ Chí Minh",
            "short_name": "Sở Xây dựng",
            "kind": "department",
            "level": "province",
        },
        "so-tu-phap": {
            "name": "Sở Tư pháp Thành phố Hồ Chí Minh",
            "short_name": "Sở Tư pháp",
            "kind": "department",
            "level": "province",
        },
        "ubnd-tp": {
            "name": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
            "kind": "people_committee",
            "level": "province",
        },
        "ubnd-quan-1": {
            "name": "Ủy ban nhân dân Quận 1",
            "kind": "people_committee",
            "level": "district",
            "dissolved": "2025-07-01",
        },
        "cac-so-nganh": {
            "name": "Các sở, ngành",
            "kind": "other",
            "level": "province",
            "group": True,
        },
    }
}


def procedure(code: str = "2.001219", **overrides: Any) -> dict[str, Any]:
    """A small valid public procedure; keyword arguments replace top-level fields (None removes)."""
    data: dict[str, Any] = {
        "code": code,
        "kind": "public",
        "name": "Thủ tục thử nghiệm",
        "field": "Hoạt động xây dựng",
        "levels": ["province"],
        "subjects": ["Doanh nghiệp"],
        "units": {"implementing": ["so-xay-dung"]},
        "channels": [
            {
                "channel": "direct",
                "time": {"value": 5, "unit": "working_days"},
                "fee": {"amount": 0},
            },
        ],
        "components": [{"id": "don", "name": "Đơn đề nghị", "originals": 1}],
        "steps": [
            {"id": "nop", "kind": "submit", "action": "Nộp hồ sơ"},
            {
                "id": "tham-dinh",
                "kind": "review",
                "action": "Thẩm định",
                "lead": "so-xay-dung",
                "duration": {"value": 3, "unit": "working_days"},
            },
            {
                "id": "tra",
                "kind": "return",
                "action": "Trả kết quả",
                "lead": "so-xay-dung",
                "duration": {"value": 2, "unit": "working_days"},
            },
        ],
        "result": {"name": "Văn bản chấp thuận"},
        "legal_basis": [
            {"number": "63/2010/NĐ-CP", "title": "Nghị định về kiểm soát thủ tục hành chính"}
        ],
        "source": {"decision": "461/QĐ-BXD", "read_on": "2026-11-23"},
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def make_catalog(
    root: Path,
    procedures: dict[str, Any] | None = None,
    units: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
) -> Path:
    """Write a catalog: ``procedures`` maps a relative path to data (dumped) or raw text/bytes."""
    catalog = root / "catalog"
    catalog.mkdir(parents=True, exist_ok=True)
    (catalog / "units.yaml").write_text(
        dump(units if units is not None else UNITS), encoding="utf-8"
    )
    (root / "tthc.yaml").write_text(
        dump({"catalog": "catalog", **(config or {})}), encoding="utf-8"
    )
    for rel, content in (
        procedures if procedures is not None else {"2.001219.yaml": procedure()}
    ).items():
        path = catalog / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(dump(content), encoding="utf-8")
    return catalog


def run_tthc(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real entry point (``python -m tthc_cli``) and capture its output."""
    full_env = {**os.environ, "NO_COLOR": "1", "TTHC_LANG": "", **(env or {})}
    full_env.pop("TTHC_LANG") if not full_env.get("TTHC_LANG") else None
    return subprocess.run(
        [sys.executable, "-m", "tthc_cli", *args],
        cwd=cwd or REPO,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


GIT_ENV = {  # a fixed identity for commits made by tests
    "GIT_AUTHOR_NAME": "Kiểm thử",
    "GIT_AUTHOR_EMAIL": "kiem-thu@example.invalid",
    "GIT_COMMITTER_NAME": "Kiểm thử",
    "GIT_COMMITTER_EMAIL": "kiem-thu@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity and no user or system configuration."""
    empty = repo.parent / "empty.gitconfig"  # so that no ~/.gitconfig applies
    empty.touch()
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **GIT_ENV, "GIT_CONFIG_GLOBAL": str(empty)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")

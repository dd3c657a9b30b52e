"""The GitHub Action's steps (``scripts/github-action.sh``) run as a script, the way GitHub runs
them: a repository with a remote, the event payload in ``GITHUB_EVENT_PATH``, the checkout
actions/checkout makes for the event (on ``pull_request`` the merge commit
``refs/pull/N/merge``, level with its base), and the Actions files (``GITHUB_STEP_SUMMARY``,
``GITHUB_OUTPUT``) pointing at temporary files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.helpers import REPO, SHARED, commit_all, dump, git, make_catalog, procedure

SCRIPT = REPO / "scripts" / "github-action.sh"
SARIF_SCHEMA = SHARED / "data" / "formats" / "sarif-schema-2.1.0.json"
BIN = Path(sys.executable).parent
NO_COMMIT = "0" * 40
BROKEN = "::error file=catalog/public/2.000002.yaml,line=11,col=5,title=tthc unit-exists::"

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed"),
    pytest.mark.skipif(
        shutil.which("tthc", path=str(BIN)) is None, reason=f"tthc is not installed in {BIN}"
    ),
]


@dataclass
class Hub:
    """A stand-in for GitHub: a bare ``origin`` and the commits of one pull request."""

    origin: Path
    base: str  # main's tip
    head: str  # the pull request branch's tip
    merge: str  # refs/pull/1/merge: head merged into base

    def event(self, name: str, path: Path, **payload: object) -> dict[str, str]:
        path.write_text(json.dumps(payload), encoding="utf-8")
        return {"GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": str(path)}

    def pull_request(self, path: Path, name: str = "pull_request") -> dict[str, str]:
        pull = {
            "number": 1,
            "base": {"ref": "main", "sha": self.base},
            "head": {"ref": "thay-doi", "sha": self.head},
        }
        return {**self.event(name, path, pull_request=pull), "GITHUB_BASE_REF": "main"}


def build_hub(tmp_path: Path, *, broken: bool = True) -> Hub:
    """main: a clean catalog. Branch ``thay-doi``: one procedure heavier (5 → 9 working days),
    one (when ``broken``) with an unknown unit. GitHub's merge commit of the two."""
    work = tmp_path / "contributor"
    make_catalog(
        work,
        {
            "public/2.000001.yaml": procedure("2.000001"),
            "public/2.000002.yaml": procedure("2.000002"),
        },
    )
    git(work, "init", "-q", "-b", "main")
    base = commit_all(work, "danh mục")
    git(work, "switch", "-q", "-c", "thay-doi")
    public = work / "catalog" / "public"
    slower = procedure("2.000001")
    slower["channels"][0]["time"] = {"value": 9, "unit": "working_days"}
    slower["steps"][1]["duration"] = {"value": 7, "unit": "working_days"}
    (public / "2.000001.yaml").write_text(dump(slower), encoding="utf-8")
    if broken:
        typo = procedure("2.000002", units={"implementing": ["so-xay-dungg"]})
        (public / "2.000002.yaml").write_text(dump(typo), encoding="utf-8")
    head = commit_all(work, "thay đổi")
    git(work, "switch", "-q", "--detach", base)
    git(work, "merge", "-q", "--no-ff", "-m", "Merge thay-doi into main", "thay-doi")
    merge = git(work, "rev-parse", "HEAD")
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")  # as GitHub allows
    git(work, "push", "-q", str(origin), f"{base}:refs/heads/main", "thay-doi")
    git(work, "push", "-q", str(origin), f"{merge}:refs/pull/1/merge")
    return Hub(origin, base, head, merge)


def checkout(hub: Hub, at: Path, ref: str, depth: int = 0) -> Path:
    """What actions/checkout does: init, fetch ``ref`` (all history, or ``depth`` commits; with
    fetch-depth 0 also every branch), check the commit out detached."""
    at.mkdir()
    git(at, "init", "-q")
    git(at, "remote", "add", "origin", hub.origin.as_uri())
    if depth:
        git(at, "fetch", "-q", "--no-tags", f"--depth={depth}", "origin", ref)
    else:
        git(at, "fetch", "-q", "--no-tags", "origin", "+refs/heads/*:refs/remotes/origin/*")
        git(at, "fetch", "-q", "--no-tags", "origin", ref)
    git(at, "checkout", "-q", "--detach", "FETCH_HEAD")
    return at


@pytest.fixture
def hub(tmp_path: Path) -> Hub:
    return build_hub(tmp_path)


def run_action(
    checkout_dir: Path, env: dict[str, str] | None = None, **inputs: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    actions = checkout_dir.parent / f"actions-{checkout_dir.name}"
    actions.mkdir(exist_ok=True)
    (actions / "summary.md").write_text("", encoding="utf-8")
    (actions / "output").write_text("", encoding="utf-8")
    full = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(actions / "summary.md"),
        "GITHUB_OUTPUT": str(actions / "output"),
        "RUNNER_TEMP": str(actions / "temp"),
        "INPUT_INSTALL": "false",
        "INPUT_LANG": "en",
        "GIT_CONFIG_GLOBAL": str(checkout_dir.parent / "empty.gitconfig"),
        **(env or {}),
        **{f"INPUT_{k.upper()}": v for k, v in inputs.items()},
    }
    for name in ("GITHUB_BASE_REF", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "TTHC_LANG"):
        if env is None or name not in env:
            full.pop(name, None)
    done = subprocess.run(
        ["bash", str(SCRIPT)],
        cwd=checkout_dir,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done, actions


def outputs(actions: Path) -> dict[str, str]:
    lines = (actions / "output").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def job_summary(actions: Path) -> str:
    return (actions / "summary.md").read_text(encoding="utf-8")


# --- pull_request: the merge checkout, default inputs --------------------------------------


@pytest.mark.parametrize("depth", [0, 1], ids=["fetch-depth-0", "fetch-depth-1"])
def test_a_pull_request_with_default_inputs(tmp_path: Path, hub: Hub, depth: int) -> None:
    runner = checkout(hub, tmp_path / "runner", "refs/pull/1/merge", depth)
    assert git(runner, "rev-parse", "HEAD") == hub.merge
    present = subprocess.run(["git", "cat-file", "-e", f"{hub.base}^{{commit}}"], cwd=runner)
    assert (present.returncode == 0) == (depth == 0)  # a shallow checkout lacks the base
    done, actions = run_action(runner, hub.pull_request(tmp_path / "event.json"))
    assert done.returncode == 1, done.stderr  # the unknown unit
    assert BROKEN in done.stdout
    assert "Path not found" not in done.stderr and "cannot" not in done.stderr, done.stderr
    out = outputs(actions)
    assert out["validate-exit-code"] == "1"
    sarif = json.loads(Path(out["sarif-file"]).read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["unit-exists"]
    diff = Path(out["summary-file"]).read_text(encoding="utf-8")
    assert "2.000001" in diff and "heavier" in diff
    assert "5 working days" in diff and "9 working days" in diff
    summary = job_summary(actions)
    assert "Checked 2 file(s): 1 error(s)" in summary  # validation totals
    assert "so-xay-dungg" in summary  # the finding
    assert "tthc-validate.txt (artifact" not in summary  # no artifact input given
    assert summary.endswith(diff)  # then the diff
    for name in ("tthc.sarif", "tthc-validate.md", "tthc-validate.txt", "tthc-diff.md"):
        assert (Path(out["report-dir"]) / name).is_file()


def test_a_clean_pull_request_passes_unless_heavier_changes_fail_it(tmp_path: Path) -> None:
    hub = build_hub(tmp_path, broken=False)
    runner = checkout(hub, tmp_path / "runner", "refs/pull/1/merge")
    event = hub.pull_request(tmp_path / "event.json")
    done, actions = run_action(runner, event)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::error" not in done.stdout
    assert outputs(actions)["validate-exit-code"] == "0"
    assert "origin/main" in job_summary(actions)  # the base as people know it
    gated, _ = run_action(runner, event, diff_fail_on="heavier")
    assert gated.returncode == 1


def test_pull_request_target_compares_the_checked_out_head_with_the_base(
    tmp_path: Path, hub: Hub
) -> None:
    runner = checkout(hub, tmp_path / "runner", hub.head)
    event = hub.pull_request(tmp_path / "event.json", name="pull_request_target")
    done, actions = run_action(runner, event, changed_only="true")
    assert done.returncode == 1 and BROKEN in done.stdout, done.stderr
    diff = Path(outputs(actions)["summary-file"]).read_text(encoding="utf-8")
    assert "9 working days" in diff


def test_a_push_compares_with_the_commit_before_it(tmp_path: Path, hub: Hub) -> None:
    runner = checkout(hub, tmp_path / "runner", "refs/heads/thay-doi")
    event = hub.event("push", tmp_path / "event.json", before=hub.base, after=hub.head)
    done, actions = run_action(runner, event)
    assert done.returncode == 1 and BROKEN in done.stdout
    assert "9 working days" in Path(outputs(actions)["summary-file"]).read_text(encoding="utf-8")


def test_a_push_that_creates_a_branch_validates_everything_without_a_diff(
    tmp_path: Path, hub: Hub
) -> None:
    runner = checkout(hub, tmp_path / "runner", "refs/heads/thay-doi")
    event = hub.event("push", tmp_path / "event.json", before=NO_COMMIT, after=hub.head)
    done, actions = run_action(runner, event, changed_only="true")
    assert done.returncode == 1 and BROKEN in done.stdout
    assert "new branch" in done.stderr
    assert "summary-file" not in outputs(actions)
    assert "Checked 2 file(s)" in job_summary(actions)  # everything, not what changed


# --- inputs ---------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, hub: Hub) -> Path:
    """A full clone on the pull request branch (a workflow that checks out the branch itself)."""
    clone = checkout(hub, tmp_path / "repo", "refs/heads/thay-doi")
    git(clone, "switch", "-q", "-c", "thay-doi")
    return clone


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason=f"{SARIF_SCHEMA} is not available")
def test_the_sarif_file_validates_against_the_official_schema(repo: Path) -> None:
    _, actions = run_action(repo, base_ref="origin/main")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    document = json.loads(Path(outputs(actions)["sarif-file"]).read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [e.message for e in validator.iter_errors(document)]
    assert errors == []
    assert document["runs"][0]["results"], "the SARIF file has the finding"


def test_the_fail_on_level_is_passed_to_validate(repo: Path) -> None:
    public = repo / "catalog" / "public"
    (public / "2.000002.yaml").write_text(
        dump(procedure("2.000002")).replace("name: Thủ tục thử nghiệm", "name: on"),
        encoding="utf-8",
    )
    commit_all(repo, "sửa đơn vị, thêm cờ")
    ok, _ = run_action(repo, base_ref="origin/main", fail_on="error")
    strict, _ = run_action(repo, base_ref="origin/main", fail_on="warning")
    assert "::warning" in ok.stdout
    assert (ok.returncode, strict.returncode) == (0, 1)


def test_changed_only_leaves_out_findings_in_unchanged_files(repo: Path) -> None:
    old = procedure("2.000003", units={"implementing": ["khong-co"]})
    git(repo, "switch", "-q", "--detach", "origin/main")
    (repo / "catalog" / "public" / "2.000003.yaml").write_text(dump(old), encoding="utf-8")
    moved = commit_all(repo, "thủ tục cũ còn lỗi")
    git(repo, "update-ref", "refs/remotes/origin/main", moved)
    git(repo, "switch", "-q", "thay-doi")
    git(repo, "merge", "-q", "--no-edit", "origin/main")
    everything, _ = run_action(repo, base_ref="origin/main")
    changed, _ = run_action(repo, base_ref="origin/main", changed_only="true")
    assert "2.000003.yaml" in everything.stdout
    assert "2.000003.yaml" not in changed.stdout
    assert "2.000002.yaml" in changed.stdout


def test_annotations_beyond_what_github_shows_are_in_the_log_and_the_artifact(
    repo: Path,
) -> None:
    public = repo / "catalog" / "public"
    for number in range(3, 16):
        data = procedure(f"2.0000{number:02}", units={"implementing": [f"khong-co-{number}"]})
        (public / f"2.0000{number:02}.yaml").write_text(dump(data), encoding="utf-8")
    commit_all(repo, "nhiều lỗi")
    done, actions = run_action(repo, base_ref="origin/main", artifact="tthc-bao-cao")
    errors = [line for line in done.stdout.splitlines() if line.startswith("::error")]
    assert len(errors) == 10
    assert "4 finding(s) not annotated" in done.stdout.splitlines()[-1]
    assert done.stdout.count("  error  ") == 4  # the rest, as log lines
    assert "tthc-validate.txt (artifact `tthc-bao-cao`)" in job_summary(actions)
    full = (Path(outputs(actions)["report-dir"]) / "tthc-validate.txt").read_text("utf-8")
    assert full.count("[unit-exists]") == 14


def test_without_a_base_there_is_no_diff(repo: Path) -> None:
    done, actions = run_action(repo)
    assert done.returncode == 1
    assert "summary-file" not in outputs(actions)
    assert "Checked 2 file(s)" in job_summary(actions)


def test_an_unknown_base_skips_the_diff_with_a_message(repo: Path) -> None:
    done, actions = run_action(repo, base_ref="khong-co-nhanh")
    assert "khong-co-nhanh" in done.stderr
    assert "summary-file" not in outputs(actions)
    assert "sarif-file" in outputs(actions)


def test_prepare_names_what_the_pip_cache_is_keyed_on(tmp_path: Path) -> None:
    output = tmp_path / "output"
    done = subprocess.run(
        ["bash", str(SCRIPT), "prepare"],
        env={**os.environ, "GITHUB_OUTPUT": str(output), "RUNNER_TEMP": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == ""
    values = dict(line.split("=", 1) for line in output.read_text("utf-8").splitlines())
    from tthc_cli import __version__

    assert values["version"] == __version__
    assert values["python"].count(".") == 1 and len(values["deps"]) == 16
    assert values["pip-cache"] == str(tmp_path / "tthc-pip-cache")


def test_action_yml_maps_every_input_to_the_script() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = {step.get("id"): step for step in action["runs"]["steps"]}
    step = steps["tthc"]
    assert "scripts/github-action.sh" in step["run"]
    script = SCRIPT.read_text(encoding="utf-8")
    for name in action["inputs"]:
        variable = "INPUT_" + name.upper().replace("-", "_")
        assert step["env"][variable] == "${{ inputs." + name + " }}"
        assert variable in script
    for name, spec in action["outputs"].items():
        assert spec["value"] == "${{ steps.tthc.outputs." + name + " }}"
        assert f"output {name} " in script
    cache = next(
        s for s in action["runs"]["steps"] if s.get("uses", "").startswith("actions/cache")
    )
    assert "steps.prepare.outputs.version" in cache["with"]["key"]
    assert step["env"]["PIP_CACHE_DIR"] == "${{ steps.prepare.outputs.pip-cache }}"

#!/usr/bin/env bash
# The steps of the tthc GitHub Action (action.yml), as one script a test can run outside Actions.
#
#   github-action.sh prepare   what the pip cache is keyed on (GITHUB_OUTPUT: version, python,
#                              deps, pip-cache); run before actions/cache
#   github-action.sh           install, validate, diff, write the job summary
#
# Inputs come as environment variables (action.yml maps its inputs to them):
#   INPUT_CATALOG        catalog folder ("" = the one named in tthc.yaml)
#   INPUT_BASE_REF       git revision to compare against ("" = from the event: the base the pull
#                        request merges into, the push's "before"; none otherwise)
#   INPUT_FAIL_ON        lowest validate severity that fails the step: error | warning | info
#   INPUT_DIFF_FAIL_ON   "" | heavier | any: also fail when the diff finds such changes
#   INPUT_LANG           vi | en
#   INPUT_CHANGED_ONLY   true: validate only files changed since the base (--changed-since)
#   INPUT_INSTALL        true: pip-install tthc from GITHUB_ACTION_PATH into a fresh venv;
#                        false: use the `tthc` already on PATH
#   INPUT_ARTIFACT       name of the artifact action.yml uploads the reports as ("" = none)
#   INPUT_OUTPUT_DIR     where reports go ("" = $RUNNER_TEMP/tthc)
#   PIP_CACHE_DIR        pip's cache (action.yml restores it with actions/cache)
# and GitHub's own: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_BASE_REF, GITHUB_ACTION_PATH.
#
# It writes GitHub annotations to stdout (errors first, as many as GitHub shows; the rest as log
# lines), the validation totals and the diff to $GITHUB_STEP_SUMMARY, and `sarif-file`,
# `summary-file`, `report-dir` and `validate-exit-code` to $GITHUB_OUTPUT.
# Exit status: 0 clean; 1 findings at or above fail-on (or diff-fail-on changes); 3 cannot run.
set -uo pipefail

say() { printf 'tthc: %s\n' "$*" >&2; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi; }
python=$(command -v python3 || command -v python || echo python3)
action_path=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}

if [ "${1:-}" = "prepare" ]; then
  # The pip cache is keyed on the action's version, the Python it runs on and its dependencies.
  version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$action_path/tthc_cli/__init__.py")
  output version "${version:-unknown}"
  output python "$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  output deps "$("$python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest()[:16])' "$action_path/pyproject.toml")"
  output pip-cache "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tthc-pip-cache"
  exit 0
fi

catalog=${INPUT_CATALOG:-}
fail_on=${INPUT_FAIL_ON:-error}
diff_fail_on=${INPUT_DIFF_FAIL_ON:-}
lang=${INPUT_LANG:-vi}
changed_only=${INPUT_CHANGED_ONLY:-false}
install=${INPUT_INSTALL:-true}
artifact=${INPUT_ARTIFACT:-}
out_dir=${INPUT_OUTPUT_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tthc}
no_commit=0000000000000000000000000000000000000000

mkdir -p "$out_dir" || exit 3

# 1. Install (into a venv: runner images refuse pip installs into the system Python).
tthc=(tthc)
if [ "$install" = "true" ]; then
  venv="$out_dir/venv"
  cache=()
  [ -n "${PIP_CACHE_DIR:-}" ] && cache=(--cache-dir "$PIP_CACHE_DIR")
  "$python" -m venv "$venv" && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "${cache[@]}" "$action_path" || { say "cannot install from $action_path"; exit 3; }
  tthc=("$venv/bin/tthc")
fi

# 2. The base to compare with.
event() {  # a value of the event payload, by dotted path ("" when absent)
  [ -f "${GITHUB_EVENT_PATH:-}" ] || return 0
  "$python" - "$GITHUB_EVENT_PATH" "$1" <<'PY'
import json, sys
value = json.load(open(sys.argv[1], encoding="utf-8"))
for key in sys.argv[2].split("."):
    value = value.get(key) if isinstance(value, dict) else None
print(value if isinstance(value, str) else "")
PY
}
have() { git cat-file -e "$1^{commit}" 2>/dev/null; }
fetch() {  # a commit or origin/BRANCH that a shallow checkout lacks
  case $1 in
    origin/*) git fetch --no-tags --quiet origin "+refs/heads/${1#origin/}:refs/remotes/$1" ;;
    *) git fetch --no-tags --quiet --depth=1 origin "$1" ;;
  esac
}
parents() { git cat-file -p HEAD 2>/dev/null | sed -n 's/^parent //p'; }  # also when shallow

old=""    # the revision the diff and --changed-since compare with
label=""  # how the summary names it
base_of_event() {
  local base_sha head_sha branch first second
  case ${GITHUB_EVENT_NAME:-} in
    pull_request|pull_request_target)
      base_sha=$(event pull_request.base.sha)
      head_sha=$(event pull_request.head.sha)
      branch=${GITHUB_BASE_REF:-$(event pull_request.base.ref)}
      label="origin/${branch}"
      { read -r first; read -r second; } < <(parents; echo; echo)
      if [ -n "$second" ] && [ "$second" = "$head_sha" ]; then
        # The merge checkout (refs/pull/N/merge): its first parent is the base as merged.
        old=$first
      elif [ -n "$base_sha" ]; then
        # The head itself (pull_request_target, or a checkout of the head): from the fork point.
        have "$base_sha" || fetch "$base_sha" || say "cannot fetch ${base_sha}"
        old=$(git merge-base "$base_sha" HEAD 2>/dev/null) || old=$base_sha
      fi
      ;;
    push)
      old=$(event before)
      label=$old
      if [ -z "$old" ] || [ "$old" = "$no_commit" ]; then
        say "a new branch: no base to compare with; validating everything"
        old=""
      fi
      ;;
  esac
}
if [ -n "${INPUT_BASE_REF:-}" ]; then
  base=$INPUT_BASE_REF
  label=$base
  if ! have "$base" && [[ $base == origin/* ]]; then
    fetch "$base" || say "cannot fetch ${base}"
  fi
  if have "$base"; then
    # the name reads better in the summary; the merge base only when the base has moved on
    old=$base
    fork=$(git merge-base "$base" HEAD 2>/dev/null) && [ "$fork" != "$(git rev-parse "$base^{commit}")" ] && old=$fork
  else
    say "no git revision ${base}; skipping the diff"
  fi
else
  base_of_event
fi
if [ -n "$old" ] && ! have "$old"; then
  fetch "$old" || true
  if ! have "$old"; then
    say "the base ${old} is not in this checkout (use actions/checkout with fetch-depth: 0); skipping the diff"
    old=""
  fi
fi
# Name the base as people know it when it is that branch's tip.
if [ -n "$old" ] && [[ $label == origin/* ]] && [ "$(git rev-parse --verify --quiet "$label^{commit}")" = "$(git rev-parse "$old^{commit}")" ]; then
  old=$label
fi

targets=()
[ -n "$catalog" ] && targets=("$catalog")
selection=()
if [ "$changed_only" = "true" ] && [ -n "$old" ]; then
  selection=(--changed-since "$old")
fi
common=(--lang "$lang" --fail-on "$fail_on" "${selection[@]}" "${targets[@]}")

# 3. Annotations, and the exit status of the whole step.
"${tthc[@]}" validate --format github "${common[@]}"
validate_rc=$?
output validate-exit-code "$validate_rc"

# 4. SARIF for github/codeql-action/upload-sarif; Markdown for the job summary; the full list.
sarif="$out_dir/tthc.sarif"
"${tthc[@]}" validate --format sarif -o "$sarif" --force "${common[@]}"
sarif_rc=$?
[ "$sarif_rc" -le 1 ] && output sarif-file "$sarif"
"${tthc[@]}" validate --format markdown -o "$out_dir/tthc-validate.md" --force "${common[@]}"
"${tthc[@]}" validate --format text --show-suppressed -o "$out_dir/tthc-validate.txt" --force \
  "${common[@]}"
output report-dir "$out_dir"

# 5. The diff: to the job summary, and to a file a later step can post as a comment.
#    Run inside the catalog folder so that the git side reads the same folder.
diff_rc=0
summary=""
if [ -n "$old" ]; then
  summary="$out_dir/tthc-diff.md"
  diff_args=(diff "$old" --format markdown --lang "$lang" -o "$summary" --force)
  [ -n "$diff_fail_on" ] && diff_args+=(--fail-on "$diff_fail_on")
  (cd "${catalog:-.}" && "${tthc[@]}" "${diff_args[@]}")
  diff_rc=$?
  if [ -f "$summary" ] && [ "$diff_rc" -le 1 ]; then
    output summary-file "$summary"
  else
    summary=""
  fi
fi

# 6. The job summary: validation totals and findings, the full list's whereabouts, the diff.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    if [ -f "$out_dir/tthc-validate.md" ]; then
      if [ "$(wc -c <"$out_dir/tthc-validate.md")" -le 400000 ]; then
        cat "$out_dir/tthc-validate.md"
      else  # GitHub keeps 1 MiB of summary per step: the totals only
        head -n 3 "$out_dir/tthc-validate.md"
      fi
      echo
      where="tthc-validate.txt"
      [ -n "$artifact" ] && where="$where (artifact \`$artifact\`)"
      case $lang in
        en) echo "The full list (suppressed findings included): $where; SARIF: the code-scanning tab." ;;
        *) echo "Danh sách đầy đủ (kể cả phát hiện được bỏ qua): $where; SARIF: thẻ Code scanning." ;;
      esac
      echo
    fi
    [ -n "$summary" ] && cat "$summary"
  } >>"$GITHUB_STEP_SUMMARY"
fi

for rc in "$validate_rc" "$sarif_rc" "$diff_rc"; do
  [ "$rc" -ge 2 ] && exit 3
done
[ "$validate_rc" -eq 1 ] || [ "$diff_rc" -eq 1 ] && exit 1
exit 0

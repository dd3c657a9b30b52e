#!/usr/bin/env bash
# The steps of the tthc GitHub Action (action.yml), as one script a test can run outside Actions.
#
# Inputs come as environment variables (action.yml maps its inputs to them):
#   INPUT_CATALOG        catalog folder ("" = the one named in tthc.yaml)
#   INPUT_BASE_REF       git revision to compare against ("" = origin/$GITHUB_BASE_REF on a pull
#                        request; no diff when neither is set)
#   INPUT_FAIL_ON        lowest validate severity that fails the step: error | warning | info
#   INPUT_DIFF_FAIL_ON   "" | heavier | any: also fail when the diff finds such changes
#   INPUT_LANG           vi | en
#   INPUT_CHANGED_ONLY   true: validate only files changed since the base (--changed-since)
#   INPUT_INSTALL        true: pip-install tthc from GITHUB_ACTION_PATH into a fresh venv;
#                        false: use the `tthc` already on PATH
#   INPUT_OUTPUT_DIR     where reports go ("" = $RUNNER_TEMP/tthc)
# It writes GitHub annotations to stdout, the diff summary to $GITHUB_STEP_SUMMARY, and
# `sarif-file`, `summary-file` and `validate-exit-code` to $GITHUB_OUTPUT.
# Exit status: 0 clean; 1 findings at or above fail-on (or diff-fail-on changes); 3 cannot run.
set -uo pipefail

catalog=${INPUT_CATALOG:-}
fail_on=${INPUT_FAIL_ON:-error}
diff_fail_on=${INPUT_DIFF_FAIL_ON:-}
lang=${INPUT_LANG:-vi}
changed_only=${INPUT_CHANGED_ONLY:-false}
install=${INPUT_INSTALL:-true}
out_dir=${INPUT_OUTPUT_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tthc}
base=${INPUT_BASE_REF:-}
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="origin/${GITHUB_BASE_REF}"
fi

say() { printf '%s\n' "$*" >&2; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi; }

mkdir -p "$out_dir" || exit 3

# 1. Install (into a venv: runner images refuse pip installs into the system Python).
tthc=(tthc)
if [ "$install" = "true" ]; then
  venv="$out_dir/venv"
  python3 -m venv "$venv" && "$venv/bin/python" -m pip install --quiet "${GITHUB_ACTION_PATH:?}" \
    || { say "tthc: cannot install from ${GITHUB_ACTION_PATH}"; exit 3; }
  tthc=("$venv/bin/tthc")
fi

# 2. The base revision: fetch a missing origin/BRANCH (shallow checkouts lack it), then compare
#    against the point where this branch left it, as the pull request does.
old=""
if [ -n "$base" ]; then
  if ! git rev-parse --verify --quiet "${base}^{commit}" >/dev/null && [[ $base == origin/* ]]; then
    branch=${base#origin/}
    git fetch --no-tags --quiet origin "+refs/heads/${branch}:refs/remotes/origin/${branch}" \
      || say "tthc: cannot fetch ${base}"
  fi
  if tip=$(git rev-parse --verify --quiet "${base}^{commit}"); then
    # the name reads better in the summary; the merge base only when the base has moved on
    old=$base
    fork=$(git merge-base "$base" HEAD 2>/dev/null) && [ "$fork" != "$tip" ] && old=$fork
  else
    say "tthc: no git revision ${base}; skipping the diff"
  fi
fi

targets=()
[ -n "$catalog" ] && targets=("$catalog")
selection=()
if [ "$changed_only" = "true" ] && [ -n "$old" ]; then
  selection=(--changed-since "$old")
fi
common=(--lang "$lang" --fail-on "$fail_on" "${selection[@]}" "${targets[@]}")

# 3. Annotations on the changed lines, and the exit status of the whole step.
"${tthc[@]}" validate --format github "${common[@]}"
validate_rc=$?
output validate-exit-code "$validate_rc"

# 4. SARIF for github/codeql-action/upload-sarif.
sarif="$out_dir/tthc.sarif"
"${tthc[@]}" validate --format sarif -o "$sarif" --force "${common[@]}"
sarif_rc=$?
if [ "$sarif_rc" -le 1 ]; then
  output sarif-file "$sarif"
fi

# 5. The diff summary: to the job summary, and to a file a later step can post as a comment.
#    Run inside the catalog folder so that the git side reads the same folder.
diff_rc=0
if [ -n "$old" ]; then
  summary="$out_dir/tthc-diff.md"
  diff_args=(diff "$old" --format markdown --lang "$lang" -o "$summary" --force)
  [ -n "$diff_fail_on" ] && diff_args+=(--fail-on "$diff_fail_on")
  (cd "${catalog:-.}" && "${tthc[@]}" "${diff_args[@]}")
  diff_rc=$?
  if [ -f "$summary" ] && [ "$diff_rc" -le 1 ]; then
    output summary-file "$summary"
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      cat "$summary" >>"$GITHUB_STEP_SUMMARY"
    fi
  fi
fi

for rc in "$validate_rc" "$sarif_rc" "$diff_rc"; do
  [ "$rc" -ge 2 ] && exit 3
done
[ "$validate_rc" -eq 1 ] || [ "$diff_rc" -eq 1 ] && exit 1
exit 0

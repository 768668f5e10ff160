#!/usr/bin/env bash
# Runs `kansa scan terraform` for the composite GitHub Action in action.yml.
#
# Inputs come from the environment (action.yml maps its inputs to these, so
# no input is ever pasted into shell code):
#   INPUT_PATH     directory or file to scan (default ".")
#   INPUT_SARIF    SARIF file to write (default "kansa.sarif"; empty: none)
#   INPUT_JUNIT    JUnit XML file to write (default: none)
#   INPUT_FAIL_ON  lowest severity that fails the scan (default "low")
#   INPUT_CONFIG   settings file (default: kansa's own lookup of .kansa.yaml)
#   INPUT_ARGS     extra arguments: split on blanks, or one per line when the
#                  value has several lines (for arguments that hold spaces)
#   KANSA_BIN      the kansa executable (default "kansa" from PATH)
#
# SARIF paths are relative to the scanned directory, while code scanning
# reads them relative to the repository root, the step's working directory
# ($GITHUB_WORKSPACE). So when INPUT_PATH is a subdirectory (or a file in
# one) the script adds --sarif-root DIR; an --sarif-root in INPUT_ARGS comes
# later on the command line and wins. It also adds --sarif-synthetic-locations,
# because code scanning rejects a whole upload when one result has no file
# (account-scope findings with --require-account-checks have none).
#
# The Markdown summary is appended to $GITHUB_STEP_SUMMARY and the outputs
# `sarif` and `exit-code` to $GITHUB_OUTPUT; when either variable is unset
# (a local run) that part goes to stdout. The script exits with kansa's own
# status: 0 nothing at or above --fail-on, 1 findings, 2 the scan failed.
set -euo pipefail

scan_path="${INPUT_PATH:-.}"
sarif="${INPUT_SARIF-kansa.sarif}"
junit="${INPUT_JUNIT:-}"
fail_on="${INPUT_FAIL_ON:-low}"
config="${INPUT_CONFIG:-}"
extra="${INPUT_ARGS:-}"
kansa="${KANSA_BIN:-kansa}"

# A newline in a value written to $GITHUB_OUTPUT would forge another output.
case "$sarif" in
  *$'\n'* | *$'\r'*)
    echo "kansa action: the sarif input must not contain a line break" >&2
    exit 2
    ;;
esac

# sarif_root prints the directory scan_path names (itself, or the directory
# of a file) relative to the workspace, without ./ or a trailing slash;
# nothing for the workspace itself or a directory outside it.
sarif_root() {
  local dir="$1" workspace="${GITHUB_WORKSPACE:-$PWD}"
  if [ -f "$dir" ]; then
    dir="$(dirname -- "$dir")"
  fi
  case "$dir" in
    "$workspace") return ;;
    "$workspace"/*) dir="${dir#"$workspace"/}" ;;
    /*) return ;;
  esac
  while [ "${dir#./}" != "$dir" ]; do dir="${dir#./}"; done
  while [ "${dir%/}" != "$dir" ]; do dir="${dir%/}"; done
  case "/$dir/" in
    */../*) return ;;
  esac
  if [ -n "$dir" ] && [ "$dir" != "." ]; then
    printf '%s' "$dir"
  fi
}

cmd=("$kansa" scan terraform --format markdown --fail-on "$fail_on")
if [ -n "$sarif" ]; then
  # Code scanning rejects a whole upload when one result has no file; findings
  # of account-scope checks (--require-account-checks) have none.
  cmd+=(--sarif "$sarif" --sarif-synthetic-locations)
  root="$(sarif_root "$scan_path")"
  if [ -n "$root" ]; then
    cmd+=(--sarif-root "$root")
  fi
fi
if [ -n "$junit" ]; then
  cmd+=(--junit "$junit")
fi
if [ -n "$config" ]; then
  cmd+=(--config "$config")
fi
if [ -n "$extra" ]; then
  case "$extra" in
    *$'\n'*)
      while IFS=$' \t\r' read -r arg || [ -n "$arg" ]; do
        if [ -n "$arg" ]; then
          cmd+=("$arg")
        fi
      done <<<"$extra"
      ;;
    *)
      # read -a splits on blanks without glob expansion or quote removal.
      read -r -a words <<<"$extra"
      cmd+=(${words[@]+"${words[@]}"})
      ;;
  esac
fi
cmd+=("$scan_path")

printf 'kansa action: running:' >&2
printf ' %q' "${cmd[@]}" >&2
printf '\n' >&2

summary="${GITHUB_STEP_SUMMARY:-}"
set +e
if [ -n "$summary" ]; then
  "${cmd[@]}" >>"$summary"
else
  "${cmd[@]}"
fi
status=$?
set -e

case "$status" in
  0) echo "kansa action: no finding at or above ${fail_on}" >&2 ;;
  1) echo "kansa action: findings at or above ${fail_on} (exit status 1)" >&2 ;;
  127) echo "kansa action: ${kansa} not found; install it first (action.yml does)" >&2 ;;
  *) echo "kansa action: the scan failed (exit status ${status}); see the messages above" >&2 ;;
esac

output="${GITHUB_OUTPUT:-}"
if [ -n "$output" ]; then
  {
    printf 'sarif=%s\n' "$sarif"
    printf 'exit-code=%s\n' "$status"
  } >>"$output"
else
  printf 'sarif=%s\n' "$sarif"
  printf 'exit-code=%s\n' "$status"
fi

exit "$status"

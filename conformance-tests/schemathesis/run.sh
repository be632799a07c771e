#!/usr/bin/env bash
# Property-based conformance run of a live server against the contract it serves.
#
#   conformance-tests/schemathesis/run.sh BASE_URL REPORT_DIR [extra schemathesis run args...]
#
#   BASE_URL    where the server listens, e.g. http://127.0.0.1:8080 (the contract is read
#               from BASE_URL/openapi.yaml, and every request goes to BASE_URL, never to the
#               contract's own `servers` entry)
#   REPORT_DIR  gets junit.xml (one testcase per operation)
#
# Environment:
#   SCHEMATHESIS_MAX_EXAMPLES  test cases per operation and phase      (default 25)
#   SCHEMATHESIS_SEEDS         seeds, space-separated, run one after the other on this server as
#                              one fuzzing user. Unset: SCHEMATHESIS_SEED if set, else two runs, the
#                              fixed seed 20261123 and then a rotating one (the UTC date, YYYYMMDD,
#                              printed; rerun a failure with SCHEMATHESIS_SEED=<it>)
#   SCHEMATHESIS_SEED          one seed; same seed + same server = same run
#   SCHEMATHESIS_WORKERS       concurrent workers                        (default 1)
#   SCHEMATHESIS_PHASES        examples,coverage,fuzzing,stateful        (default: all four)
#   SCHEMATHESIS_REQUEST_TIMEOUT  seconds per request                    (default 10)
#   SCHEMATHESIS_WAIT_FOR_SCHEMA  seconds to wait for BASE_URL/openapi.yaml (default 30)
#   PYTHON                     interpreter used to create the venv      (default python3)
#
# Runs ALL checks: `[checks] enabled = true` in schemathesis.toml, not `--checks all`, because a
# check named on the command line overrides the per-operation named exclusions of the file. Exits non-zero when any check fails or the run errors, and
# when an operation answers only 401/403 (schemathesis.toml: fail-on missing_auth). Secured
# operations are called with a real bearer token from platform_auth.py (the server must run in
# the dev stage, which echoes confirmation codes).
# The venv lives in <project>/build/venv and is (re)created when requirements.txt changes.
# A schemathesis.toml next to this script, if present, is picked up (the run starts here).
set -euo pipefail

usage() { echo "usage: $0 BASE_URL REPORT_DIR [extra schemathesis run args...]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
BASE_URL="${1%/}"
REPORT_DIR="$2"
shift 2
[[ "$BASE_URL" =~ ^https?://[^/]+ ]] || { echo "BASE_URL must look like http://host:port, got: $1" >&2; exit 2; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$ROOT/build/venv"
REQUIREMENTS="$HERE/requirements.txt"
STAMP="$VENV/.requirements.sha256"
PYTHON="${PYTHON:-python3}"

# --- venv: create or refresh when requirements.txt (or the interpreter) changed -------------
wanted="$( { sha256sum "$REQUIREMENTS" | cut -d' ' -f1; "$PYTHON" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"
if [[ ! -x "$VENV/bin/schemathesis" || ! -f "$STAMP" || "$(cat "$STAMP")" != "$wanted" ]]; then
  echo "[schemathesis] creating $VENV from $(basename "$REQUIREMENTS")" >&2
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS" >&2
  echo "$wanted" > "$STAMP"
fi

mkdir -p "$REPORT_DIR"
REPORT_DIR="$(cd "$REPORT_DIR" && pwd)"

if [[ -n "${SCHEMATHESIS_SEEDS:-}" ]]; then
  read -r -a seeds <<<"$SCHEMATHESIS_SEEDS"
elif [[ -n "${SCHEMATHESIS_SEED:-}" ]]; then
  seeds=("$SCHEMATHESIS_SEED")
else
  seeds=(20261123 "$(date -u +%Y%m%d)")
fi
# One fuzzing user for every seed of this invocation (platform_auth.py signs it up once): the items
# a seed creates under generated ids stay that user's, so the next seed meets its own items, not
# someone else's (403).
FUZZ_EMAIL="${FUZZ_EMAIL:-fuzz-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')@example.com}"
FUZZ_PASSWORD="${FUZZ_PASSWORD:-Fz-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')-Q7!}"
export FUZZ_EMAIL FUZZ_PASSWORD

cd "$HERE"
overall=0
for seed in "${seeds[@]}"; do
  junit="$REPORT_DIR/junit-$seed.xml"
  rm -f "$junit"
  args=(
    run "$BASE_URL/openapi.yaml"
    --url "$BASE_URL"
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-25}"
    --seed "$seed"
    --workers "${SCHEMATHESIS_WORKERS:-1}"
    --phases "${SCHEMATHESIS_PHASES:-examples,coverage,fuzzing,stateful}"
    --request-timeout "${SCHEMATHESIS_REQUEST_TIMEOUT:-10}"
    --wait-for-schema "${SCHEMATHESIS_WAIT_FOR_SCHEMA:-30}"
    --max-redirects 0
    --generation-database none
    --continue-on-failure
    --report junit
    --report-dir "$REPORT_DIR"
    --report-junit-path "$junit"
    --no-color
  )
  echo "[schemathesis] seed $seed: $(basename "$VENV")/bin/schemathesis ${args[*]} $*" >&2
  set +e
  # no proxy for the server under test; nothing else is contacted. The hooks sign a user in.
  NO_PROXY="*" no_proxy="*" PLATFORM_URL="$BASE_URL" SCHEMATHESIS_HOOKS="$HERE/platform_auth.py" \
    "$VENV/bin/schemathesis" "${args[@]}" "$@"
  rc=$?
  set -e
  if [[ $rc -eq 0 && ! -s "$junit" ]]; then
    echo "[schemathesis] no JUnit report was written to $junit" >&2
    rc=1
  fi
  echo "[schemathesis] seed $seed: exit code $rc; report: $junit" >&2
  [[ $rc -eq 0 ]] || overall=$rc
done
exit $overall

#!/usr/bin/env bash
# HealthKit uploads (issue 12): upload-to-COMPLETED of a ~10 MB export (streamed POST → S3 →
# queue → worker reads it back and writes the daily metrics → first poll reading COMPLETED), RUNS
# times one at a time; then the server's RSS and heap (sampled every 200 ms) while one ~50 MB
# export streams in and is processed. Embedded runtime (`make run`'s jar), JVM flags printed.
#
# Environment (defaults): RUNS 5, SMALL_MB 10, BIG_MB 50, PLATFORM_JAR, BENCH_JAVA_OPTS (default:
#   the Makefile's `run` JAVA_OPTS)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[healthkit-upload] $*" >&2; }
die() { echo "[healthkit-upload] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-healthkit.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
refuse_inherited_java_env
for tool in curl python3 java jcmd; do command -v "$tool" >/dev/null || die "$tool is required"; done
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
log "JVM options: ${JAVA_OPTS[*]:-(none)}"
log "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

port=$(free_port)
URL="http://127.0.0.1:$port"
PORT=$port DATA_DIR="$WORK/data" STAGE=dev AUTH_REQUESTS_PER_MINUTE=100000 RATE_LIMIT_REQUESTS=10000000 \
  QUEUE_POLL_WAIT_SECONDS=1 ACCESS_LOG_LEVEL=WARN \
  java "${JAVA_OPTS[@]}" -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!; PIDS+=($PLATFORM_PID)
wait_for "$URL/healthz" "$PLATFORM_PID" "${PLATFORM_START_TIMEOUT:-180}" "$WORK/platform.log"
jvm_flags "$PLATFORM_PID" platform

python3 "$HERE/healthkit_upload.py" "$URL" "$PLATFORM_PID" "${RUNS:-5}" "${SMALL_MB:-10}" "${BIG_MB:-50}"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

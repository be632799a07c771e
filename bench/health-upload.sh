#!/usr/bin/env bash
# Upload-to-COMPLETED latency of health data uploads (issue 12): UPLOADS uploads of 100 metrics
# each, one at a time, on the embedded runtime (`make run`'s jar: DynamoDB Local, S3Proxy and
# ElasticMQ in the platform's JVM, workers in-process). Latency counts from sending the POST to
# the first poll that reads COMPLETED (polls every POLL_MS), so it includes the 202, the queue
# hop, the worker's writes and up to one poll interval. p50/p99 printed with the JVM flags.
#
# Environment (defaults): UPLOADS 200, WARMUP 30 (uploads not counted), POLL_MS 5, PLATFORM_JAR,
#   BENCH_JAVA_OPTS (default: the Makefile's `run` JAVA_OPTS)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[health-upload] $*" >&2; }
die() { echo "[health-upload] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-health.XXXXXX")"
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

port=$(free_port)
URL="http://127.0.0.1:$port"
PORT=$port DATA_DIR="$WORK/data" STAGE=dev AUTH_REQUESTS_PER_MINUTE=100000 RATE_LIMIT_REQUESTS=10000000 \
  QUEUE_POLL_WAIT_SECONDS=1 ACCESS_LOG_LEVEL=WARN \
  java "${JAVA_OPTS[@]}" -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!; PIDS+=($PLATFORM_PID)
wait_for "$URL/healthz" "$PLATFORM_PID" "${PLATFORM_START_TIMEOUT:-180}" "$WORK/platform.log"
jvm_flags "$PLATFORM_PID" platform

python3 "$HERE/health_upload.py" "$URL" "${UPLOADS:-200}" "${WARMUP:-30}" "${POLL_MS:-5}"

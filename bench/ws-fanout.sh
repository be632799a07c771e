#!/usr/bin/env bash
# WebSocket fan-out latency (issue 13): WS_CLIENTS (default 100) connections in one chat room of
# the platform started as `make run` starts it, one sender; bench/WsFanout.java reports the
# send-to-receive latency p50/p99 over every (message, receiver) pair. Sender and receivers are
# one JVM (one clock); the platform is another. JVM flags of both are printed.
#
#   bench/ws-fanout.sh
#
# Environment: PLATFORM_JAR (default local/target/platform-local.jar), PLATFORM_START_TIMEOUT
# (120), WS_CLIENTS (100), WS_MESSAGES (200), WS_WARMUP (50), WS_INTERVAL_MS (20),
# BENCH_JAVA_OPTS (extra JVM options for both JVMs).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
WORK="$(mktemp -d)"
PIDS=()
log() { echo "[ws-fanout] $*" >&2; }
die() { log "$*"; exit 1; }
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
cleanup() { stop_all; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

refuse_inherited_java_env
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: build it (mvn -B -ntp -q package -pl local -am -DskipTests)"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
# the sender's pace must stay under the per-connection limit (per minute)
PER_MINUTE=$(( 60000 / ${WS_INTERVAL_MS:-20} + 1000 ))
PORT=$PORT DATA_DIR="$WORK/data" STAGE=dev WS_MESSAGES_PER_MINUTE=$PER_MINUTE RATE_LIMIT_REQUESTS=1000000 \
  AUTH_REQUESTS_PER_MINUTE=100000 java "${JAVA_OPTS[@]}" -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PIDS+=("$!")
wait_for "$URL/healthz" "$!" "${PLATFORM_START_TIMEOUT:-120}" "$WORK/platform.log"
jvm_flags "${PIDS[0]}" platform
echo "ws-fanout bench, $(nproc) cores, $(java -version 2>&1 | head -n 1), load $(load1)"
java "${JAVA_OPTS[@]}" "$HERE/WsFanout.java" "$URL" "${WS_CLIENTS:-100}" "${WS_MESSAGES:-200}" \
  "${WS_WARMUP:-50}" "${WS_INTERVAL_MS:-20}" &
CLIENT=$!
sleep 2
jvm_flags "$CLIENT" client || true
wait "$CLIENT"

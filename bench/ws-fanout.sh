#!/usr/bin/env bash
# WebSocket fan-out latency (issue 13): WS_CLIENTS (default 100) connections in one chat room of
# the platform started as `make run` starts it, one sender; bench/WsFanout.java reports the
# send-to-receive latency p50/p99 over every (message, receiver) pair. Sender and receivers are
# one JVM (one clock); the platform is another. JVM flags of both are printed. Also reported per
# message: send -> the last of the WS_CLIENTS receivers has it (the fan-out's own latency).
#
#   bench/ws-fanout.sh
#
# Environment: PLATFORM_JAR (default local/target/platform-local.jar), PLATFORM_START_TIMEOUT
# (400: a start on a loaded machine once took longer than 120 s), WS_CLIENTS (100), WS_MESSAGES
# (200), WS_WARMUP (50), WS_INTERVAL_MS (20), BENCH_JAVA_OPTS (default: the Makefile's `run`
# JAVA_OPTS, for both JVMs), BENCH_CSV. Output: the figures, a CSV and one SUMMARY line with the
# load average.
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
CSV="${BENCH_CSV:-$ROOT/build/bench/ws-fanout-$(date -u +%Y%m%dT%H%M%SZ).csv}"
mkdir -p "$(dirname "$CSV")"
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: build it (mvn -B -ntp -q package -pl local -am -DskipTests)"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
# the sender's pace must stay under the per-connection limit (per minute)
PER_MINUTE=$(( 60000 / ${WS_INTERVAL_MS:-20} + 1000 ))
PORT=$PORT DATA_DIR="$WORK/data" STAGE=dev WS_MESSAGES_PER_MINUTE=$PER_MINUTE RATE_LIMIT_REQUESTS=1000000 \
  AUTH_REQUESTS_PER_MINUTE=100000 ACCESS_LOG_LEVEL=OFF java "${JAVA_OPTS[@]}" -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PIDS+=("$!")
started=$SECONDS
wait_for "$URL/healthz" "$!" "${PLATFORM_START_TIMEOUT:-400}" "$WORK/platform.log"
log "platform answered after $((SECONDS - started)) s"
jvm_flags "${PIDS[0]}" platform
echo "ws-fanout bench, $(nproc) cores, $(java -version 2>&1 | head -n 1), load $(load1)"
java "${JAVA_OPTS[@]}" "$HERE/WsFanout.java" "$URL" "${WS_CLIENTS:-100}" "${WS_MESSAGES:-200}" \
  "${WS_WARMUP:-50}" "${WS_INTERVAL_MS:-20}" > "$WORK/client.txt" &
CLIENT=$!
PIDS+=("$CLIENT")
# the client compiles its source first: wait until it is attachable, and never die over its flags
for _ in $(seq 1 100); do grep -q '^\[ws-fanout\] connected' "$WORK/client.txt" 2>/dev/null && break; sleep 0.2; done
( jvm_flags "$CLIENT" client ) || log "could not read the client's JVM flags"
wait "$CLIENT" || die "the client failed: $(tail -n 5 "$WORK/client.txt")"
cat "$WORK/client.txt"
LOAD=$(load1)
line=$(grep '^RESULT ' "$WORK/client.txt") || die "the client printed no RESULT line"
field() { echo "$line" | sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
{
  echo "clients,messages,deliveries,missing,p50_ms,p99_ms,max_ms,last_p50_ms,last_p99_ms,last_max_ms,load1"
  echo "$(field clients),$(field messages),$(field deliveries),$(field missing),$(field p50_ms),$(field p99_ms),$(field max_ms),$(field last_p50_ms),$(field last_p99_ms),$(field last_max_ms),$LOAD"
  cat "$WORK/flags.txt"
} > "$CSV"
echo "SUMMARY ws-fanout $(field clients) clients in one room, $(field messages) messages: send -> last receiver p50 $(field last_p50_ms) ms" \
  "p99 $(field last_p99_ms) ms max $(field last_max_ms) ms; send -> each receiver p50 $(field p50_ms) ms p99 $(field p99_ms) ms;" \
  "missing $(field missing) | load1 $LOAD | csv $CSV"

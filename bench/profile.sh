#!/usr/bin/env bash
# Where GET /healthz (or BENCH_PATH) spends the platform's CPU and allocations: async-profiler
# (Maven Central tools.profiler:async-profiler, fetched once into build/bench-lib/profiler) is
# attached to a running platform after WARMUP s of wrk load, samples CPU for PROFILE s, then
# allocations for ALLOC s, under the same load. Prints the inclusive share and us/request of the
# platform's own frames and of Jersey's routing, and leaves the collapsed stacks (flame-graph
# input) in OUT. Run it under the bench gate; it refuses when JAVA_TOOL_OPTIONS etc. are set.
#
# Environment (defaults): WARMUP 50, PROFILE 20, ALLOC 15 (s), INTERVAL 200us, WRK_THREADS 2,
#   WRK_CONNECTIONS 64, BENCH_PATH /healthz, PLATFORM_JAR, BENCH_JAVA_OPTS, OUT (build/bench/profile-<time>)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[profile] $*" >&2; }
die() { echo "[profile] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-profile.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT

WARMUP="${WARMUP:-50}"; PROFILE="${PROFILE:-20}"; ALLOC="${ALLOC:-15}"; INTERVAL="${INTERVAL:-200us}"
THREADS="${WRK_THREADS:-2}"; CONNECTIONS="${WRK_CONNECTIONS:-64}"; BENCH_PATH="${BENCH_PATH:-/healthz}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
OUT="${OUT:-$ROOT/build/bench/profile-$(date -u +%Y%m%dT%H%M%SZ)}"
refuse_inherited_java_env
ensure_wrk
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
AGENT="$(ensure_async_profiler "$ROOT/build/bench-lib/profiler")"
mkdir -p "$OUT"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
port=$(free_port)
PORT=$port DATA_DIR="$WORK/data" java "${JAVA_OPTS[@]}" -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
pid=$!; PIDS+=("$pid")
url="http://127.0.0.1:$port"
wait_for "$url/health" "$pid" "${PLATFORM_START_TIMEOUT:-120}" "$WORK/platform.log"
jvm_flags "$pid" platform
load() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1"s "$url$BENCH_PATH" | awk '/Requests\/sec/ { print $2 }'; }
attach() { java "$HERE/Attach.java" "$pid" "$AGENT" "$1"; }
log "warm-up ${WARMUP}s: $(load "$WARMUP") req/s"
attach "start,event=cpu,interval=$INTERVAL"
t0=$(cpu_ticks "$pid"); rps=$(load "$PROFILE"); t1=$(cpu_ticks "$pid")
attach "stop,file=$OUT/cpu.collapsed,collapsed"
attach "start,event=alloc"
log "alloc ${ALLOC}s: $(load "$ALLOC") req/s"
attach "stop,file=$OUT/alloc.collapsed,collapsed"
hz=$(getconf CLK_TCK)
requests=$(python3 -c "print(int(float('$rps') * $PROFILE))")
cpu_us=$(python3 -c "print(round(($t1 - $t0) / $hz * 1e6 / $requests, 1))")
echo "profiled ${PROFILE}s at $rps req/s (profiler on), server cpu $cpu_us us/req, load1 $(load1)"
python3 "$HERE/profile_report.py" "$OUT/cpu.collapsed" "$cpu_us"
echo "collapsed stacks: $OUT/cpu.collapsed, $OUT/alloc.collapsed"

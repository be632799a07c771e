#!/usr/bin/env bash
# GET /events/search (issue 11) on EVENTS (10,000) events around 8 cities, beside GET /healthz in
# the same run: bench/events_search.py creates the events through the API, then alternates
# SEARCHES searches (random centre near a city, radius 1-50 mi, window 1 h - 20 days, a third
# with a tag) with as many /healthz, one at a time. The platform runs as `make run` starts it
# (JVM flags printed) with the API limit raised (the bench is one client making 10,000+
# requests) and logs, per search, how many items DynamoDB returned for it (bench/events-logback.xml:
# warnings and that one DEBUG line): the "items read" figure. Prints p50/p99 of both, items read
# per search (median, p99, max) against the hits returned, the load average; CSV + one SUMMARY line.
#
# Environment (defaults): EVENTS 10000, SEARCHES 500, CREATORS 8 (concurrent creators), PLATFORM_JAR, PLATFORM_START_TIMEOUT (400),
#   BENCH_JAVA_OPTS (default: the Makefile's `run` JAVA_OPTS), BENCH_CSV
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[events-search] $*" >&2; }
die() { echo "[events-search] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-events.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export EVENTS="${EVENTS:-10000}" SEARCHES="${SEARCHES:-500}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
CSV="${BENCH_CSV:-$ROOT/build/bench/events-search-$(date -u +%Y%m%dT%H%M%SZ).csv}"
mkdir -p "$(dirname "$CSV")"

refuse_inherited_java_env
for tool in curl python3 java jcmd; do command -v "$tool" >/dev/null || die "$tool is required"; done
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
log "JVM options of the platform: ${JAVA_OPTS[*]:-(none)}"

port=$(free_port); URL="http://127.0.0.1:$port"; mkdir -p "$WORK/data"
PORT=$port DATA_DIR="$WORK/data" STAGE=dev RATE_LIMIT_REQUESTS=10000000 AUTH_REQUESTS_PER_MINUTE=100000 \
  ACCESS_LOG_LEVEL=OFF java "${JAVA_OPTS[@]}" -Dlogback.configurationFile="$HERE/events-logback.xml" \
  -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!; PIDS+=($PLATFORM_PID)
started=$SECONDS
wait_for "$URL/healthz" "$PLATFORM_PID" "${PLATFORM_START_TIMEOUT:-400}" "$WORK/platform.log"
log "platform answered after $((SECONDS - started)) s"
jvm_flags "$PLATFORM_PID" platform

PLATFORM_URL="$URL" python3 "$HERE/events_search.py" | tee "$WORK/out.txt"
LOAD=$(load1)
grep -o 'events search: [0-9]* items read, [0-9]* returned' "$WORK/platform.log" \
  | awk '{ print $3, $6 }' > "$WORK/reads.txt" || true
# the searches are the last SEARCHES lines (the warm-up of the script, if any, comes first)
tail -n "$SEARCHES" "$WORK/reads.txt" > "$WORK/measured.txt"
[[ $(wc -l < "$WORK/measured.txt") -eq $SEARCHES ]] || die "expected $SEARCHES search log lines, found $(wc -l < "$WORK/measured.txt")"
pct() { sort -g | awk -v p="$1" '{ v[NR] = $1 } END { i = int(p / 100 * NR + 0.999999); if (i < 1) i = 1; print v[i] }'; }
READ_P50=$(cut -d' ' -f1 "$WORK/measured.txt" | pct 50); READ_P99=$(cut -d' ' -f1 "$WORK/measured.txt" | pct 99)
READ_MAX=$(cut -d' ' -f1 "$WORK/measured.txt" | sort -g | tail -n 1)
HIT_P50=$(cut -d' ' -f2 "$WORK/measured.txt" | pct 50)
READ_MEAN=$(awk '{ s += $1 } END { printf "%.1f", s / NR }' "$WORK/measured.txt")
RATIO=$(awk '{ r += $1; h += $2 } END { printf "%.2f", (h ? r / h : 0) }' "$WORK/measured.txt")
field() { sed -n "s/^RESULT.* $1=\([0-9.]*\).*/\1/p" "$WORK/out.txt"; }
{
  echo "events,searches,search_p50_ms,search_p99_ms,healthz_p50_ms,healthz_p99_ms,items_read_p50,items_read_p99,items_read_max,items_read_mean,hits_p50,read_per_hit,load1"
  echo "$EVENTS,$SEARCHES,$(field search_p50_ms),$(field search_p99_ms),$(field healthz_p50_ms),$(field healthz_p99_ms),$READ_P50,$READ_P99,$READ_MAX,$READ_MEAN,$HIT_P50,$RATIO,$LOAD"
  cat "$WORK/flags.txt"
} > "$CSV"
log "items read per search: median $READ_P50, p99 $READ_P99, max $READ_MAX, mean $READ_MEAN (hits returned: median $HIT_P50; items read per hit $RATIO)"
echo "SUMMARY events-search $EVENTS events, $SEARCHES sequential searches: GET /events/search p50 $(field search_p50_ms) ms p99 $(field search_p99_ms) ms;" \
  "GET /healthz p50 $(field healthz_p50_ms) ms p99 $(field healthz_p99_ms) ms; items read per search p50 $READ_P50 p99 $READ_P99 max $READ_MAX | load1 $LOAD | csv $CSV"

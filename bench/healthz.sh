#!/usr/bin/env bash
# GET /healthz of the platform against two baselines on the same HTTP stack, interleaved:
#   bare    a bare Grizzly HttpHandler (BareGrizzly.java): the ceiling of the stack
#   jersey  plain Jersey 3.1.11 with one resource (PlainJersey.java): what Jersey alone costs
#   platform local/target/platform-local.jar (or PLATFORM_URL)
#   nometrics the same jar with METRICS_ENABLED=false: what the metrics instrumentation costs
# Every JVM gets the same options (the Makefile's `run` defaults unless BENCH_JAVA_OPTS is set);
# each target is warmed up until its throughput is stable, then ROUNDS rounds run every target
# once each, in rotating order. Reported: medians of req/s, p50/p99 and server CPU us/request
# (from /proc/PID/stat), heap allocated per request and the young-GC share of the wall time (from
# jstat, which reads the JVM's perf data: no attach, no CPU in the measured JVM), the load average
# beside each figure, and the ratios measured within one round (median over rounds). Writes a
# CSV; the last line is a one-line summary.
#
# Environment (defaults):
#   ROUNDS 3, WRK_THREADS 2, WRK_CONNECTIONS 64, WRK_DURATION 10 (s per measured run)
#   WARMUP_MIN 30, WARMUP_MAX 90, WARMUP_WINDOW 5 (s): warm-up runs windows until at least
#     WARMUP_MIN seconds passed AND two consecutive windows agree within WARMUP_TOLERANCE (5 %),
#     at most WARMUP_MAX seconds; a target that never settles is marked unstable in the table
#   TARGETS "bare jersey platform" (also: before = PLATFORM_BEFORE_JAR, e.g. main's jar, for
#     before/after in one run; nometrics = PLATFORM_JAR with METRICS_ENABLED=false, for metrics
#     on/off in one run); PLATFORM_ENV / BEFORE_ENV: extra env (ACCESS_LOG_LEVEL=OFF); BENCH_PATH /healthz; PLATFORM_URL (measure a running server;
#     its CPU is then not read unless PLATFORM_PID is given); PLATFORM_JAR; BENCH_JAVA_OPTS;
#   BENCH_CSV (default build/bench/healthz-<time>.csv)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
LIB="$ROOT/build/bench-lib"
log() { echo "[bench] $*" >&2; }
die() { echo "[bench] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-healthz.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ROUNDS="${ROUNDS:-3}"
THREADS="${WRK_THREADS:-2}"
CONNECTIONS="${WRK_CONNECTIONS:-64}"
DURATION="${WRK_DURATION:-10}"
WARMUP_MIN="${WARMUP_MIN:-30}"
WARMUP_MAX="${WARMUP_MAX:-90}"
WINDOW="${WARMUP_WINDOW:-5}"
TOLERANCE="${WARMUP_TOLERANCE:-5}"
BENCH_PATH="${BENCH_PATH:-/healthz}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
read -r -a TARGETS <<< "${TARGETS:-bare jersey platform}"
CSV="${BENCH_CSV:-$ROOT/build/bench/healthz-$(date -u +%Y%m%dT%H%M%SZ).csv}"
mkdir -p "$(dirname "$CSV")"

refuse_inherited_java_env
ensure_wrk
for tool in curl python3 java jcmd jstat; do command -v "$tool" >/dev/null || die "$tool is required"; done
ensure_bench_lib "$LIB"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
log "JVM options for every JVM: ${JAVA_OPTS[*]:-(none)}"

declare -A URL PID
start_java() { # LABEL MAIN-ARGS...
  local label=$1 port; shift
  port=$(free_port)
  java "${JAVA_OPTS[@]}" "$@" "$port" > "$WORK/$label.log" 2>&1 &
  PIDS+=($!); PID[$label]=$!; URL[$label]="http://127.0.0.1:$port"
}
# start_platform LABEL JAR ENV: launch, then time launch -> first 200 on /health (stores probed)
start_platform() {
  local label=$1 jar=$2 port launched
  local -a env; read -r -a env <<< "$3"
  [[ -f "$jar" ]] || die "$jar not found: run make build"
  port=$(free_port); mkdir -p "$WORK/data-$label"
  launched=$(date +%s%N)
  env "${env[@]}" PORT=$port DATA_DIR="$WORK/data-$label" java "${JAVA_OPTS[@]}" -jar "$jar" > "$WORK/$label.log" 2>&1 &
  PIDS+=($!); PID[$label]=$!; URL[$label]="http://127.0.0.1:$port"
  wait_for "${URL[$label]}/health" "${PID[$label]}" "${PLATFORM_START_TIMEOUT:-120}" "$WORK/$label.log"
  START_MS[$label]=$(( ($(date +%s%N) - launched) / 1000000 ))
  log "$label: first 200 on /health ${START_MS[$label]} ms after launch (load $(load1))"
}
declare -A START_MS
# one at a time, platforms first: a start time is only meaningful without other JVMs starting
for t in platform nometrics before bare jersey; do
  [[ " ${TARGETS[*]} " == *" $t "* ]] || continue
  case $t in
    bare) start_java bare -cp "$LIB/*" "$HERE/BareGrizzly.java" ;;
    jersey) start_java jersey -cp "$LIB/*" "$HERE/PlainJersey.java" ;;
    nometrics) start_platform nometrics "$PLATFORM_JAR" "METRICS_ENABLED=false ${PLATFORM_ENV:-}" ;;
    before) start_platform before "${PLATFORM_BEFORE_JAR:?set PLATFORM_BEFORE_JAR for the before target}" "${BEFORE_ENV:-}" ;;
    platform)
      if [[ -n "${PLATFORM_URL:-}" ]]; then
        URL[platform]="${PLATFORM_URL%/}"; PID[platform]="${PLATFORM_PID:-}"
      else
        start_platform platform "$PLATFORM_JAR" "${PLATFORM_ENV:-}"
      fi ;;
  esac
  if [[ -n "${PID[$t]}" ]]; then
    wait_for "${URL[$t]}$BENCH_PATH" "${PID[$t]}" "${PLATFORM_START_TIMEOUT:-120}" "$WORK/$t.log"
    jvm_flags "${PID[$t]}" "$t"
  else
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL[$t]}$BENCH_PATH")" == 200 ]] || die "${URL[$t]}$BENCH_PATH is not 200"
    log "$t: no PLATFORM_PID, so no JVM flag check and no CPU figure for it"
  fi
  log "$t up at ${URL[$t]}"
done
for t in "${TARGETS[@]}"; do
  [[ -n "${URL[$t]:-}" ]] || die "unknown target $t (bare, jersey, platform, nometrics, before)"
done

cp "$HERE/wrk-report.lua" "$WORK/report.lua"

# gc_sample PID -> "YGC EC EU YGCT" (young collections, eden capacity and use in KB, young GC
# seconds), or nothing when the JVM has no perf data
gc_sample() {
  jstat -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 && c["YGC"] { print $c["YGC"], $c["EC"], $c["EU"], $c["YGCT"] }' || true
}

# run TARGET SECONDS [warm] -> R_RPS R_P50 R_P99 (ms) R_CPU (us/request, "" without a pid) R_ERR R_LOAD,
# and outside the warm-up R_ALLOC (KB allocated per request: eden used + young collections x eden,
# the serial collector empties a full eden) and R_GC (% of the wall time in young collections)
run() {
  local t=$1 secs=$2 warm=${3:-} out line before after g0="" g1=""
  [[ -n "${PID[$t]}" && -z "$warm" ]] && g0=$(gc_sample "${PID[$t]}")
  [[ -n "${PID[$t]}" ]] && before=$(cpu_ticks "${PID[$t]}")
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency -s "$WORK/report.lua" "${URL[$t]}$BENCH_PATH")"
  [[ -n "${PID[$t]}" ]] && after=$(cpu_ticks "${PID[$t]}")
  [[ -n "$g0" ]] && g1=$(gc_sample "${PID[$t]}")
  R_LOAD=$(load1)
  line="$(echo "$out" | grep '^BENCH ')" || { echo "$out" >&2; die "no result from wrk for $t"; }
  local r_requests r_duration_us r_p50_us r_p99_us r_non2xx r_socket_errors
  eval "$(echo "$line" | sed 's/^BENCH //' | tr ' ' '\n' | sed 's/^/r_/')"
  R_RPS=$(awk -v n="$r_requests" -v d="$r_duration_us" 'BEGIN{printf "%.0f", n / (d / 1e6)}')
  R_P50=$(awk -v v="$r_p50_us" 'BEGIN{printf "%.2f", v / 1000}')
  R_P99=$(awk -v v="$r_p99_us" 'BEGIN{printf "%.2f", v / 1000}')
  R_ERR=$((r_non2xx + r_socket_errors))
  R_CPU=""
  if [[ -n "${PID[$t]}" ]]; then
    R_CPU=$(awk -v a="$before" -v b="$after" -v hz="$CLK_TCK" -v n="$r_requests" 'BEGIN{printf "%.1f", (b - a) * 1e6 / hz / n}')
  fi
  R_ALLOC="" R_GC=""
  if [[ -n "$g0" && -n "$g1" ]]; then
    read -r R_ALLOC R_GC <<< "$(awk -v a="$g0" -v b="$g1" -v n="$r_requests" -v d="$r_duration_us" 'BEGIN {
      split(a, x, " "); split(b, y, " ")
      printf "%.1f %.1f", ((y[1] - x[1]) * y[2] + y[3] - x[3]) / n, (y[4] - x[4]) * 1e8 / d }')"
  fi
  (( R_ERR == 0 )) || log "WARNING $t: $R_ERR non-2xx/socket errors: this run is not a clean measurement"
}

declare -A STABLE
for t in "${TARGETS[@]}"; do
  elapsed=0 prev="" STABLE[$t]=unstable
  while (( elapsed < WARMUP_MAX )); do
    run "$t" "$WINDOW" warm; elapsed=$((elapsed + WINDOW))
    log "$t warm-up ${elapsed}s: $R_RPS req/s, cpu ${R_CPU:-?} us/req (load $R_LOAD)"
    if [[ -n "$prev" ]] && (( elapsed >= WARMUP_MIN )) \
        && awk -v a="$prev" -v b="$R_RPS" -v tol="$TOLERANCE" 'BEGIN{ d = a - b; if (d < 0) d = -d; exit !(d * 100 <= tol * (a > b ? a : b)) }'; then
      STABLE[$t]=stable; break
    fi
    prev=$R_RPS
  done
  log "$t warmed up for ${elapsed}s (${STABLE[$t]})"
done

echo "round,target,rps,p50_ms,p99_ms,cpu_us_per_req,errors,load1,alloc_kb_per_req,young_gc_pct" > "$CSV"
n=${#TARGETS[@]}
for r in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n - 1))); do
    t=${TARGETS[$(( (i + r - 1) % n ))]}   # rotate the order: no target always runs first or last
    run "$t" "$DURATION"
    log "round $r $t: $R_RPS req/s p50 $R_P50 ms p99 $R_P99 ms cpu ${R_CPU:-?} us/req alloc ${R_ALLOC:-?} KB/req young GC ${R_GC:-?} % (load $R_LOAD)"
    echo "$r,$t,$R_RPS,$R_P50,$R_P99,$R_CPU,$R_ERR,$R_LOAD,$R_ALLOC,$R_GC" >> "$CSV"
  done
done

col() { awk -F, -v t="$1" -v c="$2" 'NR > 1 && $2 == t && $c != "" { print $c }' "$CSV" | median; }
# per-round ratio a/b of column c, median over rounds
round_ratio() {
  awk -F, -v a="$1" -v b="$2" -v c="$3" 'NR > 1 { v[$1 "," $2] = $c; r[$1] = 1 }
    END { for (k in r) if (v[k "," b] > 0 && v[k "," a] != "") printf "%.3f\n", v[k "," a] / v[k "," b] }' "$CSV" | median
}
echo
echo "GET $BENCH_PATH  wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds x ${DURATION}s interleaved, $(nproc) cores, $(java -version 2>&1 | head -n 1)"
echo "JVM options: ${JAVA_OPTS[*]:-(none)}; medians over rounds; x bare = median of the per-round ratios"
printf '%-9s %9s %8s %8s %7s %12s %14s %9s %9s %9s\n' target "req/s" "p50 ms" "p99 ms" "x bare" "cpu us/req" \
  "alloc KB/req" "young GC%" "load1" warm-up
for t in "${TARGETS[@]}"; do
  xb="n/a"; [[ " ${TARGETS[*]} " == *" bare "* ]] && xb=$(round_ratio "$t" bare 3)
  printf '%-9s %9s %8s %8s %7s %12s %14s %9s %9s %9s\n' "$t" "$(col "$t" 3)" "$(col "$t" 4)" "$(col "$t" 5)" "$xb" \
    "$(col "$t" 6)" "$(col "$t" 9)" "$(col "$t" 10)" "$(col "$t" 8)" "${STABLE[$t]}"
done
for t in "${!START_MS[@]}"; do
  echo "$t: start to first 200 on /health ${START_MS[$t]} ms; RSS after the runs $(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/${PID[$t]}/status") MiB (peak $(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/${PID[$t]}/status") MiB)"
done
echo "csv: $CSV"
if [[ " ${TARGETS[*]} " == *" bare "* && " ${TARGETS[*]} " == *" platform "* ]]; then
  summary="SUMMARY healthz platform/bare $(round_ratio platform bare 3)"
  [[ " ${TARGETS[*]} " == *" before "* ]] && summary+=" before/bare $(round_ratio before bare 3) platform/before $(round_ratio platform before 3) cpu us/req before $(col before 6)"
  [[ " ${TARGETS[*]} " == *" nometrics "* ]] && summary+=" nometrics/bare $(round_ratio nometrics bare 3) platform/nometrics $(round_ratio platform nometrics 3) cpu us/req nometrics $(col nometrics 6)"
  [[ " ${TARGETS[*]} " == *" jersey "* ]] && summary+=" jersey/bare $(round_ratio jersey bare 3) platform/jersey $(round_ratio platform jersey 3)"
  summary+=" | req/s platform $(col platform 3) bare $(col bare 3) | cpu us/req platform $(col platform 6) bare $(col bare 6)"
  summary+=" | alloc KB/req"
  for t in "${TARGETS[@]}"; do summary+=" $t $(col "$t" 9)"; done
  summary+=" | load1 $(col platform 8) | $ROUNDS rounds"
  echo "$summary"
fi

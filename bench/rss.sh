#!/usr/bin/env bash
# Memory under mixed load (issue 15: RSS < 512 MiB after 12 minutes with `make run`'s JAVA_OPTS):
# starts local/target/platform-local.jar (embedded stores in-process, as `make run` does), signs
# one account in, then drives DURATION seconds of a mixed closed-loop load with wrk (GET /healthz,
# GET /health, GET /items/{id} and POST /items with the bearer token, GET /metrics, the JSON
# metrics summary, a 404) and samples VmRSS/VmHWM from /proc/PID/status every SAMPLE seconds.
# Baseline in the same run: the RSS of the same process idle after its start. Prints the samples,
# the idle, last and peak RSS, the ratio last/idle, the heap (jcmd GC.heap_info) at the end, and
# the JVM options.
#
# Environment: DURATION 720, SAMPLE 30, WRK_THREADS 2, WRK_CONNECTIONS 16, BENCH_JAVA_OPTS,
# BENCH_CDS_OPTS (default make run's archive), PLATFORM_JAR
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[rss] $*" >&2; }
die() { echo "[rss] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-rss.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT

DURATION="${DURATION:-720}"
SAMPLE="${SAMPLE:-30}"
THREADS="${WRK_THREADS:-2}"
CONNECTIONS="${WRK_CONNECTIONS:-16}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
refuse_inherited_java_env
ensure_wrk
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
read -r -a CDS_OPTS <<< "$(bench_cds_opts)"   # make run's archive: its mapped classes count in RSS
log "JVM options: ${JAVA_OPTS[*]:-(none)} ${CDS_OPTS[*]:-(no CDS)}"

port=$(free_port); URL="http://127.0.0.1:$port"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"   # as `make run` sets it
log "MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
RATE_LIMIT_REQUESTS=10000000 AUTH_REQUESTS_PER_MINUTE=100000 PORT=$port DATA_DIR="$WORK/data" \
  java "${JAVA_OPTS[@]}" "${CDS_OPTS[@]}" -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PID=$!; PIDS+=("$PID")
wait_for "$URL/health" "$PID" "${START_TIMEOUT:-300}" "$WORK/platform.log"
jvm_flags "$PID" platform
rss() { awk -v k="$1:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"; }

json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
post() { curl -s -o "$3" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' "${@:4}" -d "$2" "$URL$1"; }
email="rss-$(date +%s)$$@example.com"; PASSWORD='Str0ng!Passw0rd'
[[ $(post /auth/signup "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" "$WORK/r.json") == 201 ]] || die "signup failed"
code=$(json_field "$WORK/r.json" dev_code)
[[ $(post /auth/confirm-signup "{\"email\":\"$email\",\"code\":\"$code\"}" "$WORK/r.json") == 200 ]] || die "confirm failed"
[[ $(post /auth/signin "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" "$WORK/r.json") == 200 ]] || die "signin failed"
TOKEN="$(json_field "$WORK/r.json" accessToken)"
[[ $(post /items '{"item_id":"rss-item","name":"Sample","price":19.99}' "$WORK/r.json" -H "Authorization: Bearer $TOKEN") == 201 ]] \
  || die "POST /items failed"
sleep 5
IDLE=$(rss VmRSS)
log "idle after start: RSS $IDLE MiB (load $(load1))"

# one request of the mix per call, in a fixed rotation per wrk connection
cat > "$WORK/mix.lua" <<LUA
local token = "$TOKEN"
local n = 0
request = function()
  n = n + 1
  local k = n % 10
  local auth = { ["Authorization"] = "Bearer " .. token }
  if k == 0 then return wrk.format("GET", "/health")
  elseif k == 1 or k == 2 then return wrk.format("GET", "/items/rss-item", auth)
  elseif k == 3 then
    auth["Content-Type"] = "application/json"
    return wrk.format("POST", "/items", auth, '{"item_id":"rss-' .. math.random(1, 1e9) .. '","name":"Mixed load","price":1.5}')
  elseif k == 4 then return wrk.format("GET", "/metrics")
  elseif k == 5 then return wrk.format("GET", "/api/v1/metrics/system", auth)
  elseif k == 6 then return wrk.format("GET", "/no/such/route")
  else return wrk.format("GET", "/healthz") end
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d non2xx=%d p99_us=%d\n", summary.requests, summary.errors.status, latency:percentile(99)))
end
LUA

wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/mix.lua" "$URL" > "$WORK/wrk.txt" 2>&1 &
WRK=$!; PIDS+=("$WRK")
PEAK=$IDLE; elapsed=0
echo "t_s,rss_mib,hwm_mib,load1" > "$WORK/samples.csv"
while kill -0 "$WRK" 2>/dev/null; do
  sleep "$SAMPLE"; elapsed=$((elapsed + SAMPLE))
  kill -0 "$PID" 2>/dev/null || die "the platform exited under load"
  now=$(rss VmRSS); (( now > PEAK )) && PEAK=$now
  echo "$elapsed,$now,$(rss VmHWM),$(load1)" >> "$WORK/samples.csv"
  log "t=${elapsed}s RSS $now MiB (peak $(rss VmHWM) MiB, load $(load1))"
done
wait "$WRK" || true
LAST=$(rss VmRSS)
cat "$WORK/samples.csv"
grep '^BENCH' "$WORK/wrk.txt" || cat "$WORK/wrk.txt"
jcmd "$PID" GC.heap_info 2>/dev/null | sed 's/^/[heap] /' | head -n 8
echo "mixed load ${DURATION}s (wrk -t$THREADS -c$CONNECTIONS), JVM options: ${JAVA_OPTS[*]:-(none)}; load1 at the end $(load1) (machine shared with other builds)"
echo "SUMMARY rss idle $IDLE MiB last $LAST MiB peak-sampled $PEAK MiB VmHWM $(rss VmHWM) MiB | last/idle $(awk -v a="$LAST" -v b="$IDLE" 'BEGIN{printf "%.2f", a/b}') | limit 512 MiB"

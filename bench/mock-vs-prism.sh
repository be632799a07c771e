#!/usr/bin/env bash
# The contract mock (validation and bearer security ON, its defaults) against Stoplight Prism
# 5.16 on the same bundle, same machine, same wrk settings, in interleaved rounds.
#
#   bench/mock-vs-prism.sh            # needs mock-server/target/mock-server.jar (make build)
#
# Endpoints: GET /healthz (public), GET /items/demo (bearer JWT, path parameter checked) and
# POST /items (bearer JWT, JSON body validated against its schema). Each round measures every
# endpoint on both targets, the order of the targets alternating per round; the figures are
# the medians over the rounds. The goal the mock must meet: throughput >= 3x Prism's and p99
# under a fifth of Prism's, on every endpoint.
#
# Environment:
#   ROUNDS           interleaved rounds                          (default 3)
#   WRK_THREADS      wrk threads                                 (default 2)
#   WRK_CONNECTIONS  open connections                            (default 64)
#   WRK_DURATION     measured run per endpoint and target        (default 10s)
#   WRK_WARMUP       warm-up per endpoint and target (JIT, Node) (default 5s; 0 skips)
#   MOCK_JAVA_OPTS   JVM options of the mock                     (default none: the JVM's own)
#   BUNDLE           the bundle both serve (default contract/target/classes/openapi.yaml)
#
# Prism is installed from bench/prism/package.json + package-lock.json (npm ci, into
# bench/prism/node_modules) on first use; wrk with apt-get when missing. Everything started
# here is stopped on exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
ROUNDS="${ROUNDS:-3}"
THREADS="${WRK_THREADS:-2}"
CONNECTIONS="${WRK_CONNECTIONS:-64}"
DURATION="${WRK_DURATION:-10s}"
WARMUP="${WRK_WARMUP:-5s}"
BUNDLE="${BUNDLE:-$ROOT/contract/target/classes/openapi.yaml}"
MOCK_JAR="$ROOT/mock-server/target/mock-server.jar"
read -r -a JAVA_OPTS <<< "${MOCK_JAVA_OPTS:-}"

log() { echo "[bench] $*" >&2; }
die() { echo "[bench] ERROR: $*" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-mock.XXXXXX")"
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools -----------------------------------------------------------------------------------
[[ -f "$MOCK_JAR" ]] || die "$MOCK_JAR not found: run make build"
[[ -f "$BUNDLE" ]] || die "$BUNDLE not found: run make build"
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || die "curl is required"
PRISM="$HERE/prism/node_modules/.bin/prism"
if [[ ! -x "$PRISM" ]]; then
  log "installing Prism from bench/prism/package-lock.json"
  (cd "$HERE/prism" && npm ci --no-audit --no-fund >&2) || die "npm ci failed in bench/prism"
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() { # wait_for URL PID TIMEOUT LOG
  local url=$1 pid=$2 deadline=$((SECONDS + $3))
  while (( SECONDS < deadline )); do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$4" >&2; die "process $pid exited before $url answered"; }
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" == 200 ]] && return 0
    sleep 0.25
  done
  tail -n 30 "$4" >&2; die "$url did not answer 200 within $3s"
}

# --- targets ---------------------------------------------------------------------------------
port=$(free_port)
java "${JAVA_OPTS[@]}" -jar "$MOCK_JAR" --port "$port" --spec "$BUNDLE" > "$WORK/mock.log" 2>&1 &
MOCK_PID=$!; PIDS+=($MOCK_PID)
MOCK_URL="http://127.0.0.1:$port"
port=$(free_port)
"$PRISM" mock --host 127.0.0.1 --port "$port" "$BUNDLE" > "$WORK/prism.log" 2>&1 &
PRISM_PID=$!; PIDS+=($PRISM_PID)
PRISM_URL="http://127.0.0.1:$port"
wait_for "$MOCK_URL/healthz" "$MOCK_PID" 60 "$WORK/mock.log"
wait_for "$PRISM_URL/healthz" "$PRISM_PID" 120 "$WORK/prism.log"
log "mock  $MOCK_URL (pid $MOCK_PID): $(head -n 2 "$WORK/mock.log" | tail -n 1 | sed 's/^ *//')"
log "prism $PRISM_URL (pid $PRISM_PID): $("$PRISM" --version 2>/dev/null || echo '?'), node $(node -v)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
log "machine load before measuring (1/5/15 min): $LOAD_START on $(nproc) cores"
log "mock JVM: $(java -version 2>&1 | head -n 1); options: ${MOCK_JAVA_OPTS:-none}; effective flags (jcmd VM.flags):"
jcmd "$MOCK_PID" VM.flags 2>/dev/null | tail -n +2 | tr ' ' '\n' | grep -E '^-XX:(\+Use[A-Za-z]*GC|MaxHeapSize|InitialHeapSize|CICompilerCount|ActiveProcessorCount|MaxRAM|TieredStopAtLevel)' | sed 's/^/[bench]   /' >&2 || true
log "  (all: $(jcmd "$MOCK_PID" VM.flags 2>/dev/null | tail -n +2 | tr -d '\n'))"

# a JWT-shaped bearer token: the mock's default accepts any well-formed JWT; Prism any bearer
b64() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
TOKEN="$(printf '%s' '{"alg":"ES256","typ":"JWT"}' | b64).$(printf '%s' '{"sub":"bench"}' | b64).c2lnbmF0dXJl"

# every check a target passes before it is measured: the same answers on both
for url in "$MOCK_URL" "$PRISM_URL"; do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/items/demo")" == 401 ]] || die "$url: /items/demo without a token must be 401"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url/items/demo")" == 200 ]] || die "$url: /items/demo with a token must be 200"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"item_id":"demo","name":"Sample","price":-1}' "$url/items")" =~ ^4 ]] || die "$url: an invalid POST /items body must be refused"
done

cp "$HERE/wrk-report.lua" "$WORK/report.lua"
{ cat "$WORK/report.lua"; cat <<LUA
wrk.method = "POST"
wrk.body = '{"item_id":"demo","name":"Sample","price":19.99}'
wrk.headers["Content-Type"] = "application/json"
LUA
} > "$WORK/post.lua"

ENDPOINTS=("GET /healthz" "GET /items/demo" "POST /items")
run_wrk() { # run_wrk URL ENDPOINT DURATION [extra wrk args] -> prints the BENCH line
  local url=$1 ep=$2 dur=$3 path script=$WORK/report.lua
  path="${ep#* }"
  [[ "$ep" == POST* ]] && script=$WORK/post.lua
  local auth=()
  [[ "$path" != /healthz ]] && auth=(-H "Authorization: Bearer $TOKEN")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$dur" --latency "${auth[@]}" -s "$script" "$url$path" | grep '^BENCH ' || true
}

# CPU time the target's process used (user + system), in microseconds: robust to a busy machine
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
cpu_us() { awk -v t="$TICK_US" '{print ($14 + $15) * t}' "/proc/$1/stat"; }

declare -A RPS P99 ERR CPU
if [[ "$WARMUP" != "0" && "$WARMUP" != "0s" ]]; then
  for ep in "${ENDPOINTS[@]}"; do
    for t in mock prism; do
      log "warm-up $t $ep ($WARMUP)"
      url=$MOCK_URL; [[ $t == prism ]] && url=$PRISM_URL
      run_wrk "$url" "$ep" "$WARMUP" > /dev/null
    done
  done
fi
for round in $(seq 1 "$ROUNDS"); do
  order=(mock prism); (( round % 2 == 0 )) && order=(prism mock)
  for ep in "${ENDPOINTS[@]}"; do
    for t in "${order[@]}"; do
      url=$MOCK_URL; pid=$MOCK_PID; [[ $t == prism ]] && url=$PRISM_URL && pid=$PRISM_PID
      cpu0=$(cpu_us "$pid")
      line="$(run_wrk "$url" "$ep" "$DURATION")"
      cpu1=$(cpu_us "$pid")
      [[ -n "$line" ]] || die "no result from wrk for $t $ep"
      eval "$(echo "${line#BENCH }" | tr ' ' '\n' | sed 's/^/r_/')"
      rps=$(awk -v n="$r_requests" -v d="$r_duration_us" 'BEGIN{printf "%.0f", n / (d / 1e6)}')
      p99=$(awk -v v="$r_p99_us" 'BEGIN{printf "%.2f", v / 1000}')
      cpu=$(awk -v c="$((cpu1 - cpu0))" -v n="$r_requests" 'BEGIN{printf "%.1f", c / n}')
      log "round $round  $t  $ep: $rps req/s, p99 $p99 ms, $cpu us CPU/request, non-2xx $r_non2xx, socket errors $r_socket_errors"
      RPS["$t|$ep"]+="$rps "; P99["$t|$ep"]+="$p99 "; CPU["$t|$ep"]+="$cpu "; ERR["$t|$ep"]=$(( ${ERR["$t|$ep"]:-0} + r_non2xx + r_socket_errors ))
    done
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{ if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2] + a[NR/2+1]) / 2 }'; }

echo
echo "mock (validation + security on) vs Prism 5.16, same bundle; wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS interleaved rounds (medians), $(nproc) cores"
echo "mock JVM options: ${MOCK_JAVA_OPTS:-none, the JVM defaults}; machine load (1/5/15 min) before: $LOAD_START, after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %11s %9s %6s %11s %9s %6s %9s %9s  %-6s  %s\n' endpoint "mock req/s" "p99 ms" errors "prism req/s" "p99 ms" errors "x thrpt" "p99 frac" goal "CPU us/req mock/prism"
all_ok=1
for ep in "${ENDPOINTS[@]}"; do
  mr=$(echo "${RPS["mock|$ep"]}" | median); mp=$(echo "${P99["mock|$ep"]}" | median)
  pr=$(echo "${RPS["prism|$ep"]}" | median); pp=$(echo "${P99["prism|$ep"]}" | median)
  x=$(awk -v a="$mr" -v b="$pr" 'BEGIN{printf "%.2f", a / b}')
  f=$(awk -v a="$mp" -v b="$pp" 'BEGIN{printf "%.3f", a / b}')
  ok=$(awk -v x="$x" -v f="$f" 'BEGIN{print (x >= 3 && f < 0.2) ? "met" : "MISSED"}')
  [[ $ok == met ]] || all_ok=0
  mc=$(echo "${CPU["mock|$ep"]}" | median); pc=$(echo "${CPU["prism|$ep"]}" | median)
  printf '%-16s %11s %9s %6s %11s %9s %6s %9s %9s  %-6s  %s\n' "$ep" "$mr" "$mp" "${ERR["mock|$ep"]}" "$pr" "$pp" "${ERR["prism|$ep"]}" "${x}x" "$f" "$ok" "$mc / $pc"
done
echo "(errors: non-2xx + socket errors summed over the rounds; goal: >= 3x throughput and p99 < 0.2 of Prism's;"
echo " CPU us/req: user + system time of each target's process per answered request, from /proc: the figure a busy machine disturbs least)"
(( all_ok )) && echo "goal met on every endpoint" || echo "goal MISSED on at least one endpoint"

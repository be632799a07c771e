#!/usr/bin/env bash
# GET /healthz throughput and latency of the platform server vs. a bare Grizzly HttpHandler
# (the ceiling of the same HTTP stack), same machine, same wrk settings, one run.
#
#   bench/healthz.sh
#
# Environment:
#   PLATFORM_URL     server to measure, e.g. http://127.0.0.1:8080. Unset: start
#                    `java -jar local/target/platform-local.jar` with PORT=<free port> and
#                    DATA_DIR=<temp dir>. `bare`: start a second bare Grizzly in its place
#                    (self-check of this script: the ratio should be ~1.0).
#   PLATFORM_JAR     jar started when PLATFORM_URL is unset (default local/target/platform-local.jar)
#   PLATFORM_START_TIMEOUT  seconds to wait for /healthz to answer 200      (default 120)
#   WRK_THREADS      wrk threads                                             (default 2)
#   WRK_CONNECTIONS  open connections                                        (default 64)
#   WRK_DURATION     measured run per target                                 (default 10s)
#   WRK_WARMUP       warm-up run per target before measuring (JIT); 0 skips (default 5s)
#   BENCH_JAVA_OPTS  extra JVM options for the JVMs this script starts       (default none)
#   BENCH_PATH       path requested                                          (default /healthz)
#
# Everything started here (JVMs, temp dirs) is stopped/removed on exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
LIB="$ROOT/build/bench-lib"
GRIZZLY_VERSION=4.0.2

THREADS="${WRK_THREADS:-2}"
CONNECTIONS="${WRK_CONNECTIONS:-64}"
DURATION="${WRK_DURATION:-10s}"
WARMUP="${WRK_WARMUP:-5s}"
BENCH_PATH="${BENCH_PATH:-/healthz}"
START_TIMEOUT="${PLATFORM_START_TIMEOUT:-120}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"

log() { echo "[bench] $*" >&2; }
die() { echo "[bench] ERROR: $*" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-healthz.XXXXXX")"
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
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
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || die "curl is required"

# Bare Grizzly classpath: grizzly-http-server and its runtime deps, fetched once, independent of
# the server module (same Grizzly as jersey-container-grizzly2-http 3.1.11).
if ! ls "$LIB"/grizzly-http-server-"$GRIZZLY_VERSION".jar >/dev/null 2>&1; then
  log "fetching grizzly-http-server $GRIZZLY_VERSION into $LIB"
  mkdir -p "$WORK/lib-pom"
  cat > "$WORK/lib-pom/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench-lib</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.glassfish.grizzly</groupId><artifactId>grizzly-http-server</artifactId><version>$GRIZZLY_VERSION</version></dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
  </plugin></plugins></build>
</project>
EOF
  mvn -B -q -f "$WORK/lib-pom/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$LIB" >&2 || die "could not fetch Grizzly"
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port found"
}

# wait_for URL PID TIMEOUT_SECONDS LOG
wait_for() {
  local url=$1 pid=$2 timeout=$3 logf=$4 deadline=$((SECONDS + $3))
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$logf" >&2 || true
      die "process $pid exited before $url answered"
    fi
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" == 200 ]] && return 0
    sleep 0.25
  done
  tail -n 30 "$logf" >&2 || true
  die "$url did not answer 200 within ${timeout}s"
}

start_bare() { # start_bare NAME -> sets STARTED_URL
  local name=$1 port
  port=$(free_port)
  java "${JAVA_OPTS[@]}" -cp "$LIB/*" "$HERE/BareGrizzly.java" "$port" 127.0.0.1 > "$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  STARTED_URL="http://127.0.0.1:$port"
  wait_for "$STARTED_URL$BENCH_PATH" "$!" 60 "$WORK/$name.log"
  log "$name: bare Grizzly at $STARTED_URL (pid $!)"
}

# --- targets ---------------------------------------------------------------------------------
if [[ -z "${PLATFORM_URL:-}" && ! -f "$PLATFORM_JAR" ]]; then
  die "$PLATFORM_JAR not found: build it (mvn -pl local -am package) or set PLATFORM_URL"
fi
start_bare bare
BARE_URL=$STARTED_URL

if [[ "${PLATFORM_URL:-}" == "bare" ]]; then
  start_bare platform-as-bare
  SERVER_URL=$STARTED_URL
  SERVER_LABEL="server(bare)"
elif [[ -n "${PLATFORM_URL:-}" ]]; then
  SERVER_URL="${PLATFORM_URL%/}"
  SERVER_LABEL="server"
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$SERVER_URL$BENCH_PATH" || true)"
  [[ "$code" == 200 ]] || die "$SERVER_URL$BENCH_PATH answered $code, expected 200"
else
  port=$(free_port)
  mkdir -p "$WORK/data"
  PORT=$port DATA_DIR="$WORK/data" java "${JAVA_OPTS[@]}" -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
  PIDS+=($!)
  SERVER_URL="http://127.0.0.1:$port"
  SERVER_LABEL="server"
  log "starting platform $PLATFORM_JAR on port $port (pid $!), waiting up to ${START_TIMEOUT}s"
  wait_for "$SERVER_URL$BENCH_PATH" "$!" "$START_TIMEOUT" "$WORK/platform.log"
  log "platform up at $SERVER_URL"
fi

# --- wrk -------------------------------------------------------------------------------------
# done() prints one machine-readable line; latencies in microseconds.
cat > "$WORK/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
EOF

# measure LABEL URL -> sets RPS P50 P99 (ms), prints wrk's own output to stderr
measure() {
  local label=$1 url=$2 out line
  if [[ "$WARMUP" != "0" && "$WARMUP" != "0s" ]]; then
    log "$label: warm-up $WARMUP"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url$BENCH_PATH" > /dev/null
  fi
  log "$label: measuring $DURATION (wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url$BENCH_PATH)"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/report.lua" "$url$BENCH_PATH")"
  echo "$out" | grep -v '^BENCH ' | sed "s/^/[$label] /" >&2
  line="$(echo "$out" | grep '^BENCH ')" || die "no result from wrk for $label"
  eval "$(echo "$line" | sed 's/^BENCH //' | tr ' ' '\n' | sed 's/^/local r_/')"
  if (( r_non2xx > 0 || r_socket_errors > 0 )); then
    log "WARNING $label: $r_non2xx non-2xx responses, $r_socket_errors socket errors"
  fi
  RPS=$(awk -v n="$r_requests" -v d="$r_duration_us" 'BEGIN{printf "%.0f", n / (d / 1e6)}')
  P50=$(awk -v v="$r_p50_us" 'BEGIN{printf "%.2f", v / 1000}')
  P99=$(awk -v v="$r_p99_us" 'BEGIN{printf "%.2f", v / 1000}')
  ERRS=$((r_non2xx + r_socket_errors))
}

measure "$SERVER_LABEL" "$SERVER_URL"
S_RPS=$RPS S_P50=$P50 S_P99=$P99 S_ERR=$ERRS
measure bare "$BARE_URL"
B_RPS=$RPS B_P50=$P50 B_P99=$P99 B_ERR=$ERRS

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

echo
echo "GET $BENCH_PATH  wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after ${WARMUP} warm-up), $(nproc) cores"
printf '%-14s %12s %10s %10s %8s  %s\n' target "req/s" "p50 ms" "p99 ms" errors url
printf '%-14s %12s %10s %10s %8s  %s\n' "$SERVER_LABEL" "$S_RPS" "$S_P50" "$S_P99" "$S_ERR" "$SERVER_URL"
printf '%-14s %12s %10s %10s %8s  %s\n' bare "$B_RPS" "$B_P50" "$B_P99" "$B_ERR" "$BARE_URL"
echo "ratio server/bare: throughput $(ratio "$S_RPS" "$B_RPS"), p50 $(ratio "$S_P50" "$B_P50")x, p99 $(ratio "$S_P99" "$B_P99")x"

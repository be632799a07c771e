#!/usr/bin/env bash
# Starts the local platform (local/target/platform-local.jar) on a free port with a fresh
# DATA_DIR, waits for GET /health = 200, runs the given command with PLATFORM_URL set, then
# stops the platform with SIGTERM and checks that it exited 0.
#
#   scripts/with-platform.sh COMMAND [ARGS...]
#
# Prints: start-to-first-healthy-200 time, resident memory after start, and the exit status.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/local/target/platform-local.jar"
[ -f "$jar" ] || { echo "missing $jar: build first (mvn install -DskipTests)" >&2; exit 2; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
data="$(mktemp -d "${TMPDIR:-/tmp}/platform-data.XXXXXX")"
log="${PLATFORM_LOG:-$root/build/platform-$port.log}"
mkdir -p "$(dirname "$log")"
url="http://127.0.0.1:$port"

started=$(date +%s%N)
PORT="$port" DATA_DIR="$data" ACCESS_LOG_LEVEL="${ACCESS_LOG_LEVEL:-WARN}" java ${JAVA_OPTS:-} -jar "$jar" >"$log" 2>&1 &
pid=$!
cleanup() {
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

healthy=""
for _ in $(seq 1 600); do
  if ! kill -0 "$pid" 2>/dev/null; then echo "[platform] exited during start; log:" >&2; cat "$log" >&2; exit 1; fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health" || true)" = "200" ]; then healthy=1; break; fi
  sleep 0.05
done
[ -n "$healthy" ] || { echo "[platform] no healthy 200 within 30 s; log:" >&2; cat "$log" >&2; exit 1; }
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
rss_kib="$(ps -o rss= -p "$pid" | tr -d ' ')"
echo "[platform] $url healthy ${ready_ms} ms after start; resident memory $(( rss_kib / 1024 )) MiB"

set +e
PLATFORM_URL="$url" "$@"
rc=$?
set -e

kill -TERM "$pid"
stop_rc=0
wait "$pid" || stop_rc=$?
echo "[platform] SIGTERM: exit status $stop_rc"
if [ "$stop_rc" -ne 0 ]; then
  echo "[platform] expected exit 0 after SIGTERM; log tail:" >&2; tail -20 "$log" >&2
  [ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"

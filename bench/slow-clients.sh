#!/usr/bin/env bash
# /healthz latency while N clients trickle request bodies (issue 17, item 1). Target on 2 cores:
# 200 slow bodies open, /healthz p99 < 50 ms and no failures.
#
#   bench/slow-clients.sh            # starts local/target/platform-local.jar on a free port
#   PLATFORM_URL=http://127.0.0.1:8080 bench/slow-clients.sh
#
# Environment: SLOW_CLIENTS (default 200), HEALTHZ_REQUESTS (default 500),
#              PLATFORM_JAR (default local/target/platform-local.jar)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
args=(--slow "${SLOW_CLIENTS:-200}" --requests "${HEALTHZ_REQUESTS:-500}")
if [[ -n "${PLATFORM_URL:-}" ]]; then
  exec python3 "$HERE/slow_clients.py" "$PLATFORM_URL" "${args[@]}"
fi
jar="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
[[ -f "$jar" ]] || { echo "missing $jar: build first (make build)" >&2; exit 2; }
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
data="$(mktemp -d "${TMPDIR:-/tmp}/slow-clients.XXXXXX")"
PORT="$port" DATA_DIR="$data" ACCESS_LOG_LEVEL=WARN java ${BENCH_JAVA_OPTS:-} -jar "$jar" >"$data/platform.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 600); do
  curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
  kill -0 "$pid" 2>/dev/null || { cat "$data/platform.log" >&2; exit 1; }
  sleep 0.1
done
python3 "$HERE/slow_clients.py" "http://127.0.0.1:$port" "${args[@]}"

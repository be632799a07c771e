#!/usr/bin/env bash
# Java SDK call overhead: GET /healthz calls/s through PlatformClient vs the same OkHttp client
# called raw, one JVM, alternating rounds (bench/SdkOverhead.java). Prints the JVM and its flags.
#
#   bench/sdk-overhead.sh                         # starts the local platform (scripts/with-platform.sh)
#   PLATFORM_URL=http://127.0.0.1:8080 bench/sdk-overhead.sh
#
# Env: SDK_BENCH_THREADS (4), SDK_BENCH_ROUND_MS (1000), SDK_BENCH_ROUNDS (15), SDK_BENCH_WARMUP_MS (5000),
#      BENCH_JAVA_OPTS (JVM options of the measuring JVM). Needs `make build` first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ -z "${PLATFORM_URL:-}" ]; then
  exec env ACCESS_LOG_LEVEL=WARN RATE_LIMIT_REQUESTS=1000000 scripts/with-platform.sh "$0" "$@"
fi
jar="$(ls client-sdk/target/client-sdk-*.jar 2>/dev/null | grep -v -- '-sources\|-javadoc' | head -1 || true)"
[ -n "$jar" ] || { echo "[bench] build first: make build" >&2; exit 2; }
mkdir -p build
# runtime dependencies only (okhttp, gson, ...): nothing of this reactor is read from ~/.m2
mvn -B -ntp -q dependency:build-classpath -pl client-sdk -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$ROOT/build/sdk-bench.cp" >/dev/null
read -r -a OPTS <<< "${BENCH_JAVA_OPTS:-}"
java "${OPTS[@]}" -cp "$jar:$(cat build/sdk-bench.cp)" bench/SdkOverhead.java "$PLATFORM_URL" \
  "${SDK_BENCH_THREADS:-4}" "${SDK_BENCH_ROUND_MS:-1000}" "${SDK_BENCH_ROUNDS:-15}" "${SDK_BENCH_WARMUP_MS:-5000}"

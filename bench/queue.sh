#!/usr/bin/env bash
# Queue figures: bench/QueueBench.java (the worker runtime on the embedded SQS vs a raw SDK
# send/receive/delete loop, same run, rounds interleaved). Needs `make build` first.
#   bench/queue.sh [ROUNDS SEQ BURST CONCURRENCY]      BENCH_JAVA_OPTS: extra JVM options
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CP="$ROOT/local/target/lib/*:$ROOT/local/target/platform-local.jar"
[ -f "$ROOT/local/target/platform-local.jar" ] || { echo "build first: make build" >&2; exit 1; }
# logback's default (no config on this class path besides the server's) keeps the app log at INFO
exec java ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$HERE/queue-logback.xml" -cp "$CP" "$HERE/QueueBench.java" "$@"

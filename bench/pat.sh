#!/usr/bin/env bash
# PAT analysis time for 1 and 4 weeks of minute data (bench/PatBench.java), no server needed.
# Needs the server classes: mvn -B -ntp -q verify -pl server -am -DskipTests
# Settings (env): PAT_WARMUP_MS 3000, PAT_RUN_MS 1000, PAT_RUNS 5, BENCH_JAVA_OPTS (e.g. -Xmx256m).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CLASSES="$ROOT/server/target/classes"
[[ -f "$CLASSES/dev/apiplatform/server/pat/analysis/ActigraphyAnalyzer.class" ]] || {
  echo "[pat-bench] $CLASSES has no analysis classes: run mvn -B -ntp -q verify -pl server -am -DskipTests" >&2
  exit 1
}
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"
exec java "${JAVA_OPTS[@]}" -cp "$CLASSES" "$HERE/PatBench.java" \
  "${PAT_WARMUP_MS:-3000}" "${PAT_RUN_MS:-1000}" "${PAT_RUNS:-5}"

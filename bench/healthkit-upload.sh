#!/usr/bin/env bash
# HealthKit uploads (issue 12): upload-to-COMPLETED of a ~10 MB export (streamed POST → S3 →
# queue → worker reads it back and writes the daily metrics → first poll reading COMPLETED), RUNS
# times one at a time; then the server's RSS and heap (sampled every 200 ms) while one ~50 MB
# export streams in and is processed; then (CONCURRENT > 0) CONCURRENT uploads of CONC_MB sent at
# once, ROUNDS times: their answers (202 / 503 / other), the accepted MB/s from the first byte
# sent to the last answer, and the server's peak RSS, heap used and heap after GC (from its GC
# log) over those rounds. Embedded runtime (embedded-platform.sh), JVM flags printed.
#
# With PLATFORM_BEFORE_JAR set the whole run is repeated PAIRS times on two jars, interleaved
# (before, after, before, after, ...; after = PLATFORM_JAR), and every run's SUMMARY line is
# printed again at the end under its label.
#
# Environment (defaults): RUNS 5, SMALL_MB 10, BIG_MB 50 (0 skips the big export), CONCURRENT 0,
#   CONC_MB 20, ROUNDS 3, PAIRS 2, PLATFORM_BEFORE_JAR unset, and embedded-platform.sh's
#   PLATFORM_JAR, BENCH_JAVA_OPTS
set -euo pipefail

HERE_="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -n "${PLATFORM_BEFORE_JAR:-}" && -z "${HEALTHKIT_UPLOAD_LABEL:-}" ]]; then
  after="${PLATFORM_JAR:-$HERE_/../local/target/platform-local.jar}"
  summaries="$(mktemp)"
  trap 'rm -f "$summaries"' EXIT
  for pair in $(seq "${PAIRS:-2}"); do
    for label in before after; do
      jar="$PLATFORM_BEFORE_JAR"; [[ $label == after ]] && jar="$after"
      echo "[healthkit-upload] pair $pair: $label ($jar)" >&2
      HEALTHKIT_UPLOAD_LABEL="$label" PLATFORM_JAR="$jar" PLATFORM_BEFORE_JAR= bash "$0" | tee -a "$summaries"
    done
  done
  echo "[healthkit-upload] all runs:"
  grep SUMMARY "$summaries"
  exit 0
fi

NAME=healthkit-upload
GC_LOG="$(mktemp "${TMPDIR:-/tmp}/bench-healthkit-gc.XXXXXX")"
# the GC log gives the heap after each collection: what the heap really held
if [[ -z "${BENCH_JAVA_OPTS+x}" ]]; then
  BENCH_JAVA_OPTS="$(make -s -C "$HERE_/.." print-java-opts 2>/dev/null || echo "")"
fi
BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS -Xlog:gc:file=$GC_LOG"
# shellcheck source=embedded-platform.sh
source "$(dirname "${BASH_SOURCE[0]}")/embedded-platform.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK" "$GC_LOG"; exit $rc' EXIT

python3 "$HERE/healthkit_upload.py" "$URL" "$PLATFORM_PID" "${RUNS:-5}" "${SMALL_MB:-10}" "${BIG_MB:-50}" \
  "${CONCURRENT:-0}" "${CONC_MB:-20}" "${ROUNDS:-3}" "$GC_LOG" "${HEALTHKIT_UPLOAD_LABEL:-run}"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

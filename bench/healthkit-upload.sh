#!/usr/bin/env bash
# HealthKit uploads (issue 12): upload-to-COMPLETED of a ~10 MB export (streamed POST → S3 →
# queue → worker reads it back and writes the daily metrics → first poll reading COMPLETED), RUNS
# times one at a time; then the server's RSS and heap (sampled every 200 ms) while one ~50 MB
# export streams in and is processed. Embedded runtime (embedded-platform.sh), JVM flags printed.
#
# Environment (defaults): RUNS 5, SMALL_MB 10, BIG_MB 50, and embedded-platform.sh's
#   PLATFORM_JAR, BENCH_JAVA_OPTS
set -euo pipefail

NAME=healthkit-upload
# shellcheck source=embedded-platform.sh
source "$(dirname "${BASH_SOURCE[0]}")/embedded-platform.sh"

python3 "$HERE/healthkit_upload.py" "$URL" "$PLATFORM_PID" "${RUNS:-5}" "${SMALL_MB:-10}" "${BIG_MB:-50}"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Upload-to-COMPLETED latency of health data uploads (issue 12): UPLOADS uploads of 100 metrics
# each, one at a time, on the embedded runtime (embedded-platform.sh). Latency counts from
# sending the POST to the first poll that reads COMPLETED (polls every POLL_MS), so it includes
# the 202, the queue hop, the worker's writes and up to one poll interval. p50/p99 printed with
# the JVM flags.
#
# Environment (defaults): UPLOADS 200, WARMUP 30 (uploads not counted), POLL_MS 5, and
#   embedded-platform.sh's PLATFORM_JAR, BENCH_JAVA_OPTS
set -euo pipefail

NAME=health-upload
# shellcheck source=embedded-platform.sh
source "$(dirname "${BASH_SOURCE[0]}")/embedded-platform.sh"

python3 "$HERE/health_upload.py" "$URL" "${UPLOADS:-200}" "${WARMUP:-30}" "${POLL_MS:-5}"

#!/usr/bin/env bash
# Start time (issue 15: <= 3 s to the first 200 on /health): launches `make run`'s jar cold
# RUNS times, each in a fresh DATA_DIR (tables, bucket and queues created: a first start) and,
# with REUSE=1, once more per run on the data dir of the previous start (a restart), timing launch
# -> first 200 on /health (which probes DynamoDB and S3). Baseline in the same run, alternating
# with the platform: BareGrizzly (compiled once) launched the same way, launch -> first 200: what
# a JVM start plus a listening socket costs on this machine now. Reports medians, the ratio, the
# platform's own phase line ("core / groups / HTTP") and the JVM options. The platform runs with
# `make run`'s CDS archive (make print-cds-opts; BENCH_CDS_OPTS overrides, empty = none) and the
# script refuses to start when that archive is missing or older than the jar. With
# PLATFORM_BEFORE_JAR (e.g. main's jar) that jar is launched cold in every run too, between the
# baseline and the platform, with BEFORE_CDS_OPTS (default none): before/after from one run.
#
# PLATFORM_JAVA (default java, the JDK 17 `make run` uses) launches the platform jar with another
# JVM, e.g. JDK 25 with BENCH_CDS_OPTS=-XX:AOTCache=... (scripts/cds-archive.sh trains *.aot).
#
# Environment: RUNS 5, REUSE 1, KILL9 0, PLATFORM_JAR, PLATFORM_BEFORE_JAR, BENCH_JAVA_OPTS (default the
# Makefile's), BENCH_CDS_OPTS, BEFORE_CDS_OPTS, PLATFORM_ENV, PLATFORM_JAVA
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
LIB="$ROOT/build/bench-lib"
log() { echo "[start] $*" >&2; }
die() { echo "[start] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-start.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT

RUNS="${RUNS:-5}"
REUSE="${REUSE:-1}"
# KILL9=1: each cold start is stopped with kill -9, so the restart (REUSE=1) opens the data dir
# of a killed process (ElasticMQ's H2 file, DynamoDB Local's SQLite file) instead of a stopped one
COLD_STOP=TERM
[[ "${KILL9:-0}" != 1 ]] || COLD_STOP=KILL
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
refuse_inherited_java_env
ensure_bench_lib "$LIB"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
read -r -a CDS_OPTS <<< "$(bench_cds_opts)"
read -r -a BEFORE_OPTS <<< "${BEFORE_CDS_OPTS:-}"
BEFORE_JAR="${PLATFORM_BEFORE_JAR:-}"
[[ -z "$BEFORE_JAR" || -f "$BEFORE_JAR" ]] || die "PLATFORM_BEFORE_JAR $BEFORE_JAR not found"
for opt in "${CDS_OPTS[@]}"; do
  if [[ "$opt" == -XX:SharedArchiveFile=* || "$opt" == -XX:AOTCache=* ]]; then
    archive="${opt#-XX:*=}"
    [[ -f "$archive" && "$archive" -nt "$PLATFORM_JAR" ]] \
      || die "CDS archive $archive missing or older than $PLATFORM_JAR: run make build (or BENCH_CDS_OPTS= for none)"
  fi
done
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"   # as `make run` sets it
mkdir -p "$WORK/bare-classes"
javac -d "$WORK/bare-classes" -cp "$LIB/*" "$HERE/BareGrizzly.java"

# launch LABEL URL_PATH CMD... -> prints ms from launch to the first 200, then stops the process
launch() {
  local label=$1 path=$2 port t0 pid ms; shift 2
  port=$(free_port)
  t0=$(date +%s%N)
  "$@" "$port" > "$WORK/$label.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for "http://127.0.0.1:$port$path" "$pid" "${START_TIMEOUT:-180}" "$WORK/$label.log"
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  # `wait` in this $(...) subshell returned while the JVM was still stopping (~20 s: the workers'
  # SQS long polls), so the next start ran beside it and a restart met its H2 file still locked:
  # poll until it is gone (60 s, then kill -9)
  kill "-${STOP_SIGNAL:-TERM}" "$pid"; wait "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  echo "$ms"
}
# each *_cmd execs the JVM, so that $! in launch is the JVM itself (a function started with & runs
# in a subshell: without exec, launch stopped the subshell and left the JVM running beside the
# next starts)
platform_cmd() { # DATA_DIR PORT
  exec env ${PLATFORM_ENV:-} PORT="$2" DATA_DIR="$1" "${PLATFORM_JAVA:-java}" "${JAVA_OPTS[@]}" "${CDS_OPTS[@]}" -jar "$PLATFORM_JAR"
}
before_cmd() { # DATA_DIR PORT
  exec env ${PLATFORM_ENV:-} PORT="$2" DATA_DIR="$1" java "${JAVA_OPTS[@]}" "${BEFORE_OPTS[@]}" -jar "$BEFORE_JAR"
}
phase_line() { grep -o 'listening on .* in [0-9]* ms (.*)' "$WORK/$1.log" | sed 's/.* in /in /' || true; }
bare_cmd() { exec java "${JAVA_OPTS[@]}" -cp "$WORK/bare-classes:$LIB/*" BareGrizzly "$1"; }

log "JVM options: ${JAVA_OPTS[*]:-(none)}; platform also ${CDS_OPTS[*]:-(no CDS)}; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX; $(nproc) cores; $(java -version 2>&1 | head -n 1)"
[[ -z "${PLATFORM_JAVA:-}" ]] || log "platform JVM: $("$PLATFORM_JAVA" -version 2>&1 | head -n 1)"
[[ -z "$BEFORE_JAR" ]] || log "before: $BEFORE_JAR with ${BEFORE_OPTS[*]:-(no CDS)}"
declare -a COLD RESTART BARE LOADS BEFORE BEFORE_RESTART
for r in $(seq 1 "$RUNS"); do
  BARE+=("$(launch "bare-$r" / bare_cmd)")
  line="run $r: bare ${BARE[-1]} ms"
  if [[ -n "$BEFORE_JAR" ]]; then
    bdir="$WORK/before-data-$r"; mkdir -p "$bdir"
    BEFORE+=("$(STOP_SIGNAL="$COLD_STOP" launch "before-$r" /health before_cmd "$bdir")")
    line+=", before cold ${BEFORE[-1]} ms [$(phase_line "before-$r")]"
    if [[ "$REUSE" == 1 ]]; then
      BEFORE_RESTART+=("$(launch "before-restart-$r" /health before_cmd "$bdir")")
      line+=", before restart ${BEFORE_RESTART[-1]} ms"
    fi
  fi
  dir="$WORK/data-$r"; mkdir -p "$dir"
  COLD+=("$(STOP_SIGNAL="$COLD_STOP" launch "cold-$r" /health platform_cmd "$dir")")
  line+=", platform cold ${COLD[-1]} ms [$(phase_line "cold-$r")]"
  if [[ "$REUSE" == 1 ]]; then
    RESTART+=("$(launch "restart-$r" /health platform_cmd "$dir")")
    line+=", restart ${RESTART[-1]} ms [$(phase_line "restart-$r")]"
  fi
  LOADS+=("$(load1)")
  log "$line (load $(load1))"
done
med() { printf '%s\n' "$@" | median; }
echo "start to first 200, $RUNS runs alternating, medians, cold starts stopped with SIG$COLD_STOP; JVM options: ${JAVA_OPTS[*]:-(none)}; platform ${CDS_OPTS[*]:-(no CDS)}; load1 $(med "${LOADS[@]}") (machine shared with other builds)"
if [[ -n "$BEFORE_JAR" ]]; then
  echo "before ($BEFORE_JAR), fresh DATA_DIR: $(med "${BEFORE[@]}") ms$([[ "$REUSE" == 1 ]] && echo ", restart $(med "${BEFORE_RESTART[@]}") ms")"
fi
echo "bare Grizzly (launch -> first 200 on /): $(med "${BARE[@]}") ms"
echo "platform, fresh DATA_DIR (launch -> first 200 on /health): $(med "${COLD[@]}") ms  ($(awk -v a="$(med "${COLD[@]}")" -v b="$(med "${BARE[@]}")" 'BEGIN{printf "%.1f", a/b}') x bare)"
if [[ "$REUSE" == 1 ]]; then
  echo "platform, restart on the same DATA_DIR: $(med "${RESTART[@]}") ms  ($(awk -v a="$(med "${RESTART[@]}")" -v b="$(med "${BARE[@]}")" 'BEGIN{printf "%.1f", a/b}') x bare)"
fi
before_summary=""
[[ -z "$BEFORE_JAR" ]] || before_summary=" before cold $(med "${BEFORE[@]}") ms restart $(med "${BEFORE_RESTART[@]:-0}") ms"
echo "SUMMARY start cold $(med "${COLD[@]}") ms restart $(med "${RESTART[@]:-0}") ms bare $(med "${BARE[@]}") ms$before_summary | load1 $(med "${LOADS[@]}") | $RUNS runs"

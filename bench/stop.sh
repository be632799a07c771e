#!/usr/bin/env bash
# Stop time: launches `make run`'s jar, waits for the first 200 on /health, lets it idle IDLE
# seconds (the workers' long polls are under way, as in a running platform), sends SIGTERM and
# times SIGTERM -> process exit; RUNS times, each on a fresh DATA_DIR. During the idle seconds it
# reads the process's CPU time (ms of CPU per idle second: what the pollers cost when nothing
# happens). With PLATFORM_BEFORE_JAR (e.g. main's jar) that jar runs the same way in every run,
# alternating with the platform: before/after from one run. JSTACK=1 saves a thread dump taken
# 1 s into each stop under $WORK (kept, path printed) to show where a stop waits.
#
# Environment: RUNS 3, IDLE 5, PLATFORM_JAR, PLATFORM_BEFORE_JAR, BENCH_JAVA_OPTS (default the
# Makefile's), BENCH_CDS_OPTS, BEFORE_CDS_OPTS (default none), PLATFORM_ENV, JSTACK
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[stop] $*" >&2; }
die() { echo "[stop] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-stop.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; [[ "${JSTACK:-0}" == 1 ]] || rm -rf "$WORK"; exit $rc' EXIT

RUNS="${RUNS:-3}"
IDLE="${IDLE:-5}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
BEFORE_JAR="${PLATFORM_BEFORE_JAR:-}"
[[ -z "$BEFORE_JAR" || -f "$BEFORE_JAR" ]] || die "PLATFORM_BEFORE_JAR $BEFORE_JAR not found"
refuse_inherited_java_env
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
read -r -a CDS_OPTS <<< "$(bench_cds_opts)"
read -r -a BEFORE_OPTS <<< "${BEFORE_CDS_OPTS:-}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"   # as `make run` sets it

# measure LABEL JAR OPTS... -> prints "STOP_MS IDLE_CPU_MS_PER_S EXIT_CODE"
measure() {
  local label=$1 jar=$2 port dir pid t0 ms c0 c1 rc; shift 2
  port=$(free_port); dir="$WORK/data-$label"; mkdir -p "$dir"
  env ${PLATFORM_ENV:-} PORT="$port" DATA_DIR="$dir" java "${JAVA_OPTS[@]}" "$@" -jar "$jar" > "$WORK/$label.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for "http://127.0.0.1:$port/health" "$pid" "${START_TIMEOUT:-180}" "$WORK/$label.log"
  sleep 1   # the workers' first polls are under way
  c0=$(cpu_ticks "$pid"); sleep "$IDLE"; c1=$(cpu_ticks "$pid")
  t0=$(date +%s%N)
  kill -TERM "$pid"
  if [[ "${JSTACK:-0}" == 1 ]]; then (sleep 1; jstack "$pid" > "$WORK/$label.jstack" 2>&1 || true) & fi
  rc=0; wait "$pid" || rc=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "$ms $(awk -v t=$((c1 - c0)) -v hz="$CLK_TCK" -v s="$IDLE" 'BEGIN{printf "%.1f", t * 1000 / hz / s}') $rc"
}

log "JVM options: ${JAVA_OPTS[*]:-(none)}; platform also ${CDS_OPTS[*]:-(no CDS)}; idle ${IDLE}s before each SIGTERM; $(nproc) cores"
[[ -z "$BEFORE_JAR" ]] || log "before: $BEFORE_JAR with ${BEFORE_OPTS[*]:-(no CDS)}"
declare -a STOP IDLECPU BSTOP BIDLE
for r in $(seq 1 "$RUNS"); do
  line="run $r:"
  if [[ -n "$BEFORE_JAR" ]]; then
    read -r ms cpu rc <<< "$(measure "before-$r" "$BEFORE_JAR" "${BEFORE_OPTS[@]}")"
    BSTOP+=("$ms"); BIDLE+=("$cpu")
    line+=" before stop $ms ms (exit $rc, idle $cpu ms CPU/s),"
  fi
  read -r ms cpu rc <<< "$(measure "platform-$r" "$PLATFORM_JAR" "${CDS_OPTS[@]}")"
  STOP+=("$ms"); IDLECPU+=("$cpu")
  line+=" platform stop $ms ms (exit $rc, idle $cpu ms CPU/s)"
  log "$line (load $(load1))"
done
[[ "${JSTACK:-0}" != 1 ]] || log "thread dumps and logs kept in $WORK"
med() { printf '%s\n' "$@" | median; }
summary="SUMMARY stop (SIGTERM -> exit, idle ${IDLE}s first, $RUNS runs, medians): platform $(med "${STOP[@]}") ms, idle $(med "${IDLECPU[@]}") ms CPU/s"
[[ -z "$BEFORE_JAR" ]] || summary+="; before $(med "${BSTOP[@]}") ms, idle $(med "${BIDLE[@]}") ms CPU/s"
echo "$summary"

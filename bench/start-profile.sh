#!/usr/bin/env bash
# Where a whole cold start's CPU goes, launch -> first 200 on /health (bench/README.md, "startcpu"):
# async-profiler (Maven Central tools.profiler:async-profiler 3.0, fetched once into
# build/bench-lib/profiler, as profile.sh does) loaded at launch with -agentpath, per-thread
# samples (`threads`), stopped by an attach right after the first 200; -Xlog:class+load and
# -Xlog:gc with uptime stamps beside it. Each of RUNS starts gets a fresh DATA_DIR and is killed
# (-9) after the profile is written. start_profile.py turns one run into tables: CPU ms by owner
# (JIT, GC, each embedded store, the platform's start steps, the first request), the main thread's
# steps on the critical path, classes loaded (from the archive or not) and GC per phase.
# Run it from the repository root (the archive's class path is relative) through /work/wt/bin/bench.
#
# Environment (defaults): RUNS 1, EVENT cpu (cpu | itimer | wall | alloc), INTERVAL (cpu/itimer
#   1ms, wall 5ms), JAR local/target/platform-local.jar, CDS_OPTS (make run's archive, absolute),
#   JOPTS (make run's JAVA_OPTS), EXTRA (more JVM options), ENVS (more environment, "A=1 B=2"),
#   OUT (build/bench/start-profile-<time>), COMPILE_LOG (1: also -XX:+LogCompilation into the run's
#   compile.log, and a graceful stop instead of kill -9 so the compiler threads' logs are merged; the
#   report then spreads the JIT's compile time over the owners of the compiled code)
#
#   /work/wt/bin/bench bench/start-profile.sh
#   EVENT=alloc /work/wt/bin/bench bench/start-profile.sh      # who allocates during the start
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[start-profile] $*" >&2; }
die() { echo "[start-profile] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/start-profile.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT

RUNS="${RUNS:-1}"; EVENT="${EVENT:-cpu}"
case "$EVENT" in
  wall) INTERVAL="${INTERVAL:-5ms}" ;;
  alloc) INTERVAL="" ;;
  *) INTERVAL="${INTERVAL:-1ms}" ;;
esac
JAR="${JAR:-$ROOT/local/target/platform-local.jar}"
OUT="${OUT:-$ROOT/build/bench/start-profile-$(date -u +%Y%m%dT%H%M%SZ)}"
refuse_inherited_java_env
[[ -f "$JAR" ]] || die "$JAR not found: run make build"
AGENT="$(ensure_async_profiler "$ROOT/build/bench-lib/profiler")"
# compiled once: a source-file launch would spend ~1 s compiling while the profile still runs
javac -d "$WORK/attach" "$HERE/Attach.java"
read -r -a JOPTS_A <<< "${JOPTS:-$(bench_java_opts)}"
read -r -a CDS_A <<< "${CDS_OPTS-$(bench_cds_opts)}"
read -r -a EXTRA_A <<< "${EXTRA:-}"
read -r -a ENVS_A <<< "${ENVS:-}"
mkdir -p "$OUT"
start_opts="start,event=$EVENT,threads"
[[ -n "$INTERVAL" ]] && start_opts+=",interval=$INTERVAL"
echo "# jar $JAR; options ${JOPTS_A[*]} ${CDS_A[*]} ${EXTRA_A[*]}; env ${ENVS_A[*]}; agent $start_opts" > "$OUT/README"

for r in $(seq 1 "$RUNS"); do
  dir="$OUT/run$r"; mkdir -p "$dir"; data="$WORK/data$r"
  port=$(free_port); url="http://127.0.0.1:$port"
  jit=()
  [[ "${COMPILE_LOG:-}" == 1 ]] && jit=(-XX:+LogCompilation -XX:LogFile="$dir/compile.log")
  t0=$(date +%s%3N)
  env "${ENVS_A[@]}" MALLOC_ARENA_MAX=2 PORT="$port" DATA_DIR="$data" java "${JOPTS_A[@]}" "${CDS_A[@]}" "${EXTRA_A[@]}" \
    -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints "${jit[@]}" \
    -agentpath:"$AGENT=$start_opts" \
    -Xlog:class+load=info:file="$dir/classload.log":uptimemillis -Xlog:gc:file="$dir/gc.log":uptimemillis \
    -jar "$JAR" > "$dir/platform.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/health" || true)" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$dir/platform.log" >&2; die "the platform exited during its start"; }
    sleep 0.02
  done
  t1=$(date +%s%3N); ticks=$(cpu_ticks "$pid")
  java -cp "$WORK/attach" Attach "$pid" "$AGENT" "stop,file=$dir/profile.collapsed,collapsed"
  t2=$(date +%s%3N); ticks2=$(cpu_ticks "$pid")
  if [[ "${COMPILE_LOG:-}" == 1 ]]; then kill -TERM "$pid"; else kill -9 "$pid"; fi
  wait "$pid" 2>/dev/null || true
  # the -Xlog uptime is the JVM's; the launch epoch lets the report put the log's clock times beside it
  cat > "$dir/times" <<EOF
launch_epoch_ms $t0
first_200_ms $((t1 - t0))
cpu_at_200_ms $((ticks * 1000 / CLK_TCK))
profile_stopped_ms $((t2 - t0))
cpu_at_stop_ms $((ticks2 * 1000 / CLK_TCK))
load1 $(load1)
EOF
  log "run $r: first 200 at $((t1 - t0)) ms, process CPU $((ticks * 1000 / CLK_TCK)) ms (profile stopped at $((t2 - t0)) ms, CPU $((ticks2 * 1000 / CLK_TCK)) ms), load $(load1)"
  python3 "$HERE/start_profile.py" "$dir" | tee "$dir/report.txt"
done
echo "profiles and logs: $OUT"

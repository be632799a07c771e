#!/usr/bin/env bash
# Young collections under GET /healthz load, for two or more JVM option sets of the same jar,
# interleaved (issue 15: at make run's options young collections took ~8.8 % of the wall time,
# ~2.7 ms each). Each option set gets its own JVM with
# -Xlog:gc*,gc+phases=debug,safepoint=info to a file; the JVMs start one after the other, each is
# warmed up for WARMUP seconds of wrk, then ROUNDS rounds run each set once for DURATION seconds
# in rotating order (the others idle meanwhile). For each measured window the GC log lines are
# cut out by JVM uptime and summed: young pauses (count, total, mean, median, max ms), full
# pauses, safepoint time-to-safepoint, pause share of the window, req/s and server CPU us/req.
# Every set's JVM also writes a thread dump at idle (threads-idle-SET.txt); the Java threads by
# name, digits folded, are printed side by side (threads-idle.txt).
# With HEAP_DUMP="A ..." those sets' JVMs first write, at idle, a class histogram, a thread dump,
# the string table's and the class loaders' statistics and a live heap dump (jcmd GC.heap_dump)
# into OUT; read the dump with bench/heap_owners.py.
#
# Environment (defaults):
#   OPTS_A   make run's JAVA_OPTS (or BENCH_JAVA_OPTS)       the options of set A
#   OPTS_B   unset                                          set B (OPTS_C, OPTS_D likewise)
#   BENCH_CDS_OPTS  make run's archive (make print-cds-opts): given to every set
#   ROUNDS 3, DURATION 15, WARMUP 30 (s), WRK_THREADS 2, WRK_CONNECTIONS 64, BENCH_PATH /healthz
#   PLATFORM_JAR local/target/platform-local.jar, HEAP_DUMP (none), OUT build/bench/gc-<time>
#   JAR_B  PLATFORM_JAR   set B's jar (JAR_C, JAR_D likewise; JAR_A is set A's): two builds with the
#          same OPTS, e.g. JAR_B=/work/wt/before-main/platform-local.jar OPTS_B="$OPTS_A"
#   CDS_B  BENCH_CDS_OPTS set B's CDS options (an archive trained for JAR_B; CDS_B= for none)
#   IDLE_WAIT 5 (s after the first 200 of BENCH_PATH before the threads at idle are counted)
# The last line is a one-line SUMMARY.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[gc] $*" >&2; }
die() { echo "[gc] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-gc.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-30}"
THREADS="${WRK_THREADS:-2}"
CONNECTIONS="${WRK_CONNECTIONS:-64}"
BENCH_PATH="${BENCH_PATH:-/healthz}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
OUT="${OUT:-$ROOT/build/bench/gc-$(date -u +%Y%m%dT%H%M%SZ)}"
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
mkdir -p "$OUT"
refuse_inherited_java_env
ensure_wrk
for tool in curl python3 java jcmd; do command -v "$tool" >/dev/null || die "$tool is required"; done
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"   # as `make run` sets it

SETS=(A); declare -A OPTS
OPTS[A]="${OPTS_A:-$(bench_java_opts)}"
for s in B C D; do v="OPTS_$s"; [[ -n "${!v:-}" ]] && { SETS+=("$s"); OPTS[$s]="${!v}"; }; done
DEFAULT_CDS="$(bench_cds_opts)"
declare -A JAR CDS
for s in "${SETS[@]}"; do
  v="JAR_$s"; JAR[$s]="${!v:-$PLATFORM_JAR}"
  [[ -f "${JAR[$s]}" ]] || die "set $s: ${JAR[$s]} not found"
  v="CDS_$s"; CDS[$s]="${!v-$DEFAULT_CDS}"
done

declare -A URL PID THREADS_IDLE
for s in "${SETS[@]}"; do
  read -r -a opts <<< "${OPTS[$s]}"
  read -r -a cds <<< "${CDS[$s]}"
  port=$(free_port); mkdir -p "$WORK/data-$s"
  log "set $s: ${opts[*]} | CDS ${cds[*]:-(none)} | ${JAR[$s]}"
  PORT=$port DATA_DIR="$WORK/data-$s" java "${opts[@]}" "${cds[@]}" \
    "-Xlog:gc*,gc+phases=debug,safepoint=info:file=$OUT/gc-$s.log:uptimemillis,level,tags" \
    -jar "${JAR[$s]}" > "$WORK/platform-$s.log" 2>&1 &   # its access log: GBs, not kept
  PIDS+=($!); PID[$s]=$!; URL[$s]="http://127.0.0.1:$port"
  wait_for "${URL[$s]}/health" "${PID[$s]}" "${PLATFORM_START_TIMEOUT:-180}" "$WORK/platform-$s.log"
  wait_for "${URL[$s]}$BENCH_PATH" "${PID[$s]}" 30 "$WORK/platform-$s.log"
  jvm_flags "${PID[$s]}" "set-$s"
  sleep "${IDLE_WAIT:-5}"   # the start's own threads (bootstrap pools) are gone; count what stays
  THREADS_IDLE[$s]=$(ls "/proc/${PID[$s]}/task" | wc -l)
  log "set $s: ${THREADS_IDLE[$s]} threads at idle"
  # who they are: the Java threads by name, digits folded (bench/README "sdkexec", "threads")
  jcmd "${PID[$s]}" Thread.print > "$OUT/threads-idle-$s.txt"
  if [[ " ${HEAP_DUMP:-} " == *" $s "* ]]; then
    sleep 5
    jcmd "${PID[$s]}" GC.class_histogram > "$OUT/histo-$s.txt"
    # what a young collection scans besides the survivors: thread stacks, the string table and
    # the other weak tables, the class loader data
    jcmd "${PID[$s]}" Thread.print > "$OUT/threads-$s.txt"
    jcmd "${PID[$s]}" VM.stringtable > "$OUT/stringtable-$s.txt"
    jcmd "${PID[$s]}" VM.classloader_stats > "$OUT/classloaders-$s.txt"
    jcmd "${PID[$s]}" GC.heap_dump "$OUT/heap-$s.hprof" >&2
    log "set $s: live heap dump $OUT/heap-$s.hprof"
  fi
done

# uptime in ms of the JVM PID now (for cutting its GC log): /proc start time against boot time
uptime_ms() {
  local start_ticks boot_s now_s
  start_ticks=$(sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $20 }')
  read -r now_s _ < /proc/uptime
  awk -v st="$start_ticks" -v hz="$CLK_TCK" -v now="$now_s" 'BEGIN { printf "%d", (now - st / hz) * 1000 }'
}

for s in "${SETS[@]}"; do
  log "set $s: warm-up ${WARMUP}s"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${URL[$s]}$BENCH_PATH" > /dev/null
done

echo "round,set,rps,cpu_us_per_req,window_ms,young,young_ms,young_mean_ms,young_median_ms,young_max_ms,full,full_ms,tts_ms,pause_pct,surv_kb,promo_kb,gc_cpu_ms,gc_real_ms,load1" > "$OUT/rounds.csv"
n=${#SETS[@]}
for r in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n - 1))); do
    s=${SETS[$(( (i + r - 1) % n ))]}
    c0=$(cpu_ticks "${PID[$s]}"); u0=$(uptime_ms "${PID[$s]}")
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "${URL[$s]}$BENCH_PATH")"
    u1=$(uptime_ms "${PID[$s]}"); c1=$(cpu_ticks "${PID[$s]}")
    reqs=$(echo "$out" | awk '/requests in/ { print $1 }')
    rps=$(awk -v n="$reqs" -v d="$DURATION" 'BEGIN { printf "%.0f", n / d }')
    cpu=$(awk -v a="$c0" -v b="$c1" -v hz="$CLK_TCK" -v n="$reqs" 'BEGIN { printf "%.1f", (b - a) * 1e6 / hz / n }')
    gc=$(python3 "$HERE/gc_log.py" "$OUT/gc-$s.log" "$u0" "$u1")
    line="$r,$s,$rps,$cpu,$gc,$(load1)"
    echo "$line" >> "$OUT/rounds.csv"
    log "round $r set $s: $line"
  done
done

col() { awk -F, -v s="$1" -v c="$2" 'NR > 1 && $2 == s { print $c }' "$OUT/rounds.csv" | median; }
echo
echo "GET $BENCH_PATH wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds x ${DURATION}s interleaved after ${WARMUP}s warm-up each, $(nproc) cores, $(java -version 2>&1 | head -n 1); medians over rounds"
printf '%-3s %8s %10s %7s %9s %9s %9s %6s %8s %7s  %s\n' set "req/s" "cpu us/req" young "young ms" "mean ms" "max ms" full "tts ms" "pause%" options
summary="SUMMARY gc"
for s in "${SETS[@]}"; do
  printf '%-3s %8s %10s %7s %9s %9s %9s %6s %8s %7s  %s\n' "$s" "$(col "$s" 3)" "$(col "$s" 4)" "$(col "$s" 6)" \
    "$(col "$s" 7)" "$(col "$s" 8)" "$(col "$s" 10)" "$(col "$s" 11)" "$(col "$s" 13)" "$(col "$s" 14)" "${OPTS[$s]}"
  summary+=" | $s req/s $(col "$s" 3) cpu $(col "$s" 4) us/req young $(col "$s" 6) x $(col "$s" 8) ms pause $(col "$s" 14) % threads ${THREADS_IDLE[$s]}"
done
for s in "${SETS[@]}"; do
  echo "set $s: ${JAR[$s]}, ${THREADS_IDLE[$s]} threads at idle"
  echo "set $s: RSS $(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/${PID[$s]}/status") MiB (peak $(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/${PID[$s]}/status") MiB)"
  jcmd "${PID[$s]}" GC.heap_info 2>/dev/null | sed "s/^/[heap $s] /" | head -n 6
done
# the idle thread dumps side by side: Java threads by name with digit runs folded to N
fold_threads() { sed -n 's/^"\([^"]*\)".*/\1/p' "$OUT/threads-idle-$1.txt" | sed -e 's/-acceptor-.*/-acceptor/' -e 's/[0-9][0-9]*/N/g' | sort | uniq -c | awk '{ c = $1; $1 = ""; print substr($0, 2) "\t" c }'; }
for s in "${SETS[@]}"; do fold_threads "$s" > "$WORK/fold-$s.tsv"; done
python3 - "$WORK" "${SETS[@]}" <<'PY' | tee "$OUT/threads-idle.txt"
import sys
work, sets = sys.argv[1], sys.argv[2:]
counts = {s: dict(line.rstrip("\n").split("\t") for line in open(f"{work}/fold-{s}.tsv")) for s in sets}
names = sorted(set().union(*counts.values()), key=lambda n: (-max(int(counts[s].get(n, 0)) for s in sets), n))
print("Java threads at idle by name (jcmd Thread.print, digits folded): " + " ".join(sets))
for n in names:
    print(f"{n:60s} " + " ".join(f"{counts[s].get(n, '0'):>3s}" for s in sets))
print(f"{'total':60s} " + " ".join(f"{sum(int(v) for v in counts[s].values()):>3d}" for s in sets))
PY
echo "logs and csv: $OUT"
echo "$summary | load1 $(load1) | $ROUNDS rounds"

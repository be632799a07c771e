# Shared pieces of the bench scripts (sourced, not run). Expects ROOT, WORK and PIDS set, and
# log/die defined by the caller.

# The JVM options every JVM of a bench run gets; the Makefile's `run` defaults unless overridden,
# so the platform is measured as `make run` starts it and the baselines on equal terms.
bench_java_opts() {
  if [[ -n "${BENCH_JAVA_OPTS+x}" ]]; then echo "$BENCH_JAVA_OPTS"; return; fi
  make -s -C "$ROOT" print-java-opts 2>/dev/null || echo ""
}

# The platform jar's own options on top of bench_java_opts: `make run`'s CDS archive
# (make print-cds-opts), as an absolute path; empty when BENCH_CDS_OPTS is set empty or CDS=off.
bench_cds_opts() {
  if [[ -n "${BENCH_CDS_OPTS+x}" ]]; then echo "$BENCH_CDS_OPTS"; return; fi
  make -s -C "$ROOT" print-cds-opts 2>/dev/null | sed "s|-XX:SharedArchiveFile=\([^/]\)|-XX:SharedArchiveFile=$ROOT/\1|" || echo ""
}

# Refuse to measure a JIT-limited JVM: inherited option variables apply to every JVM and are
# how a C1-only setting (-XX:TieredStopAtLevel=1) slips in unnoticed (issue 15).
refuse_inherited_java_env() {
  local v
  for v in JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS; do
    if [[ -n "${!v:-}" ]]; then
      die "$v is set ('${!v}'): every JVM inherits it, so the figures would not be the JVMs' own; unset it"
    fi
  done
}

# jvm_flags PID LABEL: print the running JVM's effective JIT/GC/heap flags; die when the JIT is
# limited (TieredStopAtLevel < 4 with tiered compilation, or interpreted mode)
jvm_flags() {
  local pid=$1 label=$2 flags stop tiered
  flags="$(jcmd "$pid" VM.flags -all 2>/dev/null)" || die "jcmd $pid VM.flags failed (is jcmd from the same JDK on PATH?)"
  # reads all input: an early exit would SIGPIPE the echo of a long flag list (diagnostic flags
  # unlocked), and under pipefail + errexit that silently ends the calling script
  value() { echo "$flags" | awk -v n="$1" '$2 == n && !found { print $4; found = 1 }'; }
  stop=$(value TieredStopAtLevel); tiered=$(value TieredCompilation)
  local line="$label pid $pid: TieredCompilation=$tiered TieredStopAtLevel=$stop UseInterpreter=$(value UseInterpreter)"
  line+=" UseCompiler=$(value UseCompiler) CICompilerCount=$(value CICompilerCount)"
  line+=" G1=$(value UseG1GC) Serial=$(value UseSerialGC) MaxHeapSize=$(value MaxHeapSize)"
  line+=" ActiveProcessorCount=$(value ActiveProcessorCount)"
  echo "[flags] $line" >&2
  echo "# $line" >> "$WORK/flags.txt"
  if [[ "$(value UseCompiler)" == false ]]; then die "$label runs interpreted only (-Xint): refusing to report"; fi
  if [[ "$tiered" == true && -n "$stop" && "$stop" -lt 4 ]]; then
    die "$label has TieredStopAtLevel=$stop: C2 never compiles, the figures would be C1's; refusing to report"
  fi
  local args; args="$(tr '\0' ' ' < "/proc/$pid/cmdline")"
  echo "[flags] $label command: $args" >&2
}

# cpu_ticks PID: user + system time of the process so far, in clock ticks (/proc/PID/stat 14, 15)
cpu_ticks() {
  # the command name (field 2) may hold spaces; cut after its closing parenthesis
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
CLK_TCK=$(getconf CLK_TCK)

load1() { cut -d' ' -f1 /proc/loadavg; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for URL PID TIMEOUT_SECONDS LOG
wait_for() {
  local url=$1 pid=$2 logf=$4 deadline=$((SECONDS + $3))
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$logf" >&2 || true
      die "process $pid exited before $url answered"
    fi
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" == 200 ]] && return 0
    sleep 0.05
  done
  tail -n 30 "$logf" >&2 || true
  die "$url did not answer 200 within ${3}s"
}

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}

ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk (Debian package)"
    local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null || die "could not install wrk"
  fi
}

# async-profiler 3.0 (Maven Central tools.profiler:async-profiler), fetched once into DIR; prints
# the agent library's path (for -agentpath: or jcmd JVMTI.agent_load).
ensure_async_profiler() {
  local dir=$1
  if [[ ! -f "$dir/linux-x64/libasyncProfiler.so" ]]; then
    log "fetching async-profiler 3.0 (Maven Central) into $dir"
    mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:3.0 -DoutputDirectory="$dir" >&2 \
      || die "could not fetch tools.profiler:async-profiler:3.0"
    (cd "$dir" && unzip -q -o async-profiler-3.0.jar 'linux-x64/*')
  fi
  echo "$dir/linux-x64/libasyncProfiler.so"
}

# Baseline classpath: Jersey 3.1.11 on Grizzly (jersey-container-grizzly2-http brings the same
# grizzly-http-server 4.0.2 the platform runs on) plus HK2, fetched once into build/bench-lib
# through a throwaway pom; independent of the server module.
ensure_bench_lib() {
  local lib=$1 jersey=3.1.11
  if ls "$lib"/jersey-container-grizzly2-http-"$jersey".jar "$lib"/jersey-hk2-"$jersey".jar >/dev/null 2>&1; then return; fi
  log "fetching Jersey $jersey + Grizzly into $lib"
  mkdir -p "$WORK/lib-pom"
  cat > "$WORK/lib-pom/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench-lib</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.glassfish.jersey.containers</groupId><artifactId>jersey-container-grizzly2-http</artifactId><version>$jersey</version></dependency>
    <dependency><groupId>org.glassfish.jersey.inject</groupId><artifactId>jersey-hk2</artifactId><version>$jersey</version></dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
  </plugin></plugins></build>
</project>
POM
  mvn -B -q -f "$WORK/lib-pom/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$lib" >&2 || die "could not fetch the baseline libraries"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

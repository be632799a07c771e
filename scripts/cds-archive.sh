#!/usr/bin/env bash
# The class-data sharing archive `make run` starts with (issue 15: start <= 3 s). A training run
# of the built jar (fresh DATA_DIR, free port) with -XX:ArchiveClassesAtExit: start, GET /health,
# /healthz, /openapi.yaml and a 404, then SIGTERM; the JVM writes every class it loaded (parsed,
# verified, laid out) into ARCHIVE as it exits. The next JVM maps them instead of loading them
# from 200 jars: about half the start time on this machine (bench/README.md, start.sh).
#
# The archive is only valid for this exact class path (jar and lib/ files, sizes and times) and
# this JVM; the JVM checks that at start and silently loads classes the normal way when it does
# not match, so a stale archive costs speed, never correctness. Retrained when any jar is newer.
#
# An ARCHIVE named *.aot is a JDK 25 AOT cache instead (JEP 483/514/515: classes loaded and
# linked, method profiles; -XX:AOTCacheOutput, mapped with -XX:AOTCache), trained by the java of
# $JAVA (e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java): an extra row in bench/README.md,
# not what `make run` uses (JDK 17).
#
#   [JAVA=java] scripts/cds-archive.sh JAR ARCHIVE [JAVA_OPTS...]
set -euo pipefail
jar=$1 archive=$2; shift 2
[[ -f "$jar" ]] || { echo "[cds] $jar not found" >&2; exit 2; }
lib="$(dirname "$jar")/lib"
if [[ -f "$archive" && "$archive" -nt "$jar" ]] && [[ -z "$(find "$lib" -newer "$archive" -print -quit)" ]]; then
  echo "[cds] $archive is up to date"
  exit 0
fi

data="$(mktemp -d "${TMPDIR:-/tmp}/cds-train.XXXXXX")"
log="$data.log"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$data" "$log"
}
trap cleanup EXIT
tmp="$archive.tmp"
# the warnings name classes CDS cannot hold (pre-Java-6 bytecode, generated accessors): expected
train=(-XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=error -Xlog:cds+dynamic=error)
if [[ "$archive" == *.aot ]]; then
  tmp="${archive%.aot}.tmp.aot"
  train=(-XX:AOTCacheOutput="$tmp" -Xlog:aot=error -Xlog:cds=error)
fi
rm -f "$archive" "$tmp"
started=$SECONDS
PORT="$port" DATA_DIR="$data" ACCESS_LOG_LEVEL=WARN "${JAVA:-java}" "$@" "${train[@]}" -jar "$jar" >"$log" 2>&1 &
pid=$!
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/health" || true)" == 200 ]]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "[cds] training run exited during start; log:" >&2; tail -n 40 "$log" >&2; exit 1
  fi
  if (( SECONDS - started > 300 )); then echo "[cds] no 200 on /health within 300 s" >&2; exit 1; fi
  sleep 0.1
done
for path in /healthz /openapi.yaml /no-such-path; do curl -s -o /dev/null --max-time 10 "$url$path" || true; done
kill -TERM "$pid"
rc=0; wait "$pid" || rc=$?
pid=""
if [[ "$rc" -ne 0 || ! -s "$tmp" ]]; then
  echo "[cds] training run ended with $rc and no archive; log:" >&2; tail -n 40 "$log" >&2; exit 1
fi
mv "$tmp" "$archive"
echo "[cds] $archive ($(( $(stat -c %s "$archive") / 1048576 )) MiB) trained in $(( SECONDS - started )) s"

# Sourced by the upload benches (health-upload.sh, healthkit-upload.sh): the shared start of one
# platform on the embedded runtime (`make run`'s jar: DynamoDB Local, S3Proxy and ElasticMQ in
# the platform's JVM, workers in-process) with the API limits raised, its JVM flags printed.
# Set NAME (the log prefix) before sourcing. Leaves HERE, ROOT, WORK (removed on exit), URL,
# PLATFORM_PID and log/die; the platform is stopped on exit.
#
# Environment (defaults): PLATFORM_JAR (local/target/platform-local.jar), PLATFORM_START_TIMEOUT
#   (180), BENCH_JAVA_OPTS (default: the Makefile's `run` JAVA_OPTS)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[$NAME] $*" >&2; }
die() { echo "[$NAME] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-$NAME.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
refuse_inherited_java_env
for tool in curl python3 java jcmd; do command -v "$tool" >/dev/null || die "$tool is required"; done
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
log "JVM options: ${JAVA_OPTS[*]:-(none)}"
log "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

port=$(free_port)
URL="http://127.0.0.1:$port"
PORT=$port DATA_DIR="$WORK/data" STAGE=dev AUTH_REQUESTS_PER_MINUTE=100000 RATE_LIMIT_REQUESTS=10000000 \
  QUEUE_POLL_WAIT_SECONDS=1 ACCESS_LOG_LEVEL=WARN \
  java "${JAVA_OPTS[@]}" -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!; PIDS+=($PLATFORM_PID)
wait_for "$URL/healthz" "$PLATFORM_PID" "${PLATFORM_START_TIMEOUT:-180}" "$WORK/platform.log"
jvm_flags "$PLATFORM_PID" platform

#!/usr/bin/env bash
# The authenticated item read at a fixed rate (open loop, OpenLoop.java), beside a raw SDK
# GetItem on the same DynamoDB Local at the same rate: what the platform adds to the store call.
# The stores run in a JVM of their own (Stores.java) and the platform with STORES=aws pointed at
# them, so "platform cpu us/req" is the platform's own CPU (HTTP, token check, SDK client, JSON)
# and "stores cpu us/req" is DynamoDB Local's. Rows alternate over ROUNDS rounds; medians.
#
# Environment (defaults): RATE 500 (req/s), DURATION 20 (s per run), ROUNDS 3, CONNECTIONS 16,
#   WARMUP 30 (s of both loads before measuring), PLATFORM_JAR, BENCH_JAVA_OPTS (default: the
#   Makefile's `run` JAVA_OPTS, for the platform and the stores JVM), PLATFORM_EXTRA_OPTS (the
#   platform JVM only), BENCH_CSV, LIB_DIR (local/target/lib: the stores JVM's and the load
#   driver's class path; with PLATFORM_JAR another build's pair, e.g. the baseline's
#   PLATFORM_JAR=/work/wt/before-main/platform-local.jar LIB_DIR=/work/wt/before-main/lib)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[items] $*" >&2; }
die() { echo "[items] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-items.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

RATE="${RATE:-500}"
DURATION="${DURATION:-20}"
ROUNDS="${ROUNDS:-3}"
CONNS="${CONNECTIONS:-16}"
WARMUP="${WARMUP:-30}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
LIB_DIR="${LIB_DIR:-$ROOT/local/target/lib}"
[[ -d "$LIB_DIR" ]] || die "$LIB_DIR not found: run make build"
CP="$LIB_DIR/*"
CSV="${BENCH_CSV:-$ROOT/build/bench/items-$(date -u +%Y%m%dT%H%M%SZ).csv}"
mkdir -p "$(dirname "$CSV")"
PASSWORD='Bench-Heron-2718!'

refuse_inherited_java_env
for tool in curl python3 java jcmd; do command -v "$tool" >/dev/null || die "$tool is required"; done
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
log "JVM options: ${JAVA_OPTS[*]:-(none)}"
log "platform $PLATFORM_JAR, stores and driver on $LIB_DIR"

# --- stores, then the platform on them ---------------------------------------------------------
mkdir -p "$WORK/stores" "$WORK/data"
java "${JAVA_OPTS[@]}" -cp "$CP" "$HERE/Stores.java" "$WORK/stores" > "$WORK/stores.log" 2>&1 &
STORES_PID=$!; PIDS+=($STORES_PID)
for _ in $(seq 1 600); do grep -q '^STORES ' "$WORK/stores.log" && break; kill -0 $STORES_PID || break; sleep 0.1; done
line="$(grep '^STORES ' "$WORK/stores.log")" || { tail -20 "$WORK/stores.log" >&2; die "the stores did not start"; }
DYNAMO="$(echo "$line" | sed 's/.*dynamodb=\([^ ]*\).*/\1/')"
S3="$(echo "$line" | sed 's/.* s3=\([^ ]*\).*/\1/')"
SQS="$(echo "$line" | sed 's/.* sqs=\([^ ]*\).*/\1/')"
jvm_flags "$STORES_PID" stores

port=$(free_port)
URL="http://127.0.0.1:$port"
PORT=$port DATA_DIR="$WORK/data" STAGE=dev STORES=aws DYNAMODB_ENDPOINT="$DYNAMO" S3_ENDPOINT="$S3" SQS_ENDPOINT="$SQS" \
  AWS_ACCESS_KEY_ID=EMBEDDEDDEVACCESSKEY AWS_SECRET_ACCESS_KEY=embeddedDevSecretKeyNotASecret AWS_REGION=us-east-1 \
  AUTH_REQUESTS_PER_MINUTE=100000 RATE_LIMIT_REQUESTS=10000000 java "${JAVA_OPTS[@]}" ${PLATFORM_EXTRA_OPTS:-} -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!; PIDS+=($PLATFORM_PID)
wait_for "$URL/healthz" "$PLATFORM_PID" "${PLATFORM_START_TIMEOUT:-120}" "$WORK/platform.log"
jvm_flags "$PLATFORM_PID" platform

# --- an account, its token and one item --------------------------------------------------------
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
post() { curl -s -o "$3" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' "${@:4}" -d "$2" "$URL$1"; }
email="bench-$(date +%s)$$@example.com"
[[ $(post /auth/signup "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" "$WORK/r.json") == 201 ]] || { cat "$WORK/r.json" >&2; die "signup failed"; }
code=$(json_field "$WORK/r.json" dev_code)
[[ $(post /auth/confirm-signup "{\"email\":\"$email\",\"code\":\"$code\"}" "$WORK/r.json") == 200 ]] || die "confirm failed"
[[ $(post /auth/signin "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" "$WORK/r.json") == 200 ]] || die "signin failed"
TOKEN="$(json_field "$WORK/r.json" accessToken)"
[[ $(post /items '{"item_id":"bench-item","name":"Sample","price":19.99}' "$WORK/r.json" -H "Authorization: Bearer $TOKEN") == 201 ]] \
  || { cat "$WORK/r.json" >&2; die "POST /items failed"; }
TABLE="$(python3 - "$DYNAMO" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request(sys.argv[1], data=b'{}', headers={
    'X-Amz-Target': 'DynamoDB_20120810.ListTables', 'Content-Type': 'application/x-amz-json-1.0',
    'Authorization': 'AWS4-HMAC-SHA256 Credential=EMBEDDEDDEVACCESSKEY/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0'})
names = json.load(urllib.request.urlopen(req))['TableNames']
print(next(n for n in names if n.endswith('Items') or n.endswith('items')))
PY
)" || die "could not find the items table in DynamoDB Local"
log "items table: $TABLE"

# --- load ----------------------------------------------------------------------------------------
ITEM=(http "$URL/items/bench-item" "$RATE")
RAW=(getitem "$DYNAMO" "$TABLE" item_id bench-item "$RATE")
# one_run LABEL SECONDS ARGS... -> R_* ; CPU of both processes over the run
one_run() {
  local label=$1 secs=$2 out p0 p1 s0 s1; shift 2
  local mode=$1; shift
  p0=$(cpu_ticks "$PLATFORM_PID"); s0=$(cpu_ticks "$STORES_PID")
  if [[ $mode == http ]]; then
    out="$(java -cp "$CP" "$HERE/OpenLoop.java" http "$1" "$2" "$secs" "$CONNS" "Authorization: Bearer $TOKEN")"
  else
    out="$(java -cp "$CP" "$HERE/OpenLoop.java" getitem "$@" "$secs" "$CONNS")"
  fi
  p1=$(cpu_ticks "$PLATFORM_PID"); s1=$(cpu_ticks "$STORES_PID")
  R_LOAD=$(load1)
  local o_sent o_requests o_errors o_achieved_rps o_p50_us o_p99_us o_p999_us o_max_us
  eval "$(echo "$out" | grep '^OPENLOOP ' | sed 's/^OPENLOOP //' | tr ' ' '\n' | sed 's/^/o_/')"
  [[ -n "${o_requests:-}" ]] || die "no result for $label: $out"
  R_LINE="$o_achieved_rps,$(awk -v v="$o_p50_us" 'BEGIN{printf "%.2f", v/1000}'),$(awk -v v="$o_p99_us" 'BEGIN{printf "%.2f", v/1000}')"
  R_LINE+=",$(awk -v v="$o_p999_us" 'BEGIN{printf "%.2f", v/1000}')"
  R_LINE+=",$(awk -v a="$p0" -v b="$p1" -v hz="$CLK_TCK" -v n="$o_sent" 'BEGIN{printf "%.1f", (b-a)*1e6/hz/n}')"
  R_LINE+=",$(awk -v a="$s0" -v b="$s1" -v hz="$CLK_TCK" -v n="$o_sent" 'BEGIN{printf "%.1f", (b-a)*1e6/hz/n}')"
  R_LINE+=",$o_errors,$R_LOAD"
  (( o_errors == 0 )) || log "WARNING $label: $o_errors failed requests"
}
log "warm-up: ${WARMUP}s of item reads, ${WARMUP}s of raw GetItem at $RATE/s"
one_run item "$WARMUP" "${ITEM[@]}"; log "warm-up item: $R_LINE"
one_run raw "$WARMUP" "${RAW[@]}"; log "warm-up raw: $R_LINE"
echo "round,target,achieved_rps,p50_ms,p99_ms,p999_ms,platform_cpu_us_per_req,stores_cpu_us_per_req,errors,load1" > "$CSV"
for r in $(seq 1 "$ROUNDS"); do
  order=(item raw); (( r % 2 == 0 )) && order=(raw item)
  for t in "${order[@]}"; do
    if [[ $t == item ]]; then one_run item "$DURATION" "${ITEM[@]}"; else one_run raw "$DURATION" "${RAW[@]}"; fi
    log "round $r $t: $R_LINE"
    echo "$r,$t,$R_LINE" >> "$CSV"
  done
done
RSS=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PLATFORM_PID/status")
HWM=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$PLATFORM_PID/status")

col() { awk -F, -v t="$1" -v c="$2" 'NR > 1 && $2 == t { print $c }' "$CSV" | median; }
echo
echo "open loop at $RATE req/s, $CONNS connections, $ROUNDS rounds x ${DURATION}s alternating, $(nproc) cores; medians"
echo "JVM options: ${JAVA_OPTS[*]:-(none)} ${PLATFORM_EXTRA_OPTS:-}"
printf '%-26s %9s %8s %8s %9s %14s %13s %7s\n' request "req/s" "p50 ms" "p99 ms" "p99.9 ms" "platform cpu" "stores cpu" load1
printf '%-26s %9s %8s %8s %9s %14s %13s %7s\n' "" "" "" "" "" "us/req" "us/req" ""
for t in item raw; do
  name="GET /items/{item_id}"; [[ $t == raw ]] && name="raw SDK GetItem"
  printf '%-26s %9s %8s %8s %9s %14s %13s %7s\n' "$name" "$(col $t 3)" "$(col $t 4)" "$(col $t 5)" "$(col $t 6)" \
    "$(col $t 7)" "$(col $t 8)" "$(col $t 10)"
done
echo "platform RSS after the runs: ${RSS} MiB (peak ${HWM} MiB)"
echo "stores JVM: $(ls "/proc/$STORES_PID/task" | wc -l) threads after the runs; platform $PLATFORM_JAR, stores on $LIB_DIR"
echo "csv: $CSV"
echo "SUMMARY items@$RATE p99 item $(col item 5) ms raw $(col raw 5) ms | platform cpu us/req item $(col item 7) | stores cpu us/req item $(col item 8) raw $(col raw 8) | load1 $(col item 10)"

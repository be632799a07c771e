#!/usr/bin/env bash
# Strava's webhook (POST /webhooks/strava, issue 10) under CONCURRENCY concurrent deliveries,
# beside GET /healthz in the same run, same load tool (WebhookLoad.java, closed loop), rounds
# interleaved (webhook, healthz, webhook, ...). Every delivery is a new activity of a connected
# athlete: its event record read (a retry would be a duplicate), durably enqueued for the agent,
# the record written, then 200; the agent runs meanwhile against a stand-in Strava
# (strava_stub.py), as in production. Strava's deadline is
# 2 s: the `over2s` column counts answers slower than that. Reported: medians over rounds of
# p50/p99 (ms), the load average beside each figure; JVM flags of the platform are printed.
#
# Environment (defaults): CONCURRENCY 50, REQUESTS 40 (per caller per round), ROUNDS 3,
#   WARMUP_REQUESTS 20 (per caller, both targets, not reported), PLATFORM_JAR, BENCH_JAVA_OPTS
#   (default: the Makefile's `run` JAVA_OPTS), BENCH_CSV
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
log() { echo "[webhooks] $*" >&2; }
die() { echo "[webhooks] ERROR: $*" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-webhooks.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

CONCURRENCY="${CONCURRENCY:-50}"
REQUESTS="${REQUESTS:-40}"
ROUNDS="${ROUNDS:-3}"
WARMUP_REQUESTS="${WARMUP_REQUESTS:-20}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
CSV="${BENCH_CSV:-$ROOT/build/bench/webhooks-$(date -u +%Y%m%dT%H%M%SZ).csv}"
mkdir -p "$(dirname "$CSV")"
ATHLETE=424242
SUBSCRIPTION=120475

refuse_inherited_java_env
for tool in curl python3 java jcmd; do command -v "$tool" >/dev/null || die "$tool is required"; done
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: run make build"
read -r -a JAVA_OPTS <<< "$(bench_java_opts)"
log "JVM options of the platform: ${JAVA_OPTS[*]:-(none)}"

python3 "$HERE/strava_stub.py" "$ATHLETE" > "$WORK/stub.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do grep -q '^STUB ' "$WORK/stub.log" && break; sleep 0.1; done
STUB_PORT="$(sed -n 's/^STUB port=//p' "$WORK/stub.log")"
[[ -n "$STUB_PORT" ]] || die "the Strava stand-in did not start"

port=$(free_port); URL="http://127.0.0.1:$port"; mkdir -p "$WORK/data"
PORT=$port DATA_DIR="$WORK/data" STAGE=dev RATE_LIMIT_REQUESTS=10000000 AUTH_REQUESTS_PER_MINUTE=100000 \
  STRAVA_BASE_URL="http://127.0.0.1:$STUB_PORT" STRAVA_CLIENT_ID=bench STRAVA_CLIENT_SECRET=bench \
  STRAVA_REDIRECT_URI=http://127.0.0.1/strava STRAVA_SUBSCRIPTION_ID=$SUBSCRIPTION ACCESS_LOG_LEVEL=OFF \
  java "${JAVA_OPTS[@]}" -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!; PIDS+=($PLATFORM_PID)
wait_for "$URL/healthz" "$PLATFORM_PID" "${PLATFORM_START_TIMEOUT:-180}" "$WORK/platform.log"
jvm_flags "$PLATFORM_PID" platform

# --- a user with the athlete connected --------------------------------------------------------
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
post() { curl -s -o "$3" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' "${@:4}" -d "$2" "$URL$1"; }
phone="+1415734$(printf '%04d' $((RANDOM % 10000)))"
[[ $(post /auth/register "{\"phoneNumber\":\"$phone\"}" "$WORK/r.json") == 200 ]] || { cat "$WORK/r.json" >&2; die "register failed"; }
code=$(json_field "$WORK/r.json" dev_code)
[[ $(post /auth/verify "{\"phoneNumber\":\"$phone\",\"code\":\"$code\"}" "$WORK/r.json") == 200 ]] || { cat "$WORK/r.json" >&2; die "verify failed"; }
TOKEN="$(json_field "$WORK/r.json" access_token)"
curl -s -o "$WORK/r.json" --max-time 30 -H "Authorization: Bearer $TOKEN" "$URL/strava/oauth/url"
STATE="$(python3 -c 'import json,sys,urllib.parse as u; q=u.parse_qs(u.urlparse(json.load(open(sys.argv[1]))["url"]).query); print(q["state"][0])' "$WORK/r.json")"
[[ $(post /strava/oauth/callback "{\"code\":\"bench\",\"state\":\"$STATE\",\"scope\":\"read,activity:read_all,activity:write\"}" \
  "$WORK/r.json" -H "Authorization: Bearer $TOKEN") == 200 ]] || { cat "$WORK/r.json" >&2; die "connecting the athlete failed"; }
log "athlete $ATHLETE connected"

NEXT=1000000
# load TARGET REQUESTS -> L_P50 L_P99 L_MAX (ms) L_N L_NON200 L_OVER L_LOAD
load() {
  local line
  line="$(java "$HERE/WebhookLoad.java" "$1" "$CONCURRENCY" "$2" "$URL" "$ATHLETE" "$SUBSCRIPTION" "$NEXT")"
  NEXT=$((NEXT + CONCURRENCY * $2))
  L_LOAD=$(load1)
  field() { echo "$line" | sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }
  L_N=$(echo "$line" | sed -n 's/.*requests=\([0-9]*\).*/\1/p'); L_NON200=$(field non200); L_OVER=$(field over2s)
  L_P50=$(awk -v v="$(field p50_us)" 'BEGIN { printf "%.1f", v / 1000 }')
  L_P99=$(awk -v v="$(field p99_us)" 'BEGIN { printf "%.1f", v / 1000 }')
  L_MAX=$(awk -v v="$(field max_us)" 'BEGIN { printf "%.1f", v / 1000 }')
}
log "warm-up: $WARMUP_REQUESTS requests per caller, $CONCURRENCY callers, each target"
load webhook "$WARMUP_REQUESTS"; load healthz "$WARMUP_REQUESTS"

# --- where a delivery's time goes (the profile beside the figures) -----------------------------
# /metrics before and after the rounds: the server's own time per webhook (first filter to
# response) against the client's, and the mean of every DynamoDB call by operation; the gap
# between client and server time is the wait for a Grizzly worker. Thread dumps during the
# webhook rounds say what the HTTP workers were doing.
curl -s --max-time 10 "$URL/metrics" > "$WORK/metrics.before"
sample_threads() {
  while kill -0 "$PLATFORM_PID" 2>/dev/null && [[ ! -e "$WORK/stop-sampling" ]]; do
    jcmd "$PLATFORM_PID" Thread.print >> "$WORK/threads.txt" 2>/dev/null || true
    sleep "${THREAD_SAMPLE_SECONDS:-2}"
  done
}

echo "round,target,concurrency,requests,non200,over2s,p50_ms,p99_ms,max_ms,load1" > "$CSV"
for round in $(seq 1 "$ROUNDS"); do
  order=(webhook healthz); (( round % 2 == 0 )) && order=(healthz webhook)
  for t in "${order[@]}"; do
    rm -f "$WORK/stop-sampling"
    if [[ $t == webhook && $round == "$ROUNDS" && ${PROFILE:-1} == 1 ]]; then sample_threads & SAMPLER=$!; fi
    load "$t" "$REQUESTS"
    if [[ -n "${SAMPLER:-}" ]]; then touch "$WORK/stop-sampling"; wait "$SAMPLER" || true; SAMPLER=; fi
    echo "$round,$t,$CONCURRENCY,$L_N,$L_NON200,$L_OVER,$L_P50,$L_P99,$L_MAX,$L_LOAD" >> "$CSV"
    log "round $round $t: p50 ${L_P50} ms p99 ${L_P99} ms max ${L_MAX} ms, non-200 $L_NON200, over 2 s $L_OVER (load $L_LOAD)"
  done
done
cat "$WORK/flags.txt" >> "$CSV"
curl -s --max-time 10 "$URL/metrics" > "$WORK/metrics.after"
python3 "$HERE/webhook_profile.py" "$WORK/metrics.before" "$WORK/metrics.after" "$WORK/threads.txt" | tee -a "$WORK/profile.txt" >&2
sed 's/^/# /' "$WORK/profile.txt" >> "$CSV"
col() { awk -F, -v t="$1" -v c="$2" '$2 == t { print $c }' "$CSV" | median; }
renamed=$(grep -c 'renamed' "$WORK/platform.log" || true)
log "agent renames logged so far: $renamed (it works behind the webhook while the load runs)"
summary="webhooks: $CONCURRENCY concurrent, medians of $ROUNDS rounds: POST /webhooks/strava p50 $(col webhook 7) ms p99 $(col webhook 8) ms"
summary+=" (over 2 s: $(awk -F, '$2 == "webhook" { s += $6 } END { print s + 0 }' "$CSV")); GET /healthz p50 $(col healthz 7) ms p99 $(col healthz 8) ms; csv $CSV"
echo "$summary"

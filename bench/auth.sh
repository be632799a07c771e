#!/usr/bin/env bash
# What authentication costs, in one run on one machine:
#   1. TokenService alone (bench/TokenBench.java, no HTTP): verifyAccessToken and issue in ns/op,
#      against the JDK's raw ES256 verification of the same tokens;
#   2. POST /auth/signin through the API (Argon2id + session write + token signing);
#   3. GET /api/v1/auth/me with a bearer token vs GET /healthz, same wrk settings: the
#      difference is token verification + the user read (+ Jersey's work for a bigger answer);
#   4. GET /items/{item_id} (issue 4's owned resource, seed 004's item) with the owner's token,
#      same settings: token check + one item read.
#
#   bench/auth.sh
#
# Environment (durations are wrk's: 10s, 1m ...):
#   PLATFORM_JAR           jar to start (default local/target/platform-local.jar); it is
#                          started with PORT=<free>, DATA_DIR=<temp>, STAGE=dev (codes echoed)
#   PLATFORM_START_TIMEOUT seconds to wait for /healthz                        (default 120)
#   WRK_THREADS            wrk threads for every run                           (default 2)
#   SIGNIN_CONNECTIONS     connections for /auth/signin                        (default 8)
#   SIGNIN_DURATION        measured /auth/signin run                           (default 10s)
#   SIGNIN_ACCOUNTS        verified accounts signed in round-robin, split over
#                          the wrk threads; 1 = every request signs in one
#                          account                                             (default 32)
#   ME_CONNECTIONS         connections for /api/v1/auth/me and /healthz        (default 16)
#   ME_DURATION            measured run of each of /me and /healthz            (default 8s)
#   WRK_WARMUP             warm-up before the /me and /healthz runs; 0 skips   (default 3s)
#   SIGNIN_WARMUP          warm-up before the /auth/signin run; the JIT takes a
#                          few hundred sign-ins to settle (Argon2 code)        (default 10s)
#   AUTH_REQUESTS_PER_MINUTE  per-IP limit of POST /auth/* given to the server (default 100000)
#   MICRO_WARMUP_MS, MICRO_RUN_MS, MICRO_RUNS  TokenBench settings             (default 1000, 600, 5)
#   SKIP_MICRO=1           skip TokenBench;  BENCH_JAVA_OPTS  extra JVM options (default none)
#
# Defaults take about 1.5 minutes. Everything started here is stopped and removed on exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CP="$ROOT/local/target/lib/*:$ROOT/local/target/platform-local.jar"

THREADS="${WRK_THREADS:-2}"
SIGNIN_CONNECTIONS="${SIGNIN_CONNECTIONS:-8}"
SIGNIN_DURATION="${SIGNIN_DURATION:-10s}"
SIGNIN_ACCOUNTS="${SIGNIN_ACCOUNTS:-32}"
ME_CONNECTIONS="${ME_CONNECTIONS:-16}"
ME_DURATION="${ME_DURATION:-8s}"
WARMUP="${WRK_WARMUP:-3s}"
SIGNIN_WARMUP="${SIGNIN_WARMUP:-10s}"
AUTH_RPM="${AUTH_REQUESTS_PER_MINUTE:-100000}"
START_TIMEOUT="${PLATFORM_START_TIMEOUT:-120}"
PLATFORM_JAR="${PLATFORM_JAR:-$ROOT/local/target/platform-local.jar}"
PASSWORD='Bench-Heron-2718!'
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"

log() { echo "[auth-bench] $*" >&2; }
die() { echo "[auth-bench] ERROR: $*" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-auth.XXXXXX")"
PIDS=()
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap 'rc=$?; stop_all; rm -rf "$WORK"; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools -----------------------------------------------------------------------------------
ensure_wrk
for tool in curl python3 java; do command -v "$tool" >/dev/null || die "$tool is required"; done
[[ -f "$PLATFORM_JAR" ]] || die "$PLATFORM_JAR not found: build it (mvn -pl local -am package -DskipTests)"

# json_field FILE NAME: a top-level string member of a JSON document
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# post PATH JSON OUT -> HTTP status
post() {
  curl -s -o "$3" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' -d "$2" "$URL$1"
}

# --- 1. TokenService alone, before the server runs (nothing else on the cores) --------------
MICRO_LINE=""
if [[ "${SKIP_MICRO:-0}" != 1 ]]; then
  log "TokenBench: warm-up ${MICRO_WARMUP_MS:-1000} ms, ${MICRO_RUNS:-5} runs x ${MICRO_RUN_MS:-600} ms per operation"
  java "${JAVA_OPTS[@]}" -cp "$CP" "$HERE/TokenBench.java" "${MICRO_WARMUP_MS:-1000}" "${MICRO_RUN_MS:-600}" \
      "${MICRO_RUNS:-5}" > "$WORK/micro.out" 2>&1 || { cat "$WORK/micro.out" >&2; die "TokenBench failed"; }
  grep -v '^TOKENBENCH ' "$WORK/micro.out" | sed 's/^/[micro] /' >&2
  MICRO_LINE="$(grep '^TOKENBENCH ' "$WORK/micro.out" | sed 's/^TOKENBENCH //')"
fi

# --- the platform ----------------------------------------------------------------------------
port=$(free_port)
mkdir -p "$WORK/data"
PORT=$port DATA_DIR="$WORK/data" STAGE=dev AUTH_REQUESTS_PER_MINUTE="$AUTH_RPM" RATE_LIMIT_REQUESTS=1000000 \
  java "${JAVA_OPTS[@]}" -jar "$PLATFORM_JAR" > "$WORK/platform.log" 2>&1 &
PIDS+=($!)
URL="http://127.0.0.1:$port"
log "starting platform on port $port (pid $!, load $(load1)), waiting up to ${START_TIMEOUT}s"
wait_for "$URL/healthz" "$!" "$START_TIMEOUT" "$WORK/platform.log"

# --- verified accounts, through the API -----------------------------------------------------
log "creating $SIGNIN_ACCOUNTS verified accounts (signup -> dev_code -> confirm-signup)"
: > "$WORK/accounts.txt"
run_id="$(date +%s)$$"
for i in $(seq 1 "$SIGNIN_ACCOUNTS"); do
  email="bench-$run_id-$i@example.com"
  status=$(post /auth/signup "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" "$WORK/signup.json")
  [[ "$status" == 201 ]] || { cat "$WORK/signup.json" >&2; die "signup of $email answered $status"; }
  code=$(json_field "$WORK/signup.json" dev_code) || die "no dev_code in the signup answer (STAGE=dev?)"
  status=$(post /auth/confirm-signup "{\"email\":\"$email\",\"code\":\"$code\"}" "$WORK/confirm.json")
  [[ "$status" == 200 ]] || { cat "$WORK/confirm.json" >&2; die "confirm-signup of $email answered $status"; }
  echo "$email" >> "$WORK/accounts.txt"
done
first_email="$(head -n 1 "$WORK/accounts.txt")"
status=$(post /auth/signin "{\"email\":\"$first_email\",\"password\":\"$PASSWORD\"}" "$WORK/signin.json")
[[ "$status" == 200 ]] || { cat "$WORK/signin.json" >&2; die "signin answered $status"; }
TOKEN="$(json_field "$WORK/signin.json" accessToken)"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL/api/v1/auth/me")
[[ "$status" == 200 ]] || die "GET /api/v1/auth/me with the token answered $status"

# --- wrk -------------------------------------------------------------------------------------
# done() prints one machine-readable line; latencies in microseconds.
cp "$HERE/wrk-report.lua" "$WORK/report.lua"
# each wrk thread signs in its own share of the accounts, round-robin: with more accounts than
# connections no two in-flight sign-ins are for one account (see SIGNIN_ACCOUNTS)
cat > "$WORK/signin.lua" <<'EOF'
local next_id = 0
local threads = {}
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
function init(args)
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  local password = os.getenv("BENCH_PASSWORD")
  local all = {}
  for line in io.lines(os.getenv("BENCH_ACCOUNTS")) do table.insert(all, line) end
  bodies = {}
  for i, email in ipairs(all) do
    if #all < threads or (i - 1) % threads == id then
      table.insert(bodies, '{"email":"' .. email .. '","password":"' .. password .. '"}')
    end
  end
  headers = { ["Content-Type"] = "application/json" }
  n = 0
end
function request()
  n = n % #bodies + 1
  return wrk.format("POST", "/auth/signin", headers, bodies[n])
end
refused = {}
function response(status, headers, body)
  if status >= 300 then refused[status] = (refused[status] or 0) + 1 end
end
EOF
cat "$WORK/report.lua" >> "$WORK/signin.lua"
# which statuses the refused sign-ins had (a 409 is the concurrent sign-in conflict of one account)
cat >> "$WORK/signin.lua" <<'EOF'
local report = done
done = function(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("refused") or {}) do total[status] = (total[status] or 0) + count end
  end
  for status, count in pairs(total) do io.write(string.format("REFUSED %dx%d\n", status, count)) end
  report(summary, latency, requests)
end
EOF
export BENCH_THREADS="$THREADS" BENCH_PASSWORD="$PASSWORD" BENCH_ACCOUNTS="$WORK/accounts.txt"

# measure LABEL CONNECTIONS DURATION WARMUP WRK-ARGS... -> sets RPS P50 P99 (ms) NON2XX SOCKERR
measure() {
  local label=$1 conns=$2 duration=$3 warmup=$4 out line
  shift 4
  if [[ "$warmup" != "0" && "$warmup" != "0s" ]]; then
    log "$label: warm-up $warmup"
    wrk -t"$THREADS" -c"$conns" -d"$warmup" "$@" > /dev/null
  fi
  log "$label: measuring $duration (wrk -t$THREADS -c$conns -d$duration)"
  out="$(wrk -t"$THREADS" -c"$conns" -d"$duration" --latency "$@")"
  echo "$out" | grep -v '^BENCH ' | sed "s/^/[$label] /" >&2
  line="$(echo "$out" | grep '^BENCH ')" || die "no result from wrk for $label"
  local r_requests r_duration_us r_p50_us r_p99_us r_non2xx r_socket_errors
  eval "$(echo "$line" | sed 's/^BENCH //' | tr ' ' '\n' | sed 's/^/r_/')"
  RPS=$(awk -v n="$r_requests" -v d="$r_duration_us" 'BEGIN{printf "%.1f", n / (d / 1e6)}')
  P50=$(awk -v v="$r_p50_us" 'BEGIN{printf "%.2f", v / 1000}')
  P99=$(awk -v v="$r_p99_us" 'BEGIN{printf "%.2f", v / 1000}')
  NON2XX=$r_non2xx
  NOTES="$(echo "$out" | sed -n 's/^REFUSED //p' | tr '\n' ' ')"
  SOCKERR=$r_socket_errors
  if (( NON2XX > 0 || SOCKERR > 0 )); then
    log "WARNING $label: $NON2XX non-2xx responses, $SOCKERR socket errors: this row is not a clean measurement"
  fi
}

measure signin "$SIGNIN_CONNECTIONS" "$SIGNIN_DURATION" "$SIGNIN_WARMUP" -s "$WORK/signin.lua" "$URL/auth/signin"
SI_RPS=$RPS SI_P50=$P50 SI_P99=$P99 SI_NON2XX=$NON2XX SI_SOCK=$SOCKERR SI_NOTES=$NOTES
AUTH=(-H "Authorization: Bearer $TOKEN")
measure me "$ME_CONNECTIONS" "$ME_DURATION" "$WARMUP" "${AUTH[@]}" -s "$WORK/report.lua" "$URL/api/v1/auth/me"
ME_RPS=$RPS ME_P50=$P50 ME_P99=$P99 ME_NON2XX=$NON2XX ME_SOCK=$SOCKERR
measure healthz "$ME_CONNECTIONS" "$ME_DURATION" "$WARMUP" "${AUTH[@]}" -s "$WORK/report.lua" "$URL/healthz"
HZ_RPS=$RPS HZ_P50=$P50 HZ_P99=$P99 HZ_NON2XX=$NON2XX HZ_SOCK=$SOCKERR
# an owned resource: seed 004's item, read with the owner's token (token check + one item read)
status=$(curl -s -o "$WORK/item.json" -w '%{http_code}' -H 'Content-Type: application/json' "${AUTH[@]}" \
  -d '{"item_id":"bench-item","name":"Sample","price":19.99}' "$URL/items")
[[ "$status" == 201 ]] || { cat "$WORK/item.json" >&2; die "POST /items answered $status"; }
measure item "$ME_CONNECTIONS" "$ME_DURATION" "$WARMUP" "${AUTH[@]}" -s "$WORK/report.lua" "$URL/items/bench-item"
IT_RPS=$RPS IT_P50=$P50 IT_P99=$P99 IT_NON2XX=$NON2XX IT_SOCK=$SOCKERR

# --- the table -------------------------------------------------------------------------------
COST_US=$(awk -v a="$ME_RPS" -v b="$HZ_RPS" 'BEGIN{ if (a == 0 || b == 0) print "n/a"; else printf "%.0f", (1/a - 1/b) * 1e6 }')
RATIO=$(awk -v a="$ME_RPS" -v b="$HZ_RPS" 'BEGIN{ if (b == 0) print "n/a"; else printf "%.3f", a / b }')

echo
echo "auth bench, $(nproc) cores, load average $(load1), $(java -version 2>&1 | head -n 1)"
if [[ -n "$MICRO_LINE" ]]; then
  eval "$(echo "$MICRO_LINE" | tr ' ' '\n' | sed 's/^/m_/')"
  echo "TokenService alone (median of ${MICRO_RUNS:-5} runs, 1 thread):"
  printf '  %-30s %12s ns/op   (a token never verified before: the signature check)\n' \
    "verifyAccessToken, first sight" "$m_first_verify_ns"
  printf '  %-30s %12s ns/op %10s ops/s   (the same token again: remembered)\n' \
    "verifyAccessToken, repeated" "$m_verify_ns" "$m_verify_ops_s"
  printf '  %-30s %12s ns/op %10s ops/s\n' "issue (access + id token)" "$m_issue_ns" "$m_issue_ops_s"
  printf '  %-30s %12s ns/op   (baseline; verify/raw %s)\n' "JDK ES256 verify (raw)" "$m_raw_es256_verify_ns" \
    "$(awk -v a="$m_first_verify_ns" -v b="$m_raw_es256_verify_ns" 'BEGIN{printf "%.2f", a / b}')"
  printf '  %-30s %12s ns/op   (the password check of one sign-in)\n' "Argon2id verify" "$m_argon2_verify_ns"
fi
echo "HTTP (wrk -t$THREADS; warm-up ${SIGNIN_WARMUP} before signin, ${WARMUP} before /me and /healthz):"
printf '  %-26s %6s %8s %10s %9s %9s %7s %7s\n' request conns duration "req/s" "p50 ms" "p99 ms" non2xx sockerr
printf '  %-26s %6s %8s %10s %9s %9s %7s %7s\n' "POST /auth/signin" "$SIGNIN_CONNECTIONS" "$SIGNIN_DURATION" "$SI_RPS" "$SI_P50" "$SI_P99" "$SI_NON2XX" "$SI_SOCK"
printf '  %-26s %6s %8s %10s %9s %9s %7s %7s\n' "GET /api/v1/auth/me" "$ME_CONNECTIONS" "$ME_DURATION" "$ME_RPS" "$ME_P50" "$ME_P99" "$ME_NON2XX" "$ME_SOCK"
printf '  %-26s %6s %8s %10s %9s %9s %7s %7s\n' "GET /healthz" "$ME_CONNECTIONS" "$ME_DURATION" "$HZ_RPS" "$HZ_P50" "$HZ_P99" "$HZ_NON2XX" "$HZ_SOCK"
printf '  %-26s %6s %8s %10s %9s %9s %7s %7s\n' "GET /items/{item_id}" "$ME_CONNECTIONS" "$ME_DURATION" "$IT_RPS" "$IT_P50" "$IT_P99" "$IT_NON2XX" "$IT_SOCK"
echo "items/healthz throughput ratio: $(awk -v a="$IT_RPS" -v b="$HZ_RPS" 'BEGIN{ if (b == 0) print "n/a"; else printf "%.3f", a / b }')"
echo "me/healthz throughput ratio: $RATIO"
echo "token verification + user read, per request at -c$ME_CONNECTIONS: (1/rps_me - 1/rps_healthz) = $COST_US us"
if [[ -n "${SI_NOTES// /}" ]]; then
  echo "refused sign-ins, status x count: $SI_NOTES"
fi
if (( SI_NON2XX + SI_SOCK + ME_NON2XX + ME_SOCK + HZ_NON2XX + HZ_SOCK + IT_NON2XX + IT_SOCK > 0 )); then
  echo "WARNING: some requests failed (non2xx/sockerr above); those rows are not clean measurements"
fi

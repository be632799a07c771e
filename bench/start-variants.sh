#!/usr/bin/env bash
# Start-time variants, interleaved (bench/README.md "startup ... measured, not kept"): RUNS cold
# starts per variant, each in a fresh DATA_DIR, kill -9 right after the first 200 on /health;
# prints launch -> first 200, the process CPU (/proc), the GC count, full GCs and pauses (-Xlog:gc),
# the platform's phase line and when (ms after launch, from the log) DynamoDB Local + S3Proxy and
# ElasticMQ were up and the platform listened, then the median per variant. Every JVM gets JOPTS (default
# make run's, make print-java-opts; set it to compare JVM options: JOPTS=<main's> and the new ones in a
# variant) then the variant's own options. Run it through /work/wt/bin/bench.
# Run it from the repository root: make build trains the archive with a relative class path.
#
#   bench/start-variants.sh RUNS "label|java|ENV=..|extra JVM options|jar (default local/target)" ...
# e.g. A=-XX:SharedArchiveFile=$PWD/local/target/platform-local.jsa
#   bench/start-variants.sh 4 "after|java||$A" "before|java||-XX:SharedArchiveFile=/tmp/before.jsa|/abs/main.jar"
RUNS=$1; shift
JOPTS=${JOPTS:-$(make -s -C "$(dirname "${BASH_SOURCE[0]}")/.." print-java-opts)}
JAR=${JAR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/local/target/platform-local.jar}
declare -A R
for r in $(seq 1 $RUNS); do
 for v in "$@"; do
  IFS="|" read -r label J envs opts vjar <<< "$v"
  d=$(mktemp -d /tmp/exp.XXXX); port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  t0=$(date +%s%N)
  env $envs MALLOC_ARENA_MAX=2 PORT=$port DATA_DIR=$d $J $JOPTS $opts -Xlog:gc:file=$d.gc -jar ${vjar:-$JAR} > $d.log 2>&1 &
  pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 http://127.0.0.1:$port/health)" == 200 ]]; do kill -0 $pid 2>/dev/null || { echo "$label died"; tail -5 $d.log; break; }; sleep 0.02; done
  ms=$(( ($(date +%s%N)-t0)/1000000 ))
  cpu=$(awk '{print $14+$15}' /proc/$pid/stat)
  kill -9 $pid; wait $pid 2>/dev/null
  R[$label]+="$ms "
  # when the stores were up and when the platform listened, ms after launch (the log's clock)
  at() { local t; t=$(grep -m1 "$1" $d.log | cut -d' ' -f1); [[ -n "$t" ]] && echo $(( $(date -d "$(date +%F) $t" +%s%3N) - t0/1000000 )) || echo -; }
  echo "run $r $label ${ms} ms cpu $((cpu*10)) ms gcs $(grep -c Pause $d.gc) full $(grep -c 'Pause Full' $d.gc) gcms $(grep -o '[0-9.]*ms$' $d.gc | tr -d ms | paste -sd+ | bc) [$(grep -o 'in [0-9]* ms (core [0-9]* ms' $d.log; grep -o 'groups [0-9]* ms; HTTP [0-9]* ms' $d.log)] dynamodb+s3 $(at 'Embedded S3 (S3Proxy) on') sqs $(at 'Embedded SQS (ElasticMQ) on') listening $(at ' listening on ') load $(cut -d' ' -f1 /proc/loadavg)"
  rm -rf $d $d.log $d.gc
 done
done
for k in "${!R[@]}"; do echo "median $k: $(echo ${R[$k]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}') ms (${R[$k]})"; done

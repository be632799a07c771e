#!/usr/bin/env bash
# Cold Contract.load(stage) of two builds, interleaved (contractjson section of bench/README.md):
# ROUNDS rounds of one fresh JVM per variant at make run's options (JOPTS, default
# make print-java-opts) with the variant's jar on the class path (its lib/ through the manifest)
# and, if given, its CDS archive; prints each sample (bench/ContractLoad.java) and the medians.
# Run it through /work/wt/bin/bench, from the repository root.
#
#   bench/contract-load.sh ROUNDS STAGE "label|jar|archive" ...
# e.g. bench/contract-load.sh 8 DEV "before|/work/wt/before-main/platform-local.jar|/work/wt/before-main/platform-local.jsa" \
#        "after|$PWD/local/target/platform-local.jar|$PWD/local/target/platform-local.jsa"
set -euo pipefail
ROUNDS=$1 STAGE=$2; shift 2
JOPTS=${JOPTS:-$(make -s -C "$(dirname "${BASH_SOURCE[0]}")/.." print-java-opts)}
echo "JOPTS: $JOPTS"
classes=$(mktemp -d /tmp/contract-load.XXXX)
declare -A S
for r in $(seq 1 "$ROUNDS"); do
  for v in "$@"; do
    IFS="|" read -r label jar archive <<< "$v"
    [[ -f "$classes/$label/ContractLoad.class" ]] || javac -d "$classes/$label" -cp "$jar" "$(dirname "${BASH_SOURCE[0]}")/ContractLoad.java"
    line=$(MALLOC_ARENA_MAX=2 java $JOPTS ${archive:+-XX:SharedArchiveFile=$archive} -cp "$jar:$classes/$label" ContractLoad "$STAGE" 2>&1 | grep '^load ')
    echo "round $r $label $line load1 $(cut -d' ' -f1 /proc/loadavg)"
    S[$label]+="$line"$'\n'
  done
done
med() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
for v in "$@"; do
  label=${v%%|*}
  printf 'median %s (%s):' "$label" "$STAGE"
  for f in load cpu cpu+1s jit jit+1s heap; do
    printf ' %s %s' "$f" "$(printf '%s' "${S[$label]}" | awk -v f="$f" '{for(i=1;i<NF;i++) if($i==f) print $(i+1)}' | med)"
  done
  echo
done
rm -rf "$classes"

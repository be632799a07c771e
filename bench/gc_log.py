#!/usr/bin/env python3
"""Sums one window of a JDK 17 unified GC log (bench/gc.sh).

Usage: gc_log.py LOG FROM_MS TO_MS [--detail]
The log must be written with the uptimemillis decorator (-Xlog:...:file=LOG:uptimemillis,level,tags).
Prints one CSV fragment:
  window_ms,young,young_ms,young_mean_ms,young_median_ms,young_max_ms,full,full_ms,tts_ms,
  pause_pct,surv_kb,promo_kb,gc_cpu_ms,gc_real_ms
young/full: pauses whose summary line ("Pause Young ..." / "Pause Full ...") falls in the window;
tts_ms: the sum of "Reaching safepoint" of every safepoint in the window; pause_pct: young + full
pause time over the window; surv_kb: mean young generation occupancy after a young collection
(the survivors); promo_kb: mean growth of the old generation per young collection;
gc_cpu_ms / gc_real_ms: sums of the collections' User+Sys and Real (gc+cpu).
With --detail, also the safepoint operations of the window by total time, to stderr.
"""
import re
import statistics
import sys
from collections import defaultdict

TIME = re.compile(r"^\[(\d+)ms\]")
PAUSE = re.compile(r"GC\((\d+)\) Pause (Young|Full) .* (\d+(?:\.\d+)?)ms$")
YOUNG_HEAP = re.compile(r"GC\((\d+)\) DefNew: (\d+)K\(\d+K\)->(\d+)K")
PSYOUNG_HEAP = re.compile(r"GC\((\d+)\) PSYoungGen: (\d+)K\(\d+K\)->(\d+)K")
OLD_HEAP = re.compile(r"GC\((\d+)\) (?:Tenured|ParOldGen|PSOldGen): (\d+)K\(\d+K\)->(\d+)K")
CPU = re.compile(r"GC\((\d+)\) User=(\d+\.\d+)s Sys=(\d+\.\d+)s Real=(\d+\.\d+)s")
SAFEPOINT = re.compile(r'Safepoint "([^"]+)".*Reaching safepoint: (\d+) ns.*Total: (\d+) ns')


def main():
    path, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    detail = "--detail" in sys.argv[4:]
    kind, pause, surv, promo, cpu, real = {}, {}, {}, {}, {}, {}
    tts_ns = 0
    ops = defaultdict(lambda: [0, 0, 0])
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = TIME.match(line)
            if not m:
                continue
            t = int(m.group(1))
            if t < lo or t > hi:
                continue
            line = line.rstrip("\n")
            if (m := PAUSE.search(line)):
                kind[m.group(1)] = m.group(2)
                pause[m.group(1)] = float(m.group(3))
            elif (m := YOUNG_HEAP.search(line)) or (m := PSYOUNG_HEAP.search(line)):
                surv[m.group(1)] = int(m.group(3))
            elif (m := OLD_HEAP.search(line)):
                promo[m.group(1)] = int(m.group(3)) - int(m.group(2))
            elif (m := CPU.search(line)):
                cpu[m.group(1)] = (float(m.group(2)) + float(m.group(3))) * 1000
                real[m.group(1)] = float(m.group(4)) * 1000
            elif (m := SAFEPOINT.search(line)):
                tts_ns += int(m.group(2))
                o = ops[m.group(1)]
                o[0] += 1
                o[1] += int(m.group(2))
                o[2] += int(m.group(3))
    young = [pause[g] for g in pause if kind[g] == "Young"]
    full = [pause[g] for g in pause if kind[g] == "Full"]
    youngs = [g for g in pause if kind[g] == "Young"]
    window = max(hi - lo, 1)
    mean = lambda v: sum(v) / len(v) if v else 0.0
    fields = [
        window,
        len(young),
        f"{sum(young):.1f}",
        f"{mean(young):.3f}",
        f"{statistics.median(young) if young else 0:.3f}",
        f"{max(young) if young else 0:.3f}",
        len(full),
        f"{sum(full):.1f}",
        f"{tts_ns / 1e6:.1f}",
        f"{(sum(young) + sum(full)) * 100 / window:.2f}",
        f"{mean([surv[g] for g in youngs if g in surv]):.0f}",
        f"{mean([promo[g] for g in youngs if g in promo]):.0f}",
        f"{sum(cpu.values()):.0f}",
        f"{sum(real.values()):.0f}",
    ]
    print(",".join(str(x) for x in fields))
    if detail:
        for name, (count, reach, total) in sorted(ops.items(), key=lambda kv: -kv[1][2]):
            print(f"  {name}: {count} safepoints, reaching {reach / 1e6:.1f} ms, total {total / 1e6:.1f} ms",
                  file=sys.stderr)


if __name__ == "__main__":
    main()

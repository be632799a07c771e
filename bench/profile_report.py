"""Reads async-profiler's collapsed CPU stacks and prints, per request, the inclusive cost of the
platform's own frames and of the Jersey/Grizzly stages they sit between (bench/profile.sh).

usage: python3 bench/profile_report.py cpu.collapsed CPU_US_PER_REQUEST
"""
import collections
import sys

STAGES = [  # (label, frame suffix): inclusive, so nested rows overlap
    ("Grizzly worker: the whole request", "AbstractThreadPool$Worker.run"),
    ("Jersey: ApplicationHandler.handle", "ApplicationHandler.handle"),
    ("Jersey routing (PathMatchingRouter)", "PathMatchingRouter.apply"),
    ("Jersey request filters (stage)", "ContainerFilteringStage.apply"),
    ("Jersey response filters (stage)", "ContainerFilteringStage$ResponseFilterStage.apply"),
    ("Jersey headers to Grizzly", "GrizzlyHttpContainer$ResponseWriter.writeResponseStatusAndHeaders"),
    ("Jackson entity write", "ProviderBase.writeTo"),
    ("Grizzly socket write", "TCPNIOAsyncQueueWriter.write0"),
    ("Grizzly selector thread", "SelectorRunner.run"),
]


def main(path, cpu_us):
    inclusive = collections.Counter()
    total = 0
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(" ")
        n = int(n)
        total += n
        for frame in set(stack.split(";")):
            inclusive[frame] += n
    if total == 0:
        sys.exit("no samples")
    us = lambda c: c / total * cpu_us
    print(f"{'us/req':>7} {'share':>6}  frame (inclusive)")
    for label, suffix in STAGES:
        c = max((v for k, v in inclusive.items() if k.endswith(suffix)), default=0)
        print(f"{us(c):7.2f} {100 * c / total:5.1f}%  {label}")
    ours = [(k, v) for k, v in inclusive.items() if k.startswith("dev/apiplatform/") and "Lambda" not in k]
    ours.sort(key=lambda kv: -kv[1])
    print("platform frames:")
    for k, v in ours[:25]:
        if 100 * v / total < 0.05:
            break
        print(f"{us(v):7.2f} {100 * v / total:5.1f}%  {k}")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))

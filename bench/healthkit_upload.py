"""Driver of healthkit-upload.sh: sign in (phone flow, dev codes), stream exports, poll, sample memory."""
import http.client
import json
import re
import subprocess
import sys
import threading
import time
import urllib.parse

from upload_client import Platform

base, pid, runs, small_mb, big_mb = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
concurrent, conc_mb, rounds = (int(a) for a in sys.argv[6:9]) if len(sys.argv) > 8 else (0, 0, 0)
gc_log, label = (sys.argv[9], sys.argv[10]) if len(sys.argv) > 10 else (None, "run")
platform = Platform(base, timeout=60).sign_in()

SAMPLE = ('{"type":"HKQuantityTypeIdentifierHeartRate","start_date":"2025-%02d-%02dT%02d:%02d:00Z",'
          '"end_date":"2025-%02d-%02dT%02d:%02d:00Z","value":%d,"unit":"count/min"}')


def sample(i):
    month, day, hour, minute = 1 + (i // 40320) % 12, 1 + (i // 1440) % 28, (i // 60) % 24, i % 60
    return SAMPLE % (month, day, hour, minute, month, day, hour, minute, 50 + i % 100)


def export(mb):
    """The export's chunks (a generator: the driver never holds it) and its exact length."""
    n = mb * 1024 * 1024 // len(sample(0))
    head, tail = b'{"samples":[', b"]}"
    length = len(head) + len(tail) + sum(len(sample(i)) for i in range(n)) + n - 1

    def chunks():
        yield head
        for start in range(0, n, 2000):
            yield ",".join(sample(i) for i in range(start, min(n, start + 2000))).encode() + (
                b"," if start + 2000 < n else b"")
        yield tail
    return chunks(), length


def send(mb):
    """One streamed upload: (status, parsed body, length); the body may be cut short by an early answer."""
    chunks, length = export(mb)
    u = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
    try:
        conn.putrequest("POST", "/api/v1/healthkit/upload")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(length))
        conn.putheader("Authorization", "Bearer " + platform.token)
        conn.endheaders()
        try:
            for c in chunks:
                conn.send(c)
        except (BrokenPipeError, ConnectionResetError):
            pass  # answered before the whole body was read: the answer is still there to read
        r = conn.getresponse()
        raw = r.read()
        try:
            return r.status, json.loads(raw), length
        except ValueError:
            return r.status, raw, length
    finally:
        conn.close()


def upload(mb):
    status, body, length = send(mb)
    if status != 202:
        sys.exit("upload answered %d %s" % (status, body))
    return body["data"]["upload_id"], length


def until_final(uid):
    return platform.until_completed("/api/v1/healthkit/upload-status/" + uid, 0.02)


if runs > 0:
    latencies = []
    for r in range(runs + 1):  # the first run warms up
        t = time.perf_counter()
        uid, length = upload(small_mb)
        until_final(uid)
        if r > 0:
            latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    print("[healthkit-upload] %d MB export (%d bytes), upload-to-COMPLETED over %d runs: min %.0f ms, median %.0f ms, "
          "max %.0f ms" % (small_mb, length, runs, latencies[0], latencies[len(latencies) // 2], latencies[-1]))


def rss_kib():
    with open("/proc/%s/status" % pid) as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def heap_used_kib():
    out = subprocess.run(["jcmd", pid, "GC.heap_info"], capture_output=True, text=True).stdout
    m = re.search(r"used (\d+)K", out)
    return int(m.group(1)) if m else -1


def sampled(phase):
    """Runs phase() while sampling RSS and heap used every 200 ms: (its result, baseline, peaks)."""
    peak = {"rss": 0, "heap": 0}
    baseline = {"rss": rss_kib(), "heap": heap_used_kib()}
    stop = threading.Event()

    def sampler():
        while not stop.is_set():
            peak["rss"] = max(peak["rss"], rss_kib())
            peak["heap"] = max(peak["heap"], heap_used_kib())
            time.sleep(0.2)

    th = threading.Thread(target=sampler, daemon=True)
    th.start()
    try:
        return phase(), baseline, peak
    finally:
        stop.set()
        th.join()


def big_phase():
    t = time.perf_counter()
    uid, length = upload(big_mb)
    accepted = time.perf_counter() - t
    done = until_final(uid)
    return length, accepted, time.perf_counter() - t, done


if big_mb > 0:
    (length, accepted, total, done), baseline, peak = sampled(big_phase)
    print("[healthkit-upload] %d MB export (%d bytes): 202 after %.1f s, COMPLETED after %.1f s (%d samples)"
          % (big_mb, length, accepted, total, done["extract"]["samples"]))
    print("[healthkit-upload] server during it: RSS before %d MiB, peak %d MiB; heap used before %d MiB, peak %d MiB"
          % (baseline["rss"] // 1024, peak["rss"] // 1024, baseline["heap"] // 1024, peak["heap"] // 1024))


def gc_after_mib(start_line):
    """Heap after each collection logged from line `start_line` on: (the largest, lines read)."""
    with open(gc_log) as f:
        lines = f.readlines()
    after = [int(m.group(1)) for m in (re.search(r"->(\d+)M\(", l) for l in lines[start_line:]) if m]
    return (max(after) if after else -1), len(lines)


def concurrent_phase():
    """ROUNDS rounds of CONCURRENT uploads at once, each round's accepted uploads awaited to COMPLETED."""
    statuses, accepted_bytes, sending_s = {}, 0, 0.0
    for _ in range(rounds):
        answers = [None] * concurrent

        def one(i):
            try:
                answers[i] = send(conc_mb)
            except Exception as e:  # a client that saw no answer at all counts as such
                answers[i] = ("no answer: %s" % type(e).__name__, None, 0)
        threads = [threading.Thread(target=one, args=(i,)) for i in range(concurrent)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        sending_s += time.perf_counter() - t
        for status, body, length in answers:
            statuses[status] = statuses.get(status, 0) + 1
            if status == 202:
                accepted_bytes += length
                until_final(body["data"]["upload_id"])
    return statuses, accepted_bytes, sending_s


if concurrent > 0:
    _, gc_start = gc_after_mib(0) if gc_log else (-1, 0)
    (statuses, accepted_bytes, sending_s), baseline, peak = sampled(concurrent_phase)
    gc_peak, _ = gc_after_mib(gc_start) if gc_log else (-1, 0)
    counts = " ".join("%s=%d" % (k, v) for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0])))
    print("[healthkit-upload] SUMMARY %s: %d x %d concurrent %d MB uploads: %s; accepted %.1f MB/s "
          "(accepted bytes / time from first byte to last answer, %.1f s); peak heap after GC %d MiB, "
          "heap used peak %d MiB (before %d); RSS peak %d MiB (before %d)"
          % (label, rounds, concurrent, conc_mb, counts, accepted_bytes / 1e6 / sending_s, sending_s, gc_peak,
             peak["heap"] // 1024, baseline["heap"] // 1024, peak["rss"] // 1024, baseline["rss"] // 1024))

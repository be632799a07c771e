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


def upload(mb):
    chunks, length = export(mb)
    u = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
    conn.putrequest("POST", "/api/v1/healthkit/upload")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(length))
    conn.putheader("Authorization", "Bearer " + platform.token)
    conn.endheaders()
    for c in chunks:
        conn.send(c)
    r = conn.getresponse()
    body = json.loads(r.read())
    if r.status != 202:
        sys.exit("upload answered %d %s" % (r.status, body))
    return body["data"]["upload_id"], length


def until_final(uid):
    return platform.until_completed("/api/v1/healthkit/upload-status/" + uid, 0.02)


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
t = time.perf_counter()
uid, length = upload(big_mb)
accepted = time.perf_counter() - t
done = until_final(uid)
total = time.perf_counter() - t
stop.set()
th.join()
print("[healthkit-upload] %d MB export (%d bytes): 202 after %.1f s, COMPLETED after %.1f s (%d samples)"
      % (big_mb, length, accepted, total, done["extract"]["samples"]))
print("[healthkit-upload] server during it: RSS before %d MiB, peak %d MiB; heap used before %d MiB, peak %d MiB"
      % (baseline["rss"] // 1024, peak["rss"] // 1024, baseline["heap"] // 1024, peak["heap"] // 1024))

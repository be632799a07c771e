"""Driver of health-upload.sh: sign in (seed 004 phone flow, dev codes), then upload, poll, repeat."""
import json
import random
import sys
import time
import urllib.request

base, uploads, warmup, poll_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])


def call(method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


phone = "+1415555%04d" % random.randint(1000, 9999)
started = call("POST", "/auth/start", {"phone": phone})
token = call("POST", "/auth/verify", {"phone": phone, "otp": started["dev_otp"], "session": started["session"]})[
    "access_token"]


def body(n):
    t0 = 1750118400 + n * 3600
    return {"upload_source": "apple_health", "client_timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t0)),
            "metrics": [{"metric_type": "HEART_RATE",
                         "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t0 + i)),
                         "biometric_data": {"heart_rate": 50 + i % 100}} for i in range(100)]}


latencies = []
for n in range(warmup + uploads):
    b = body(n)
    t = time.perf_counter()
    pid = call("POST", "/api/v1/health-data/upload", b, token)["data"]["processing_id"]
    while True:
        status = call("GET", "/api/v1/health-data/processing/" + pid, token=token)["data"]["status"]
        if status in ("COMPLETED", "FAILED"):
            break
        time.sleep(poll_ms / 1000)
    if status != "COMPLETED":
        sys.exit("upload %s ended %s" % (pid, status))
    if n >= warmup:
        latencies.append((time.perf_counter() - t) * 1000)

latencies.sort()
q = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))]
print("health-upload: %d uploads of 100 metrics, upload-to-COMPLETED ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f"
      % (len(latencies), q(0.50), q(0.90), q(0.99), latencies[-1]))

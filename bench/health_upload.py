"""Driver of health-upload.sh: sign in (seed 004 phone flow, dev codes), then upload, poll, repeat."""
import sys
import time

from upload_client import Platform

base, uploads, warmup, poll_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
platform = Platform(base, timeout=30).sign_in()


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
    pid = platform.call("POST", "/api/v1/health-data/upload", b)["data"]["processing_id"]
    platform.until_completed("/api/v1/health-data/processing/" + pid, poll_ms / 1000)
    if n >= warmup:
        latencies.append((time.perf_counter() - t) * 1000)

latencies.sort()
q = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))]
print("health-upload: %d uploads of 100 metrics, upload-to-COMPLETED ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f"
      % (len(latencies), q(0.50), q(0.90), q(0.99), latencies[-1]))

"""Opens N slow request bodies against a server and measures GET /healthz latency meanwhile.

    python3 bench/slow_clients.py BASE_URL [--slow 200] [--requests 500] [--path /auth/start]

Each slow client sends a POST head announcing a 200-byte JSON body, then one byte per second
(the issue-17 reproduction), and reconnects when the server ends it (408), so N stay open. While they are open, /healthz is requested sequentially on fresh
connections; p50/p99/max and the number of failures (no answer within 5 s) are printed.
"""
import argparse
import socket
import statistics
import threading
import time
import urllib.parse


class Slow:
    """Counts the slow bodies open right now and how many the server ended (408 and close)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.open = 0
        self.ended = 0

    def add(self, delta, ended=False):
        with self.lock:
            self.open += delta
            self.ended += 1 if ended else 0


def slow_client(host, port, path, stop, slow):
    """One slow body after another: when the server ends one (408 below the minimum data rate), the
    client reconnects at once, like an attacker would, so the N bodies stay open all along."""
    while not stop.is_set():
        try:
            s = socket.create_connection((host, port), timeout=5)
        except OSError:
            stop.wait(0.1)
            continue
        slow.add(1)
        try:
            s.sendall((f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       "Content-Length: 200\r\n\r\n").encode())
            while not stop.is_set():
                s.sendall(b" ")
                stop.wait(1.0)
            slow.add(-1)
        except OSError:
            slow.add(-1, ended=True)  # the server answered 408 and closed: allowed
        finally:
            s.close()


def healthz(host, port):
    start = time.perf_counter()
    s = socket.create_connection((host, port), timeout=5)
    try:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        if not data.startswith(b"HTTP/1.1 200"):
            raise OSError("status: " + data[:40].decode(errors="replace"))
        return (time.perf_counter() - start) * 1000
    finally:
        s.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--slow", type=int, default=200)
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--path", default="/auth/start")
    a = ap.parse_args()
    u = urllib.parse.urlparse(a.base)
    host, port = u.hostname, u.port
    for _ in range(50):  # warm-up
        healthz(host, port)
    stop = threading.Event()
    slow = Slow()
    threads = [threading.Thread(target=slow_client, args=(host, port, a.path, stop, slow), daemon=True)
               for _ in range(a.slow)]
    for t in threads:
        t.start()
    time.sleep(2)  # every slow body is open now
    lat, failures, open_seen = [], 0, []
    for _ in range(a.requests):
        open_seen.append(slow.open)
        try:
            lat.append(healthz(host, port))
        except OSError:
            failures += 1
    stop.set()
    lat.sort()
    print(f"slow bodies open while measuring: min {min(open_seen)}, max {max(open_seen)} of {a.slow}; "
          f"ended by the server (408) and reopened: {slow.ended}")
    if lat:
        p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
        print(f"slow bodies open: {a.slow}; /healthz answered {len(lat)}/{a.requests}, failed {failures}; "
              f"p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms, max {lat[-1]:.1f} ms")
    else:
        print(f"slow bodies open: {a.slow}; /healthz answered 0/{a.requests} (every request failed within 5 s)")


if __name__ == "__main__":
    main()

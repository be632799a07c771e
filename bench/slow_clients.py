"""Opens N slow request bodies against a server and measures GET /healthz latency meanwhile.

    python3 bench/slow_clients.py BASE_URL [--slow 200] [--requests 500] [--path /auth/start]

Each slow client sends a POST head announcing a 200-byte JSON body, then one byte per second
(the issue-17 reproduction). While they are open, /healthz is requested sequentially on fresh
connections; p50/p99/max and the number of failures (no answer within 5 s) are printed.
"""
import argparse
import socket
import statistics
import threading
import time
import urllib.parse


def slow_client(host, port, path, stop):
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall((f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "Content-Length: 200\r\n\r\n").encode())
        while not stop.is_set():
            s.sendall(b" ")
            stop.wait(1.0)
        s.close()
    except OSError:
        pass  # the server answered 408 and closed: that is allowed


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
    threads = [threading.Thread(target=slow_client, args=(host, port, a.path, stop), daemon=True)
               for _ in range(a.slow)]
    for t in threads:
        t.start()
    time.sleep(2)  # every slow body is open now
    lat, failures = [], 0
    for _ in range(a.requests):
        try:
            lat.append(healthz(host, port))
        except OSError:
            failures += 1
    stop.set()
    lat.sort()
    if lat:
        p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
        print(f"slow bodies open: {a.slow}; /healthz answered {len(lat)}/{a.requests}, failed {failures}; "
              f"p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms, max {lat[-1]:.1f} ms")
    else:
        print(f"slow bodies open: {a.slow}; /healthz answered 0/{a.requests} (every request failed within 5 s)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""GET /events/search latency on 10,000 events around several cities, beside GET /healthz.

Run by bench/events-search.sh (which starts the platform with the API limit raised and counts
the items DynamoDB read per search from the platform's log), or on a started platform with
PLATFORM_URL=http://127.0.0.1:8080 bench/events_search.py (its API limit must allow ~11,000
requests). Signs up one Motion user (dev codes), creates EVENTS events (default 10000) spread
over 60 days within 80 km of 8 cities (two of them beside the antimeridian), then runs SEARCHES
sequential searches (random center near a city, radius 1-50 mi, window 1 h - 20 days, a third
with tags) and as many GET /healthz, interleaved, and prints p50/p99 of both and a RESULT line.
"""
import concurrent.futures, http.client, json, math, os, random, statistics, subprocess, threading, time
import urllib.parse, uuid

BASE = os.environ["PLATFORM_URL"].rstrip("/")
EVENTS = int(os.environ.get("EVENTS", "10000"))
SEARCHES = int(os.environ.get("SEARCHES", "500"))
CREATORS = int(os.environ.get("CREATORS", "8"))  # concurrent callers while the set is created
CITIES = [(34.0736, -84.2814), (40.7128, -74.0060), (51.5072, -0.1276), (-0.1807, -78.4678),
          (-18.1248, 178.4501), (-16.7833, -179.9667), (35.6762, 139.6503), (-33.8688, 151.2093)]


LOCAL = threading.local()


def call(method, path, body=None, token=None):
    """One request on this thread's keep-alive connection (reopened once if the server closed it)."""
    headers = {}
    data = None if body is None else json.dumps(body).encode()
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    for attempt in (1, 2):
        conn = getattr(LOCAL, "conn", None)
        if conn is None:
            u = urllib.parse.urlsplit(BASE)
            conn = LOCAL.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        try:
            conn.request(method, path, body=data, headers=headers)
            r = conn.getresponse()
            raw = r.read()
            return r.status, json.loads(raw or b"null")
        except (http.client.HTTPException, ConnectionError) as e:
            conn.close()
            LOCAL.conn = None
            if attempt == 2:
                raise SystemExit("%s %s failed: %s" % (method, path, e))


def around(rnd, lat, lng, max_m):
    d = rnd.random() * max_m / 6371008.8
    b = rnd.random() * 2 * math.pi
    la1, lo1 = math.radians(lat), math.radians(lng)
    la2 = math.asin(math.sin(la1) * math.cos(d) + math.cos(la1) * math.sin(d) * math.cos(b))
    lo2 = lo1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(la1), math.cos(d) - math.sin(la1) * math.sin(la2))
    lng2 = (math.degrees(lo2) + 540) % 360 - 180
    return round(math.degrees(la2), 6), round(lng2, 6)


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    email = "bench-%s@example.com" % uuid.uuid4().hex[:10]
    pw = "Str0ng!Passw0rd"
    s, up = call("POST", "/auth/signup", {"email": email, "password": pw})
    if s not in (200, 201):
        raise SystemExit("signup failed: %s %s" % (s, up))
    call("POST", "/auth/confirm-signup", {"email": email, "code": up["dev_code"]})
    token = call("POST", "/auth/signin", {"email": email, "password": pw})[1]["accessToken"]
    rnd = random.Random(7)
    epoch = 1756684800  # 2025-09-01
    t0 = time.time()
    bodies = []
    for i in range(EVENTS):  # drawn in order from the seeded generator: the same set every run
        lat, lng = around(rnd, *CITIES[i % len(CITIES)], 80000)
        start = epoch + rnd.randrange(60 * 86400)
        bodies.append({"name": "Bench %d" % i, "dateTime": iso(start), "endTime": start + 3600,
                       "coordinates": {"lat": lat, "lng": lng}, "tags": ["music" if i % 3 == 0 else "market"]})

    def create(body):
        s, r = call("POST", "/events", body, token)
        if s != 201:
            raise SystemExit("create failed: %s %s" % (s, r))

    with concurrent.futures.ThreadPoolExecutor(CREATORS) as pool:
        for _ in pool.map(create, bodies):
            pass
    print("created %d events in %.1f s (%d concurrent callers)" % (EVENTS, time.time() - t0, CREATORS), flush=True)
    search_ms, health_ms, hits = [], [], []
    for q in range(SEARCHES):
        lat, lng = around(rnd, *CITIES[q % len(CITIES)], 60000)
        start = epoch + rnd.randrange(55 * 86400)
        end = start + 3600 * (1 + rnd.randrange(24 * 20))
        path = "/events/search?lat=%s&lng=%s&radiusMiles=%.1f&startTime=%s&endTime=%s&limit=100%s" % (
            lat, lng, 1 + rnd.random() * 49, iso(start), iso(end), "&tags=music" if q % 3 == 0 else "")
        a = time.perf_counter()
        s, r = call("GET", path)
        search_ms.append((time.perf_counter() - a) * 1000)
        if s != 200:
            raise SystemExit("search failed: %s %s" % (s, r))
        hits.append(r["count"])
        a = time.perf_counter()
        call("GET", "/healthz")
        health_ms.append((time.perf_counter() - a) * 1000)
    print("%-16s %8s %8s %8s" % ("sequential", "p50 ms", "p99 ms", "n"))
    print("%-16s %8.2f %8.2f %8d" % ("/events/search", pct(search_ms, 50), pct(search_ms, 99), len(search_ms)))
    print("%-16s %8.2f %8.2f %8d" % ("/healthz", pct(health_ms, 50), pct(health_ms, 99), len(health_ms)))
    print("hits per search: median %d, max %d" % (statistics.median(hits), max(hits)))
    print("RESULT search_p50_ms=%.2f search_p99_ms=%.2f healthz_p50_ms=%.2f healthz_p99_ms=%.2f n=%d" % (
        pct(search_ms, 50), pct(search_ms, 99), pct(health_ms, 50), pct(health_ms, 99), len(search_ms)), flush=True)
    try:
        pid = os.environ.get("PLATFORM_PID")
        if pid:
            print(subprocess.run(["jcmd", pid, "VM.flags"], capture_output=True, text=True).stdout.strip())
    except OSError:
        pass


if __name__ == "__main__":
    main()

"""A stand-in Strava for bench/webhooks.sh: the token exchange answers one athlete, every
activity exists and accepts its rename. Prints `STUB port=N` once listening; counts renames."""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ATHLETE = int(sys.argv[1])
renames = 0


class Strava(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def drain(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)

    def do_POST(self):
        self.drain()
        self.answer({"token_type": "Bearer", "access_token": "bench-access", "refresh_token": "bench-refresh",
                     "expires_at": int(time.time()) + 6 * 3600, "athlete": {"id": ATHLETE}})

    def do_GET(self):
        activity = int(self.path.rsplit("/", 1)[-1].split("?")[0])
        self.answer({"id": activity, "name": "Morning Run", "sport_type": "Run", "distance": 10230.5,
                     "moving_time": 3120, "start_date_local": "2026-12-01T07:10:00Z"})

    def do_PUT(self):
        global renames
        self.drain()
        renames += 1
        self.answer({"id": int(self.path.rsplit("/", 1)[-1])})


server = ThreadingHTTPServer(("127.0.0.1", 0), Strava)
print(f"STUB port={server.server_address[1]}", flush=True)
server.serve_forever()

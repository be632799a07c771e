"""What the upload drivers (health_upload.py, healthkit_upload.py) share: JSON calls on the
platform, a phone sign-in (seed 004 flow, dev codes) and polling a status until it is final."""
import json
import random
import sys
import time
import urllib.request


class Platform:
    def __init__(self, base, timeout):
        self.base, self.timeout, self.token = base, timeout, None

    def call(self, method, path, body=None):
        """One JSON call, with the bearer once signed in; the answer's JSON."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        with urllib.request.urlopen(req, timeout=self.timeout) as r:
            return json.loads(r.read())

    def sign_in(self):
        """A new phone user; its access token is sent from now on."""
        phone = "+1415555%04d" % random.randint(1000, 9999)
        started = self.call("POST", "/auth/start", {"phone": phone})
        self.token = self.call("POST", "/auth/verify", {"phone": phone, "otp": started["dev_otp"],
                                                        "session": started["session"]})["access_token"]
        return self

    def until_completed(self, status_path, poll_s):
        """Polls `status_path` every `poll_s` until final; the data of COMPLETED, else exits."""
        while True:
            data = self.call("GET", status_path)["data"]
            if data["status"] in ("COMPLETED", "FAILED"):
                if data["status"] != "COMPLETED":
                    sys.exit("%s ended %s: %s" % (status_path, data["status"], data.get("error")))
                return data
            time.sleep(poll_s)

"""Objects the fuzzing user owns or may act on, for operations whose ids a fuzzer cannot guess.

Used by platform_auth.py's before_call/after_call hooks. A generated id names nothing (404 only),
so without these the operations below were never fuzzed past 404:

- offers_accept / offers_decline get a PENDING offer that a second user made on an item of the
  fuzzing user (the seller may answer it), offers_withdraw one the fuzzing user made on the second
  user's item (the buyer may withdraw it), new for every case (an answered offer is 409);
- offers_create gets an ACTIVE item of the second user (the fuzzing user's own is 403, a generated
  id 404), so the stateful phase has a real offer to follow the contract's links from;
- pat_getAnalysis gets an analysis of the fuzzing user, events_getAiEvent a saved AI event,
  healthData_getProcessing an upload of the fuzzing user, healthData_delete a new one per case
  (a deleted upload is 404 again), items_get an item of the fuzzing user, offers_list the item of
  the second user the fuzzing user made an offer on;
- healthkit_completeUpload gets a presigned HealthKit upload of the fuzzing user whose export was
  PUT to its URL (completing answers 404 until something was PUT, which only the client does,
  outside the API): a new one per case, or, when a link carries the id of an upload this run's
  healthkit_initUpload answered, that upload with bytes of its declared size PUT first.

An id the server answered during this run (recorded by `remember`, e.g. what a link carries from
offers_create to offers_accept in the stateful phase) is kept as it is, and an id that breaks its
schema stays as generated (negative case).
"""
import re
import secrets
import urllib.request

ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
OFFER_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
PROCESSING_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
EVENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")

AS_SELLER = {"offers_accept", "offers_decline"}
AS_BUYER = {"offers_withdraw"}
# operationId -> (path parameter, its pattern)
PATH_IDS = {
    "offers_accept": ("offer_id", OFFER_ID),
    "offers_decline": ("offer_id", OFFER_ID),
    "offers_withdraw": ("offer_id", OFFER_ID),
    "pat_getAnalysis": ("processing_id", PROCESSING_ID),
    "events_getAiEvent": ("eventId", EVENT_ID),
    "healthData_getProcessing": ("processing_id", PROCESSING_ID),
    "healthData_delete": ("processing_id", PROCESSING_ID),
    "items_get": ("item_id", ITEM_ID),
    "healthkit_completeUpload": ("upload_id", PROCESSING_ID),
}
# answer members that name an object (top level or under `data`)
ID_MEMBERS = ("offer_id", "processing_id", "item_id", "eventId", "upload_id")


class Objects:
    def __init__(self, post, retried, shared_token, mint_token):
        self._post = post
        self._retried = retried
        self._shared = shared_token
        self._mint = mint_token
        self._other = None
        self._analysis = None
        self._ai_event = None
        self._upload = None
        self._item = None
        self._offered_item = None
        self.answered = set()
        # upload_id -> (upload_url, required_headers, file_size) of presigned uploads this run was answered
        self._presigned = {}

    def other_token(self):
        """A second confirmed user, the other side of the fuzzing user's offers (made on first use)."""
        if self._other is None:
            self._other = self._retried("sign up a second user", self._mint)
        return self._other

    def new_item(self, token):
        """A new ACTIVE item of `token`'s user: (item_id, ETag)."""
        own = f"fz{secrets.token_hex(8)}"
        _, headers = self._retried("create an item", lambda: self._post(
            "/items", {"item_id": own, "name": "Fuzz item", "price": 1}, token, True))
        return own, headers.get("ETag")

    def new_offer(self, seller, buyer):
        """A PENDING offer of `buyer` on a new item of `seller`: (offer_id, item_id)."""
        item, _ = self.new_item(seller)
        offer = self._retried("make an offer", lambda: self._post(
            "/offers", {"item_id": item, "amount": 1}, buyer))["offer_id"]
        return offer, item

    def analysis(self):
        if self._analysis is None:
            body = {"sampling_rate": 1.0, "duration_hours": 1, "data_points": [
                {"timestamp": "2025-06-16T22:00:00Z", "value": 120},
                {"timestamp": "2025-06-16T22:01:00Z", "value": 0}]}
            self._analysis = self._retried("analyse actigraphy", lambda: self._post(
                "/api/v1/pat/analyze", body, self._shared))["data"]["processing_id"]
        return self._analysis

    def ai_event(self):
        if self._ai_event is None:
            event_id = f"fuzz-ai-{secrets.token_hex(6)}"
            body = {"source": "ai", "eventId": event_id, "event": {
                "title": "Fuzz art walk", "start_date": "2025-10-02", "timezone": "America/New_York",
                "source_url": "https://example.com/events/fuzz"}}
            self._retried("save an AI event", lambda: self._post("/users/saved-events", body, self._shared))
            self._ai_event = event_id
        return self._ai_event

    def new_upload(self):
        """A new health data upload of the fuzzing user (one heart rate metric): its processing_id."""
        body = {"upload_source": "apple_health", "client_timestamp": "2025-06-17T10:30:00Z", "metrics": [
            {"metric_type": "HEART_RATE", "created_at": "2025-06-17T10:29:00Z", "biometric_data": {"heart_rate": 72}}]}
        return self._retried("upload health data", lambda: self._post(
            "/api/v1/health-data/upload", body, self._shared))["data"]["processing_id"]

    def put_export(self, url, headers, size):
        """PUTs `size` bytes to a presigned URL: an empty HealthKit export padded with spaces (JSON
        allows them) when it fits, else spaces; the worker judges the export, the PUT only has to
        match the signed length."""
        export = b'{"export_date":"2025-06-17T10:30:00Z","samples":[]}'
        body = export + b" " * (size - len(export)) if size >= len(export) else b" " * size
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        with urllib.request.urlopen(request, timeout=60):
            pass

    def presigned_upload(self):
        """A new presigned HealthKit upload of the fuzzing user, its export PUT: its upload_id."""
        def upload():
            data = self._post("/api/v1/healthkit/upload-url", {"file_size": 64}, self._shared)["data"]
            self.put_export(data["upload_url"], data["required_headers"], 64)
            return data["upload_id"]
        return self._retried("upload a HealthKit export", upload)

    def _replacement(self, operation_id):
        if operation_id in AS_SELLER:
            return self.new_offer(seller=self._shared, buyer=self.other_token())[0]
        if operation_id in AS_BUYER:
            return self.new_offer(seller=self.other_token(), buyer=self._shared)[0]
        if operation_id == "items_get":
            if self._item is None:
                self._item = self.new_item(self._shared)[0]
            return self._item
        if operation_id == "pat_getAnalysis":
            return self.analysis()
        if operation_id == "healthData_getProcessing":
            if self._upload is None:
                self._upload = self.new_upload()
            return self._upload
        if operation_id == "healthData_delete":
            return self.new_upload()
        if operation_id == "healthkit_completeUpload":
            return self.presigned_upload()
        return self.ai_event()

    def prepare(self, operation_id, case):
        """Points the case at a real object (see the module's doc); True when it handled the operation."""
        if operation_id == "offers_create":
            body = case.body
            if isinstance(body, dict) and isinstance(body.get("item_id"), str) and ITEM_ID.match(body["item_id"]) \
                    and body["item_id"] not in self.answered:
                item, _ = self.new_item(self.other_token())
                case.body = {**body, "item_id": item}
            return True
        if operation_id == "offers_list":
            query = case.query or {}
            value = query.get("item_id")
            if isinstance(value, str) and ITEM_ID.match(value) and value not in self.answered:
                if self._offered_item is None:
                    self._offered_item = self.new_offer(seller=self.other_token(), buyer=self._shared)[1]
                case.query = {**query, "item_id": self._offered_item}
            return True
        if operation_id not in PATH_IDS:
            return False
        name, pattern = PATH_IDS[operation_id]
        values = case.path_parameters or {}
        value = values.get(name)
        if operation_id == "healthkit_completeUpload" and value in self._presigned:
            url, headers, size = self._presigned.pop(value)  # once: completing again answers its status
            self._retried("PUT a HealthKit export", lambda: self.put_export(url, headers, size))
            return True
        if isinstance(value, str) and pattern.match(value) and value not in self.answered:
            case.path_parameters = {**values, name: self._replacement(operation_id)}
        return True

    def remember(self, response):
        """Records the ids a 2xx answer names, so a link that carries one to the next call keeps it."""
        if not 200 <= response.status_code < 300:
            return
        try:
            body = response.json()
        except Exception:  # not JSON (or empty): nothing to remember
            return
        for node in (body, body.get("data") if isinstance(body, dict) else None):
            if isinstance(node, dict) and isinstance(node.get("upload_url"), str) \
                    and isinstance(node.get("upload_id"), str) and isinstance(node.get("required_headers"), dict):
                size = int(node["required_headers"].get("Content-Length", "0"))
                self._presigned[node["upload_id"]] = (node["upload_url"], node["required_headers"], size)
            if isinstance(node, dict):
                for member in ID_MEMBERS:
                    if isinstance(node.get(member), str):
                        self.answered.add(node[member])

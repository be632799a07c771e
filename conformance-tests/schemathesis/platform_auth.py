"""Schemathesis hooks: a real bearer token for every secured operation.

Loaded by run.sh (SCHEMATHESIS_HOOKS=platform_auth). The platform runs in the `dev` stage, where
sign-up answers carry the confirmation code (`dev_code`), so a fresh user can be signed up,
confirmed and signed in over plain HTTP before fuzzing starts:

    POST /auth/signup -> POST /auth/confirm-signup -> POST /auth/signin -> accessToken

One user serves the whole run, so the stateful phase can chain what that user creates (items,
offers, echoes); run.sh passes the same FUZZ_EMAIL/FUZZ_PASSWORD to every seed it runs on one
platform, so a later seed is that same user too (a new user per seed met the items an earlier seed
had created under the same generated ids as someone else's: items_update answered 403 only).
Operations that end the session they are called with get a token of their own, minted per call,
so they never revoke the shared one.

The shared user's address never reaches the operations that name an account by the email in their
body (security: [], sign-in, forgot-password, ...): the fuzzing phase reuses values from earlier
answers (Schemathesis' extra data source `responses`, on by default), account_getMe answers that
address, and fuzzed sign-ins with it and generated passwords locked the account (5 failures, then
429 with a Retry-After of 30 s doubling up to an hour). The next seed's sign-in below then failed
the hooks with 429 (the 4th of seeds 20261203 20261204 33477976 61602106 at 80 examples). Those
operations get a decoy's address instead: a second confirmed account per seed, so the fuzzer still
meets a real account, its 401s and its lockout.
"""
import base64
import json
import os
import re
import secrets
import sys
import time
import urllib.error
import urllib.request

import schemathesis

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from platform_objects import Objects  # noqa: E402 (found next to this file)

BASE_URL = os.environ["PLATFORM_URL"].rstrip("/")

# operationIds whose success invalidates the calling token
SESSION_ENDING = {"auth_logout", "account_logout"}
# operations on one item of the caller: generated ids name nobody's item or someone else's (403)
OWN_ITEM = {"items_update", "items_delete"}
# Echoes operations on one echo of the caller: a generated UUID names nothing (404 only). save gets
# an uploaded (unsaved) echo, get/delete a saved one, made with the shared token just before the call.
UPLOADED_ECHO = {"echoes_save"}
SAVED_ECHO = {"echoes_get", "echoes_delete"}
ECHO_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# If-Match as the contract allows it (1-64 characters); a generated one outside that stays (negative case)
IF_MATCH_LENGTH = range(1, 65)


def _post(path, body, token=None, with_headers=False):
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(BASE_URL + path, data=json.dumps(body).encode(), method="POST",
                                     headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
        parsed = json.loads(text) if text else {}
        return (parsed, response.headers) if with_headers else parsed


def _sign_up(email, password):
    """Signs up and confirms `email`; an address that exists already (an earlier seed) is left as it is."""
    try:
        signup = _post("/auth/signup", {"email": email, "password": password})
    except urllib.error.HTTPError as error:
        if error.code == 409:
            return
        raise
    code = signup.get("dev_code")
    if not code:
        raise RuntimeError("sign-up answered without dev_code: the platform must run in the dev stage")
    _post("/auth/confirm-signup", {"email": email, "code": code})


def _new_email(kind="fuzz"):
    return f"{kind}-{secrets.token_hex(6)}@example.com"


def _new_password():
    return f"Fz-{secrets.token_hex(8)}-Q7!"


def mint_token(email=None, password=None):
    """An access token of a confirmed user: the given one, or a new one (fails loudly if sign-in is broken)."""
    email = email or _new_email()
    password = password or _new_password()
    _sign_up(email, password)
    return _post("/auth/signin", {"email": email, "password": password})["accessToken"]


# one token for the run (well within the access-token lifetime); session-ending calls mint their own
# Minted when the hooks load (the platform is up by then), so every generated case has it.
SHARED_EMAIL = os.environ.get("FUZZ_EMAIL") or _new_email()
SHARED_TOKEN = mint_token(SHARED_EMAIL, os.environ.get("FUZZ_PASSWORD") or _new_password())
# the account the unauthenticated operations meet instead of the shared user (see the module doc);
# confirmed, never signed in, so its address is in no answer
DECOY_EMAIL = _new_email("fuzz-decoy")
_sign_up(DECOY_EMAIL, _new_password())


def _is_shared_email(value):
    """True for the shared user's address as the server reads it (EmailAddresses.normalize: strip, lower case)."""
    return isinstance(value, str) and value.strip().lower() == SHARED_EMAIL.strip().lower()


def _divert_shared_email(case):
    """In the JSON body of an unauthenticated operation, the shared user's address becomes the decoy's."""
    body = case.body
    if isinstance(body, dict):
        for name, value in body.items():
            if _is_shared_email(value):
                body[name] = DECOY_EMAIL


def _token_subject(token):
    """The `sub` of a JWT (the payload is base64url JSON; the platform verifies, the fuzzer only reads)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"]


# a user's own history and metrics (the caller's id; another user's is the conformance suite's 403)
OWN_USER_ID = {"insights_history", "metrics_user"}
USER_ID = re.compile(r"^[A-Za-z0-9_:.-]{1,128}$")
SHARED_USER_ID = _token_subject(SHARED_TOKEN)


@schemathesis.auth(refresh_interval=600)
class PlatformBearer:
    def get(self, case, ctx):
        return SHARED_TOKEN

    def set(self, case, data, ctx):
        operation_id = case.operation.definition.raw.get("operationId")
        token = mint_token() if operation_id in SESSION_ENDING else data
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


def _retried(what, call):
    """`call()` with a few retries: a loaded machine can answer 503 or time out once."""
    last = None
    for attempt in range(4):
        try:
            return call()
        except OSError as error:
            last = error
            time.sleep(0.5 * (attempt + 1))
    raise RuntimeError(f"could not {what}: {last}")


# offers, analyses and AI events of the fuzzing user (platform_objects.py)
OBJECTS = Objects(_post, _retried, SHARED_TOKEN, mint_token)


def _owned_item():
    """A new item of the shared user: (item_id, ETag). A silently skipped create would leave the
    case on a generated id (someone else's item: 403), and enough of those fail the run as missing auth."""
    return OBJECTS.new_item(SHARED_TOKEN)


def _uploaded_echo():
    """An echo id of the shared user with its audio uploaded through the presigned PUT, not saved."""
    def upload():
        init = _post("/api/v1/echoes/init-upload",
                     {"file_extension": "webm", "content_type": "audio/webm", "file_size": 64}, SHARED_TOKEN)
        put = urllib.request.Request(init["upload_url"], data=bytes(64), method="PUT",
                                     headers=init["required_headers"])
        with urllib.request.urlopen(put, timeout=30):
            pass
        return init["echo_id"]
    return _retried("upload an echo", upload)


def _saved_echo():
    echo_id = _uploaded_echo()
    _retried("save an echo", lambda: _post(f"/api/v1/echoes?echo_id={echo_id}", {"emotion": "calm"}, SHARED_TOKEN))
    return echo_id


def _own_echo(operation_id, case):
    """Points echo_id (query for save, path for get/delete) at an echo of the shared user."""
    container = "query" if operation_id in UPLOADED_ECHO else "path_parameters"
    values = getattr(case, container) or {}
    echo_id = values.get("echo_id")
    if not isinstance(echo_id, str) or not ECHO_ID.match(echo_id):
        return  # a malformed id stays as generated (negative case)
    own = _uploaded_echo() if operation_id in UPLOADED_ECHO else _saved_echo()
    setattr(case, container, {**values, "echo_id": own})


@schemathesis.hook
def before_call(context, case, kwargs):
    """The decoy's address for the shared user's in unauthenticated operations (module doc); offers,
    PAT analyses and AI events the fuzzing user may act on (platform_objects.py); Echoes
    save/get/delete on an echo of the token's user (see `_own_echo`), and
    PATCH/DELETE /items/{item_id} on an item the token's user owns (a new one per case), in every
    phase (examples, coverage, fuzzing, stateful: `map_path_parameters` reaches the fuzzing phase
    only), so these operations are fuzzed past the ownership check. A generated If-Match becomes the
    new item's ETag, so the update logic is reached too (428 without If-Match is still fuzzed; 412 is
    the conformance suite's). Ids and If-Match values that break their schema stay as generated
    (negative cases)."""
    operation = context.operation
    operation_id = operation.definition.raw.get("operationId") if operation is not None else None
    if operation is not None and operation.definition.raw.get("security") == []:
        _divert_shared_email(case)
    if OBJECTS.prepare(operation_id, case):
        return
    if operation_id in UPLOADED_ECHO or operation_id in SAVED_ECHO:
        _own_echo(operation_id, case)
        return
    if operation_id in OWN_USER_ID:
        user_id = (case.path_parameters or {}).get("user_id")
        if isinstance(user_id, str) and USER_ID.match(user_id):
            case.path_parameters = {**case.path_parameters, "user_id": SHARED_USER_ID}
        return
    if operation_id not in OWN_ITEM:
        return
    item_id = (case.path_parameters or {}).get("item_id")
    if not isinstance(item_id, str) or not ITEM_ID.match(item_id) or item_id in OBJECTS.answered:
        return  # malformed (negative case), or an item this run created that a link carries on
    own, etag = _owned_item()
    case.path_parameters = {**case.path_parameters, "item_id": own}
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "if-match" and isinstance(headers[name], str) and len(headers[name]) in IF_MATCH_LENGTH and etag:
            headers[name] = etag
    case.headers = headers


@schemathesis.hook
def after_call(context, case, response):
    """Remembers the ids the server answered, so before_call keeps those a link carries."""
    OBJECTS.remember(response)

"""Schemathesis hooks: a real bearer token for every secured operation.

Loaded by run.sh (SCHEMATHESIS_HOOKS=platform_auth). The platform runs in the `dev` stage, where
sign-up answers carry the confirmation code (`dev_code`), so a fresh user can be signed up,
confirmed and signed in over plain HTTP before fuzzing starts:

    POST /auth/signup -> POST /auth/confirm-signup -> POST /auth/signin -> accessToken

One token (one user) serves the whole run, so the stateful phase can chain what that user
creates (items, offers, echoes). Operations that end the session they are called with get a token
of their own, minted per call, so they never revoke the shared one.
"""
import json
import os
import re
import secrets
import sys
import time
import urllib.request

import schemathesis

BASE_URL = os.environ["PLATFORM_URL"].rstrip("/")

# operationIds whose success invalidates the calling token
SESSION_ENDING = {"auth_logout", "account_logout"}
# operations on one item of the caller: generated ids name nobody's item or someone else's (403)
OWN_ITEM = {"items_update", "items_delete"}
ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _post(path, body, token=None):
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(BASE_URL + path, data=json.dumps(body).encode(), method="POST",
                                     headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
        return json.loads(text) if text else {}


def mint_token():
    """A new confirmed user and its access token (fails the run loudly if sign-in is broken)."""
    email = f"fuzz-{secrets.token_hex(6)}@example.com"
    password = f"Fz-{secrets.token_hex(8)}-Q7!"
    signup = _post("/auth/signup", {"email": email, "password": password})
    code = signup.get("dev_code")
    if not code:
        raise RuntimeError("sign-up answered without dev_code: the platform must run in the dev stage")
    _post("/auth/confirm-signup", {"email": email, "code": code})
    return _post("/auth/signin", {"email": email, "password": password})["accessToken"]


# one token for the run (well within the access-token lifetime); session-ending calls mint their own
# Minted when the hooks load (the platform is up by then), so path-parameter mapping below has
# the token from the first generated case on, not only after the first call.
SHARED_TOKEN = mint_token()


@schemathesis.auth(refresh_interval=600)
class PlatformBearer:
    def get(self, case, ctx):
        return SHARED_TOKEN

    def set(self, case, data, ctx):
        operation_id = case.operation.definition.raw.get("operationId")
        token = mint_token() if operation_id in SESSION_ENDING else data
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


@schemathesis.hook
def map_path_parameters(context, path_parameters):
    """PATCH/DELETE /items/{item_id} on an item the token's user owns (a new one per case), so
    these operations are fuzzed past the ownership check; ids that break the pattern stay as
    generated (negative cases)."""
    operation = context.operation
    if operation is None or operation.definition.raw.get("operationId") not in OWN_ITEM:
        return path_parameters
    item_id = path_parameters.get("item_id") if path_parameters else None
    if not isinstance(item_id, str) or not ITEM_ID.match(item_id):
        return path_parameters
    own = f"fz{secrets.token_hex(8)}"
    # On a loaded machine the create can meet a 503 (store slow) or a timeout; a silently skipped
    # create would leave the case on a generated id (someone else's item: 403), and enough of those
    # fail the run as "missing auth". Retry a few times, and say so when it still fails.
    for attempt in range(4):
        try:
            _post("/items", {"item_id": own, "name": "Fuzz item", "price": 1}, SHARED_TOKEN)
            return {**path_parameters, "item_id": own}
        except OSError as error:
            last = error
            time.sleep(0.5 * (attempt + 1))
    print(f"[platform_auth] could not create an owned item for {operation.label}: {last}", file=sys.stderr)
    return path_parameters  # the case runs with its generated id

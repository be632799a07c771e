import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { createPlatformClient, memoryTokenStore, SessionEndedError, UnauthorizedProblem } from "../../src/index.js";
import { json, startFake } from "../support/servers.js";

const NOW = 1_800_000_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** DELETE /api/v1/echoes/*: 204 for the new token, 401 otherwise; /auth/refresh as given. */
async function setup(refresh: "ok" | "refused", refreshDelayMs = 0) {
  const fake = await startFake(async (req, res) => {
    if (req.path === "/auth/refresh") {
      await new Promise((r) => setTimeout(r, refreshDelayMs));
      if (refresh === "refused") {
        return json(res, 401, { type: "/problems/invalid-refresh-token", title: "Invalid refresh token", status: 401 });
      }
      return json(res, 200, { access_token: "new-access", refresh_token: "new-refresh", id_token: "id", expires_in: 3600, token_type: "Bearer" });
    }
    if (req.headers.authorization === "Bearer new-access") {
      res.writeHead(204);
      return res.end();
    }
    return json(res, 401, { type: "/problems/unauthorized", title: "Authentication required", status: 401 });
  });
  closers.push(fake.close);
  const store = memoryTokenStore();
  const client = createPlatformClient({ baseUrl: fake.url, tokenStore: store, now: () => NOW });
  const del = (id: string) => client.api.DELETE("/api/v1/echoes/{echo_id}", { params: { path: { echo_id: id } } });
  return { fake, store, client, del };
}

test("20 parallel calls hitting 401 share exactly one refresh and all succeed", async () => {
  const { fake, store, client, del } = await setup("ok", 200);
  await store.save({ accessToken: "old-access", refreshToken: "old-refresh", expiresAt: NOW + 3600 });

  await Promise.all(Array.from({ length: 20 }, (_, i) => del(`e${i}`)));

  assert.equal(fake.seen.filter((s) => s.path === "/auth/refresh").length, 1);
  assert.equal(fake.seen.filter((s) => s.method === "DELETE" && s.headers.authorization === "Bearer new-access").length, 20);
  assert.equal(client.session.refreshCount, 1);
  assert.equal((await store.load())!.refreshToken, "new-refresh");
});

test("a token close to exp is refreshed before the call is sent", async () => {
  const { fake, store, del } = await setup("ok");
  await store.save({ accessToken: "old-access", refreshToken: "old-refresh", expiresAt: NOW + 30 });
  await del("e1");
  assert.equal(fake.seen.filter((s) => s.headers.authorization === "Bearer old-access").length, 0);
  assert.equal(fake.seen.filter((s) => s.path === "/auth/refresh").length, 1);
});

test("a refused refresh ends the session with SessionEndedError and clears the store", async () => {
  const { store, client, del } = await setup("refused");
  let ended = 0;
  client.session.onSessionEnded(() => ended++);
  await store.save({ accessToken: "old-access", refreshToken: "old-refresh", expiresAt: NOW + 3600 });
  await assert.rejects(del("e1"), (e) => e instanceof SessionEndedError && e.type === "/problems/invalid-refresh-token");
  assert.equal(await client.session.isSignedIn(), false);
  assert.equal(ended, 1);
  await assert.rejects(del("e2"), (e) => e instanceof UnauthorizedProblem && !(e instanceof SessionEndedError));
});

test("public operations never carry the token", async () => {
  const fake = await startFake((_req, res) => json(res, 200, { session: "s", phone: "+919812345678" }));
  closers.push(fake.close);
  const store = memoryTokenStore();
  await store.save({ accessToken: "a", refreshToken: "r", expiresAt: NOW + 3600 });
  const client = createPlatformClient({ baseUrl: fake.url, tokenStore: store, now: () => NOW });
  await client.session.startPhoneSignIn("+919812345678");
  assert.equal(fake.seen[0].headers.authorization, undefined);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { ConflictProblem, createPlatformClient, PreconditionProblem, SessionEndedError, toArray } from "../../src/index.js";
import { id, phone, PLATFORM_URL, signedInByPhone } from "./support.js";

test("seed 004's runbook from Node: start, verify, create, get, refresh, healthz, then an offer to a sale", async () => {
  const seller = createPlatformClient({ baseUrl: PLATFORM_URL });
  const number = phone();
  const started = await seller.session.startPhoneSignIn(number);
  assert.equal(started.phone, number);
  assert.match(started.dev_otp!, /^\d{6}$/);
  await seller.session.verifyPhoneSignIn(started, started.dev_otp!);

  const itemId = id("demo");
  const created = await seller.items.create({ item_id: itemId, name: "Sample", price: 19.99 });
  assert.ok(created.etag);
  const read = await seller.items.get(itemId);
  assert.equal(read.value.name, "Sample");
  assert.equal(read.etag, created.etag);

  const before = (await seller.session.tokens())!;
  const after = await seller.session.refresh();
  assert.notEqual(after.refreshToken, before.refreshToken);
  assert.equal((await seller.items.get(itemId)).value.item_id, itemId);

  assert.equal((await seller.api.GET("/healthz")).data!.status, "ok");

  const buyer = await signedInByPhone();
  const offer = (await buyer.api.POST("/offers", {
    body: { item_id: itemId, amount: 15 },
    params: { header: { "Idempotency-Key": id("key") } },
  })).data!;
  const offers = await toArray(seller.pages.offers({ item_id: itemId }));
  assert.deepEqual(offers.map((o) => o.offer_id), [offer.offer_id]);
  const accepted = (await seller.api.POST("/offers/{offer_id}/accept", { params: { path: { offer_id: offer.offer_id } } })).data!;
  assert.equal(accepted.status, "ACCEPTED");
  assert.equal((await seller.items.get(itemId)).value.status, "SOLD");
  await assert.rejects(seller.items.update(itemId, { price: 1 }), ConflictProblem);

  await seller.session.signOut();
  assert.equal(await seller.session.isSignedIn(), false);
});

test("a stale ETag is a PreconditionProblem; cursor pages cover every item", async () => {
  const c = await signedInByPhone();
  const prefix = id("page");
  for (let i = 0; i < 3; i++) await c.items.create({ item_id: `${prefix}-${i}`, name: `Lamp ${prefix} ${i}`, price: 10 + i });
  const mine = await toArray(c.pages.items({ owner: "me", limit: 2 }));
  assert.deepEqual(mine.map((i) => i.item_id).sort(), [0, 1, 2].map((i) => `${prefix}-${i}`));
  const v1 = await c.items.get(`${prefix}-0`);
  await c.items.update(`${prefix}-0`, { name: "Renamed" });
  await assert.rejects(c.items.update(v1, { name: "Lost race" }), (e) => e instanceof PreconditionProblem && e.status === 412);
});

test("20 parallel calls with a refused access token share one real refresh; sign-out elsewhere ends the session", async () => {
  const c = await signedInByPhone();
  const real = (await c.session.tokens())!;
  await c.session.attach({ ...real, accessToken: "not-a-valid.jwt.token", expiresAt: Number.MAX_SAFE_INTEGER });
  const profiles = await Promise.all(Array.from({ length: 20 }, () => c.api.GET("/user/profile")));
  assert.equal(new Set(profiles.map((p) => p.data!.user_id)).size, 1);
  assert.equal(c.session.refreshCount, 1);

  const tablet = createPlatformClient({ baseUrl: PLATFORM_URL });
  await tablet.session.attach((await c.session.tokens())!);
  await c.session.signOut();
  await assert.rejects(tablet.api.GET("/user/profile"), SessionEndedError);
  assert.equal(await tablet.session.isSignedIn(), false);
});

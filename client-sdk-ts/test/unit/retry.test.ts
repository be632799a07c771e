import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { createPlatformClient, RateLimitedProblem, UnavailableProblem } from "../../src/index.js";
import { json, startFake } from "../support/servers.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup(answers: ((res: import("node:http").ServerResponse) => void)[]) {
  let n = 0;
  const fake = await startFake((_req, res) => (answers[Math.min(n++, answers.length - 1)])(res));
  closers.push(fake.close);
  const waits: number[] = [];
  const client = createPlatformClient({
    baseUrl: fake.url,
    retry: { sleep: async (ms) => { waits.push(ms); } },
  });
  return { fake, waits, client };
}

const ok = (res: import("node:http").ServerResponse) => json(res, 200, { status: "ok" });
const problem = (status: number, headers: Record<string, string> = {}) => (res: import("node:http").ServerResponse) =>
  json(res, status, { type: "/problems/x", title: "T", status }, headers);
const reset = (res: import("node:http").ServerResponse) => res.socket!.destroy();

test("a 429 with Retry-After is waited out, then the GET succeeds", async () => {
  const { fake, waits, client } = await setup([problem(429, { "Retry-After": "2" }), ok]);
  const { data } = await client.api.GET("/healthz");
  assert.equal(data!.status, "ok");
  assert.equal(fake.seen.length, 2);
  assert.deepEqual(waits, [2000]);
});

test("a 503 without Retry-After backs off, then the GET succeeds", async () => {
  const { fake, waits, client } = await setup([problem(503), ok]);
  await client.api.GET("/healthz");
  assert.equal(fake.seen.length, 2);
  assert.equal(waits.length, 1);
  assert.ok(waits[0] >= 100 && waits[0] <= 200, `backoff ${waits[0]}`);
});

test("a reset connection is retried for a GET", async () => {
  const { fake, client } = await setup([reset, ok]);
  await client.api.GET("/healthz");
  assert.equal(fake.seen.length, 2);
});

test("a persistent 503 gives up after 3 attempts with a typed problem", async () => {
  const { fake, client } = await setup([problem(503, { "Retry-After": "1" })]);
  await assert.rejects(client.api.GET("/healthz"), (e) => e instanceof UnavailableProblem && e.retryAfterSeconds === 1);
  assert.equal(fake.seen.length, 3);
});

test("a Retry-After beyond the cap is handed to the caller at once", async () => {
  const { fake, waits, client } = await setup([problem(429, { "Retry-After": "3600" })]);
  await assert.rejects(client.api.GET("/healthz"), (e) => e instanceof RateLimitedProblem && e.retryAfterSeconds === 3600);
  assert.equal(fake.seen.length, 1);
  assert.deepEqual(waits, []);
});

test("a POST without Idempotency-Key is never retried; with one it is, with the same key", async () => {
  const { fake, client } = await setup([problem(503)]);
  await assert.rejects(client.api.POST("/auth/start", { body: { phone: "+919812345678" } }), UnavailableProblem);
  assert.equal(fake.seen.length, 1);

  const second = await setup([reset, (res) => json(res, 200, { offer_id: "o1" })]);
  await second.client.api.POST("/offers/{offer_id}/accept", {
    params: { path: { offer_id: "o1" }, header: { "Idempotency-Key": "key-1" } },
  });
  assert.equal(second.fake.seen.length, 2);
  assert.deepEqual(second.fake.seen.map((s) => s.headers["idempotency-key"]), ["key-1", "key-1"]);
});

test("every call carries its own X-Request-ID", async () => {
  const { fake, client } = await setup([ok]);
  await client.api.GET("/healthz");
  await client.api.GET("/healthz");
  const ids = fake.seen.map((s) => s.headers["x-request-id"]);
  assert.equal(new Set(ids).size, 2);
  for (const id of ids) assert.match(String(id), /^[A-Za-z0-9._:-]{1,128}$/);
});

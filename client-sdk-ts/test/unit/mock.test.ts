import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { parse } from "yaml";
import {
  createPlatformClient, NotFoundProblem, PAGED_OPERATIONS, PreconditionProblem, ValidationProblem, SDK_VERSION,
} from "../../src/index.js";
import { BUNDLE, startMock } from "../support/servers.js";

let mock: Awaited<ReturnType<typeof startMock>>;
before(async () => {
  mock = await startMock();
});
after(() => mock.stop());

async function signedIn() {
  const client = createPlatformClient({ baseUrl: mock.url });
  const started = await client.session.startPhoneSignIn("+919812345678");
  await client.session.verifyPhoneSignIn(started, started.dev_otp ?? "123456");
  return client;
}

test("sign-in by phone against the contract mock stores the session; protected calls carry it", async () => {
  const client = createPlatformClient({ baseUrl: mock.url });
  const started = await client.session.startPhoneSignIn("+919812345678");
  await client.session.verifyPhoneSignIn(started, started.dev_otp ?? "123456");
  assert.equal(await client.session.isSignedIn(), true);
  const { data } = await client.api.GET("/user/profile");
  assert.ok(data!.user_id);
});

test("documented error statuses come back as typed problems with their members", async () => {
  const client = await signedIn(); // the mock, like the platform, wants a bearer token on protected operations
  await assert.rejects(
    client.api.POST("/items", { body: { item_id: "x", name: "x", price: 1 }, headers: { Prefer: "code=400" } }),
    (e) => e instanceof ValidationProblem && e.status === 400 && e.errors.length > 0 && e.requestId != null,
  );
  await assert.rejects(
    client.api.GET("/items/{item_id}", { params: { path: { item_id: "nope" } }, headers: { Prefer: "code=404" } }),
    NotFoundProblem,
  );
  await assert.rejects(
    client.api.PATCH("/items/{item_id}", { params: { path: { item_id: "demo" } }, body: { name: "n" }, headers: { Prefer: "code=412" } }),
    PreconditionProblem,
  );
});

test("items.get returns the ETag; pages iterate lazily", async () => {
  const client = await signedIn(); // the mock, like the platform, wants a bearer token on protected operations
  const v = await client.items.get("demo");
  assert.ok(v.etag, "ETag header of the example");
  let n = 0;
  for await (const item of client.pages.items({ limit: 1 })) {
    assert.ok(item.item_id);
    if (++n === 3) break; // the mock's example always says has_more: the iterator keeps asking
  }
  assert.equal(n, 3);
});

test("every list operation with a cursor or page parameter has a pager, and the version is the contract's", () => {
  const spec = parse(readFileSync(BUNDLE, "utf8"));
  const paged: string[] = [];
  for (const item of Object.values<Record<string, any>>(spec.paths)) {
    for (const op of Object.values<any>(item)) {
      const params = [...(op?.parameters ?? [])].map((p: any) => (p.$ref ? spec.components.parameters[p.$ref.split("/").pop()] : p));
      if (params.some((p: any) => p.in === "query" && (p.name === "cursor" || p.name === "page"))) paged.push(op.operationId);
    }
  }
  assert.deepEqual(paged.sort(), [...PAGED_OPERATIONS].sort());
  assert.equal(SDK_VERSION, spec.info.version);
  assert.equal(JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")).version, spec.info.version);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { quickStart, QUICKSTART_LINES } from "../generated/quickstart.js";
import { id, phone, PLATFORM_URL, signedInByPhone } from "./support.js";

test("the README quick start is under 15 lines, type-checks (tsc) and runs against the platform", async () => {
  assert.ok(QUICKSTART_LINES < 15, `${QUICKSTART_LINES} lines`);
  const itemId = id("lamp");
  await quickStart(PLATFORM_URL, phone(), itemId);
  const lamp = (await (await signedInByPhone()).items.get(itemId)).value;
  assert.equal(lamp.name, "Lamp");
  assert.equal(lamp.price, 17.5);
});

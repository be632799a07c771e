import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { dirname, extname, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";

// PLATFORM_URL: the platform, started with ALLOWED_ORIGINS=http://127.0.0.1:$PAGE_PORT (make test-sdk-ts)
const PLATFORM_URL = process.env.PLATFORM_URL ?? "";
const PAGE_PORT = Number(process.env.PAGE_PORT ?? "0");
const here = dirname(fileURLToPath(import.meta.url)); // dist/test/browser
const pkg = resolve(here, "../../..");

const files: Record<string, string> = {
  "/": resolve(pkg, "test/browser/page.html"),
  "/vendor/openapi-fetch.mjs": resolve(pkg, "node_modules/openapi-fetch/dist/index.mjs"),
};
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript" };

let server: Server;
let browser: Browser;

before(async () => {
  assert.ok(PLATFORM_URL && PAGE_PORT, "run through make test-sdk-ts (PLATFORM_URL and PAGE_PORT)");
  server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const file = files[path] ?? (path.startsWith("/sdk/") ? resolve(pkg, "dist/src", path.slice(5)) : null);
    try {
      if (!file || !file.startsWith(pkg)) throw new Error("not served");
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "text/plain" });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(PAGE_PORT, "127.0.0.1", r));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    // as root on a closed network: no sandbox, no background connections (see the machine notes)
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

async function runInPage(origin: string) {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.getElementById("out")?.textContent === "ready");
    const phone = "+9198" + String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
    const itemId = `browser-${Math.random().toString(16).slice(2)}`;
    return await page.evaluate(
      ([u, p, i]) => (window as any).signInAndCreate(u, p, i),
      [PLATFORM_URL, phone, itemId],
    );
  } finally {
    await page.close();
  }
}

test("a page on an allowed origin signs in and creates an item through the SDK (CORS from ALLOWED_ORIGINS)", async () => {
  const result = await runInPage(`http://127.0.0.1:${PAGE_PORT}`);
  assert.equal(result.ok, true, result.error);
  assert.equal(result.name, "Browser lamp");
  assert.ok(result.etag, "ETag readable cross-origin (Access-Control-Expose-Headers)");
  assert.ok(result.owner);
});

test("the same page on an origin not in ALLOWED_ORIGINS is refused by the browser", async () => {
  const result = await runInPage(`http://localhost:${PAGE_PORT}`);
  assert.equal(result.ok, false);
  assert.match(result.error, /TypeError/);
});

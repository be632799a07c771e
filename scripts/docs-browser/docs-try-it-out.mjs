// /docs in headless Chromium against a started platform (PLATFORM_URL): the page loads the
// served contract, "Authorize" keeps a bearer token across a reload (persistAuthorization), and
// "Try it out" on GET /healthz executes a call against the address the page was opened at.
// Then the same page through a reverse proxy that mounts the platform under /prefix/ (and tells
// it nothing): its assets, the contract and the call must all go through the prefix.
import http from 'node:http';
import { chromium } from 'playwright-core';

const base = process.env.PLATFORM_URL;
if (!base) throw new Error('PLATFORM_URL is not set');
const fail = (msg) => { console.error(`[docs-browser] FAIL: ${msg}`); process.exit(1); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // the machine's network is closed: no background, component or sync connections
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(`${base}/docs`);
  const op = page.locator('#operations-system-system_getLiveness');
  await op.waitFor();

  // the served contract names a relative server, so the docs call this origin, not localhost:8080
  const servers = await page.locator('.servers select option').allTextContents();
  if (servers.some((s) => s.includes('localhost:8080'))) fail(`servers still name localhost:8080: ${servers}`);

  // Authorize with a bearer token, reload: it is still there
  const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJkb2NzLXRlc3QifQ.c2lnbmF0dXJl';
  await page.locator('.auth-wrapper .btn.authorize').click();
  await page.locator('.modal-ux input[type=text], .modal-ux input[type=password]').first().fill(token);
  // the modal has one form per security scheme (bearerAuth, metricsToken): authorize bearerAuth's
  await page.locator('.modal-ux form').filter({ hasText: 'bearerAuth' }).locator('.auth-btn-wrapper .btn.modal-btn.auth.authorize').click();
  await page.locator('.modal-ux .btn-done').first().click();
  await page.reload();
  await op.waitFor();
  const kept = await page.evaluate(() => window.localStorage.getItem('authorized') || '');
  if (!kept.includes(token)) fail(`the bearer token did not survive a reload (localStorage: ${kept})`);

  // Try it out -> Execute on GET /healthz
  await op.locator('.opblock-summary').first().click();
  await op.locator('.try-out__btn').click();
  await op.locator('.execute').click();
  const status = op.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  const code = (await status.textContent()).trim();
  const url = (await op.locator('.request-url pre').first().textContent()).trim();
  if (!code.startsWith('200')) fail(`GET /healthz from the page answered ${code}`);
  if (url !== `${base}/healthz`) fail(`the page called ${url}, not ${base}/healthz`);
  if (errors.length) fail(`page errors: ${errors.join('; ')}`);
  console.log(`[docs-browser] ok: /docs executed GET ${url} -> ${code}; bearer token kept across reload`);

  // behind a proxy: /prefix/X -> PLATFORM_URL/X, anything else 404 (as an nginx location would)
  const upstream = new URL(base);
  const proxy = http.createServer((req, res) => {
    if (!req.url.startsWith('/prefix/')) { res.writeHead(404); res.end(); return; }
    const out = http.request({ hostname: upstream.hostname, port: upstream.port, method: req.method,
      path: req.url.slice('/prefix'.length), headers: { ...req.headers, host: upstream.host } }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    out.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(out);
  });
  await new Promise((ok) => proxy.listen(0, '127.0.0.1', ok));
  const prefixed = `http://127.0.0.1:${proxy.address().port}/prefix`;
  try {
    const missed = [];
    const behind = await context.newPage();
    behind.setDefaultTimeout(20000);
    // (the browser's own guess at /favicon.ico is not the page's doing)
    behind.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) missed.push(`${r.status()} ${r.url()}`);
    });
    behind.on('pageerror', (e) => errors.push(String(e)));
    await behind.goto(`${prefixed}/docs`);
    const op2 = behind.locator('#operations-system-system_getLiveness');
    await op2.waitFor();
    await op2.locator('.opblock-summary').first().click();
    await op2.locator('.try-out__btn').click();
    await op2.locator('.execute').click();
    const status2 = op2.locator('.live-responses-table .response .response-col_status').first();
    await status2.waitFor();
    const code2 = (await status2.textContent()).trim();
    const url2 = (await op2.locator('.request-url pre').first().textContent()).trim();
    if (missed.length) fail(`behind the proxy, requests failed: ${missed.join('; ')}`);
    if (!code2.startsWith('200')) fail(`GET /healthz from ${prefixed}/docs answered ${code2}`);
    if (url2 !== `${prefixed}/healthz`) fail(`behind the proxy the page called ${url2}, not ${prefixed}/healthz`);
    if (errors.length) fail(`page errors: ${errors.join('; ')}`);
    console.log(`[docs-browser] ok: ${prefixed}/docs loaded through the proxy and executed GET ${url2} -> ${code2}`);
  } finally {
    proxy.close();
  }
} finally {
  await browser.close();
}

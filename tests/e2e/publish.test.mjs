// A published site under a base path: `hallway init`, then `hallway build --site OUT
// --base-url /reports/`, served under /reports/ only (as a GitHub Pages project site is). The
// example report opens, its links lead to pages that open, and nothing leaves /reports/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, CHROMIUM_ARGS } from './browser.mjs';
import { hallway } from './hallway.mjs';

const require = createRequire(path.join(ROOT, 'tools/package.json'));
const { chromium } = require('playwright-core');
const PREFIX = '/reports/';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

let tmp, site, server, base, browser;
const outside = [];
// Whether every file gets Access-Control-Allow-Origin, as _headers asks, or only /reports/embed/*.
let corsEverywhere = false;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-publish-'));
  hallway('init', path.join(tmp, 'content'));
  site = path.join(tmp, 'site');
  hallway('build', path.join(tmp, 'content'), '--site', site, '--base-url', PREFIX);
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(PREFIX)) {
      outside.push(url.pathname);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('outside the site');
      return;
    }
    let file = path.join(site, path.normalize(decodeURIComponent(url.pathname.slice(PREFIX.length))));
    if (!file.startsWith(site)) return res.writeHead(403).end();
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (path.extname(url.pathname)) return res.writeHead(404).end('not found');
      file = path.join(site, 'index.html'); // the SPA fallback, as a host's 404.html gives
    }
    // Access-Control-Allow-Origin only for /reports/embed/*: a host set up half-way, where
    // <hallway-view> loads but its sandboxed frame cannot load the app's own files.
    const cors = corsEverywhere || url.pathname.startsWith(`${PREFIX}embed/`) ? { 'access-control-allow-origin': '*' } : {};
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...cors });
    res.end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function newPage() {
  const page = await (await browser.newContext()).newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

const pathOf = (page) => new URL(page.url()).pathname;

/**
 * The detail of the first `type` event a `<hallway-view>` sends, once `page` goes to `url`. The
 * listener is in place before the page's own scripts run: attached after `goto`, it missed an
 * event the frame had already sent, and the test waited forever.
 */
async function firstViewEvent(page, url, type) {
  await page.addInitScript((type) => {
    window.__viewEvent = new Promise((resolve) => {
      document.addEventListener(type, (e) => resolve(e.detail), { capture: true, once: true });
    });
  }, type);
  await page.goto(url);
  return page.evaluate(() => window.__viewEvent);
}

test('the example report and its links stay under the base path', async () => {
  const page = await newPage();
  await page.goto(`${base}${PREFIX}`);
  const report = page.getByRole('link', { name: 'What we saw at ExampleConf 2026' }).first();
  await report.waitFor({ timeout: 20000 });
  await report.click();
  await page.getByRole('heading', { level: 1, name: 'What we saw at ExampleConf 2026' }).waitFor();
  assert.equal(pathOf(page), `${PREFIX}reports/example-conf-2026`);
  // The body's Markdown is there.
  await page.getByText('The hallway track was the best part.').waitFor();

  await page.getByRole('link', { name: 'ExampleConf 2026', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: 'ExampleConf 2026' }).waitFor();
  assert.equal(pathOf(page), `${PREFIX}events/example-conf-2026`);

  await page.getByRole('link', { name: 'Example Project', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Example Project' }).waitFor();
  assert.equal(pathOf(page), `${PREFIX}projects/example-project`);

  // Every link on the page stays under the base, then a reload of a deep link works.
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  for (const h of hrefs.filter((h) => h.startsWith(base))) assert.ok(new URL(h).pathname.startsWith(PREFIX), h);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Example Project' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'ExampleConf 2026' }).waitFor();
  assert.deepEqual(outside, [], 'requests outside /reports/');
  assert.deepEqual(page.errors, []);
});

test('the service worker and the manifest are scoped to the base path', async () => {
  const page = await newPage();
  await page.goto(`${base}${PREFIX}about`);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${base}${PREFIX}`);
  const manifestUrl = await page.$eval('link[rel=manifest]', (l) => l.href);
  const manifest = await (await fetch(manifestUrl)).json();
  assert.equal(new URL(manifest.start_url, manifestUrl).pathname, PREFIX);
  assert.equal(new URL(manifest.scope, manifestUrl).pathname, PREFIX);
  // The app's own unknown-page view, not the host's, under the base too.
  await page.goto(`${base}${PREFIX}no/such/page`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.deepEqual(outside, []);
});

// A host page on another origin (another port) with one <hallway-view>.
async function hostPage(element) {
  const host = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>host</title>
<script type="module" src="${base}${PREFIX}embed/hallway-view.js"></script>
${element}`);
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  return host;
}

test('an embed of a site under a base path runs its frame under it', async () => {
  corsEverywhere = true;
  const host = await hostPage('<hallway-view view="report" report="example-conf-2026"></hallway-view>');
  try {
    const page = await newPage();
    // The frame's app reports its size (and path) once it runs.
    const { path } = await firstViewEvent(page, `http://127.0.0.1:${host.address().port}/`, 'hallway:resize');
    assert.equal(path, `${PREFIX}embed/reports/example-conf-2026`);
    const frame = page.frames().find((f) => f.url().includes('/embed/'));
    await frame.getByText('The hallway track was the best part.').waitFor();
    assert.deepEqual(outside, []);
  } finally {
    corsEverywhere = false;
    await new Promise((r) => host.close(r));
  }
});

test('an embed whose frame cannot start says which header is missing', async () => {
  const host = await hostPage('<hallway-view view="timeline"></hallway-view>');
  try {
    const page = await newPage();
    // The element's shadow root is closed: its notice is read from the event it sends.
    const { message: text } = await firstViewEvent(page, `http://127.0.0.1:${host.address().port}/`, 'hallway:error');
    assert.match(text, /did not start/);
    assert.match(text, /Access-Control-Allow-Origin/);
    assert.ok(text.includes(base), text);
  } finally {
    await new Promise((r) => host.close(r));
  }
});

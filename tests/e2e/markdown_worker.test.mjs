// The Markdown worker (issue 16): the first load carries no Markdown parser. The timeline never
// fetches the worker; a report page does, and renders the body it converts; when the worker
// cannot load, the text shows as written under a notice; after one visit it works offline; in a
// sandboxed embed frame (opaque origin, where no worker can start) it loads into the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';
import { serve } from './server.mjs';

let env;
let host;
before(async () => {
  env = await start({ csp: true });
  host = await serve({ root: path.join(ROOT, 'tests/embed-host') });
});
after(async () => {
  await env?.close();
  if (host) await new Promise((r) => host.close(r));
});

const BUNDLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/data/bundle.json'), 'utf8'));
const REPORT = BUNDLE.reports.find((r) => r.body && r.body.includes('\n\n'));
const isWorkerFile = (url) => /\/hallway-worker-[0-9a-f]{16}(\.js|_bg\.wasm|_loader\.js)$/.test(new URL(url).pathname);
// The body's first paragraph, as the reader sees it (Markdown syntax aside, its first words).
const firstWords = REPORT.body.split('\n\n')[0].split(/\s+/).slice(0, 4).join(' ');

async function watch(page) {
  const seen = [];
  page.context().on('request', (r) => { if (isWorkerFile(r.url())) seen.push({ url: r.url(), at: Date.now() }); });
  return seen;
}

test('the timeline loads without the worker; a report page fetches it and renders its body', async () => {
  const page = await env.page();
  const seen = await watch(page);
  await page.goto(env.base + '/');
  await page.waitForFunction(() => performance.getEntriesByName('hallway:first-rows').length > 0, null, { timeout: 30000 });
  assert.deepEqual(seen, [], 'no worker file before the first rows');
  // Nor afterwards while the reader stays on the timeline.
  await page.waitForTimeout(1000);
  assert.deepEqual(seen, [], 'no worker file on the timeline at all');

  // In-app navigation to a report: its body comes from the worker, formatted.
  await page.evaluate((id) => {
    history.pushState(null, '', `reports/${id}`);
    dispatchEvent(new PopStateEvent('popstate'));
  }, REPORT.id);
  await page.getByRole('heading', { level: 1, name: REPORT.title }).waitFor();
  const body = page.locator('article.report .markdown').first();
  await body.waitFor();
  assert.match(await body.locator('p').first().innerText(), new RegExp(firstWords.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(await page.locator('.markdown-as-written, [aria-busy="true"]').count(), 0);
  const names = seen.map((s) => new URL(s.url).pathname.replace(/.*\//, '').replace(/-[0-9a-f]{16}/, '-<hash>'));
  for (const want of ['hallway-worker-<hash>_loader.js', 'hallway-worker-<hash>.js', 'hallway-worker-<hash>_bg.wasm']) {
    assert.ok(names.includes(want), `${want} fetched (got ${names.join(', ')})`);
  }
  // The loader index.html names is the one fetched, and the page logged nothing.
  const meta = await page.locator('meta[name="hallway-worker"]').getAttribute('content');
  assert.ok(seen.some((s) => s.url.endsWith('/' + meta)), meta);
  assert.deepEqual(page.errors, []);
});

test('a report page whose worker file is missing shows the body as written, with a notice', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route(/hallway-worker-[0-9a-f]{16}_loader\.js$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${env.base}/reports/${REPORT.id}`);
  await page.getByRole('heading', { level: 1, name: REPORT.title }).waitFor();
  const body = page.locator('article.report .markdown-as-written');
  await body.waitFor({ timeout: 15000 });
  assert.match(await body.getByRole('note').innerText(), /Formatting could not be loaded, so this text is shown as written\./);
  // The text is there, as text: every paragraph of the source, nothing formatted.
  const text = await body.innerText();
  assert.ok(text.includes(firstWords), text.slice(0, 200));
  assert.equal(await body.locator('a, strong, em, h1, h2, h3, h4, img').count(), 0);
  assert.equal(await page.locator('[aria-busy="true"]').count(), 0);
  // The rest of the page is whole: the heading, and no panic.
  assert.deepEqual(errors, []);
  await context.close();
});

test('a report page read once shows its formatted body offline', async () => {
  const page = await env.page();
  const context = page.context();
  await page.goto(env.base + '/');
  await page.waitForFunction(() => performance.getEntriesByName('hallway:first-rows').length > 0, null, { timeout: 30000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  await page.goto(`${env.base}/reports/${REPORT.id}`);
  await page.locator('article.report .markdown').first().waitFor();
  assert.equal(await page.locator('.markdown-as-written').count(), 0);

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: REPORT.title }).waitFor();
  const body = page.locator('article.report .markdown').first();
  await body.waitFor();
  assert.equal(await page.locator('.markdown-as-written').count(), 0, 'formatted, not as written');
  assert.ok((await body.innerText()).includes(firstWords));
  await context.setOffline(false);
});

test('a talk embedded in a sandboxed frame formats its abstract without a worker', async () => {
  const page = await env.page();
  await page.goto(`http://127.0.0.1:${host.address().port}/?app=${encodeURIComponent(env.base)}`);
  // The flags of the iframe snippet and of <hallway-view>: no allow-same-origin.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.setAttribute('sandbox', 'allow-scripts allow-popups allow-popups-to-escape-sandbox');
    f.title = 'talk';
    f.src = src;
    document.body.append(f);
  }, `${env.base}/embed/talks/tracing-in-the-qemu-emulator`);
  let frame;
  for (let i = 0; i < 200 && !frame; i++) {
    frame = page.frames().find((f) => f.url().includes('/embed/talks/'));
    if (!frame) await page.waitForTimeout(50);
  }
  assert.ok(frame, 'the frame navigated');
  assert.equal(await frame.evaluate(() => self.origin), 'null');
  await frame.locator('.markdown strong').first().waitFor({ timeout: 20000 });
  assert.equal(await frame.locator('.markdown-as-written, [aria-busy="true"]').count(), 0);
  assert.equal(await frame.locator('.markdown strong').first().innerText(), 'KVM');
});

test('a pointer over a talk link on the timeline starts the worker before the click; elsewhere it does not', async () => {
  const page = await env.page();
  const seen = await watch(page);
  await page.goto(env.base + '/?view=talks');
  await page.waitForFunction(() => performance.getEntriesByName('hallway:first-rows').length > 0, null, { timeout: 30000 });
  await page.hover('button.facet-value >> nth=0');
  await page.hover('#result-count');
  await page.waitForTimeout(500);
  assert.deepEqual(seen, [], 'hovering the facets and the count fetches nothing');
  await page.hover('#results li.row a[href*="talks/"] >> nth=0');
  await page.waitForFunction(() => true);
  const deadline = Date.now() + 10000;
  while (!seen.some((s) => /_bg\.wasm$/.test(s.url)) && Date.now() < deadline) await page.waitForTimeout(50);
  assert.ok(seen.some((s) => /_loader\.js$/.test(s.url)), 'the loader was fetched on hover');
  assert.ok(seen.some((s) => /_bg\.wasm$/.test(s.url)), 'and the worker started (its wasm fetched)');
  assert.deepEqual(page.errors, []);
});

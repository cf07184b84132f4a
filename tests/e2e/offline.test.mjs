// Offline and flaky networks: the service worker keeps the app and the last bundle, the app says
// when it shows a saved copy and offers newer data once back online, and bundle fetches retry
// network errors and 5xx with backoff before the error view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const BUNDLE = fs.readFileSync(path.join(ROOT, 'dist/data/bundle.json'));
const TITLE = JSON.parse(BUNDLE).title;
// Failed fetches are logged by the browser itself; anything else is a real error.
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource|503/.test(e));

async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
}

const flakyUrl = (id, query) => `/?bundle=${encodeURIComponent(`/__flaky__/${id}/bundle.json?${query}`)}`;
const requests = async (id) => (await fetch(`${env.base}/__flaky__/${id}/count`)).json();

test('offline after one visit: the app opens from the cache and says how old the data is', async () => {
  const page = await env.page();
  const context = page.context();
  await page.goto(env.base + '/');
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await controlled(page);
  // A fresh load shows no banner.
  assert.equal(await page.getByText('Showing data from').count(), 0);

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  const banner = page.getByRole('status').filter({ hasText: 'Showing data from' });
  await banner.waitFor();
  assert.match(await banner.innerText(), /Showing data from .+; the latest could not be loaded\./);

  // Deep links work offline too: navigations fall back to the cached app shell.
  await page.goto(env.base + '/talks/tracing-in-the-qemu-emulator');
  await page.getByRole('heading', { level: 1, name: 'User Case Study: Tracing in the QEMU Emulator' }).waitFor();

  // Back online with a changed bundle: it is noticed and offered.
  const changed = JSON.parse(BUNDLE);
  changed.title = `${TITLE} (updated)`;
  env.server.overrides.set('/data/bundle.json', Buffer.from(JSON.stringify(changed)));
  try {
    await context.setOffline(false);
    await page.getByText('New data available.').waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.goto(env.base + '/');
    await page.getByRole('heading', { level: 1, name: changed.title }).waitFor();
    assert.equal(await page.getByText('Showing data from').count(), 0);
  } finally {
    env.server.overrides.delete('/data/bundle.json');
  }
  assert.deepEqual(unexpected(page.errors), []);
  await context.close();
});

test('the service worker is registered only once the data is in, so its install does not compete with the first load', async () => {
  const page = await env.page();
  // A slow bundle: the app starts long before its data arrives.
  await page.route('**/data/bundle.json', async (route) => {
    await new Promise((r) => setTimeout(r, 2000));
    await route.continue();
  });
  await page.goto(env.base + '/');
  await page.waitForTimeout(1000);
  const before = await page.evaluate(async () => ({
    registered: Boolean(await navigator.serviceWorker.getRegistration()),
    indexed: performance.getEntriesByName('hallway:indexed').length > 0,
  }));
  assert.deepEqual(before, { registered: false, indexed: false }, 'nothing registered while the bundle downloads');
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await controlled(page);
  await page.context().close();
});

test('a view of several bundles of this site opens offline after one visit', async () => {
  const page = await env.page();
  const context = page.context();
  const list = ['/__fixtures__/merge/a/bundle.json', '/__fixtures__/merge/b/bundle.json'];
  const url = `${env.base}/events/kvm-forum-2014?${list.map((b) => `bundle=${encodeURIComponent(b)}`).join('&')}`;
  const reports = page.locator('section.reports li.card h3');
  await page.goto(url);
  await page.locator('article.entity h1').waitFor();
  await controlled(page);
  // The first load ran before the worker controlled the page: load once more through it.
  await page.reload();
  await reports.nth(1).waitFor();

  await context.setOffline(true);
  await page.reload();
  await reports.nth(1).waitFor();
  assert.deepEqual((await reports.allInnerTexts()).sort(),
    ['Event Report: Tracing Summit & KVM Forum', 'Hallway notes from KVM Forum 2014']);
  assert.equal(await page.locator('.bundle-failed').count(), 0, 'no bundle failed');
  assert.deepEqual(unexpected(page.errors), []);
  await context.close();
});

test('back online with the same bundle: the saved-copy banner goes away', async () => {
  const page = await env.page();
  const context = page.context();
  await page.goto(env.base + '/about');
  await page.getByRole('heading', { level: 1, name: 'About this data' }).waitFor();
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByText('Showing data from').waitFor();
  await context.setOffline(false);
  await page.getByText('Showing data from').waitFor({ state: 'detached' });
  assert.equal(await page.getByText('New data available.').count(), 0);
  assert.deepEqual(unexpected(page.errors), []);
  await context.close();
});

test('a bundle failing twice with 503 loads on the third try', async () => {
  const page = await env.page();
  const t0 = Date.now();
  await page.goto(env.base + flakyUrl('twice', 'fail=2'));
  await page.getByText('(try 2 of 3)').waitFor();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  assert.equal(await requests('twice'), 3);
  // Backoff: 0.5 s after the first failure, 1 s after the second.
  assert.ok(Date.now() - t0 >= 1500, `retried after ${Date.now() - t0} ms`);
  assert.deepEqual(unexpected(page.errors), []);
  await page.context().close();
});

test('a bundle always failing shows the error view after 3 tries, and Retry tries 3 more', async () => {
  const page = await env.page();
  await page.goto(env.base + flakyUrl('always', 'fail=always'));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /HTTP 503/);
  assert.equal(await requests('always'), 3);
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('alert').waitFor();
  await page.waitForFunction(async (url) => (await (await fetch(url)).json()) === 6, '/__flaky__/always/count');
  assert.deepEqual(unexpected(page.errors), []);
  await page.context().close();
});

test('a 404 is not retried', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?bundle=/__fixtures__/missing.json');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /HTTP 404/);
  assert.equal(await page.getByText('(try 2 of 3)').count(), 0);
  await page.context().close();
});

test('a slow bundle shows bytes loaded of the total', async () => {
  const page = await env.page();
  await page.goto(env.base + flakyUrl('slow', 'trickle=700'));
  const status = page.getByRole('status').filter({ hasText: /Loading conference data… .+ of .+ \(\d+%\)/ });
  await status.waitFor();
  assert.match(await status.innerText(), /of \d+ kB/);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  assert.deepEqual(unexpected(page.errors), []);
  await page.context().close();
});

test('the app is installable: manifest linked, 192 and 512 px PNG icons, no Chromium objection', async () => {
  const page = await env.page();
  await page.goto(env.base + '/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href, env.base + '/');
  const manifest = await (await fetch(manifestUrl)).json();
  // Relative to the manifest, so that a site under a base path starts there (publish.test.mjs).
  assert.equal(new URL(manifest.start_url, manifestUrl).href, env.base + '/');
  assert.equal(manifest.display, 'standalone');
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
    assert.ok(icon, size);
    const png = Buffer.from(await (await fetch(new URL(icon.src, env.base + '/'))).arrayBuffer());
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, size);
  }
  // Chromium's own verdict; a test browser context always counts as incognito.
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await page.context().newCDPSession(page);
  assert.deepEqual((await cdp.send('Page.getAppManifest')).errors, []);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  await page.context().close();
});

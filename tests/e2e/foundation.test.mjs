// The foundation's vertical slice in a real browser: navigation, not-found, error view, deep links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('home -> event -> the QEMU tracing talk shows title, speaker and covering report', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?q=tracing%20summit');
  await page.getByRole('link', { name: 'Tracing Summit 2014' }).first().click();
  await page.waitForURL('**/events/tracing-summit-2014');
  await page.getByRole('link', { name: 'User Case Study: Tracing in the QEMU Emulator' }).click();
  await page.waitForURL('**/talks/tracing-in-the-qemu-emulator');
  await page.getByRole('heading', { level: 1, name: 'User Case Study: Tracing in the QEMU Emulator' }).waitFor();
  assert.equal(await page.locator('.speakers').innerText(), 'Stefan Hajnoczi');
  const covered = page.locator('.covered-by');
  assert.match(await covered.innerText(), /Event Report: Tracing Summit & KVM Forum/);
  assert.equal(await page.title(), 'User Case Study: Tracing in the QEMU Emulator · Hallway');
  // And back along the reverse links: speaker page lists the talk.
  await page.getByRole('link', { name: 'Stefan Hajnoczi' }).click();
  await page.getByRole('heading', { level: 1, name: 'Stefan Hajnoczi' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a deep link loads directly (SPA fallback)', async () => {
  const page = await env.page();
  const res = await page.goto(env.base + '/reports/containers-eye-view-linuxcon-eu-2015');
  assert.equal(res.status(), 200);
  await page.getByRole('heading', { level: 1, name: 'A Containers-Eye View of LinuxCon EU' }).waitFor();
  assert.match(await page.locator('article').innerText(), /LinuxCon Europe 2015/);
  assert.deepEqual(page.errors, []);
});

test('an unknown talk id shows the not-found page with suggestions', async () => {
  const page = await env.page();
  await page.goto(env.base + '/talks/tracing-qemu');
  await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
  assert.match(await page.locator('main').innerText(), /no talk at this address/);
  await page.getByRole('link', { name: 'User Case Study: Tracing in the QEMU Emulator' }).waitFor();
  await page.goto(env.base + '/talks/no-such-id');
  await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
  await page.goto(env.base + '/no/such/page');
  await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a broken bundle shows the error view with line and column, and Retry', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?bundle=/__fixtures__/broken.json');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /not valid JSON/);
  assert.match(text, /line 6, column 55/);
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('alert').waitFor();
  assert.deepEqual(page.errors, []);
});

test('a missing bundle shows the HTTP status', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?bundle=/__fixtures__/missing.json');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /HTTP 404/);
  // The failed fetch itself is logged by the browser; nothing else may be.
  assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
});

test('the about page shows counts, version and attribution', async () => {
  const page = await env.page();
  await page.goto(env.base + '/about');
  await page.getByRole('heading', { level: 1, name: 'About this data' }).waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /Format version\s+1\.0/);
  assert.match(text, /Events\s+1136/);
  assert.deepEqual(page.errors, []);
});

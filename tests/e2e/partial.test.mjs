// A partial bundle in the browser: 10 of 500 records are corrupted (fixture generated and kept
// current by crates/core/tests/partial_bundles.rs); the app shows everything else and lists
// exactly those 10 problems in the banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('the problems banner lists exactly the 10 corrupted records', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?bundle=/__fixtures__/partial-10.json');
  const banner = page.locator('aside.problems');
  await banner.waitFor();
  assert.match(await banner.locator('summary').innerText(), /^10 problems in the data/);
  await banner.locator('summary').click();
  const items = banner.locator('details li');
  assert.equal(await items.count(), 10);
  const texts = await items.allInnerTexts();
  for (const t of texts) {
    // Each names its record by JSON path and says where it is in the file.
    assert.match(t, /^(talks|places|people)\[\d+\]\.\w+: .+\(line \d+, column \d+; skipped\)$/s);
  }
  assert.ok(texts.some((t) => t.startsWith('talks[10].event: unknown event "event-that-never-was"')), texts.join('\n'));
  // Everything else is shown: 6 of the 350 talks were among the corrupted records.
  await page.getByRole('link', { name: 'Conf 4' }).first().waitFor();
  assert.equal(await page.locator('#result-count').innerText(), '5 events');
  await page.getByRole('button', { name: 'Talks', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#result-count').textContent === '344 talks');
  assert.match(page.url(), /bundle=/);
  assert.deepEqual(page.errors, []);
});

// The careful loader that finds and places the problems is in the on-demand worker, not in the
// first load: a clean bundle never fetches it, a partial one does.
test('a partial bundle is checked by the worker; a clean one never fetches it', async () => {
  const page = await env.page();
  const workerFiles = [];
  page.on('request', (r) => { if (/hallway-worker-/.test(r.url())) workerFiles.push(r.url()); });
  await page.goto(env.base + '/?view=talks');
  await page.locator('#results li.row').first().waitFor();
  assert.deepEqual(workerFiles, [], 'the demo bundle is clean: no worker');
  await page.goto(env.base + '/?bundle=/__fixtures__/partial-10.json');
  await page.locator('aside.problems').waitFor();
  assert.ok(workerFiles.some((u) => /_loader\.js$/.test(u)), workerFiles.join('\n'));
  assert.deepEqual(page.errors, []);
});

test('without the worker, a partial bundle says what is wrong and what to do', async () => {
  const page = await env.page();
  await page.route(/hallway-worker-[0-9a-f]{16}_loader\.js$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(env.base + '/?bundle=/__fixtures__/partial-10.json');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /has problems that could not be listed/);
  assert.match(text, /partial-10\.json is not entirely valid/);
  assert.match(text, /hallway check/);
  assert.deepEqual(page.errors, []);
});

// The default bundle downloads in parallel with the wasm (the boot script starts it; the app
// takes that response instead of asking again), and a `?bundle=` page never downloads the
// default one. Service workers are blocked so every request seen is the page's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

// Waits for the first rows; on a timeout, says what the page showed and fetched.
async function firstRows(p, requests = []) {
  try {
    await p.waitForFunction(() => performance.getEntriesByName('hallway:first-rows').length > 0, null, { timeout: 30000 });
  } catch (e) {
    const text = await p.evaluate(() => document.body.innerText.slice(0, 600)).catch((x) => String(x));
    const marks = await p.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name)).catch(() => []);
    throw new Error(`${e.message}\npage: ${text}\nmarks: ${marks.join(', ')}\nerrors: ${p.errors.join(' | ')}\nrequests: ${requests.join(' ')}`);
  }
}

async function page() {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const p = await context.newPage();
  p.errors = [];
  p.on('console', (m) => { if (m.type() === 'error') p.errors.push(m.text()); });
  p.on('pageerror', (e) => p.errors.push(String(e)));
  p.bundleRequests = [];
  p.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('/data/bundle.json')) p.bundleRequests.push(r.url());
  });
  return p;
}

test('the default bundle is fetched once, while the wasm is still downloading', async () => {
  const p = await page();
  // A slow wasm (as on a real connection) makes the order visible: the bundle's download must
  // not wait for the code.
  await p.route('**/*_bg.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await p.goto(env.base + '/');
  await firstRows(p);
  const [bundle, wasm] = await p.evaluate(() => {
    const entries = performance.getEntriesByType('resource');
    const pick = (re) => entries.filter((e) => re.test(new URL(e.name).pathname)).map((e) => ({ start: e.startTime, end: e.responseEnd }));
    return [pick(/\/data\/bundle\.json$/), pick(/_bg\.wasm$/)];
  });
  assert.deepEqual(p.bundleRequests, [env.base + '/data/bundle.json'], 'one request for the bundle');
  assert.equal(bundle.length, 1, 'one resource entry for the bundle');
  assert.equal(wasm.length, 1, 'one resource entry for the wasm');
  assert.ok(bundle[0].end < wasm[0].end,
    `the bundle (done at ${bundle[0].end.toFixed(0)} ms) downloaded before the wasm finished (${wasm[0].end.toFixed(0)} ms)`);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test("the bundle's download waits neither for the app's script nor for the stylesheets", async () => {
  // The early download used to be started by the module bootstrap, which runs only after its
  // import (the JS glue) has arrived and the stylesheets have loaded: on a slow connection that
  // held the bundle back behind them.
  const p = await page();
  await p.route(/hallway-app-[0-9a-f]+\.js$|\.css$/, async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await p.goto(env.base + '/');
  await firstRows(p);
  const [bundle, glue] = await p.evaluate(() => {
    const entries = performance.getEntriesByType('resource');
    const pick = (re) => entries.find((e) => re.test(new URL(e.name).pathname));
    const b = pick(/\/data\/bundle\.json$/), g = pick(/\/hallway-app-[0-9a-f]+\.js$/);
    return [{ start: b.startTime, end: b.responseEnd }, { end: g.responseEnd }];
  });
  assert.ok(bundle.end < glue.end,
    `the bundle (${bundle.start.toFixed(0)}-${bundle.end.toFixed(0)} ms) downloaded before the app's script arrived (${glue.end.toFixed(0)} ms)`);
  assert.deepEqual(p.bundleRequests, [env.base + '/data/bundle.json'], 'one request for the bundle');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a page showing another bundle of this site fetches it early, and not the default one', async () => {
  const p = await page();
  const requests = [];
  p.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await p.route('**/*_bg.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await p.goto(env.base + '/?bundle=' + encodeURIComponent('/__fixtures__/merge/a/bundle.json'));
  await firstRows(p, requests);
  assert.deepEqual(p.bundleRequests, [], 'no bundle.json requested');
  assert.equal(requests.filter((r) => r === '/__fixtures__/merge/a/bundle.json').length, 1, 'one request for the bundle');
  const [bundleEnd, wasmEnd] = await p.evaluate(() => {
    const entries = performance.getEntriesByType('resource');
    const end = (re) => entries.find((e) => re.test(new URL(e.name).pathname)).responseEnd;
    return [end(/merge\/a\/bundle\.json$/), end(/_bg\.wasm$/)];
  });
  assert.ok(bundleEnd < wasmEnd, `the bundle (${bundleEnd.toFixed(0)} ms) came before the wasm (${wasmEnd.toFixed(0)} ms)`);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a bundle the site\'s setting refuses is never fetched early', async () => {
  const html = fs.readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
  const setting = '<meta name="hallway-bundle-origins" content="*">';
  assert.ok(html.includes(setting), 'index.html carries the setting');
  env.server.overrides.set('/', Buffer.from(html.replace(setting, '<meta name="hallway-bundle-origins" content="https://data.example">')));
  try {
    const p = await page();
    const requests = [];
    p.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await p.goto(env.base + '/?bundle=' + encodeURIComponent('/__fixtures__/merge/a/bundle.json'));
    await p.getByText(/refused|not allowed|allows only/i).first().waitFor({ timeout: 30000 });
    assert.deepEqual(requests.filter((r) => r.endsWith('.json') && !r.endsWith('manifest.json')), [], 'no bundle requested');
    await p.context().close();
  } finally {
    env.server.overrides.delete('/');
  }
});

test('a failed early download is asked again and the page loads', async () => {
  const p = await page();
  let failures = 1;
  await p.route('**/data/bundle.json', async (route) => {
    if (failures > 0) {
      failures -= 1;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await p.goto(env.base + '/');
  await firstRows(p);
  assert.equal(p.bundleRequests.length, 2, 'the failed early request, then the app\'s own');
  await p.context().close();
});

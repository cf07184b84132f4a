// Data from elsewhere: a `?bundle=` from another origin renders with a notice naming that host
// on every page (site and embeds), and the site's `<meta name="hallway-bundle-origins">` refuses
// origins it does not list, before fetching anything.
//
// The "other origin" is a second server on 127.0.0.1 with another port. The app's CSP allows
// `connect-src 'self' https:`, which blocks plain-http origins other than its own, so these
// contexts bypass the CSP: what is tested here is the app's own rule, not the browser's
// (csp.test.mjs covers the policy).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';
import { serve } from './server.mjs';

let env;
let foreign;
let foreignBase;
let foreignRequests = 0;
const html = fs.readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');

before(async () => {
  env = await start();
  foreign = await serve({ root: path.join(ROOT, 'dist') });
  foreign.on('request', () => { foreignRequests += 1; });
  foreignBase = `http://127.0.0.1:${foreign.address().port}`;
});
after(async () => {
  await env.close();
  await new Promise((r) => foreign.close(r));
});

async function page() {
  const context = await env.browser.newContext({ bypassCSP: true });
  const p = await context.newPage();
  p.errors = [];
  p.on('console', (m) => { if (m.type() === 'error') p.errors.push(m.text()); });
  p.on('pageerror', (e) => p.errors.push(String(e)));
  return p;
}

// Serves index.html with the setting's content replaced (as an operator would edit dist/).
function setting(content) {
  assert.match(html, /<meta name="hallway-bundle-origins" content="\*">/, 'index.html carries the setting');
  const edited = Buffer.from(html.replace(
    '<meta name="hallway-bundle-origins" content="*">',
    `<meta name="hallway-bundle-origins" content="${content}">`,
  ));
  for (const p of ['/', '/talks/tracing-in-the-qemu-emulator', '/embed/timeline']) env.server.overrides.set(p, edited);
}
function resetSetting() {
  for (const p of ['/', '/talks/tracing-in-the-qemu-emulator', '/embed/timeline']) env.server.overrides.delete(p);
}

const ownHost = () => new URL(env.base).host;
const foreignHost = () => new URL(foreignBase).host;

test('the site\'s own bundle shows no notice', async () => {
  const p = await page();
  await p.goto(env.base + '/');
  await p.locator('#results li.row').first().waitFor();
  assert.equal(await p.locator('.source-notice').count(), 0);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('by default another origin\'s bundle loads, with a notice naming its host on every page', async () => {
  const bundle = `${foreignBase}/data/bundle.json`;
  const p = await page();
  await p.goto(`${env.base}/?bundle=${encodeURIComponent(bundle)}`);
  await p.locator('#results li.row').first().waitFor();
  const notice = p.locator('.source-notice');
  assert.equal(await notice.count(), 1);
  const text = await notice.innerText();
  assert.match(text, new RegExp(`This data comes from ${foreignHost()}, not from ${ownHost()}\\.`));
  assert.equal(await notice.getByRole('link').getAttribute('href'), bundle);
  assert.equal(await notice.getAttribute('role'), 'note');
  // Still there on the next page, reached from inside the app.
  await p.locator('.hallway-summary, #results').getByRole('link').first().click();
  await p.locator('article.entity h1').waitFor();
  assert.match(await p.locator('.source-notice').innerText(), new RegExp(foreignHost()));
  // And in an embed of the same data.
  await p.goto(`${env.base}/embed/timeline?bundle=${encodeURIComponent(bundle)}`);
  await p.locator('#results li.row').first().waitFor();
  assert.match(await p.locator('.source-notice').innerText(), new RegExp(`comes from ${foreignHost()}`));
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('another file on the site\'s own origin gets a notice too', async () => {
  const p = await page();
  await p.goto(`${env.base}/?bundle=/__flaky__/other-file/bundle.json`);
  await p.locator('#results li.row').first().waitFor();
  assert.match(await p.locator('.source-notice').innerText(), new RegExp(`another file on ${ownHost()}`));
  assert.equal(await p.locator('.source-notice a').getAttribute('href'), `${env.base}/__flaky__/other-file/bundle.json`);
  await p.context().close();
});

test('the setting refuses origins it does not list, before fetching, and names them', async (t) => {
  t.after(resetSetting);
  setting('self');
  const before = foreignRequests;
  const p = await page();
  await p.goto(`${env.base}/?bundle=${encodeURIComponent(`${foreignBase}/data/bundle.json`)}`);
  const alert = p.locator('[role=alert]');
  await alert.locator('h1').waitFor();
  assert.equal(await alert.locator('h1').innerText(), 'This site does not show conference data from there');
  const detail = await alert.locator('.error-detail').innerText();
  assert.ok(detail.includes(`does not load conference data from ${foreignBase}.`), detail);
  assert.ok(detail.includes('allows only: self'), detail);
  assert.ok(detail.includes('<meta name="hallway-bundle-origins">'), detail);
  assert.equal(foreignRequests, before, 'nothing was fetched from the refused origin');
  assert.equal(await p.locator('#results, .source-notice').count(), 0);
  // Retrying cannot change the site's setting: the way on is the site's own data.
  assert.equal(await p.getByRole('button', { name: 'Retry' }).count(), 0);
  await p.getByRole('link', { name: "Show this site's own conference data" }).click();
  await p.locator('#results li.row').first().waitFor();
  assert.equal(new URL(p.url()).search, '');

  // `self` still allows the site's other files, and the default bundle always loads.
  await p.goto(`${env.base}/?bundle=/__flaky__/self/bundle.json`);
  await p.locator('.source-notice').waitFor();
  await p.goto(`${env.base}/`);
  await p.locator('#results li.row').first().waitFor();

  // Embeds obey the same setting.
  await p.goto(`${env.base}/embed/timeline?bundle=${encodeURIComponent(`${foreignBase}/data/bundle.json`)}`);
  await p.locator('[role=alert] h1').waitFor();
  assert.equal(foreignRequests, before);

  // A listed origin loads, with the notice.
  setting(`${foreignBase} https://data.example`);
  await p.goto(`${env.base}/?bundle=${encodeURIComponent(`${foreignBase}/data/bundle.json`)}`);
  await p.locator('#results li.row').first().waitFor();
  assert.match(await p.locator('.source-notice').innerText(), new RegExp(`comes from ${foreignHost()}`));
  assert.ok(foreignRequests > before);
  // ... and without `self`, the site's other files are refused.
  await p.goto(`${env.base}/?bundle=/__flaky__/noself/bundle.json`);
  await p.locator('[role=alert] h1').waitFor();
  assert.match(await p.locator('.error-detail').innerText(), new RegExp(`from ${env.base}\\. Its operator allows only: ${foreignBase} https://data.example`));
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

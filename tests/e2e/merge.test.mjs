// Several bundles in one view: two publishers' bundles at different paths that both describe
// the Düsseldorf events of October 2014 (records from the demo bundle), each with a report of
// its own, show one KVM Forum 2014 with both reports, each naming its bundle; the Source facet
// filters to one; a third bundle that 404s leaves the other two on screen with a notice and
// Retry; the state survives a reload and a copy of the URL into a new browser context.
// Fixtures: tests/e2e/fixtures/merge/{a,b,other,latin1}/bundle.json (served under /__fixtures__/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';
import { serve } from './server.mjs';

let env;
let foreign;
let foreignRequests = 0;
before(async () => {
  env = await start();
  foreign = await serve({ root: path.join(ROOT, 'dist') });
  foreign.on('request', () => { foreignRequests += 1; });
});
after(async () => {
  await env.close();
  await new Promise((r) => foreign.close(r));
});

// Serves index.html with its settings edited, as an operator would edit dist/index.html.
const html = fs.readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
function settings(edit) {
  const edited = edit(html);
  assert.notEqual(edited, html, 'the settings are in index.html');
  env.server.overrides.set('/', Buffer.from(edited));
}

const A = '/__fixtures__/merge/a/bundle.json';
const B = '/__fixtures__/merge/b/bundle.json';
const MISSING = '/__fixtures__/merge/gone/bundle.json';
const TITLE_A = "Düsseldorf 2014: the demo's report";
const TITLE_B = 'Düsseldorf 2014: a second publisher';
const bundles = (...list) => list.map((b) => `bundle=${encodeURIComponent(b)}`).join('&');

async function page(context) {
  const p = await (context || await env.browser.newContext()).newPage();
  p.errors = [];
  p.on('console', (m) => { if (m.type() === 'error' && !/404/.test(m.text())) p.errors.push(m.text()); });
  p.on('pageerror', (e) => p.errors.push(String(e)));
  return p;
}

// The report rows of the timeline's reports view, as "title | source".
async function reportRows(p) {
  await p.locator('#results article.report-item').first().waitFor();
  return p.locator('#results article.report-item').evaluateAll((rows) => rows.map((r) =>
    `${r.querySelector('h4').innerText} | ${r.querySelector('.report-source')?.innerText ?? ''}`).sort());
}

test('two bundles about the same events show one KVM Forum 2014 with both reports, each naming its source', async () => {
  const p = await page();
  await p.goto(`${env.base}/events/kvm-forum-2014?${bundles(A, B)}`);
  await p.locator('article.entity h1').waitFor();
  assert.equal(await p.locator('article.entity h1').innerText(), 'KVM Forum 2014');
  const cards = p.locator('section.reports li.card');
  assert.equal(await cards.count(), 2);
  const sources = await cards.evaluateAll((cs) => cs.map((c) => {
    const a = c.querySelector('.report-source a');
    return [c.querySelector('h3').innerText, a.innerText, a.getAttribute('href')];
  }).sort());
  assert.deepEqual(sources, [
    ['Event Report: Tracing Summit & KVM Forum', TITLE_A, env.base + A],
    ['Hallway notes from KVM Forum 2014', TITLE_B, env.base + B],
  ]);
  // The report's own page names its source too, linked to the bundle.
  await cards.getByRole('link', { name: 'Hallway notes from KVM Forum 2014' }).click();
  await p.locator('article.entity.report h1').waitFor();
  const line = p.locator('article.entity.report .report-source a');
  assert.equal(await line.innerText(), TITLE_B);
  assert.equal(await line.getAttribute('href'), env.base + B);
  // Links inside the app keep both bundles.
  assert.deepEqual(new URL(p.url()).searchParams.getAll('bundle'), [A, B]);
  // One event in the timeline, not two.
  await p.goto(`${env.base}/?q=kvm+forum&${bundles(A, B)}`);
  await p.locator('#results li.row').first().waitFor();
  assert.equal(await p.locator('#results li.row', { hasText: 'KVM Forum 2014' }).count(), 1);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the Source facet counts by bundle and filters to one, in the URL', async () => {
  const p = await page();
  await p.goto(`${env.base}/?view=reports&${bundles(A, B)}`);
  assert.deepEqual(await reportRows(p), [
    `Event Report: Tracing Summit & KVM Forum | From ${TITLE_A}`,
    `Hallway notes from KVM Forum 2014 | From ${TITLE_B}`,
  ]);
  const facet = p.locator('section.facet', { has: p.getByRole('heading', { name: 'Sources' }) });
  const values = await facet.locator('.facet-value').evaluateAll((bs) => bs.map((b) => b.innerText.replace(/\s+/g, ' ').trim()).sort());
  assert.deepEqual(values, [`${TITLE_B} 1`, `${TITLE_A} 1`].sort());
  await facet.locator('.facet-value', { hasText: TITLE_B }).click();
  await p.waitForFunction(() => new URL(location.href).searchParams.has('source'));
  assert.equal(new URL(p.url()).searchParams.get('source'), B);
  await p.waitForFunction(() => document.querySelectorAll('#results article.report-item').length === 1);
  assert.deepEqual(await reportRows(p), [`Hallway notes from KVM Forum 2014 | From ${TITLE_B}`]);

  // The whole state survives a reload...
  await p.reload();
  assert.deepEqual(await reportRows(p), [`Hallway notes from KVM Forum 2014 | From ${TITLE_B}`]);
  // ... and a copy of the URL into a new browser context.
  const fresh = await page();
  await fresh.goto(p.url());
  assert.deepEqual(await reportRows(fresh), [`Hallway notes from KVM Forum 2014 | From ${TITLE_B}`]);
  assert.equal(await fresh.locator('section.facet .facet-value[aria-pressed=true]').innerText().then((t) => t.includes(TITLE_B)), true);
  assert.deepEqual([...p.errors, ...fresh.errors], []);
  await p.context().close();
  await fresh.context().close();
});

test('one bundle alone shows no Source facet and no provenance', async () => {
  const p = await page();
  await p.goto(`${env.base}/?view=reports&${bundles(B)}`);
  assert.deepEqual(await reportRows(p), ['Hallway notes from KVM Forum 2014 | ']);
  assert.equal(await p.getByRole('heading', { name: 'Sources' }).count(), 0);
  await p.context().close();
});

test('a bundle that 404s leaves the others on screen, with a notice naming it and Retry', async () => {
  const p = await page();
  const url = `${env.base}/?view=reports&${bundles(A, MISSING, B)}`;
  await p.goto(url);
  assert.equal((await reportRows(p)).length, 2);
  const notice = p.locator('.bundle-failed');
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /The server refused the conference data/);
  assert.ok(text.includes(`${env.base}${MISSING} answered HTTP 404`), text);
  assert.equal(await notice.getAttribute('role'), 'alert');
  // Retry asks for the list again while the others stay on screen; the missing bundle is still
  // missing, so the notice comes back with a new Retry.
  await Promise.all([
    p.waitForResponse((r) => r.url().endsWith(MISSING) && r.status() === 404),
    notice.getByRole('button', { name: 'Retry' }).click(),
  ]);
  assert.equal((await reportRows(p)).length, 2);
  await p.locator('.bundle-failed').getByRole('button', { name: 'Retry', exact: true }).waitFor();
  assert.equal((await reportRows(p)).length, 2);
  // Survives a reload and a new context, notice included.
  await p.reload();
  assert.equal((await reportRows(p)).length, 2);
  await p.locator('.bundle-failed').waitFor();
  const fresh = await page();
  await fresh.goto(url);
  assert.equal((await reportRows(fresh)).length, 2);
  await fresh.locator('.bundle-failed').waitFor();
  await p.context().close();
  await fresh.context().close();
});

test('a bundle that is not a bundle, or not UTF-8, is named with what is wrong; the others stay on screen', async () => {
  // Each part is loaded on its own before the merge: its own verdict names it.
  // Fixtures: other/ is JSON of another format, latin1/ has a Latin-1 byte on line 2.
  const OTHER = '/__fixtures__/merge/other/bundle.json';
  const LATIN1 = '/__fixtures__/merge/latin1/bundle.json';
  const p = await page();
  await p.goto(`${env.base}/?view=reports&${bundles(A, OTHER, B, LATIN1)}`);
  const rows = await reportRows(p);
  assert.equal(rows.length, 2, rows.join('\n'));
  assert.ok(rows.some((r) => r.endsWith(`From ${TITLE_A}`)) && rows.some((r) => r.endsWith(`From ${TITLE_B}`)), rows.join('\n'));
  const notices = p.locator('.bundle-failed');
  await notices.first().waitFor();
  const text = (await notices.allInnerTexts()).join('\n');
  assert.ok(text.includes(`${env.base}${OTHER}`) && /not a Hallway bundle/.test(text), text);
  assert.ok(text.includes(`${env.base}${LATIN1}`) && /UTF-8/.test(text) && /line 2/.test(text), text);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('the Embed dialog carries every bundle', async () => {
  const p = await page();
  await p.goto(`${env.base}/?view=reports&${bundles(A, B)}`);
  await reportRows(p);
  await p.getByRole('button', { name: 'Embed' }).first().click();
  const iframe = await p.locator('#embed-iframe').inputValue();
  const src = new URL(iframe.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  assert.deepEqual(src.searchParams.getAll('bundle'), [A, B]);
  const element = await p.locator('#embed-element').inputValue();
  assert.ok(element.includes(` bundle="${A} ${B}"`), element);
  // The frame itself shows both reports.
  await p.goto(src.href);
  assert.equal((await reportRows(p)).length, 2);
  await p.context().close();
});

test('a bundle the site refuses is named among the failures, without Retry and without a request', async (t) => {
  t.after(() => env.server.overrides.delete('/'));
  settings((h) => h.replace('name="hallway-bundle-origins" content="*"', 'name="hallway-bundle-origins" content="self"'));
  const refused = `http://127.0.0.1:${foreign.address().port}/data/bundle.json`;
  const before = foreignRequests;
  const p = await page();
  await p.goto(`${env.base}/?view=reports&${bundles(A, refused, B)}`);
  assert.equal((await reportRows(p)).length, 2);
  const notice = p.locator('.bundle-failed');
  const text = await notice.innerText();
  assert.match(text, /This site does not show conference data from there/);
  assert.ok(text.includes(`does not load conference data from http://127.0.0.1:${foreign.address().port}`), text);
  assert.equal(await notice.getByRole('button', { name: 'Retry' }).count(), 0);
  assert.equal(foreignRequests, before, 'nothing was fetched from the refused origin');
  await p.context().close();
});

test('the site setting hallway-bundles lists the bundles shown by default, as the site\'s own', async (t) => {
  t.after(() => env.server.overrides.delete('/'));
  settings((h) => h.replace('<meta name="hallway-bundles" content="data/bundle.json">', `<meta name="hallway-bundles" content="${A} ${B}">`));
  const p = await page();
  await p.goto(`${env.base}/?view=reports`);
  assert.deepEqual(await reportRows(p), [
    `Event Report: Tracing Summit & KVM Forum | From ${TITLE_A}`,
    `Hallway notes from KVM Forum 2014 | From ${TITLE_B}`,
  ]);
  // The site's own list: no "data comes from elsewhere" notice, and nothing in the URL.
  assert.equal(await p.locator('.source-notice').count(), 0);
  assert.equal(new URL(p.url()).searchParams.getAll('bundle').length, 0);
  assert.equal(await p.getByRole('heading', { name: 'Sources' }).count(), 1);
  await p.context().close();
});

test('a download of a merged view holds both bundles\' reports and links back with both bundles', async () => {
  const p = await page(await env.browser.newContext({ acceptDownloads: true }));
  await p.goto(`${env.base}/?view=reports&${bundles(A, B)}`);
  await reportRows(p);
  await p.locator('.downloads summary').click();
  const [file] = await Promise.all([
    p.waitForEvent('download'),
    p.locator('button.download[data-format="csv"]').click(),
  ]);
  const text = fs.readFileSync(await file.path(), 'utf8');
  assert.match(text, /Event Report: Tracing Summit & KVM Forum/);
  assert.match(text, /Hallway notes from KVM Forum 2014/);
  const link = `${env.base}/reports/kvm-forum-2014-hallway-notes?${bundles(A, B).replaceAll('%2F', '/')}`;
  assert.ok(text.includes(link), `${link} in\n${text}`);
  await p.context().close();
});

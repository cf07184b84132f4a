// Split bundles in the browser: a generated split bundle (SHARDS_TALKS talks, 100,000 by
// default, made by the CLI at test time) is the site's default bundle in a copy of dist/, so the
// service worker treats it as the real thing. Talk and report pages show their long text from
// its shard; a missing or broken shard shows the error (naming the file) and the rest of the
// page; after one visit a talk page shows its abstract offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { start, ROOT } from './browser.mjs';

const TALKS = Number(process.env.SHARDS_TALKS || 100000);
// Loading 100k talks takes a few seconds in a debug-free release build; leave room.
const SLOW = { timeout: 60000 };

let env;
let tmp;
let main;
const shardOf = (n) => JSON.parse(fs.readFileSync(path.join(tmp, 'site/data/bundle.texts', `${n}.json`), 'utf8'));

function cli() {
  const r = spawnSync('cargo', ['build', '--quiet', '-p', 'hallway-cli'], { cwd: ROOT, stdio: 'inherit' });
  assert.equal(r.status, 0, 'cargo build -p hallway-cli failed');
  const target = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
  return path.join(target, 'debug/hallway');
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-shards-'));
  const site = path.join(tmp, 'site');
  fs.cpSync(path.join(ROOT, 'dist'), site, { recursive: true });
  fs.rmSync(path.join(site, 'data/bundle.json'));
  const r = spawnSync(cli(), ['generate', '--talks', String(TALKS), '--seed', '7', '--split',
    '--out', path.join(site, 'data/bundle.json')], { stdio: ['ignore', 'ignore', 'inherit'] });
  assert.equal(r.status, 0, 'hallway generate --split failed');
  main = JSON.parse(fs.readFileSync(path.join(site, 'data/bundle.json'), 'utf8'));
  // A copy whose shard 0 is missing and shard 1 broken, under /__fixtures__/gaps/.
  const gaps = path.join(tmp, 'fixtures/gaps');
  fs.mkdirSync(path.join(gaps, 'bundle.texts'), { recursive: true });
  fs.linkSync(path.join(site, 'data/bundle.json'), path.join(gaps, 'bundle.json'));
  fs.writeFileSync(path.join(gaps, 'bundle.texts/1.json'), '{"format":"hallway-texts",');
  env = await start({ root: site, fixtures: path.join(tmp, 'fixtures') });
});
after(async () => {
  await env?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// The first words of a Markdown text, before any markup, as the page's text shows them.
const opening = (text) => text.split(/[`*_[\]<>#\n]/)[0].trim().split(/\s+/).slice(0, 6).join(' ');

const talkIn = (shard) => main.talks.find((t) => t.text_shard === shard);

test('a talk page shows its abstract from its shard', SLOW, async () => {
  const talk = talkIn(2);
  const text = shardOf(2).talks[talk.id];
  assert.ok(text, 'the generator wrote an abstract for the talk');
  const page = await env.page();
  await page.goto(`${env.base}/talks/${encodeURIComponent(talk.id)}`);
  await page.getByRole('heading', { level: 1, name: talk.title }).waitFor(SLOW);
  await page.getByRole('heading', { level: 2, name: 'Abstract' }).waitFor();
  const markdown = page.locator('article.talk .markdown');
  await markdown.waitFor(SLOW);
  assert.ok((await markdown.innerText()).includes(opening(text)), `abstract of ${talk.id}`);
  assert.deepEqual(page.errors, []);
});

test('a report page shows its body from its shard, not its summary', SLOW, async () => {
  const report = main.reports.find((r) => r.text_shard !== undefined);
  const body = shardOf(report.text_shard).reports[report.id];
  const page = await env.page();
  await page.goto(`${env.base}/reports/${encodeURIComponent(report.id)}`);
  await page.getByRole('heading', { level: 1, name: report.title }).waitFor(SLOW);
  const markdown = page.locator('article.report .markdown');
  await markdown.waitFor(SLOW);
  assert.ok((await markdown.innerText()).includes(opening(body)), `body of ${report.id}`);
});

test('a missing or broken shard shows the error with the file and Retry; the page stays', SLOW, async () => {
  const page = await env.page();
  const bundle = encodeURIComponent('/__fixtures__/gaps/bundle.json');
  const missing = talkIn(0);
  await page.goto(`${env.base}/talks/${encodeURIComponent(missing.id)}?bundle=${bundle}`);
  await page.getByRole('heading', { level: 1, name: missing.title }).waitFor(SLOW);
  const alert = page.getByRole('alert').filter({ hasText: 'is missing' });
  await alert.waitFor(SLOW);
  const said = await alert.innerText();
  assert.match(said, /The file holding the abstract is missing/);
  assert.match(said, /\/__fixtures__\/gaps\/bundle\.texts\/0\.json answered HTTP 404/);
  // The rest of the page is there.
  await page.getByRole('heading', { level: 2, name: 'Covered by' }).waitFor();
  assert.ok(await page.getByText('Speakers').count() > 0);

  // Publishing the shard and pressing Retry shows the abstract.
  fs.linkSync(path.join(tmp, 'site/data/bundle.texts/0.json'), path.join(tmp, 'fixtures/gaps/bundle.texts/0.json'));
  await alert.getByRole('button', { name: 'Retry' }).click();
  const markdown = page.locator('article.talk .markdown');
  await markdown.waitFor(SLOW);
  assert.ok((await markdown.innerText()).includes(opening(shardOf(0).talks[missing.id])));

  const broken = talkIn(1);
  await page.goto(`${env.base}/talks/${encodeURIComponent(broken.id)}?bundle=${bundle}`);
  await page.getByRole('heading', { level: 1, name: broken.title }).waitFor(SLOW);
  const bad = page.getByRole('alert').filter({ hasText: 'broken' });
  await bad.waitFor(SLOW);
  assert.match(await bad.innerText(), /bundle\.texts\/1\.json: .*line 1/s);
});

test('offline after one visit: a talk page read before shows its abstract', SLOW, async () => {
  const page = await env.page();
  await page.goto(`${env.base}/`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  const talk = talkIn(3);
  const text = opening(shardOf(3).talks[talk.id]);
  await page.goto(`${env.base}/talks/${encodeURIComponent(talk.id)}`);
  const markdown = page.locator('article.talk .markdown');
  await markdown.waitFor(SLOW);
  assert.ok((await markdown.innerText()).includes(text));

  await page.context().setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: talk.title }).waitFor(SLOW);
  await markdown.waitFor(SLOW);
  assert.ok((await markdown.innerText()).includes(text));
  // A talk whose shard was never fetched says so, and the page stays.
  const other = talkIn(4);
  await page.goto(`${env.base}/talks/${encodeURIComponent(other.id)}`);
  await page.getByRole('heading', { level: 1, name: other.title }).waitFor(SLOW);
  await page.getByRole('alert').filter({ hasText: 'could not be downloaded' }).waitFor(SLOW);
});

// Every talk whose abstract (in the shards) has a word starting with `prefix`, by reading them
// all; and whether any word of the main document starts with it (then the test would prove
// nothing about the abstracts).
function bruteForce(prefix) {
  const found = new Set();
  for (let n = 0; n < main.texts.shards.length; n++) {
    for (const [id, text] of Object.entries(shardOf(n).talks)) {
      if ((text.toLowerCase().match(/[a-z0-9]+/g) || []).some((w) => w.startsWith(prefix))) found.add(id);
    }
  }
  const mainText = fs.readFileSync(path.join(tmp, 'site/data/bundle.json'), 'utf8').toLowerCase();
  const inMain = (mainText.match(/[a-z0-9]+/g) || []).some((w) => w.startsWith(prefix));
  return { found, inMain };
}

const count = async (page) => Number((await page.locator('#result-count').innerText()).replace(/\D/g, ''));
const settled = (page) => page.waitForFunction(() => !document.querySelector('.search-status[data-pending]'));

test('a word only some abstracts hold finds exactly those talks (chunks fetched once)', SLOW, async () => {
  const page = await env.page();
  const chunks = [];
  page.on('request', (r) => { if (r.url().includes('/bundle.search/')) chunks.push(new URL(r.url()).pathname); });
  // Typed into the box: the filter goes to the URL as today.
  await page.goto(`${env.base}/?view=talks`);
  await page.locator('#search').waitFor(SLOW);
  const rare = bruteForce('xyloab');
  assert.ok(rare.found.size >= 1 && !rare.inMain, `xyloab: ${rare.found.size} talks, in main: ${rare.inMain}`);
  await page.locator('#search').pressSequentially('XYLOAB', { delay: 20 });
  await page.waitForURL((u) => u.searchParams.get('q') === 'XYLOAB');
  await settled(page);
  await page.waitForFunction((n) => Number(document.querySelector('#result-count').textContent.replace(/\D/g, '')) === n, rare.found.size, SLOW);
  const shown = await page.locator('ul.rows li.row h4 a').evaluateAll((as) => as.map((a) => decodeURIComponent(new URL(a.href).pathname.split('/').pop())));
  assert.deepEqual(new Set(shown), rare.found);

  // The dictionary and the `xy` chunk, each once, though six keystrokes needed it.
  assert.equal(new Set(chunks).size, chunks.length, chunks.join('\n'));
  assert.ok(chunks.some((c) => c.endsWith('/index.json')));
  assert.ok(chunks.some((c) => /\/7879-[0-9a-f]+\.json$/.test(c)), chunks.join('\n'));
  chunks.length = 0;

  // A prefix common to many abstracts, straight from the URL: the count is the brute force's.
  const many = bruteForce('xylo');
  assert.ok(many.found.size > rare.found.size && !many.inMain);
  await page.goto(`${env.base}/?view=talks&q=xylo`);
  await page.locator('#search').waitFor(SLOW);
  await page.waitForFunction((n) => Number(document.querySelector('#result-count')?.textContent.replace(/\D/g, '')) === n, many.found.size, SLOW);
  assert.equal(await count(page), many.found.size);
  assert.equal(new Set(chunks).size, chunks.length, chunks.join('\n'));
});

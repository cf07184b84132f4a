// `hallway serve` on a copy of an `hallway init` folder: an edit to the Markdown shows on the
// open page within 2 s without a reload by hand; a broken TOML file shows its error (file and
// line) on the page and in the terminal over the last good content; the fix clears it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, CHROMIUM_ARGS } from './browser.mjs';
import { hallway, hallwayServe } from './hallway.mjs';

const require = createRequire(path.join(ROOT, 'tools/package.json'));
const { chromium } = require('playwright-core');

let tmp, content, served, browser;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-serve-'));
  content = path.join(tmp, 'content');
  hallway('init', content);
  served = await hallwayServe(content);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  served?.kill();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const REPORT = () => path.join(content, 'reports/example-conf-2026.md');
const PLACES = () => path.join(content, 'places.toml');

test('edits show by themselves; an error shows with file and line, then clears', async () => {
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${served.url}/reports/example-conf-2026`);
  await page.getByText('The hallway track was the best part.').waitFor({ timeout: 20000 });

  // 1. An edit to the Markdown: on the page within 2 s, no reload by hand.
  fs.writeFileSync(REPORT(), fs.readFileSync(REPORT(), 'utf8').replace(
    'The hallway track was the best part.', 'The coffee was the best part.'));
  const t0 = Date.now();
  await page.getByText('The coffee was the best part.').waitFor({ timeout: 2000 });
  console.log(`# edit visible after ${Date.now() - t0} ms`);

  // 2. A broken TOML file: the error with file and line, on the page and in the output,
  // over the last good content.
  const good = fs.readFileSync(PLACES(), 'utf8');
  fs.writeFileSync(PLACES(), good.replace('lat = 52.52', 'lat = "north"'));
  const overlay = page.locator('#hallway-live-error');
  await overlay.waitFor({ timeout: 2000 });
  const shown = await overlay.textContent();
  const line = good.split('\n').findIndex((l) => l.startsWith('lat = ')) + 1;
  assert.match(shown, new RegExp(`places\\.toml:${line}:\\d+: `), shown);
  assert.match(served.output(), new RegExp(`places\\.toml:${line}:\\d+`));
  assert.match(served.output(), /\^/, 'the terminal shows the caret under the error');
  assert.ok(await page.getByText('The coffee was the best part.').isVisible(), 'the last good content stays');
  // Text, never markup: the message is in a <pre> with no child elements.
  assert.equal(await overlay.evaluate((e) => e.children.length), 0);

  // 3. The fix: the message goes away by itself and the page shows the content again.
  fs.writeFileSync(PLACES(), good);
  await overlay.waitFor({ state: 'detached', timeout: 3000 });
  await page.getByText('The coffee was the best part.').waitFor({ timeout: 2000 });
  assert.deepEqual(errors, []);
});

test('a built site never has the live-reload script', async () => {
  const site = path.join(tmp, 'site');
  hallway('build', content, '--site', site);
  for (const name of ['index.html', '404.html']) {
    assert.doesNotMatch(fs.readFileSync(path.join(site, name), 'utf8'), /_hallway/);
  }
  const res = await fetch(`${served.url}/`);
  assert.match(await res.text(), /<script type="module" src="\/_hallway\/live\.js"><\/script>/);
});

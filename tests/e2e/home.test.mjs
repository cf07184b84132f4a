// The home page's first impression: what this hallway holds (the newest reports and the talks
// they covered) before the timeline of events, and no "0 talks, 0 reports" rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';

const DEMO = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/data/bundle.json'), 'utf8'));

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('the home page leads with the latest reports and the talks they covered', async () => {
  const page = await env.page();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(env.base + '/');
  await page.locator('#results li.row').first().waitFor();
  const summary = page.locator('.hallway-summary');
  assert.equal(await summary.count(), 1);
  // Before the timeline, in the document and on the first screen.
  assert.ok(await page.evaluate(() => {
    const s = document.querySelector('.hallway-summary');
    const t = document.querySelector('.timeline-layout');
    return !!(s.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
  }));
  const newest = [...DEMO.reports].sort((a, b) => (a.published < b.published ? 1 : -1)).slice(0, 3);
  const titles = await summary.locator('.summary-reports h3').allInnerTexts();
  assert.deepEqual(titles, newest.map((r) => r.title));
  const first = await summary.locator('.summary-reports h3 a').first().boundingBox();
  assert.ok(first && first.y + first.height < 800, `the first report is on the first screen: ${JSON.stringify(first)}`);
  const covered = newest.flatMap((r) => r.talks || []);
  const talkTitles = await summary.locator('.summary-talks h3').allInnerTexts();
  assert.deepEqual(talkTitles, [...new Set(covered)].slice(0, 3).map((id) => DEMO.talks.find((t) => t.id === id).title));
  assert.match(await summary.locator('.holdings').innerText(),
    new RegExp(`In this hallway: ${DEMO.reports.length} reports, ${DEMO.talks.length} talks?, [\\d,]+ events\\.`));
  // A report link leads to the report.
  await summary.locator('.summary-reports h3 a').first().click();
  await page.locator('article.report h1').getByText(newest[0].title).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the lead gives way to the timeline once it is filtered or shows another view', async () => {
  const page = await env.page();
  for (const url of ['/?project=qemu', '/?view=talks', '/?q=tracing', '/embed/timeline']) {
    await page.goto(env.base + url);
    await page.locator('#results li.row').first().waitFor();
    assert.equal(await page.locator('.hallway-summary').count(), 0, url);
  }
  // Clearing the filter brings it back.
  await page.goto(env.base + '/?project=qemu');
  await page.locator('#results li.row').first().waitFor();
  await page.getByRole('link', { name: 'Clear all' }).click();
  await page.locator('.hallway-summary').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('event rows print only the counts that are not zero', async () => {
  const page = await env.page();
  await page.goto(env.base + '/');
  await page.locator('#results li.row').nth(5).waitFor();
  const all = await page.locator('#results').innerText();
  assert.doesNotMatch(all, /\b0 (talks|reports)\b/);
  // Events that have talks still say so.
  await page.goto(env.base + '/?q=tracing%20summit%202014');
  const row = page.locator('#results li.row', { hasText: 'Tracing Summit 2014' }).first();
  await row.waitFor();
  assert.match(await row.innerText(), /\b1 talk\b/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

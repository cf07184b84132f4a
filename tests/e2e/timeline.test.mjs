// The timeline: facets, search, URL state, history, the overview strip, keyboard-only use.
// Expected rows and counts come from the demo bundle (public/data/bundle.json), not from the
// page, so that a filter that shows the wrong events fails; nothing here depends on layout
// beyond the result list, the count line and the facet buttons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';

const DEMO = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/data/bundle.json'), 'utf8'));
const ALL = DEMO.events.length;
/** `n events`, with thousands grouped as the app writes them. */
const events = (n) => `${n.toLocaleString('en-US')} ${n === 1 ? 'event' : 'events'}`;
const names = (list) => list.map((e) => e.name).sort();
const sorted = (a) => [...a].sort();

/** First and last day of a date given to the day, month or year (`2014`, `2014-10`, `2014-10-13`). */
function days(date) {
  const [y, m, d] = date.split('-');
  if (d) return [date, date];
  if (m) {
    const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return [`${y}-${m}-01`, `${y}-${m}-${String(last).padStart(2, '0')}`];
  }
  return [`${y}-01-01`, `${y}-12-31`];
}

/** Events whose period (start to end, or the start's day, month or year) overlaps [from, to]. */
function inRange(from, to) {
  const lo = from ? days(from)[0] : '0000-01-01';
  const hi = to ? days(to)[1] : '9999-12-31';
  return DEMO.events.filter((e) => days(e.start)[0] <= hi && days(e.end ?? e.start)[1] >= lo);
}

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const rows = (page) => page.locator('#results li.row h4').allInnerTexts();
const facet = (page, name) => page.locator('section.facet', { has: page.getByRole('heading', { name, exact: true }) });

test('filter by project QEMU shows the Tracing Summit talk', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?view=talks');
  await page.locator('#results li.row').first().waitFor();
  await facet(page, 'Projects').getByRole('button', { name: /^QEMU/ }).click();
  await page.waitForURL(/project=qemu/);
  assert.deepEqual(await rows(page), ['User Case Study: Tracing in the QEMU Emulator']);
  assert.equal(await page.locator('#result-count').innerText(), '1 talk');
  assert.deepEqual(page.errors, []);
});

test('city Dublin shows LinuxCon Europe 2015, and the URL reloads to the same view', async () => {
  const page = await env.page();
  await page.goto(env.base + '/');
  // Dublin is not among the biggest cities: find it with the facet's filter box.
  await facet(page, 'Cities').getByRole('searchbox').fill('dubl');
  await facet(page, 'Cities').getByRole('button', { name: /^Dublin/ }).click();
  await page.waitForURL(/city=dublin/);
  const dublin = DEMO.events.filter((e) => e.place === 'dublin');
  assert.equal(dublin.length, 4); // LinuxCon, CloudOpen and ELC Europe 2015, and UXDX
  const shown = await rows(page);
  assert.deepEqual(sorted(shown), names(dublin));
  assert.equal(await page.locator('#result-count').innerText(), events(dublin.length));
  const url = page.url();
  const other = await env.page();
  await other.goto(url);
  await other.locator('#results li.row').first().waitFor();
  assert.deepEqual(await rows(other), shown);
  assert.deepEqual([...page.errors, ...other.errors], []);
});

test('typing "dusseldorf" finds the Düsseldorf events, highlighted; Back undoes the last filter', async () => {
  const page = await env.page();
  await page.goto(env.base + '/');
  await page.locator('#results li.row').first().waitFor();
  await facet(page, 'Years').getByRole('button', { name: /^2014/ }).click();
  await page.waitForURL(/year=2014/);
  await page.locator('#search').pressSequentially('dusseldorf', { delay: 30 });
  await page.waitForURL(/q=dusseldorf/);
  await page.waitForFunction(() => document.querySelectorAll('#results mark').length > 0);
  // The five 2014 events in Düsseldorf, found without the umlaut; no other 2014 event says it.
  const dus = DEMO.events.filter((e) => e.start.startsWith('2014') && e.place === 'dusseldorf');
  assert.equal(dus.length, 5);
  assert.deepEqual(sorted(await rows(page)), names(dus));
  assert.equal(await page.locator('#result-count').innerText(), events(dus.length));
  const marks = await page.locator('#results mark').allInnerTexts();
  assert.ok(marks.length >= dus.length, marks.join());
  for (const m of marks) assert.match(m, /^d[uü]sseldorf$/i);
  // One burst of typing is one history entry: Back returns to the year filter alone.
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('q='));
  assert.match(page.url(), /year=2014/);
  assert.equal(await page.locator('#search').inputValue(), '');
  assert.deepEqual(page.errors, []);
});

test('an empty result offers relaxations that work with one click', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?city=dublin&project=qemu');
  await page.getByText('Nothing matches all of these filters.').waitFor();
  assert.equal(await page.locator('#result-count').innerText(), events(0));
  // Each offer drops one filter; following one shows exactly what the other filter keeps.
  const keeps = {
    city: DEMO.events.filter((e) => e.place === 'dublin'),
    project: DEMO.events.filter((e) => (e.projects ?? []).includes('qemu')),
  };
  assert.deepEqual([keeps.city.length, keeps.project.length], [4, 2]);
  await page.locator('.empty a').first().click();
  await page.waitForURL((u) => !(u.search.includes('city=') && u.search.includes('project=')));
  await page.locator('#results li.row').first().waitFor();
  const left = new URL(page.url()).searchParams.has('city') ? keeps.city : keeps.project;
  assert.deepEqual(sorted(await rows(page)), names(left));
  assert.equal(await page.locator('#result-count').innerText(), events(left.length));
});

test('unknown values in the URL are dropped with a notice', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?project=no-such-project');
  await page.locator('.notice').waitFor();
  assert.match(await page.locator('.notice').innerText(), /no-such-project/);
  assert.equal(ALL, 1136);
  assert.equal(await page.locator('#result-count').innerText(), events(ALL));
});

test('dragging across the overview strip selects a date range', async () => {
  const page = await env.page();
  await page.goto(env.base + '/');
  const strip = page.locator('.strip-svg');
  await strip.waitFor();
  const box = await strip.boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForURL(/from=/);
  assert.match(page.url(), /from=2014/);
  // The count is the events whose period overlaps the selected range, by the bundle's dates.
  const params = new URL(page.url()).searchParams;
  const expected = inRange(params.get('from'), params.get('to'));
  assert.ok(expected.length > 0 && expected.length < ALL, String(expected.length));
  await page.waitForFunction((want) => document.querySelector('#result-count')?.textContent === want, events(expected.length));
});

test('the overview strip names the bar under the pointer, and stays a few elements however many bars', async () => {
  const page = await env.page();
  await page.goto(env.base + '/');
  const strip = page.locator('.strip-svg');
  await strip.waitFor();
  await page.locator('#results li.row').first().waitFor();
  // Two paths draw every bar: the strip was an element per bar and label (700 at 10,000 talks),
  // all styled and laid out again on every keystroke.
  assert.ok(await page.locator('.strip-svg *').count() < 20, 'the strip is a handful of elements');
  const box = await strip.boundingBox();
  const tip = page.locator('.strip-tip');
  let seen = null;
  for (let f = 0.02; f < 1 && !seen; f += 0.04) {
    await page.mouse.move(box.x + box.width * f, box.y + box.height / 2);
    const text = await tip.innerText().catch(() => '');
    const m = text.match(/^(\d{4}(?:-\d{2})?): (\d+) of (\d+)$/);
    if (m && Number(m[3]) > 0) seen = m;
  }
  assert.ok(seen, 'a tooltip names a bar with events');
  const [, period, inside, all] = seen;
  // No date range is set: every event of the period counts on both sides.
  assert.equal(inside, all);
  assert.equal(Number(all), DEMO.events.filter((e) => e.start.startsWith(period)).length, period);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height + 60);
  await tip.waitFor({ state: 'detached' });
});

test('a whole filter flow with the keyboard only', async () => {
  const page = await env.page();
  await page.goto(env.base + '/');
  await page.locator('#results li.row').first().waitFor();
  await page.locator('#search').focus();
  await page.keyboard.type('kvm');
  await page.waitForURL(/q=kvm/);
  // Tab to the first facet value and toggle it with the keyboard.
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.classList.contains('facet-value'))) && guard++ < 20) {
    await page.keyboard.press('Tab');
  }
  const [label, predicted] = await page.evaluate(() => [
    document.activeElement.querySelector('.label').textContent,
    Number(document.activeElement.querySelector('.count').textContent.replace(/\D/g, '')),
  ]);
  await page.keyboard.press('Enter');
  await page.waitForURL(/project=|city=|country=|year=|series=/);
  // The value chosen is a real one of the bundle, and its count said what choosing it shows.
  const known = new Set([...DEMO.projects.map((p) => p.name), ...DEMO.places.map((p) => p.city),
    ...DEMO.places.map((p) => p.country), ...DEMO.series.map((p) => p.name),
    ...DEMO.events.map((e) => e.start.slice(0, 4))]);
  assert.ok(known.has(label), label);
  assert.ok(predicted > 0, String(predicted));
  await page.waitForFunction((want) => document.querySelector('#result-count')?.textContent === want, events(predicted));
  // The strip takes arrow keys; Escape clears the range.
  await page.locator('.strip-svg').focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(/from=/);
  await page.keyboard.press('Escape');
  await page.waitForURL((u) => !u.search.includes('from='));
  assert.deepEqual(page.errors, []);
});

test('the scroll position survives going to an event and back', async () => {
  const page = await env.page();
  await page.setViewportSize({ width: 1200, height: 300 });
  await page.goto(env.base + '/');
  await page.locator('#results li.row').first().waitFor();
  await page.evaluate(() => window.scrollTo(0, 600));
  await page.waitForTimeout(300);
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 100);
  // Follow a link already in view, as a reader would (no scrolling on the way).
  await page.evaluate(() => {
    const links = [...document.querySelectorAll('#results li.row h4 a')];
    links.find((a) => a.getBoundingClientRect().top > 0).click();
  });
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.goBack();
  await page.locator('#results li.row').first().waitFor();
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(after - y) < 24, `${after} vs ${y}`); // well under one row
});

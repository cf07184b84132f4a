// Keyboard only: the skip link, a visible focus ring on every stop, facets with Space, the map's
// pan keys, and Escape closing each popup with focus back on the control that opened it.
// (Arrow keys on the overview strip and map zoom keys are in timeline.test.mjs and map.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return { tag: el.tagName.toLowerCase(), id: el.id, cls: el.getAttribute('class') || '', text: (el.textContent || '').trim().slice(0, 30) };
});

async function timeline(page, url = '/') {
  await page.goto(env.base + url);
  await page.locator('#results li.row').first().waitFor();
}

test('the first Tab reaches the skip link, and Enter moves focus to the main content', async () => {
  const page = await env.page();
  await timeline(page);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page))?.cls, 'skip-link');
  assert.ok(await page.locator('.skip-link').isVisible(), 'the focused skip link is on screen');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  // The next Tab continues inside main, not back at the header.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)));
  assert.deepEqual(page.errors, []);
});

// Tabs from the top until `done` says stop; returns the kinds of stops seen and those without a ring.
async function tabThrough(page, done, limit = 250) {
  const seen = new Set();
  const missing = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const shadow = s.boxShadow !== 'none';
      const kind = el.classList.contains('facet-value') ? 'facet' : el.tagName.toLowerCase();
      return {
        kind,
        visible: el.matches(':focus-visible') && (outline || shadow),
        what: `${el.tagName.toLowerCase()}.${el.getAttribute('class')} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`,
      };
    });
    if (!ring) continue;
    seen.add(ring.kind);
    if (!ring.visible) missing.push(ring.what);
    if (await page.evaluate(done)) break;
  }
  return { seen, missing };
}

test('every keyboard stop on the timeline shows a focus ring, down to the first result', async () => {
  const page = await env.page();
  await timeline(page, '/?year=2015');
  const { seen, missing } = await tabThrough(page, () => !!document.activeElement.closest('#results'));
  for (const kind of ['a', 'button', 'facet', 'input', 'summary', 'svg']) assert.ok(seen.has(kind), `never reached a ${kind}: ${[...seen]}`);
  assert.deepEqual(missing, []);
});

test('every keyboard stop on the map page shows a focus ring, down to the place list', async () => {
  const page = await env.page();
  await page.goto(env.base + '/map');
  await page.locator('.map-list button').first().waitFor();
  const { seen, missing } = await tabThrough(page, () => !!document.activeElement.closest('.map-list'));
  for (const kind of ['a', 'button', 'svg']) assert.ok(seen.has(kind), `never reached a ${kind}: ${[...seen]}`);
  assert.deepEqual(missing, []);
});

test('Space toggles a facet value and the URL follows', async () => {
  const page = await env.page();
  await timeline(page);
  const value = page.locator('.facet-value').first();
  await value.focus();
  await page.keyboard.press('Space');
  await page.waitForURL(/[?&](project|city|country|year|series)=/);
  await page.locator('.facet-value[aria-pressed="true"]').first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('the map pans with the arrow keys', async () => {
  const page = await env.page();
  await page.goto(env.base + '/map');
  const svg = page.locator('.map-svg');
  await page.locator('.marker').first().waitFor();
  await svg.focus();
  await page.keyboard.press('+');
  const zoomed = (await svg.getAttribute('viewBox')).split(' ').map(Number);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const panned = (await svg.getAttribute('viewBox')).split(' ').map(Number);
  assert.ok(panned[0] > zoomed[0], `x ${panned[0]} after ArrowRight should exceed ${zoomed[0]}`);
  assert.ok(panned[1] > zoomed[1], `y ${panned[1]} after ArrowDown should exceed ${zoomed[1]}`);
  assert.equal(panned[2], zoomed[2], 'panning keeps the zoom');
});

test('Escape closes the map popup and focus returns to the place in the list', async () => {
  const page = await env.page();
  await page.goto(env.base + '/map');
  const item = page.locator('.map-list button', { hasText: 'Seattle' });
  await item.focus();
  await page.keyboard.press('Enter');
  const popup = page.getByRole('dialog', { name: 'Events at this place' });
  await popup.waitFor();
  // Focus moves into the popup, so its links come next.
  assert.ok(await popup.evaluate((d) => d.contains(document.activeElement)), 'focus is inside the popup');
  await page.keyboard.press('Tab');
  assert.ok(await popup.evaluate((d) => d.contains(document.activeElement)), 'Tab stays in the popup');
  await page.keyboard.press('Escape');
  await popup.waitFor({ state: 'detached' });
  assert.equal((await focused(page))?.text, 'Seattle, United States');
  assert.deepEqual(page.errors, []);
});

test('Escape closes the Download menu and focus returns to it', async () => {
  const page = await env.page();
  await timeline(page);
  const summary = page.locator('.downloads summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const first = page.locator('.downloads .download').first();
  await first.waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('download')), true);
  await page.keyboard.press('Escape');
  await first.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
  assert.deepEqual(page.errors, []);
});

test('on a phone the facets sit behind "Filters (N)"; Escape closes the panel and returns focus', async () => {
  const page = await env.page();
  await page.setViewportSize({ width: 360, height: 740 });
  await timeline(page, '/?year=2015&project=docker');
  const toggle = page.getByRole('button', { name: /^Filters/ });
  assert.match(await toggle.innerText(), /Filters \(2\)/);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  const panel = page.locator('#' + await toggle.getAttribute('aria-controls'));
  assert.equal(await panel.isVisible(), false);
  // The active filters and the count stay in view while the panel is closed.
  assert.ok(await page.locator('.active-filters').isVisible());
  assert.ok(await page.locator('#result-count').isVisible());
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await panel.locator('.facet-value').first().waitFor();
  // Into the panel with Tab, toggle a value, then Escape.
  await page.keyboard.press('Tab');
  assert.ok(await panel.evaluate((p) => p.contains(document.activeElement)), 'Tab goes into the panel');
  await page.keyboard.press('Escape');
  assert.equal(await panel.isVisible(), false);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.ok(await toggle.evaluate((t) => t === document.activeElement), 'focus is back on the toggle');
  assert.deepEqual(page.errors, []);
});

// Accessibility: axe-core (WCAG 2.2 A/AA and best practices) on every route in light and dark,
// the heading outline of every route, open popups, and the polite live region of the result count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';
import { ROUTES, declaredPatterns, open } from './routes.mjs';
import { axe, axeContext, describe, headingProblems, newPage } from './axe.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('every route declared in src/app.rs has an entry in the route table', () => {
  const declared = declaredPatterns();
  assert.ok(declared.length >= 9, `found only ${declared.length} path!(...) in src/app.rs`);
  const covered = new Set(ROUTES.map((r) => r.pattern));
  const missing = declared.filter((p) => !covered.has(p));
  assert.deepEqual(missing.map((p) => `route ${p} has no axe/layout check: add it to tests/e2e/routes.mjs`), []);
  const stale = ROUTES.filter((r) => r.pattern !== null && !declared.includes(r.pattern));
  assert.deepEqual(stale.map((r) => `routes.mjs entry ${r.name} names ${r.pattern}, which src/app.rs no longer declares`), []);
});

// Opened popups and panels: axe only sees what is in the DOM, so these states get their own run.
const STATES = [
  {
    name: 'map popup',
    async open(page, base) {
      await page.goto(base + '/map?city=dublin');
      await page.locator('.map-list button').first().click();
      await page.getByRole('dialog', { name: 'Events at this place' }).waitFor();
    },
  },
  {
    name: 'downloads menu',
    async open(page, base) {
      await page.goto(base + '/');
      await page.locator('#results li.row').first().waitFor();
      await page.locator('.downloads summary').click();
      await page.locator('.downloads .download').first().waitFor();
    },
  },
  {
    name: 'embed dialog',
    async open(page, base) {
      await page.goto(base + '/?project=qemu');
      await page.locator('#results li.row').first().waitFor();
      await page.locator('.embed-button').first().click();
      await page.getByRole('dialog', { name: 'Embed this view' }).waitFor();
    },
  },
  {
    name: 'filter panel on a phone',
    async open(page, base) {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(base + '/?year=2015');
      await page.locator('#results li.row').first().waitFor();
      await page.getByRole('button', { name: /^Filters/ }).click({ timeout: 5000 });
      await page.locator('.filters .facet-value').first().waitFor();
    },
  },
];

for (const colorScheme of ['light', 'dark']) {
  test(`axe and headings: every route and popup in the ${colorScheme} theme`, async () => {
    const context = await axeContext(env.browser, { colorScheme });
    const page = await newPage(context);
    const failures = [];
    for (const route of ROUTES) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await open(page, env.base, route);
      const violations = await axe(page);
      if (violations.length) failures.push(`${route.name} (${route.url}):\n${describe(violations)}`);
      const headings = await headingProblems(page);
      if (headings.length) failures.push(`${route.name} (${route.url}) headings:\n    ${headings.join('\n    ')}`);
    }
    for (const state of STATES) {
      await page.setViewportSize({ width: 1280, height: 900 });
      try {
        await state.open(page, env.base);
      } catch (e) {
        failures.push(`${state.name}: could not open it: ${e.message.split('\n')[0]}`);
        continue;
      }
      const violations = await axe(page);
      if (violations.length) failures.push(`${state.name}:\n${describe(violations)}`);
      const headings = await headingProblems(page);
      if (headings.length) failures.push(`${state.name} headings:\n    ${headings.join('\n    ')}`);
    }
    await context.close();
    assert.equal(failures.length, 0, `\n${failures.join('\n\n')}`);
  });
}

test('the result count is a polite live region that changes after a filter click', async () => {
  const page = await env.page();
  await page.goto(env.base + '/');
  await page.locator('#results li.row').first().waitFor();
  const count = page.locator('#result-count');
  assert.equal(await count.getAttribute('aria-live'), 'polite');
  const before = await count.innerText();
  await page.locator('.facet-value').first().click();
  await page.waitForFunction((b) => document.querySelector('#result-count').innerText !== b, before);
  assert.notEqual(await count.innerText(), before);
  // The live region is the same element (a replaced node would not be announced).
  assert.equal(await page.locator('[aria-live="polite"]#result-count').count(), 1);
  assert.deepEqual(page.errors, []);
});

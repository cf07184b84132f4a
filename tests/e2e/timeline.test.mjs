// The timeline: facets, search, URL state, history, the overview strip, keyboard-only use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

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
  const names = await rows(page);
  for (const n of ['LinuxCon Europe 2015', 'CloudOpen Europe 2015', 'Embedded Linux Conference Europe 2015']) {
    assert.ok(names.includes(n), names.join());
  }
  const url = page.url();
  const other = await env.page();
  await other.goto(url);
  await other.locator('#results li.row').first().waitFor();
  assert.deepEqual(await rows(other), names);
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
  const names = await rows(page);
  for (const n of ['KVM Forum 2014', 'Tracing Summit 2014', 'LinuxCon Europe 2014', 'Linux Plumbers Conference 2014', 'CloudOpen Europe 2014']) {
    assert.ok(names.includes(n), names.join());
  }
  assert.ok(await page.locator('#results mark').count() > 0);
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
  await page.locator('.empty a').first().click();
  await page.locator('#results li.row').first().waitFor();
  assert.ok((await rows(page)).length > 0);
});

test('unknown values in the URL are dropped with a notice', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?project=no-such-project');
  await page.locator('.notice').waitFor();
  assert.match(await page.locator('.notice').innerText(), /no-such-project/);
  assert.equal(await page.locator('#result-count').innerText(), '1,136 events');
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
  const count = Number((await page.locator('#result-count').innerText()).replace(/\D/g, ''));
  assert.ok(count > 0 && count < 1136, String(count));
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
  const label = await page.evaluate(() => document.activeElement.querySelector('.label').textContent);
  await page.keyboard.press('Enter');
  await page.waitForURL(/project=|city=|country=|year=|series=/);
  assert.ok(label.length > 0);
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

// The conference map: markers, popup links, filters, keyboard zoom, viewport in the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('click the Dublin marker and follow the popup to LinuxCon Europe 2015', async () => {
  const page = await env.page();
  await page.goto(env.base + '/map');
  await page.locator('.map-svg .countries path').first().waitFor();
  const dublin = page.locator('.marker[aria-label^="Dublin"]');
  await dublin.waitFor();
  await dublin.click();
  const popup = page.getByRole('dialog', { name: 'Events at this place' });
  await popup.waitFor();
  assert.match(await popup.innerText(), /Dublin, Ireland/);
  await popup.getByRole('link', { name: 'LinuxCon Europe 2015' }).click();
  await page.getByRole('heading', { level: 1, name: 'LinuxCon Europe 2015' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the map follows the filters: project KVM leaves only Düsseldorf', async () => {
  const page = await env.page();
  await page.goto(env.base + '/map?project=kvm');
  await page.locator('.marker').first().waitFor();
  const places = await page.locator('.map-list li').allInnerTexts();
  assert.equal(places.length, 1);
  assert.match(places[0], /Düsseldorf, Germany/);
  assert.equal(await page.locator('.marker').count(), 1);
  // "Show only this city" keeps the other filters and goes to the timeline.
  await page.locator('.marker').first().click();
  await page.getByRole('link', { name: 'Show only this city' }).click();
  await page.waitForURL(/city=dusseldorf/);
  assert.match(page.url(), /project=kvm/);
  assert.deepEqual(page.errors, []);
});

test('zoom with the keyboard, and a reload shows the same viewport', async () => {
  const page = await env.page();
  await page.goto(env.base + '/map');
  const svg = page.locator('.map-svg');
  await page.locator('.marker').first().waitFor();
  const before = await svg.getAttribute('viewBox');
  await svg.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/at=%40|at=@/);
  const zoomed = await svg.getAttribute('viewBox');
  assert.notEqual(zoomed, before);
  const w = (vb) => Number(vb.split(' ')[2]);
  assert.ok(w(zoomed) < w(before), `${zoomed} should be narrower than ${before}`);
  await page.reload();
  await page.locator('.map-svg .countries path').first().waitFor();
  const again = (await svg.getAttribute('viewBox')).split(' ').map(Number);
  zoomed.split(' ').map(Number).forEach((v, i) => assert.ok(Math.abs(v - again[i]) < 1, `${zoomed} vs ${again}`));
  assert.deepEqual(page.errors, []);
});

test('the list twin works from the keyboard', async () => {
  const page = await env.page();
  await page.goto(env.base + '/map');
  const item = page.locator('.map-list button', { hasText: 'Seattle' });
  await item.focus();
  await page.keyboard.press('Enter');
  const popup = page.getByRole('dialog', { name: 'Events at this place' });
  await popup.waitFor();
  assert.match(await popup.innerText(), /LinuxCon North America 2015/);
  await page.locator('.map-svg').focus();
  await page.keyboard.press('Escape');
  await popup.waitFor({ state: 'detached' });
});

// The URL is the one source of view state (issue 14): the map panel follows `panel=` through
// clicks, Back and Forward, and every internal link keeps `?bundle=`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';

// A second bundle at another path: the demo with its names marked, so a page shows which
// bundle it came from.
const FIXTURE = 'url-state-bundle.json';
const BUNDLE = `/__fixtures__/${FIXTURE}`;
const MARK = ' (second bundle)';

let env;
before(async () => {
  const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/data/bundle.json'), 'utf8'));
  for (const e of demo.events) e.name += MARK;
  for (const t of demo.talks) t.title += MARK;
  for (const p of demo.people) p.name += MARK;
  for (const p of demo.projects) p.name += MARK;
  demo.title = `Second bundle`;
  fs.writeFileSync(path.join(ROOT, 'tests/e2e/fixtures', FIXTURE), JSON.stringify(demo));
  env = await start();
});
after(async () => { await env.close(); });

const toggle = (page) => page.locator('button.map-toggle');

async function expectMap(page, open) {
  await page.waitForFunction(
    (open) => {
      const b = document.querySelector('button.map-toggle');
      return b && b.getAttribute('aria-pressed') === String(open)
        && b.textContent.trim() === (open ? 'Hide map' : 'Show map')
        && !!document.querySelector('.map-panel') === open;
    },
    open,
    { timeout: 5000 },
  ).catch(async () => {
    const text = await toggle(page).innerText();
    const panels = await page.locator('.map-panel').count();
    assert.fail(`map should be ${open ? 'open' : 'closed'} at ${page.url()}: button "${text}", ${panels} panel(s)`);
  });
  assert.equal(new URL(page.url()).searchParams.get('panel'), open ? 'map' : null, page.url());
}

test('Show map opens the panel, Hide map closes it, and Back and Forward follow', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?project=qemu');
  await toggle(page).waitFor();
  await expectMap(page, false);
  // The active filter reads as the facet shows it (the project's name, not its id).
  assert.equal((await page.locator('.active-filters .chip').first().innerText()).trim(), 'Projects: QEMU ×');

  await toggle(page).click();
  await expectMap(page, true);
  await page.locator('.map-panel .map-svg').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('project'), 'qemu', 'the filter stays');

  await toggle(page).click();
  await expectMap(page, false);

  await page.goBack();
  await expectMap(page, true);
  await page.goBack();
  await expectMap(page, false);
  await page.goForward();
  await expectMap(page, true);
  assert.deepEqual(page.errors, []);
});

// Each step: the link followed, then the page's h1 must come from the second bundle and the
// URL must still name it.
async function follow(page, link, heading) {
  await link.click();
  const h1 = page.getByRole('heading', { level: 1, name: heading });
  await h1.waitFor({ timeout: 10000 });
  await onSecondBundle(page);
}

async function onSecondBundle(page) {
  await page.waitForFunction((b) => new URL(location.href).searchParams.getAll('bundle').includes(b), BUNDLE, { timeout: 5000 })
    .catch(() => assert.fail(`lost ?bundle= at ${page.url()}`));
}

test('a reader of another bundle stays on it through every link', async () => {
  const page = await env.page();
  await page.goto(`${env.base}/?bundle=${encodeURIComponent(BUNDLE)}&project=qemu`);
  const event = page.locator('.results a', { hasText: `Tracing Summit 2014${MARK}` }).first();
  await event.waitFor();
  // The rows link with the bundle (the href itself, not only where a click lands).
  assert.match(await event.getAttribute('href'), /[?&]bundle=/);

  await follow(page, event, `Tracing Summit 2014${MARK}`);
  // A reload fetches the bundle the URL names: the event is still the second bundle's.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: `Tracing Summit 2014${MARK}` }).waitFor();

  const talkTitle = `User Case Study: Tracing in the QEMU Emulator${MARK}`;
  const talkLink = () => page.locator('main').getByRole('link', { name: talkTitle }).first();
  await follow(page, talkLink(), talkTitle);
  const person = `Stefan Hajnoczi${MARK}`;
  await follow(page, page.locator('main').getByRole('link', { name: person }).first(), person);
  // A person page lists talks, not projects: on to the project through the talk's chips.
  await follow(page, talkLink(), talkTitle);
  const project = `QEMU${MARK}`;
  await follow(page, page.locator('main').getByRole('link', { name: project, exact: true }).first(), project);

  await page.locator('a.timeline-link').click();
  await page.waitForURL(/project=qemu/);
  await onSecondBundle(page);
  await page.locator('.results a', { hasText: MARK }).first().waitFor();

  await page.locator('header').getByRole('link', { name: 'Map' }).click();
  await page.getByRole('heading', { level: 1, name: 'Map' }).waitFor();
  await onSecondBundle(page);
  const timelineHref = await page.getByRole('link', { name: 'Show these events on the timeline' }).getAttribute('href');
  assert.match(timelineHref, /[?&]bundle=/);

  await page.goBack();
  await page.waitForURL(/project=qemu/);
  await onSecondBundle(page);
  await page.reload();
  await page.locator('.results a', { hasText: MARK }).first().waitFor();

  // The header and the not-found suggestions keep it too.
  for (const name of ['Hallway', 'Timeline', 'Map', 'About']) {
    const href = await page.locator('header').getByRole('link', { name, exact: true }).getAttribute('href');
    assert.match(href, /[?&]bundle=/, `header link ${name}: ${href}`);
  }
  await page.goto(`${env.base}/talks/tracing-in-the-qemu?bundle=${encodeURIComponent(BUNDLE)}`);
  const suggestion = page.locator('.not-found li a').first();
  await suggestion.waitFor();
  assert.match(await suggestion.getAttribute('href'), /[?&]bundle=/);
  assert.deepEqual(page.errors, []);
});

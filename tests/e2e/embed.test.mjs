// Embedding: /embed/* frames, the <hallway-view> element and a plain sandboxed iframe on a host
// page served from a second origin (tests/embed-host), with the _headers policies sent as real
// headers; the Embed dialog and the frab download of the full app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';
import { serve } from './server.mjs';

let env;
let host;
let hostBase;
before(async () => {
  env = await start({ csp: true });
  host = await serve({ root: path.join(ROOT, 'tests/embed-host') });
  hostBase = `http://127.0.0.1:${host.address().port}`;
});
after(async () => {
  await env.close();
  await new Promise((r) => host.close(r));
});

// The frame whose URL contains `part`, once it has navigated there.
async function frame(page, part) {
  for (let i = 0; i < 200; i++) {
    const f = page.frames().find((f) => f.url().includes(part));
    if (f) return f;
    await page.waitForTimeout(50);
  }
  throw new Error(`no frame at ${part}; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
}

test('headers: /embed/* may be framed by any site, the other pages by none', async () => {
  const embed = await fetch(env.base + '/embed/timeline');
  assert.match(embed.headers.get('content-security-policy'), /frame-ancestors \*/);
  assert.equal(embed.headers.get('access-control-allow-origin'), '*');
  const home = await fetch(env.base + '/');
  assert.equal(home.headers.get('x-frame-options'), 'DENY');
  assert.doesNotMatch(home.headers.get('content-security-policy'), /frame-ancestors/);
});

test('an embed page has no site header, one h1, a main landmark and an Open in Hallway link', async () => {
  const page = await env.page();
  await page.goto(env.base + '/embed/talks?project=qemu');
  await page.locator('#results li.row').first().waitFor();
  assert.equal(await page.locator('.site-header, nav, .skip-link').count(), 0);
  assert.equal(await page.locator('h1').count(), 1);
  assert.match(await page.locator('h1').innerText(), /Hallway demo.*: Talks/);
  assert.equal(await page.getByRole('main').count(), 1);
  const open = page.getByRole('link', { name: 'Open in Hallway' });
  assert.equal(await open.getAttribute('href'), `${env.base}/?view=talks&project=qemu`);
  assert.equal(await open.getAttribute('target'), '_blank');
  // No Downloads or Embed button inside a frame.
  assert.equal(await page.locator('details.downloads, .embed-button').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the host page: both elements and the sandboxed iframe render their preset filters', async () => {
  const page = await env.page();
  await page.goto(`${hostBase}/?app=${encodeURIComponent(env.base)}`);
  const before = await page.evaluate(() => window.__snapshot());
  await page.evaluate(() => window.__loadElement());
  await page.evaluate(() => window.__startPlain());

  const dublin = await frame(page, '/embed/timeline?city=dublin');
  const talks = await frame(page, '/embed/talks?project=qemu');
  const rust = await frame(page, '/embed/timeline?project=rust');
  for (const [f, rows, chip] of [[dublin, 4, 'Cities: Dublin'], [talks, 1, 'Projects: QEMU'], [rust, 2, 'Projects: Rust']]) {
    // Chromium throttles rendering (animation frames, resize observers) of cross-origin frames
    // outside the viewport, as it should: a reader sees each frame by scrolling to it.
    await (await f.frameElement()).scrollIntoViewIfNeeded();
    await f.locator('#results li.row').nth(rows - 1).waitFor();
    assert.equal(await f.locator('#results li.row').count(), rows, f.url());
    assert.match(await f.locator('.active-filters').innerText(), new RegExp(chip));
    // Entity links leave the frame for the full page, in a new tab.
    const link = f.locator('#results li.row h4 a').first();
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.ok((await link.getAttribute('href')).startsWith(env.base + '/'), await link.getAttribute('href'));
  }
  assert.match(await talks.locator('#results li.row').first().innerText(), /Tracing in the QEMU Emulator/);
  // The element's frames are sandboxed too, without allow-same-origin.
  for (const f of [dublin, talks, rust]) {
    const sandbox = await (await f.frameElement()).getAttribute('sandbox');
    assert.match(sandbox, /allow-scripts/);
    assert.doesNotMatch(sandbox, /allow-same-origin/);
  }

  // Height messages arrived from every frame, and the frames took the height.
  await page.waitForFunction(() => new Set(window.__messages.map((m) => m.path)).size >= 3);
  // Each frame, once visible, reports its full height; the last report of each is final.
  for (const f of [dublin, talks, rust]) await (await f.frameElement()).scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  const messages = await page.evaluate(() => window.__messages);
  for (const m of messages) {
    assert.equal(m.origin, 'null', 'the sandboxed frames have an opaque origin');
    assert.ok(Number.isFinite(m.height) && m.height > 100, JSON.stringify(m));
  }
  for (const f of [dublin, talks, rust]) {
    const path = new URL(f.url()).pathname + new URL(f.url()).search;
    const last = messages.filter((m) => m.path === path).at(-1);
    assert.ok(last, `a message from ${path}`);
    const box = await (await f.frameElement()).evaluate((el) => el.getBoundingClientRect().height);
    // The plain iframe keeps the host's 5px border; the element's frame has none.
    assert.ok(Math.abs(box - last.height) <= 10, `${path}: frame ${box}px, message ${last.height}px`);
  }
  const elementFrame = await (await dublin.frameElement()).evaluate((el) => getComputedStyle(el).borderTopWidth);
  assert.equal(elementFrame, '0px', "the host's iframe rule does not reach the element's frame");
  // Inside, the app keeps its own fonts and colours against the host's `* { ... !important }`.
  const inner = await dublin.locator('h1').evaluate((el) => [getComputedStyle(el).fontFamily, getComputedStyle(el).color]);
  assert.doesNotMatch(inner[0], /^serif$/);
  assert.notEqual(inner[1], 'rgb(255, 0, 0)');

  // Nothing of the host changed.
  assert.deepEqual(await page.evaluate(() => window.__snapshot()), before);

  // Changing an attribute re-targets that element's frame only.
  await page.evaluate(() => document.querySelector('hallway-view[city]').setAttribute('city', 'berlin'));
  const berlin = await frame(page, '/embed/timeline?city=berlin');
  await berlin.locator('.active-filters').getByText('Cities: Berlin').waitFor();
  assert.ok(page.frames().some((f) => f.url().includes('/embed/talks?project=qemu')));

  // One event by its own attribute; the element's `id` stays the host's.
  await page.evaluate(() => {
    const el = document.createElement('hallway-view');
    el.setAttribute('view', 'event');
    el.setAttribute('event', 'tracing-summit-2014');
    el.id = 'host-own-id';
    document.body.prepend(el);
  });
  const event = await frame(page, '/embed/events/tracing-summit-2014');
  await (await event.frameElement()).scrollIntoViewIfNeeded();
  await event.locator('h1').getByText('Tracing Summit 2014').first().waitFor();
  assert.equal(await page.locator('#host-own-id').count(), 1);

  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Embed dialog shows snippets for the current filters and copies them', async () => {
  const page = await env.page();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  await page.goto(env.base + '/?view=talks&project=qemu');
  await page.locator('#results li.row').first().waitFor();
  const button = page.getByRole('button', { name: 'Embed' });
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.waitFor();
  const iframe = await page.locator('#embed-iframe').inputValue();
  const element = await page.locator('#embed-element').inputValue();
  assert.match(iframe, new RegExp(`^<iframe src="${env.base}/embed/talks\\?project=qemu" `));
  assert.match(iframe, /sandbox="allow-scripts allow-popups/);
  assert.ok(element.includes(`<script type="module" src="${env.base}/embed/hallway-view.js"></script>`), element);
  assert.ok(element.includes('<hallway-view view="talks" project="qemu"></hallway-view>'), element);
  await page.locator('button.copy[data-snippet="embed-element"]').click();
  await page.locator('.embed-status').getByText('Copied').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), element);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Embed');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the event and project pages offer Embed; the event page downloads a frab schedule', async () => {
  const page = await env.page();
  await page.goto(env.base + '/projects/qemu');
  await page.getByRole('button', { name: 'Embed' }).click();
  assert.match(await page.locator('#embed-element').inputValue(), /<hallway-view view="project" project="qemu">/);
  await page.goto(env.base + '/events/tracing-summit-2014');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button.download[data-format="frab"]').click(),
  ]);
  assert.equal(file.suggestedFilename(), 'hallway-tracing-summit-2014.schedule.json');
  const schedule = JSON.parse(fs.readFileSync(await file.path(), 'utf8'));
  assert.equal(schedule.schedule.conference.acronym, 'tracing_summit_2014');
  assert.ok(Array.isArray(schedule.schedule.conference.days));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('talk, person, place and report pages offer Embed, and /embed/<kind>/<id> shows that record', async () => {
  const page = await env.page();
  const records = [
    ['talks', 'talk', 'tracing-in-the-qemu-emulator', 'User Case Study: Tracing in the QEMU Emulator'],
    ['people', 'person', 'stefan-hajnoczi', 'Stefan Hajnoczi'],
    ['places', 'place', 'dusseldorf', 'Düsseldorf'],
    ['reports', 'report', 'tracing-summit-and-kvm-forum-2014', 'Event Report: Tracing Summit & KVM Forum'],
  ];
  for (const [kind, view, id, title] of records) {
    await page.goto(`${env.base}/${kind}/${id}`);
    await page.getByRole('button', { name: 'Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this view' });
    await dialog.waitFor();
    const element = await page.locator('#embed-element').inputValue();
    assert.ok(element.endsWith(`<hallway-view view="${view}" ${view}="${id}"></hallway-view>`), element);
    assert.match(await page.locator('#embed-iframe').inputValue(), new RegExp(`^<iframe src="${env.base}/embed/${kind}/${id}" `));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The frame: that record's page, not the timeline of its kind (`/embed/talks` is one).
    await page.goto(`${env.base}/embed/${kind}/${id}`);
    await page.locator('h1').waitFor();
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('h1').innerText(), title);
    assert.equal(await page.locator('#results, .site-header, .embed-button').count(), 0);
    const open = page.getByRole('link', { name: 'Open in Hallway' });
    assert.equal(await open.getAttribute('href'), `${env.base}/${kind}/${id}`);
    // Links to other records leave the frame for the full page.
    const link = page.locator('article.entity a[href*="/people/"], article.entity a[href*="/events/"]').first();
    if (await link.count()) assert.equal(await link.getAttribute('target'), '_blank');
  }

  // <hallway-view view="talk" talk="..."> on another site's page.
  await page.goto(`${hostBase}/?app=${encodeURIComponent(env.base)}`);
  await page.evaluate(() => window.__loadElement());
  await page.evaluate(() => {
    const el = document.createElement('hallway-view');
    el.setAttribute('view', 'talk');
    el.setAttribute('talk', 'tracing-in-the-qemu-emulator');
    document.body.prepend(el);
  });
  const talk = await frame(page, '/embed/talks/tracing-in-the-qemu-emulator');
  await (await talk.frameElement()).scrollIntoViewIfNeeded();
  await talk.locator('h1').getByText('User Case Study: Tracing in the QEMU Emulator').waitFor();
  assert.equal(await talk.locator('#results').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

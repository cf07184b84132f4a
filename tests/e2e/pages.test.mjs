// The entity pages in a real browser: talk, event, person, project, place and report pages with
// their links both ways, not-found suggestions, the talk time-zone toggle, and the project's own
// XSS payloads (tests/xss/cases.mjs: tags x event handlers, script URLs in every encoding) in
// every text and URL field the pages render.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';
import { LISTS, eventPayloads, urlPayloads, badUrls as scriptUrls } from '../xss/cases.mjs';

const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');
const DEMO = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/data/bundle.json'), 'utf8'));
const QEMU_TALK = 'User Case Study: Tracing in the QEMU Emulator';
const QEMU_REPORT = 'Event Report: Tracing Summit & KVM Forum';

let env;
before(async () => {
  writeFixtures(await xssPayloads());
  env = await start();
});
after(async () => { await env?.close(); });

// Every element with a quoted event handler (24 tags x 9 handlers), then one script URL per
// scheme and encoding in an attribute: 276 payloads, each a talk, a person and a link.
async function xssPayloads() {
  const events = eventPayloads().slice(0, 216);
  const urls = urlPayloads().filter((p) => p.startsWith('<a href='));
  const payloads = [...events, ...urls];
  assert.equal(payloads.length, 216 + 60);
  return payloads;
}

// Generated at test time (and git-ignored): the demo bundle with a start time for the QEMU
// talk, and the demo bundle with XSS payloads in every field the entity pages show.
function writeFixtures(payloads) {
  const timed = structuredClone(DEMO);
  Object.assign(timed.talks[0], { start: '2014-10-13T09:30:00+02:00', duration_min: 45 });
  fs.writeFileSync(path.join(FIXTURES, 'pages-bundle.json'), JSON.stringify(timed));

  const b = structuredClone(DEMO);
  const all = payloads.join('\n\n');
  // Script URLs in every scheme and encoding, and a protocol-relative one leaving the site.
  const badUrls = [...scriptUrls(), 'data:text/html,<script>alert(1)</script>', '//evil.example/x'];
  b.events.push({
    id: 'xss-event', name: payloads[1], start: '2014-10-14', place: 'dusseldorf',
    url: badUrls.find((u) => u.startsWith('data:text/html,<')), colocated: ['kvm-forum-2014'], projects: ['qemu'], timezone: payloads[2],
  });
  payloads.forEach((p, i) => {
    b.people.push({ id: `xss-person-${i}`, name: p, affiliation: p, url: p });
    b.talks.push({
      id: `xss-talk-${i}`, title: p, event: 'xss-event', speakers: [`xss-person-${i}`, 'stefan-hajnoczi'],
      track: p, room: p, date: '2014-10-14', projects: ['qemu'], abstract: p,
      links: [{ kind: p, url: p, title: p }],
    });
  });
  const main = b.talks.find((t) => t.id === 'xss-talk-0');
  main.speakers = payloads.map((_, i) => `xss-person-${i}`);
  // Allowlisted tags carrying every event attribute: shown as formatting, attributes gone.
  // First: an unclosed `<script` payload below runs to the end of the text, as CommonMark says.
  const formatted = LISTS.event_attributes.map((attr) =>
    `<strong ${attr}="${LISTS.code}">strong</strong> <em ${attr}="${LISTS.code}">em</em> ` +
    `<a href="https://example.org/" ${attr}="${LISTS.code}">safe link</a>`).join('\n');
  main.abstract = `<p>${formatted}</p>\n\n${all}`;
  main.links = [...payloads, ...badUrls].map((url, i) => ({ kind: i % 2 ? 'slides' : payloads[i % payloads.length], url, title: `link ${i}` }));
  b.reports.push({
    id: 'xss-report', title: payloads[3], author: payloads[4], published: '2014-11', url: badUrls[0],
    events: ['xss-event'], talks: payloads.map((_, i) => `xss-talk-${i}`), projects: ['qemu'],
    summary: payloads[5], body: all,
  });
  b.projects.push({ id: 'xss-project', name: payloads[6], summary: payloads[7], url: badUrls.find((u) => u.startsWith('vbscript:')) });
  b.places.push({ id: 'xss-place', city: payloads[8], country: payloads[9], lat: 1, lon: 2 });
  b.venues.push({ id: 'xss-venue', name: payloads[10], place: 'xss-place' });
  b.events.push({ id: 'xss-event-2', name: 'XSS place event', start: '2015-01-01', place: 'xss-place', venue: 'xss-venue', projects: ['xss-project'] });
  fs.writeFileSync(path.join(FIXTURES, 'xss-bundle.json'), JSON.stringify(b));
}

const heading = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

test('the QEMU tracing talk links to speaker, event, projects and the covering report, and back', async () => {
  const page = await env.page();
  await page.goto(env.base + '/talks/tracing-in-the-qemu-emulator');
  await heading(page, QEMU_TALK);
  assert.equal(await page.title(), `${QEMU_TALK} · Hallway`);
  const main = page.locator('main');
  assert.equal(await main.getByRole('link', { name: 'Stefan Hajnoczi' }).getAttribute('href'), '/people/stefan-hajnoczi');
  assert.equal(await main.getByRole('link', { name: 'Tracing Summit 2014' }).getAttribute('href'), '/events/tracing-summit-2014');
  assert.equal(await main.getByRole('link', { name: 'QEMU', exact: true }).getAttribute('href'), '/projects/qemu');
  assert.match(await main.innerText(), /Mon 13 October 2014/);
  const covered = page.locator('.covered-by');
  assert.match(await covered.innerText(), /Event Report: Tracing Summit & KVM Forum/);
  assert.match(await covered.innerText(), /Düsseldorf/, 'the report summary is shown');

  // Reverse links: the report lists the talk, the speaker lists talk and report, the event the talk.
  await covered.getByRole('link', { name: QEMU_REPORT }).click();
  await heading(page, QEMU_REPORT);
  assert.equal(await page.locator('.covers').getByRole('link', { name: QEMU_TALK }).getAttribute('href'), '/talks/tracing-in-the-qemu-emulator');
  assert.equal(await page.locator('.covers').getByRole('link', { name: 'KVM Forum 2014' }).getAttribute('href'), '/events/kvm-forum-2014');
  await page.goto(env.base + '/people/stefan-hajnoczi');
  await heading(page, 'Stefan Hajnoczi');
  assert.match(await main.innerText(), /Tracing Summit 2014 · Mon 13 October 2014/);
  await main.getByRole('link', { name: QEMU_REPORT }).waitFor();
  await main.getByRole('link', { name: QEMU_TALK }).click();
  await heading(page, QEMU_TALK);
  await main.getByRole('link', { name: 'Tracing Summit 2014' }).click();
  await heading(page, 'Tracing Summit 2014');
  await page.locator('.programme').getByRole('link', { name: QEMU_TALK }).waitFor();
  assert.match(await page.locator('.programme').innerText(), /Mon 13 October 2014/);
  assert.deepEqual(page.errors, []);
});

test('event pages show co-located events both ways, the series, the place and reports', async () => {
  const page = await env.page();
  await page.goto(env.base + '/events/linuxcon-europe-2014');
  await heading(page, 'LinuxCon Europe 2014');
  assert.equal(await page.title(), 'LinuxCon Europe 2014 · Hallway');
  const colocated = page.locator('.colocated');
  for (const name of ['KVM Forum 2014', 'Tracing Summit 2014', 'Linux Plumbers Conference 2014', 'CloudOpen Europe 2014']) {
    await colocated.getByRole('link', { name }).waitFor();
  }
  const series = page.locator('.series');
  assert.match(await series.innerText(), /LinuxCon Europe/);
  assert.equal(await series.locator('.next a').getAttribute('href'), '/events/linuxcon-europe-2015');
  assert.equal(await series.locator('.previous').count(), 0);
  assert.equal(await page.locator('main').getByRole('link', { name: 'Düsseldorf, Germany' }).getAttribute('href'), '/places/dusseldorf');
  assert.match(await page.locator('main').innerText(), /Congress Center Düsseldorf/);
  await page.locator('.reports').getByRole('link', { name: QEMU_REPORT }).waitFor();

  // The other direction: KVM Forum names LinuxCon Europe though only LinuxCon lists it.
  await colocated.getByRole('link', { name: 'KVM Forum 2014' }).click();
  await heading(page, 'KVM Forum 2014');
  await page.locator('.colocated').getByRole('link', { name: 'LinuxCon Europe 2014' }).waitFor();

  await page.goto(env.base + '/events/linuxcon-europe-2015');
  await heading(page, 'LinuxCon Europe 2015');
  assert.equal(await page.locator('.series .previous a').getAttribute('href'), '/events/linuxcon-europe-2014');
  assert.equal(await page.locator('.series .next').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('the place page links to the map centred on it and to the filtered timeline', async () => {
  const page = await env.page();
  await page.goto(env.base + '/places/dusseldorf');
  await heading(page, 'Düsseldorf');
  assert.equal(await page.title(), 'Düsseldorf · Hallway');
  const main = page.locator('main');
  assert.match(await main.innerText(), /Congress Center Düsseldorf/);
  await main.getByRole('link', { name: 'KVM Forum 2014' }).waitFor();
  assert.equal(await main.getByRole('link', { name: 'LinuxCon Europe 2015' }).count(), 0, 'Dublin events stay off');
  assert.equal(await page.locator('.timeline-link').getAttribute('href'), '/?city=dusseldorf');
  const map = await page.locator('.map-link').getAttribute('href');
  const m = map.match(/^\/map\?at=@(-?[\d.]+),(-?[\d.]+),z([\d.]+)$/);
  assert.ok(m, map);
  assert.ok(Math.abs(Number(m[1]) - 51.2277) < 0.1 && Math.abs(Number(m[2]) - 6.7735) < 0.1, map);
  await page.locator('.map-link').click();
  await page.waitForURL('**/map?at=*');
  await heading(page, 'Map');
  assert.deepEqual(page.errors, []);
});

test('the qemu project page lists the talk, its events and reports, and links to the timeline', async () => {
  const page = await env.page();
  await page.goto(env.base + '/projects/qemu');
  await heading(page, 'QEMU');
  assert.equal(await page.title(), 'QEMU · Hallway');
  const main = page.locator('main');
  await main.getByRole('link', { name: QEMU_TALK }).waitFor();
  await main.getByRole('link', { name: QEMU_REPORT }).waitFor();
  assert.match(await page.locator('.years').innerText(), /2014/);
  assert.equal(await page.locator('.timeline-link').getAttribute('href'), '/?project=qemu');
  await page.locator('.timeline-link').click();
  await page.waitForURL((u) => u.pathname === '/' && u.search === '?project=qemu');
  assert.deepEqual(page.errors, []);
});

test('unknown ids on every page kind show the not-found page with suggestions', async () => {
  const page = await env.page();
  const cases = [
    ['/talks/tracing-qemu', 'talk', QEMU_TALK, '/talks/tracing-in-the-qemu-emulator'],
    ['/events/kvm-forum', 'event', 'KVM Forum 2014', '/events/kvm-forum-2014'],
    ['/people/stefan', 'person', 'Stefan Hajnoczi', '/people/stefan-hajnoczi'],
    ['/projects/qem', 'project', 'QEMU', '/projects/qemu'],
    ['/places/duseldorf', 'place', 'Düsseldorf', '/places/dusseldorf'],
    ['/reports/tracing-summit-report', 'report', QEMU_REPORT, '/reports/tracing-summit-and-kvm-forum-2014'],
  ];
  for (const [url, what, label, href] of cases) {
    await page.goto(env.base + url);
    await heading(page, 'Not found');
    const main = page.locator('main');
    assert.match(await main.innerText(), new RegExp(`no ${what} at this address`), url);
    assert.equal(await main.getByRole('link', { name: label, exact: true }).first().getAttribute('href'), href, url);
    assert.match(await page.title(), /not found · Hallway$/, url);
  }
  assert.deepEqual(page.errors, []);
});

test('the talk time switches to the reader\'s zone and back, remembered across reloads', async () => {
  const context = await env.browser.newContext({ timezoneId: 'America/New_York' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = env.base + '/talks/tracing-in-the-qemu-emulator?bundle=/__fixtures__/pages-bundle.json';
  const eventTime = 'Mon 13 October 2014, 09:30–10:15 (Europe/Berlin, UTC+02:00)';
  const readerTime = 'Mon 13 October 2014, 03:30–04:15 (America/New_York, UTC−04:00) in your time zone';
  await page.goto(url);
  await heading(page, QEMU_TALK);
  const time = page.locator('.talk-time time');
  const toggle = page.locator('.tz-toggle');
  assert.equal(await time.innerText(), eventTime);
  assert.equal(await time.getAttribute('datetime'), '2014-10-13T09:30:00+02:00');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await time.innerText(), readerTime);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await page.reload();
  await heading(page, QEMU_TALK);
  assert.equal(await time.innerText(), readerTime);
  await toggle.click();
  assert.equal(await time.innerText(), eventTime);
  await page.reload();
  await heading(page, QEMU_TALK);
  assert.equal(await time.innerText(), eventTime);
  assert.match(await page.locator('main').innerText(), /Duration\s+45 min/);
  assert.deepEqual(errors, []);
  await context.close();
});

// Elements the entity pages and the Markdown renderer can produce; anything else came from data.
const ALLOWED = new Set(['ARTICLE', 'SECTION', 'DIV', 'P', 'SPAN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'A', 'EM', 'STRONG', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE', 'IMG',
  'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'HR', 'BR', 'TIME', 'BUTTON',
  // The problems banner (the XSS bundle has a bad time zone, which the loader reports).
  'ASIDE', 'DETAILS', 'SUMMARY',
  // The Embed dialog (its snippets are built by core and set as the textareas' values).
  'DIALOG', 'LABEL', 'TEXTAREA']);

async function auditMain(page) {
  return page.evaluate((allowed) => {
    const bad = [];
    const main = document.querySelector('main');
    for (const el of main.querySelectorAll('*')) {
      if (!allowed.includes(el.tagName)) bad.push(`element <${el.tagName.toLowerCase()}>`);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`attribute ${a.name} on <${el.tagName.toLowerCase()}>`);
        if (/^(href|src|xlink:href|action|formaction|srcset|poster|background|srcdoc)$/i.test(a.name)
          && /^\s*(javascript|data|vbscript):/i.test(a.value.replace(/[\t\n\r]/g, ''))) {
          bad.push(`${a.name}=${a.value.slice(0, 60)}`);
        }
        if (/^(style)$/i.test(a.name)) bad.push(`style attribute on <${el.tagName.toLowerCase()}>`);
      }
    }
    return { bad, ran: window.__xssRan, text: main.innerText.length };
  }, [...ALLOWED]);
}

test('XSS payloads in titles, names, abstracts, report bodies and link URLs stay inert text', async () => {
  const page = await env.page();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.addInitScript(() => {
    window.__xssRan = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      window[name] = (...args) => { window.__xssRan.push(`${name}(${args.join(',')})`); };
    }
  });
  const payloads = await xssPayloads();
  const q = '?bundle=/__fixtures__/xss-bundle.json';
  const visits = [
    ['/talks/xss-talk-0', payloads[0]],
    ['/talks/xss-talk-40', payloads[40]],
    ['/events/xss-event', payloads[1]],
    ['/people/xss-person-0', payloads[0]],
    ['/people/stefan-hajnoczi', 'Stefan Hajnoczi'],
    ['/reports/xss-report', payloads[3]],
    ['/projects/qemu', 'QEMU'],
    ['/projects/xss-project', payloads[6]],
    ['/places/dusseldorf', 'Düsseldorf'],
    ['/places/xss-place', payloads[8]],
    ['/talks/xss-talk-no-such', 'Not found'],
  ];
  for (const [url, title] of visits) {
    await page.goto(env.base + url + q);
    const h1 = page.locator('main h1').first();
    await h1.waitFor();
    // The payload is shown, as text: the h1 holds exactly the string.
    assert.equal(await h1.textContent(), title, url);
    // Markdown arrives from the worker: audit what it rendered, not the loading state.
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    await page.waitForTimeout(150); // let onerror/onload handlers of any injected element fire
    const { bad, ran, text } = await auditMain(page);
    assert.deepEqual(bad, [], url);
    assert.deepEqual(ran, [], url);
    assert.ok(text > 100, `${url} rendered its content`);
  }
  // Markdown maps the payloads' allowlisted tags onto its own elements (the audit above found
  // nothing else) and drops the rest: the abstract shows formatting, not `<b>` source.
  await page.goto(env.base + '/talks/xss-talk-0' + q);
  await page.locator('main .markdown').first().waitFor();
  // (Some payloads escape their markup as `&lt;img …&gt;`: that is text, and shown as text.)
  const n = LISTS.event_attributes.length;
  assert.equal(await page.locator('.markdown strong').filter({ hasText: 'strong' }).count(), n);
  assert.equal(await page.locator('.markdown em').filter({ hasText: 'em' }).count(), n);
  assert.equal(await page.locator('.markdown a[href="https://example.org/"]').count(), n);
  assert.deepEqual(dialogs, []);
  // Payload images (`<img src=x>` rendered from Markdown `![]()` forms) may 404; nothing else may log.
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);
});

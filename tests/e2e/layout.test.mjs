// Responsive layout: each main route at 360, 768 and 1280 px wide in light and dark, screenshot
// to test-output/screenshots/<route>-<width>-<theme>.png, and checked by script for horizontal
// overflow, overlapping controls or text, and (on phones) touch targets under 24 by 24 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';
import { ROUTES, open } from './routes.mjs';

const OUT = path.join(ROOT, 'test-output/screenshots');
const WIDTHS = [360, 768, 1280];

let env;
before(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  env = await start();
});
after(async () => { await env.close(); });

// Runs in the page. Returns the layout problems at the current width, as readable strings.
function inspect({ checkTargets }) {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.skip-link'))
      .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5))
      .slice(0, 3).map(name);
    problems.push(`horizontal overflow: scrollWidth ${doc.scrollWidth} > ${window.innerWidth} (widest: ${wide.join(', ')})`);
  }

  function name(e) {
    const cls = (e.getAttribute('class') || '').trim().split(/\s+/).filter(Boolean).slice(0, 2).map((c) => '.' + c).join('');
    const text = (e.textContent || e.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 24);
    return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${cls} "${text}"`;
  }
  // Shown to a sighted reader: laid out, not hidden, and not a 1px visually-hidden box.
  function shown(e) {
    // checkVisibility also says no inside a closed <details> (content-visibility: hidden).
    if (!e.checkVisibility({ visibilityProperty: true, opacityProperty: true, contentVisibilityAuto: true })) return false;
    const r = e.getBoundingClientRect();
    return r.width > 2 && r.height > 2 && e.getClientRects().length > 0;
  }
  // The rectangles actually drawn: clipped by every ancestor that hides overflow.
  function boxes(e) {
    let clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
    for (let a = e.parentElement; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const r = a.getBoundingClientRect();
        clip = { left: Math.max(clip.left, r.left), top: Math.max(clip.top, r.top), right: Math.min(clip.right, r.right), bottom: Math.min(clip.bottom, r.bottom) };
      }
    }
    return [...e.getClientRects()].map((r) => ({
      left: Math.max(r.left, clip.left), top: Math.max(r.top, clip.top),
      right: Math.min(r.right, clip.right), bottom: Math.min(r.bottom, clip.bottom),
    })).filter((r) => r.right - r.left > 1 && r.bottom - r.top > 1);
  }
  const area = (a, b) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
    Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  const fmt = (r) => `[${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.right - r.left)}x${Math.round(r.bottom - r.top)}]`;

  const LEAVES = 'a, button, input, select, textarea, summary, label, h1, h2, h3, h4';
  const leaves = [...document.querySelectorAll(LEAVES)].filter(shown)
    .map((e) => ({ e, boxes: boxes(e) })).filter((x) => x.boxes.length);
  for (let i = 0; i < leaves.length; i++) {
    for (let j = i + 1; j < leaves.length; j++) {
      const a = leaves[i]; const b = leaves[j];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      // A label drawn over its own control is a design choice, not a collision.
      if (a.e.tagName === 'LABEL' && a.e.control === b.e) continue;
      for (const ra of a.boxes) {
        const rb = b.boxes.find((r) => area(ra, r) > 2);
        if (rb) {
          problems.push(`overlap: ${name(a.e)} ${fmt(ra)} and ${name(b.e)} ${fmt(rb)}`);
          break;
        }
      }
    }
  }

  if (checkTargets) {
    // WCAG 2.5.8: 24 by 24 px, or a 24 px circle around the target's centre that touches no
    // other target; links inside running text are exempt.
    const targets = [...document.querySelectorAll('a[href], button, summary, select, input:not([type=hidden])')]
      .filter(shown).filter((e) => !inSentence(e))
      .map((e) => ({ e, r: e.getBoundingClientRect() }));
    function inSentence(e) {
      if (e.tagName !== 'A' || getComputedStyle(e).display !== 'inline') return false;
      const block = e.parentElement.closest('p, li, dd, td, figcaption, blockquote');
      return block && block.textContent.trim().length > e.textContent.trim().length + 2;
    }
    const centre = (r) => [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
    const small = (r) => r.width < 23.5 || r.height < 23.5;
    const rectNear = (r, [x, y]) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom)) < 12;
    for (const t of targets.filter((t) => small(t.r))) {
      const c = t.r && centre(t.r);
      const hit = targets.find((o) => o !== t && !o.e.contains(t.e) && !t.e.contains(o.e) &&
        (rectNear(o.r, c) || (small(o.r) && Math.hypot(...centre(o.r).map((v, k) => v - c[k])) < 24)));
      if (hit) problems.push(`small target: ${name(t.e)} ${fmt(t.r)} is too close to ${name(hit.e)} ${fmt(hit.r)}`);
    }
  }
  return problems;
}

const MAIN = ROUTES.filter((r) => r.layout);

for (const colorScheme of ['light', 'dark']) {
  test(`layout: main routes at ${WIDTHS.join(', ')} px in the ${colorScheme} theme`, async () => {
    const context = await env.browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const failures = [];
    for (const route of MAIN) {
      for (const width of WIDTHS) {
        // Load at each width: the map and the strip size themselves on load, as on a real phone.
        await page.setViewportSize({ width, height: 800 });
        await open(page, env.base, route);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const tall = await page.evaluate(() => document.documentElement.scrollHeight > 5000);
        await page.screenshot({ path: path.join(OUT, `${route.name}-${width}-${colorScheme}.png`), fullPage: !tall });
        const problems = await page.evaluate(inspect, { checkTargets: width === 360 });
        for (const p of problems) failures.push(`${route.name} at ${width}px (${colorScheme}): ${p}`);
      }
    }
    // The phone's filter panel, open.
    await page.setViewportSize({ width: 360, height: 800 });
    await open(page, env.base, ROUTES.find((r) => r.name === 'home-filtered'));
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.locator('#facet-panel .facet-value').first().waitFor();
    await page.screenshot({ path: path.join(OUT, `home-filters-open-360-${colorScheme}.png`) });
    for (const p of await page.evaluate(inspect, { checkTargets: true })) failures.push(`filter panel at 360px (${colorScheme}): ${p}`);
    // The open Download menu lies over the results by design: only overflow counts there.
    await page.locator('.downloads summary').click();
    await page.locator('.downloads .download').first().waitFor();
    await page.screenshot({ path: path.join(OUT, `home-download-menu-360-${colorScheme}.png`) });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 0) failures.push(`the open Download menu at 360px (${colorScheme}) overflows by ${wide}px`);
    await context.close();
    assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
  });
}

test('the layout checks themselves catch overflow, overlap and small targets', async () => {
  const page = await env.page();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(env.base + '/about');
  await page.locator('h1').waitFor();
  assert.deepEqual(await page.evaluate(inspect, { checkTargets: true }), []);
  // Break the page on purpose: a wide box, a button over the heading, two tiny buttons close together.
  await page.evaluate(() => {
    const main = document.querySelector('main');
    const wide = document.createElement('div');
    wide.className = 'test-wide';
    wide.textContent = 'x'.repeat(200);
    main.append(wide);
    const h1 = main.querySelector('h1');
    const over = document.createElement('button');
    over.textContent = 'over';
    over.className = 'test-over';
    h1.after(over);
    const r = h1.getBoundingClientRect();
    over.style.setProperty('position', 'absolute');
    over.style.setProperty('left', `${r.left}px`);
    over.style.setProperty('top', `${r.top + window.scrollY}px`);
    for (let i = 0; i < 2; i++) {
      const tiny = document.createElement('button');
      tiny.className = 'test-tiny';
      tiny.textContent = 't';
      for (const [k, v] of [['padding', '0'], ['min-height', '0'], ['width', '10px'], ['height', '10px'], ['font-size', '6px'], ['margin', '0']]) tiny.style.setProperty(k, v);
      main.append(tiny);
    }
  });
  const problems = (await page.evaluate(inspect, { checkTargets: true })).join('\n');
  assert.match(problems, /horizontal overflow/);
  assert.match(problems, /overlap: h1 .* and button\.test-over|overlap: button\.test-over .* and h1/);
  assert.match(problems, /small target: button\.test-tiny/);
});

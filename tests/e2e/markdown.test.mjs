// Bundle Markdown with raw HTML in a real browser (issue 15): a talk abstract written as HTML, as
// bundles made elsewhere carry it, shows formatting rather than tag source, runs nothing, and
// keeps no attribute but a checked href; its headings nest under the page's own (issue 14).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('an HTML abstract renders as formatting, inert, with its headings nested under the page', async () => {
  const page = await env.page();
  await page.addInitScript(() => { window.__xss = undefined; });
  await page.goto(env.base + '/talks/html-abstract?bundle=/__fixtures__/markdown-html.json');
  await page.getByRole('heading', { level: 1, name: 'An abstract written as HTML' }).waitFor();
  const md = page.locator('main .markdown').first();
  await md.waitFor();

  // Formatting elements, not tag source.
  const text = await md.innerText();
  assert.doesNotMatch(text, /<\/?(p|strong|b|em|i|code|ul|li|a|img|script|style|h1)\b/i, text);
  assert.match(text, /we introduce tracing & profiling with perf\./);
  assert.equal(await md.locator('p strong').first().innerText(), 'tracing');
  assert.equal(await md.locator('p em').first().innerText(), 'profiling');
  assert.equal(await md.locator('p code').innerText(), 'perf');
  assert.equal(await md.locator('ul > li').count(), 2);
  assert.equal(await md.locator('ul > li > ol > li').innerText(), 'nested');
  const link = md.getByRole('link', { name: 'a link' });
  assert.equal(await link.getAttribute('href'), 'https://example.org/');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow');
  assert.equal(await md.getByRole('link', { name: 'target' }).count(), 0, 'the javascript: link is text');
  assert.match(text, /Bad target/);

  // Nothing ran, nothing hid the page, and no attribute but the app's own survived.
  await page.waitForTimeout(150);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await md.locator('script, style, img').count(), 0);
  const attrs = await md.evaluate((root) => [...root.querySelectorAll('*')]
    .flatMap((el) => [...el.attributes].map((a) => `${el.tagName.toLowerCase()}[${a.name}]`)));
  const allowed = new Set(['a[href]', 'a[rel]', 'a[target]', 'p[role]', 'p[aria-level]']);
  assert.deepEqual(attrs.filter((a) => !allowed.has(a)), []);

  // One h1, and the abstract's headings (HTML and Markdown) nest below the page's "Abstract" h2.
  const outline = await page.locator('main').evaluate((main) => [...main.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
    .map((h) => [Number(h.getAttribute('aria-level') || h.tagName.slice(1)), h.textContent.trim()]));
  assert.equal(outline.filter(([l]) => l === 1).length, 1, JSON.stringify(outline));
  for (let i = 1; i < outline.length; i++) {
    assert.ok(outline[i][0] <= outline[i - 1][0] + 1, `skipped level at ${JSON.stringify(outline[i])}: ${JSON.stringify(outline)}`);
  }
  const abstract = outline.findIndex(([, t]) => t === 'Abstract');
  assert.deepEqual(outline.slice(abstract, abstract + 6), [
    [2, 'Abstract'], [3, 'Part one'], [4, 'Markdown below it'], [5, 'Deeper, with HTML'],
    [6, 'Deeper still'], [7, 'Past h6'],
  ]);
  assert.deepEqual(page.errors, []);
});

// The split form at 100,000 talks, on its own (the full bench takes long): keystroke -> painted
// with the search chunks' fetches included, bytes fetched per query, and a talk page's abstract
// painted after navigation (in the app, from the timeline; and cold). `bench/run.mjs` runs
// `splitRun` on its 100k split bundle for BENCHMARKS.md; run alone it prints the figures.
//
// `node bench/split.mjs` after scripts/build.sh. Environment: TALKS (default 100000), RUNS
// (default 3) page loads per query, HALLWAY (a `hallway` binary; default: `cargo build -p
// hallway-cli` and target/debug/hallway, whose output is the release one's), CHROMIUM.
// Served by bench/server.mjs (gzip, precompressed) on 127.0.0.1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, warm } from './server.mjs';
import { freshPage } from './measure.mjs';
import { stats } from './report.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const require = createRequire(path.join(ROOT, 'tools/package.json'));
const TALKS = Number(process.env.TALKS || 100000);
const RUNS = Number(process.env.RUNS || 3);
// Words typed letter by letter, each on a fresh page (empty caches): common words whose chunks
// are the largest, a word only some abstracts hold, two words, a one-letter word.
const QUERIES = ['kernel', 'memory tracing', 'xyloab', 'q'];
const log = (...a) => console.log('[split]', ...a);

// Waits for the page to settle after `since`: no chunk on its way, then two quiet frames.
// Returns the last `hallway:results-rendered` paint after `since` and the search files fetched.
async function settle(page, since) {
  const t0 = Date.now();
  for (;;) {
    const s = await page.evaluate((since) => {
      const pending = Boolean(document.querySelector('.search-status[data-pending]'));
      const painted = (window.__bench.painted['hallway:results-rendered'] || []).filter((t) => t > since);
      return { pending, last: painted.length ? painted[painted.length - 1] : null };
    }, since);
    if (!s.pending && s.last !== null) {
      await page.waitForTimeout(120);
      const again = await page.evaluate((since) => {
        const painted = (window.__bench.painted['hallway:results-rendered'] || []).filter((t) => t > since);
        const pending = Boolean(document.querySelector('.search-status[data-pending]'));
        return pending ? null : painted[painted.length - 1];
      }, since);
      if (again === s.last) return s.last;
    }
    if (Date.now() - t0 > 30000) throw new Error('results did not settle within 30 s');
    await page.waitForTimeout(10);
  }
}

const searchBytes = (served, from) => served.slice(from)
  .filter((r) => r.url.includes('/bundle.search/') && !r.url.endsWith('/index.json'))
  .reduce((a, r) => ({ n: a.n + 1, bytes: a.bytes + r.bytes }), { n: 0, bytes: 0 });

/**
 * Measures the split form served by `server` (bench/server.mjs) at `bundlePath` (a URL path),
 * whose main document is `main` (parsed): keystrokes with chunk fetches, bytes per query, a
 * talk's abstract after navigation. Counts bytes as the server sends them.
 */
export async function splitRun(browser, server, bundlePath, main, { runs = 3, log = () => {} } = {}) {
  const served = [];
  server.prependListener('request', (req, res) => {
    const end = res.end.bind(res);
    res.end = (body, ...rest) => {
      served.push({ url: req.url, bytes: body ? body.length : 0 });
      return end(body, ...rest);
    };
  });
  const bundle = encodeURIComponent(bundlePath);
  const keys = [];
  const labels = [];
  const perQuery = {};
  const abstractSpa = [];
  const abstractCold = [];
  let dictionary = null;
  for (let run = 0; run < runs; run++) {
    for (const q of QUERIES) {
      const { context, page } = await freshPage(browser);
      try {
        await page.goto(`${server.url}/?view=talks&bundle=${bundle}`);
        await page.waitForFunction(() => (window.__bench.painted['hallway:first-rows'] || []).length > 0, null, { timeout: 120000 });
        await settle(page, 0); // the dictionary
        dictionary = dictionary ?? served.find((r) => r.url.endsWith('/bundle.search/index.json'))?.bytes;
        await page.focus('#search');
        const start = served.length;
        for (const [at, ch] of [...q].entries()) {
          const since = await page.evaluate(() => performance.now());
          await page.keyboard.press(ch === ' ' ? 'Space' : ch);
          const painted = await settle(page, since);
          const input = await page.evaluate((since) => window.__bench.inputs.find((i) => i.type === 'keydown' && i.t >= since)?.t, since);
          keys.push(painted - (input ?? since));
          labels.push(`"${q.slice(0, at + 1)}"`);
        }
        const fetched = searchBytes(served, start);
        (perQuery[q] ??= []).push(fetched);
        const count = await page.locator('#result-count').innerText();
        log(`run ${run + 1} "${q}": ${count}, ${fetched.n} chunks, ${fetched.bytes} bytes`);
      } finally {
        await context.close();
      }
    }
    // A talk's abstract: click a row of the timeline (in-app navigation), then a cold load.
    const talk = main.talks.find((x, i) => i % 997 === 500 && x.text_shard !== undefined);
    {
      const { context, page } = await freshPage(browser, { watch: [['abstract', 'article.talk .markdown']] });
      try {
        await page.goto(`${server.url}/?view=talks&bundle=${bundle}`);
        await page.waitForFunction(() => (window.__bench.painted['hallway:first-rows'] || []).length > 0, null, { timeout: 120000 });
        const link = page.locator('ul.rows li.row h4 a').first();
        const since = await page.evaluate(() => performance.now());
        await link.click();
        await page.waitForFunction((since) => (window.__bench.painted['dom:abstract'] || []).some((t) => t > since), since, { timeout: 30000 });
        const input = await page.evaluate((since) => window.__bench.inputs.find((i) => i.type === 'click' && i.t >= since)?.t ?? since, since);
        const painted = await page.evaluate((since) => window.__bench.painted['dom:abstract'].find((t) => t > since), since);
        abstractSpa.push(painted - input);
      } finally {
        await context.close();
      }
    }
    {
      const { context, page } = await freshPage(browser, { watch: [['abstract', 'article.talk .markdown']] });
      try {
        await page.goto(`${server.url}/talks/${encodeURIComponent(talk.id)}?bundle=${bundle}`);
        await page.waitForFunction(() => (window.__bench.painted['dom:abstract'] || []).length > 0, null, { timeout: 120000 });
        const r = await page.evaluate(() => ({ abstract: window.__bench.painted['dom:abstract'][0], indexed: window.__bench.marks['hallway:indexed'][0] }));
        abstractCold.push(r);
      } finally {
        await context.close();
      }
    }
    log(`run ${run + 1}: abstract after a click ${Math.round(abstractSpa.at(-1))} ms, cold ${Math.round(abstractCold.at(-1).abstract)} ms (data ready at ${Math.round(abstractCold.at(-1).indexed)} ms)`);
  }
  const slow = keys.map((k, i) => [k, labels[i]]).sort((a, b) => b[0] - a[0]).slice(0, 6);
  return { keys, slow, perQuery, dictionary, abstractSpa, abstractCold };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let cli = process.env.HALLWAY;
  if (!cli) {
    const r = spawnSync('cargo', ['build', '--quiet', '-p', 'hallway-cli'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) process.exit(1);
    cli = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'debug/hallway');
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-split-bench-'));
  const out = path.join(tmp, 'split/bundle.json');
  fs.mkdirSync(path.dirname(out));
  let t = Date.now();
  const g = spawnSync(cli, ['generate', '--talks', String(TALKS), '--seed', '3', '--split', '--out', out], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (g.status !== 0) process.exit(1);
  log(`generated in ${((Date.now() - t) / 1000).toFixed(1)} s: ${String(g.stdout).trim()}`);
  const main = JSON.parse(fs.readFileSync(out, 'utf8'));

  const DIST = path.join(ROOT, 'dist');
  const server = await serve({ root: DIST, mounts: [['/bundles/', tmp]] });
  const files = [path.join(tmp, 'split/bundle.json'),
    ...fs.readdirSync(path.join(tmp, 'split/bundle.search')).map((f) => path.join(tmp, 'split/bundle.search', f)),
    ...fs.readdirSync(path.join(tmp, 'split/bundle.texts')).map((f) => path.join(tmp, 'split/bundle.texts', f))];
  t = Date.now();
  await warm(server, files.map((f) => `/bundles/${path.relative(tmp, f)}`));
  log(`compressed ${files.length} files in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const r = await splitRun(browser, server, '/bundles/split/bundle.json', main, { runs: RUNS, log });
  await browser.close();
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  const { keys, slow, perQuery, dictionary, abstractSpa, abstractCold } = r;
  const k = stats(keys);
  const fmt = (s) => `median ${Math.round(s.median)} ms, p95 ${Math.round(s.p95)} ms (n=${s.n})`;
  console.log(`\nload average while measured: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  console.log(`\n## Split form, ${TALKS.toLocaleString('en')} talks (gzip, 127.0.0.1)\n`);
  console.log(`- keystroke -> painted, chunk fetches included: ${fmt(k)}`);
  console.log(`  slowest: ${slow.map(([k, l]) => `${l} ${Math.round(k)} ms`).join(', ')}`);
  console.log(`- search dictionary: ${dictionary} bytes (gzip), once per session`);
  for (const [q, list] of Object.entries(perQuery)) {
    console.log(`- "${q}": ${list[0].n} chunk(s), ${list[0].bytes} bytes on the wire`);
  }
  console.log(`- talk abstract painted after clicking a timeline row: ${fmt(stats(abstractSpa))}`);
  console.log(`- talk page cold: abstract ${fmt(stats(abstractCold.map((r) => r.abstract)))}; after data ready ${fmt(stats(abstractCold.map((r) => r.abstract - r.indexed)))}`);
  console.log(JSON.stringify({ talks: TALKS, keys, perQuery, dictionary, abstractSpa, abstractCold }));
}

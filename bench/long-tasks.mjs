// Long tasks (Long Tasks API, 50 ms and over) on the page's main thread from the first rows'
// paint until the search index is built in idle time (`hallway:search-ready`): what a reader who
// scrolls or filters right after the first rows waits for. Figures only; nothing asserted.
//
//   node bench/long-tasks.mjs BUNDLES_DIR [RUNS] [file.json ...]   (DIST=dir for another build)
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, warm } from './server.mjs';
import { freshPage } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tools/package.json'));
const [bundles, runsArg, ...files] = process.argv.slice(2);
if (!bundles) {
  console.error('usage: node bench/long-tasks.mjs BUNDLES_DIR [RUNS] [file.json ...]');
  process.exit(2);
}
const list = files.length ? files : ['t10k.json', 'split100k/bundle.json'];
const server = await serve({ root: path.resolve(process.env.DIST || path.join(here, '..', 'dist')), mounts: [['/bundles/', bundles]] });
await warm(server, list.map((f) => `/bundles/${f}`));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
try {
  for (const f of list) {
    for (let run = 0; run < Number(runsArg || 3); run++) {
      const { context, page } = await freshPage(browser);
      await page.goto(`${server.url}/?view=talks&bundle=${encodeURIComponent(`/bundles/${f}`)}`);
      await page.waitForFunction(() => performance.getEntriesByName('hallway:search-ready').length > 0, null, { timeout: 120000 });
      await page.waitForTimeout(200); // a long task is reported once it has ended
      const r = await page.evaluate(() => {
        const at = (n) => performance.getEntriesByName(n)[0].startTime;
        const painted = window.__bench.painted['hallway:first-rows'][0];
        const after = window.__bench.long.filter((t) => t.start >= painted);
        return {
          firstRows: at('hallway:first-rows'),
          searchReady: at('hallway:search-ready'),
          count: after.length,
          longest: Math.max(0, ...after.map((t) => t.duration)),
          total: after.reduce((sum, t) => sum + t.duration, 0),
        };
      });
      const ms = (x) => `${Math.round(x)} ms`;
      console.log(`${f} run ${run + 1}: first rows ${ms(r.firstRows)}, search ready ${ms(r.searchReady)}; long tasks after the first rows: ${r.count}, longest ${ms(r.longest)}, ${ms(r.total)} in all`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

// Runs only bench/run.mjs's report-page measure ("Report page, demo bundle, cold: navigation ->
// body's first paragraph painted") against one or more built sites, same browser and server
// settings (gzip, warmed), so that a change's before and after can be compared in one go.
//
// Usage: node bench/report-page.mjs [DIST ...]   (default dist/; RUNS, default 5)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, warm } from './server.mjs';
import { reportRun } from './measure.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'tools/package.json'));
const { chromium } = require('playwright-core');
const RUNS = Number(process.env.RUNS || 5);
const dists = process.argv.slice(2).length ? process.argv.slice(2) : [path.join(ROOT, 'dist')];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
});
for (const dist of dists) {
  const server = await serve({ root: dist });
  const files = fs.readdirSync(dist).filter((f) => /\.(js|wasm|css|html)$/.test(f)).map((f) => '/' + f);
  await warm(server, [...files, '/data/bundle.json']);
  const demo = JSON.parse(fs.readFileSync(path.join(dist, 'data/bundle.json'), 'utf8'));
  const report = (demo.reports || []).find((r) => r.body);
  if (!report) {
    console.log(`${dist}: the demo bundle has no report with a body`);
  } else {
    const ms = [];
    for (let run = 0; run < RUNS; run++) {
      const r = await reportRun(browser, `${server.url}/reports/${encodeURIComponent(report.id)}`);
      ms.push(r.na ? NaN : Math.round(r));
      if (r.na) console.log(`${dist}: run ${run + 1}: n/a (${r.na})`);
    }
    const ok = ms.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    const median = ok.length ? ok[Math.floor(ok.length / 2)] : 'n/a';
    console.log(`${dist}: /reports/${report.id}: runs ${ms.join(', ')} ms; median ${median} ms`);
  }
  await new Promise((r) => server.close(r));
}
await browser.close();

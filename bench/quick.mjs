// A quick subset of bench/run.mjs for working sessions: first rows, phases, keystrokes and
// memory for the bundles given, Hallway only, against an existing dist/ and bundles folder.
// Figures only; BENCHMARKS.md comes from run.mjs.
//
//   node bench/quick.mjs BUNDLES_DIR [RUNS] [file.json ...]   (DIST=dir for another build than dist/)
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, warm } from './server.mjs';
import { talksRun } from './measure.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../tools/package.json'));
const here = path.dirname(fileURLToPath(import.meta.url));
const [bundles, runsArg, ...files] = process.argv.slice(2);
if (!bundles) {
  console.error('usage: node bench/quick.mjs BUNDLES_DIR [RUNS] [file.json ...]');
  process.exit(2);
}
const RUNS = Number(runsArg || 3);
const list = files.length ? files : ['t10k.json', 'split100k/bundle.json'];
const server = await serve({ root: path.resolve(process.env.DIST || path.join(here, '..', 'dist')), mounts: [['/bundles/', bundles], ['/baseline/', path.join(here, 'baseline')]] });
await warm(server, list.map((f) => `/bundles/${f}`));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--enable-precise-memory-info'] });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };
try {
  for (const prefix of (process.env.IMPLS || '/').split(',')) {
    for (const f of list) {
      const first = [], keys = [], facet = [], mem = [], phases = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await talksRun(browser, `${server.url}${prefix}?view=talks&bundle=${encodeURIComponent(`/bundles/${f}`)}`, { interact: true, memory: true });
        if (r.firstRows && !r.firstRows.na) first.push(r.firstRows);
        if (Array.isArray(r.keys)) keys.push(...r.keys);
        if (Array.isArray(r.facet)) facet.push(...r.facet);
        if (r.memory && !r.memory.na) mem.push(r.memory.total ?? r.memory);
        if (r.phases) phases.push(r.phases);
      }
      const ph = phases.length ? Object.fromEntries(Object.keys(phases[0]).map((k) => [k, median(phases.map((p) => p[k]))])) : {};
      console.log(`${prefix} ${f}: first rows ${median(first)} ms (${first.join(', ')}); phases ${JSON.stringify(ph)}; keys p95 ${p95(keys)} median ${median(keys)}; facet median ${median(facet)}; memory ${JSON.stringify(mem[mem.length - 1])}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

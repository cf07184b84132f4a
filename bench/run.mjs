// The benchmark, one command: builds dist/ (release), generates bundles of 1,000, 10,000 and
// 100,000 talks, serves them on 127.0.0.1 with gzip, drives Debian's Chromium against Hallway
// and the plain-JavaScript baseline, measures the npm peer stack, prints the table and writes
// BENCHMARKS.md.
//
// Environment: RUNS (default 10) runs per figure; RUNS_100K (default: RUNS, at most 5) for the
// 100,000-talk loads and the map, which take 10-30 s each on a shared 2-core machine (the
// single-file 100k case, which Hallway refuses as over its size cap, runs at most 3 times); SKIP_BUILD=1 to measure the dist/ already built; CHROMIUM to pick the
// browser binary; BENCH_OUT to write the report elsewhere than BENCHMARKS.md; DIST (with
// SKIP_BUILD=1) to measure another build's dist/ directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, warm } from './server.mjs';
import { talksRun, mapRun } from './measure.mjs';
import { appSize, baselineSize, peerSize } from './sizes.mjs';
import { stats, table, document } from './report.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const require = createRequire(path.join(ROOT, 'tools/package.json'));

const positive = (name, fallback) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) {
    console.error(`${name} must be a whole number of runs, 1 or more (got "${process.env[name]}")`);
    process.exit(2);
  }
  return v;
};
const RUNS = positive('RUNS', 10);
const RUNS_100K = positive('RUNS_100K', Math.min(RUNS, 5));
const started = Date.now();
const log = (...a) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...a);

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed (exit ${r.status}); fix that and run again.`);
    process.exit(1);
  }
}

// 1. Build and generate.
const DIST = path.resolve(process.env.DIST || path.join(ROOT, 'dist'));
if (process.env.SKIP_BUILD !== '1') {
  log('building dist/ (release) with scripts/build.sh');
  sh('bash', ['scripts/build.sh']);
}
if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  console.error(`no ${DIST}/index.html: run scripts/build.sh (or drop SKIP_BUILD=1)`);
  process.exit(1);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-bench-'));
const bundles = path.join(tmp, 'bundles');
fs.mkdirSync(path.join(bundles, 'split100k'), { recursive: true });
const generate = (talks, seed, out, split) => {
  log(`generating ${talks} talks (seed ${seed})${split ? ', split form' : ''}`);
  sh('cargo', ['run', '--quiet', '--release', '-p', 'hallway-cli', '--', 'generate', '--talks', String(talks),
    '--seed', String(seed), '--out', path.join(bundles, out), ...(split ? ['--split'] : [])],
  { stdio: ['ignore', 'inherit', 'inherit'] });
};
generate(1000, 1, 't1k.json');
generate(10000, 2, 't10k.json');
generate(100000, 3, 't100k.json');
generate(100000, 3, 'split100k/bundle.json', true);

// 2. Sizes.
log('measuring transfer sizes (npm pack of the peer stack into a temp dir)');
const sizes = {
  app: appSize(DIST),
  baseline: baselineSize(path.join(here, 'baseline')),
  peer: peerSize(path.join(tmp, 'peers')),
};

// 3. Serve and drive the browser.
const server = await serve({
  root: DIST,
  mounts: [['/bundles/', bundles], ['/baseline/', path.join(here, 'baseline')]],
});
const CASES = [
  { key: '1k', label: '1,000 talks', file: 't1k.json', runs: RUNS },
  { key: '10k', label: '10,000 talks', file: 't10k.json', runs: RUNS, interact: true },
  { key: '100k', label: '100,000 talks (split)', file: 'split100k/bundle.json', runs: RUNS_100K, interact: true, memory: true },
  { key: '100k-single', label: '100,000 talks (single 95 MB file)', file: 't100k.json', runs: Math.min(RUNS_100K, 3) },
];
log('compressing bundles once for the server');
await warm(server, CASES.map((c) => `/bundles/${c.file}`));

const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
});
const IMPLS = { hallway: '/', baseline: '/baseline/' };
const res = {}; // res[impl][case]: lists of figures per measure, or { na } once one is n/a
for (const impl of Object.keys(IMPLS)) {
  res[impl] = Object.fromEntries(CASES.map((c) => [c.key,
    { ready: [], firstRows: [], keys: [], facet: [], memory: [], memoryAt: null, dom: null, dead: false }]));
}
// Appends a run's figure (a number, a list, or null for none) unless the measure is n/a.
const record = (list, r) => {
  if (!Array.isArray(list)) return list; // n/a on an earlier run: keep the first reason
  if (r === null || (Array.isArray(r) && !r.length)) return list;
  if (r.na) return r;
  return list.concat(r);
};

let browserVersion = 'unknown';
try {
  for (let run = 0; run < Math.max(RUNS, RUNS_100K); run++) {
    for (const c of CASES) {
      if (run >= c.runs) continue;
      for (const [impl, prefix] of Object.entries(IMPLS)) {
        const slot = res[impl][c.key];
        if (slot.dead) continue; // the page failed to load this bundle: it will not change
        const url = `${server.url}${prefix}?view=talks&bundle=${encodeURIComponent(`/bundles/${c.file}`)}`;
        const interact = c.interact && (Array.isArray(slot.keys) || Array.isArray(slot.facet));
        const expectRows = Array.isArray(slot.firstRows);
        let r;
        try {
          r = await talksRun(browser, url, { interact, memory: c.memory, expectRows });
        } catch (e) { // a harness or browser failure is this figure's n/a, not the end of the run
          const na = { na: `harness error: ${String(e.message).split('\n')[0].slice(0, 120)}` };
          r = { ready: na, firstRows: na, keys: na, facet: na, memory: na, fatal: true };
        }
        slot.dead = Boolean(r.fatal);
        slot.ready = record(slot.ready, r.ready);
        slot.firstRows = record(slot.firstRows, r.firstRows);
        if (interact || r.fatal) {
          slot.keys = record(slot.keys, r.keys);
          slot.facet = record(slot.facet, r.facet);
        }
        if (c.memory) slot.memory = record(slot.memory, r.memory);
        slot.memoryAt = slot.memoryAt || r.memoryAt;
        slot.dom = slot.dom || r.domRows;
        const ms = (x) => (x === null ? '-' : x.na ? `n/a (${x.na})` : `${Math.round(x)} ms`);
        log(`run ${run + 1}: ${impl} ${c.label}: data ready ${ms(r.ready)}, first rows ${ms(r.firstRows)}`);
      }
    }
  }
  res.hallway.map = [];
  for (let run = 0; run < RUNS_100K && Array.isArray(res.hallway.map); run++) {
    const r = await mapRun(browser, `${server.url}/map?bundle=${encodeURIComponent('/bundles/split100k/bundle.json')}`)
      .catch((e) => ({ na: `harness error: ${String(e.message).split('\n')[0].slice(0, 120)}` }));
    res.hallway.map = record(res.hallway.map, r);
    log(`run ${run + 1}: hallway map: ${r.na ? `n/a (${r.na})` : `${Math.round(r)} ms`}`);
  }
  browserVersion = browser.version();
} finally {
  await browser.close();
  await new Promise((ok) => server.close(ok));
}

// 4. Report.
const KB = (n) => ({ value: n });
const memStat = (list) => (Array.isArray(list) ? stats(list.map((m) => m.total)) : list);
const H = res.hallway, B = res.baseline;
const S = (list) => stats(list);
const le = (limit) => (h) => (h.p95 ?? h.median ?? h.value) <= limit;
const leMedian = (limit) => (h) => (h.median ?? h.value) <= limit;
const and = (...fs) => (h, b) => fs.every((f) => f(h, b));
const vsBase = (x) => (h, b) => (b && b.median ? h.median / b.median <= x : false);
const rows = [
  {
    measure: 'App transfer (wasm+js+css, gzip -9)', target: '<= 1.0x peer stack (~150 KB)', unit: 'KB',
    hallway: KB(sizes.app.gz), baseline: sizes.peer.na ? sizes.peer : KB(sizes.peer.gz),
    check: (h, b) => (b && b.value ? h.value <= b.value : null),
  },
  { measure: 'Baseline page transfer (gzip -9)', target: 'for scale', unit: 'KB', hallway: KB(sizes.app.gz), baseline: KB(sizes.baseline.gz), check: () => null },
  ...CASES.map((c) => ({
    measure: `Data ready (hallway:indexed), ${c.label}`, target: 'report', unit: 'ms',
    hallway: S(H[c.key].ready), baseline: S(B[c.key].ready), check: () => null,
  })),
  ...CASES.map((c) => ({
    measure: `First rows, ${c.label}`,
    target: { '10k': '<= 500 ms, <= 1.2x baseline', '100k': '<= 1.0 s, <= 1.0x baseline' }[c.key] || 'report',
    unit: 'ms', hallway: S(H[c.key].firstRows), baseline: S(B[c.key].firstRows),
    check: { '10k': and(leMedian(500), vsBase(1.2)), '100k': and(leMedian(1000), vsBase(1.0)) }[c.key] || (() => null),
  })),
  { measure: 'Keystroke -> painted, 10,000 talks', target: 'p95 <= 30 ms', unit: 'ms', hallway: S(H['10k'].keys), baseline: S(B['10k'].keys), check: le(30) },
  { measure: 'Keystroke -> painted, 100,000 talks', target: 'p95 <= 100 ms', unit: 'ms', hallway: S(H['100k'].keys), baseline: S(B['100k'].keys), check: le(100) },
  { measure: 'Facet toggle -> painted, 10,000 talks', target: 'report', unit: 'ms', hallway: S(H['10k'].facet), baseline: S(B['10k'].facet), check: () => null },
  { measure: 'Facet toggle -> painted, 100,000 talks', target: 'report', unit: 'ms', hallway: S(H['100k'].facet), baseline: S(B['100k'].facet), check: () => null },
  { measure: 'Map, 1,000 places: data ready -> markers painted', target: '<= 150 ms', unit: 'ms', hallway: S(H.map), baseline: null, check: leMedian(150) },
  { measure: 'Memory after GC, 100,000 talks (JS heap + wasm)', target: '<= 100 MB', unit: 'MB', hallway: memStat(H['100k'].memory), baseline: memStat(B['100k'].memory), check: leMedian(100 * 1048576) },
];

const notes = [];
for (const [impl, r] of Object.entries(res)) {
  for (const c of CASES) {
    const d = r[c.key].dom;
    if (d) notes.push(`${impl}, ${c.label}: ${d.rows} \`#results li.row\` in the DOM after first rows; \`#result-count\`: ${d.count === null ? 'absent' : `"${d.count.trim()}"`}`);
  }
}
const mem = (list) => (Array.isArray(list) && list.length ? list[list.length - 1] : null);
for (const impl of ['hallway', 'baseline']) {
  const m = mem(res[impl]['100k'].memory);
  if (m) notes.push(`${impl} memory at 100,000 talks, taken at ${res[impl]['100k'].memoryAt}, last run: JS heap ${(m.jsHeap / 1048576).toFixed(1)} MB + wasm ${(m.wasm / 1048576).toFixed(1)} MB`);
}
if (!sizes.peer.na) notes.push(`Hallway app ${(sizes.app.gz / 1024).toFixed(1)} KB vs peer stack ${(sizes.peer.gz / 1024).toFixed(1)} KB gzip -9`);

const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model || 'unknown CPU';
const env = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  cpu: cpu.trim(), cores: os.cpus().length, load: `load average ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}`,
  browser: `Chromium ${browserVersion}`, runs: RUNS, runs100k: RUNS_100K,
  runsSingle: Math.min(RUNS_100K, 3),
  took: `${((Date.now() - started) / 60000).toFixed(1)} min`,
};
console.log(`\n${table(rows)}\n`);
for (const n of notes) console.log(`- ${n}`);
const out = process.env.BENCH_OUT || path.join(ROOT, 'BENCHMARKS.md');
fs.writeFileSync(out, document({ rows, env, sizes, notes }));
fs.rmSync(tmp, { recursive: true, force: true });
log(`wrote ${path.relative(process.cwd(), out) || out}`);

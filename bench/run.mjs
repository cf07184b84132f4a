// The benchmark, one command: builds dist/ (release), generates bundles of 1,000, 10,000 and
// 100,000 talks, serves them on 127.0.0.1 with gzip, drives Debian's Chromium against Hallway
// and the plain-JavaScript baseline, measures the npm peer stack, prints the table and writes
// BENCHMARKS.md.
//
// Environment: RUNS (default 5) runs per figure; RUNS_100K (default: RUNS) for the 100,000-talk
// loads and the map, which take 5-30 s each on a shared 2-core machine; PROFILE_RUNS (default: RUNS_100K)
// CPU profiles of the 100k split load; SKIP_BUILD=1 to measure the dist/ already built;
// WASM_NAMES=0 to skip the as-shipped wasm breakdown (it runs wasm-opt once per build, 20 s of
// CPU; cached); CHROMIUM to pick the browser binary; BENCH_OUT to write the report elsewhere than
// BENCHMARKS.md; DIST (with SKIP_BUILD=1) to measure another build's dist/ directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, warm } from './server.mjs';
import { talksRun, mapRun, reportRun, profileRun, idleRun } from './measure.mjs';
import { splitRun } from './split.mjs';
import { appSize, baselineSize, peerSize } from './sizes.mjs';
import { firstLoad } from './size-budget.mjs';
import { cargoWasm, shippedWithNames, NAMES_DIR, breakdownOf } from './wasm-breakdown.mjs';
import { summarise, medianSummary, wasmNames } from './profile.mjs';
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
const RUNS = positive('RUNS', 5);
const RUNS_100K = positive('RUNS_100K', RUNS);
const PROFILE_RUNS = positive('PROFILE_RUNS', RUNS_100K);
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
// The CLI is built once and copied out: in a target dir shared with other worktrees, a later
// build of theirs can replace the binary between two `cargo run`s.
log('building the CLI (release) for the bundles');
sh('cargo', ['build', '--quiet', '--release', '-p', 'hallway-cli']);
const target = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
const cli = path.join(tmp, 'hallway');
fs.copyFileSync(path.join(target, 'release/hallway'), cli);
fs.chmodSync(cli, 0o755);
const generate = (talks, seed, out, split) => {
  log(`generating ${talks} talks (seed ${seed})${split ? ', split form' : ''}`);
  sh(cli, ['generate', '--talks', String(talks),
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
  firstLoad: firstLoad(DIST),
  baseline: baselineSize(path.join(here, 'baseline')),
  peer: peerSize(path.join(tmp, 'peers')),
};

// Where the wasm bytes are: cargo's output (with names), and the same run through wasm-bindgen
// and wasm-opt -Oz -g, checked function by function against dist's wasm.
const wasm = { cargo: null, shipped: null, names: null, why: null };
const distWasm = sizes.firstLoad.files.find((f) => f.file.endsWith('.wasm'));
const fresh = fs.existsSync(cargoWasm()) && distWasm &&
  fs.statSync(cargoWasm()).mtimeMs <= fs.statSync(path.join(DIST, distWasm.file)).mtimeMs;
if (!fs.existsSync(cargoWasm())) wasm.why = `no ${cargoWasm()} (set CARGO_TARGET_DIR as for the build)`;
else if (!fresh) wasm.why = `${cargoWasm()} is newer than dist/: another build wrote it (the target dir is shared)`;
else wasm.cargo = breakdownOf(cargoWasm(), { top: 25 });
if (process.env.WASM_NAMES !== '0' && distWasm) {
  try {
    if (fresh) {
      log('wasm-bindgen + wasm-opt -Oz -g of cargo\'s wasm, for names (cached per build)');
      shippedWithNames(cargoWasm());
    }
    // Any cached named build that matches dist's wasm function for function will do, so a
    // later build by someone else in the shared target dir does not lose the names.
    const dir = NAMES_DIR;
    const candidates = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.opt-names.wasm')) : [];
    for (const c of candidates) {
      const match = wasmNames(distWasmPath(), path.join(dir, c));
      if (match.names) {
        wasm.names = match.names;
        wasm.shipped = breakdownOf(path.join(dir, c), { top: 25 });
        wasm.why = null;
        break;
      }
      wasm.why = match.why;
    }
    if (!wasm.names && !candidates.length) wasm.why = wasm.why || 'no as-shipped build with names (scripts/wasm-breakdown.sh --shipped)';
  } catch (e) {
    wasm.why = e.message.split('\n')[0];
  }
}
function distWasmPath() { return path.join(DIST, distWasm.file); }

// 3. Serve and drive the browser.
const server = await serve({
  root: DIST,
  mounts: [['/bundles/', bundles], ['/baseline/', path.join(here, 'baseline')]],
});
const CASES = [
  { key: '1k', label: '1,000 talks', file: 't1k.json', runs: RUNS },
  { key: '10k', label: '10,000 talks', file: 't10k.json', runs: RUNS, interact: true },
  { key: '100k', label: '100,000 talks (split)', file: 'split100k/bundle.json', runs: RUNS_100K, interact: true, memory: true },
  { key: '100k-single', label: '100,000 talks (single 95 MB file)', file: 't100k.json', runs: RUNS_100K },
];
log('compressing bundles once for the server');
await warm(server, CASES.map((c) => `/bundles/${c.file}`));
// The split bundle's shards and search files, fetched by the split-form measures.
const splitFiles = ['bundle.texts', 'bundle.search'].flatMap((d) =>
  fs.readdirSync(path.join(bundles, 'split100k', d)).map((f) => `/bundles/split100k/${d}/${f}`));
await warm(server, splitFiles);

const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
});
const IMPLS = { hallway: '/', baseline: '/baseline/' };
const res = {}; // res[impl][case]: lists of figures per measure, or { na } once one is n/a
for (const impl of Object.keys(IMPLS)) {
  res[impl] = Object.fromEntries(CASES.map((c) => [c.key,
    { ready: [], firstRows: [], keys: [], facet: [], memory: [], memoryAt: null, dom: null, dead: false,
      code: [], total: [], files: null, phases: [] }]));
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
        if (r.bytes && !r.bytes.na) {
          slot.code.push(r.bytes.code);
          slot.total.push(r.bytes.total);
          slot.files = r.bytes.files;
        }
        if (r.phases) slot.phases.push(r.phases);
        slot.memoryAt = slot.memoryAt || r.memoryAt;
        slot.dom = slot.dom || r.domRows;
        const ms = (x) => (x === null ? '-' : x.na ? `n/a (${x.na})` : `${Math.round(x)} ms`);
        log(`run ${run + 1}: ${impl} ${c.label}: data ready ${ms(r.ready)}, first rows ${ms(r.firstRows)}`);
      }
    }
  }
  // The 3 s after the first rows, left alone: long tasks a reader's first scroll or click waits
  // behind. Both pages, interleaved, at 10k and 100k (split).
  for (const c of CASES.filter((c) => c.key === '10k' || c.key === '100k')) {
    for (const impl of Object.keys(IMPLS)) res[impl][c.key].idle = [];
    for (let run = 0; run < RUNS_100K; run++) {
      for (const [impl, prefix] of Object.entries(IMPLS)) {
        const slot = res[impl][c.key];
        const r = await idleRun(browser, `${server.url}${prefix}?view=talks&bundle=${encodeURIComponent(`/bundles/${c.file}`)}`)
          .catch((e) => ({ na: `harness error: ${String(e.message).split('\n')[0].slice(0, 120)}` }));
        slot.idle = record(slot.idle, r.na ? r : [r.longest]);
        log(`run ${run + 1}: ${impl} ${c.label}: after first rows ${r.na ? `n/a (${r.na})` : `${r.count} long tasks, longest ${Math.round(r.longest)} ms`}`);
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
  // A report page of the demo bundle (dist/data/bundle.json), cold: its body's first paragraph.
  const demo = JSON.parse(fs.readFileSync(path.join(DIST, 'data/bundle.json'), 'utf8'));
  const report = (demo.reports || []).find((r) => r.body);
  res.hallway.report = report ? [] : { na: 'the demo bundle has no report with a body' };
  for (let run = 0; run < RUNS && Array.isArray(res.hallway.report); run++) {
    const r = await reportRun(browser, `${server.url}/reports/${encodeURIComponent(report.id)}`)
      .catch((e) => ({ na: `harness error: ${String(e.message).split('\n')[0].slice(0, 120)}` }));
    res.hallway.report = record(res.hallway.report, r);
    log(`run ${run + 1}: hallway report page body: ${r.na ? `n/a (${r.na})` : `${Math.round(r)} ms`}`);
  }
  res.hallway.reportId = report && report.id;
  // The split form at 100k: keystrokes with search chunk fetches, bytes per query, a talk's
  // abstract after navigation (bench/split.mjs).
  const splitMain = JSON.parse(fs.readFileSync(path.join(bundles, 'split100k/bundle.json'), 'utf8'));
  res.hallway.split = await splitRun(browser, server, '/bundles/split100k/bundle.json', splitMain, { runs: RUNS_100K, log })
    .catch((e) => ({ na: `harness error: ${String(e.message).split('\n')[0].slice(0, 120)}` }));
  // CPU profiles of the 100k split load, navigation -> first rows.
  const profiles = [];
  for (let run = 0; run < PROFILE_RUNS; run++) {
    const r = await profileRun(browser, `${server.url}/?view=talks&bundle=${encodeURIComponent('/bundles/split100k/bundle.json')}`)
      .catch((e) => ({ na: `harness error: ${String(e.message).split('\n')[0].slice(0, 120)}` }));
    if (r.na) { log(`profile ${run + 1}: n/a (${r.na})`); continue; }
    profiles.push(summarise(r.profile, { names: wasm.names, top: 40 }));
    log(`profile ${run + 1}: ${Math.round(profiles[profiles.length - 1].totalMs)} ms sampled`);
  }
  res.hallway.profile = profiles.length ? medianSummary(profiles) : null;
  browserVersion = browser.version();
} finally {
  await browser.close();
  await new Promise((ok) => server.close(ok));
}

// 4. Report.
const KB = (n) => ({ value: n });
const budget = JSON.parse(fs.readFileSync(path.join(here, 'size-budget.json'), 'utf8'));
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
  {
    measure: 'First load: index.html and what it loads or preloads (gzip -9, as `scripts/size-budget.sh` counts)',
    target: `<= ${(budget.firstLoadGzipBytes / 1024).toFixed(1)} KB + ${budget.tolerance * 100}% (bench/size-budget.json)`, unit: 'KB',
    hallway: KB(sizes.firstLoad.gz), baseline: KB(sizes.baseline.gz), check: (h) => h.value <= budget.firstLoadGzipBytes * (1 + budget.tolerance),
  },
  ...['1k', '100k'].map((k) => ({
    measure: `First-load bytes fetched before first rows (code; data excluded), ${CASES.find((c) => c.key === k).label}`,
    target: 'report', unit: 'KB', hallway: S(H[k].code), baseline: S(B[k].code), check: () => null,
  })),
  ...['1k', '100k'].map((k) => ({
    measure: `Total bytes fetched before first rows (code + data), ${CASES.find((c) => c.key === k).label}`,
    target: 'report', unit: 'KB', hallway: S(H[k].total), baseline: S(B[k].total), check: () => null,
  })),
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
  {
    measure: 'Keystroke -> painted, 100,000 talks (split), search chunks fetched on the way ("kernel", "memory tracing", "xyloab", "q", each on a fresh page)',
    target: 'p95 <= 100 ms', unit: 'ms', hallway: H.split.na ? H.split : S(H.split.keys), baseline: null, check: le(100),
  },
  ...(H.split.na ? [] : Object.entries(H.split.perQuery).map(([q, list]) => ({
    measure: `Search bytes fetched for "${q}", 100,000 talks (split; chunks, gzip, dictionary excluded: ${((H.split.dictionary || 0) / 1024).toFixed(1)} KB once)`,
    target: 'report', unit: 'KB', hallway: KB(list[0].bytes), baseline: null, check: () => null,
  }))),
  {
    measure: 'Talk page, 100,000 talks (split): click on a timeline row -> abstract painted',
    target: '<= 300 ms', unit: 'ms', hallway: H.split.na ? H.split : S(H.split.abstractSpa), baseline: null, check: le(300),
  },
  { measure: 'Facet toggle -> painted, 10,000 talks', target: 'report', unit: 'ms', hallway: S(H['10k'].facet), baseline: S(B['10k'].facet), check: () => null },
  { measure: 'Facet toggle -> painted, 100,000 talks', target: 'report', unit: 'ms', hallway: S(H['100k'].facet), baseline: S(B['100k'].facet), check: () => null },
  ...['10k', '100k'].map((k) => ({
    measure: `Longest main-thread task in the 3 s after first rows are painted (0: none of 50 ms or more), ${CASES.find((c) => c.key === k).label}`,
    target: 'report', unit: 'ms', hallway: S(H[k].idle), baseline: S(B[k].idle), check: () => null,
  })),
  { measure: 'Map, 1,000 places: data ready -> markers painted', target: '<= 150 ms', unit: 'ms', hallway: S(H.map), baseline: null, check: leMedian(150) },
  { measure: 'Report page, demo bundle, cold: navigation -> body\'s first paragraph painted', target: 'report', unit: 'ms', hallway: S(H.report), baseline: null, check: () => null },
  { measure: 'Memory after GC, 100,000 talks (JS heap + wasm, page and every worker)', target: '<= 100 MB', unit: 'MB', hallway: memStat(H['100k'].memory), baseline: memStat(B['100k'].memory), check: leMedian(100 * 1048576) },
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
  if (m) {
    const each = m.targets.map((t) => `${t.kind} ${t.kind === 'page' ? '' : `${new URL(t.url).pathname} `}JS heap ${(t.jsHeap / 1048576).toFixed(1)} MB + wasm ${(t.wasm / 1048576).toFixed(1)} MB`).join('; ');
    notes.push(`${impl} memory at 100,000 talks, taken at ${res[impl]['100k'].memoryAt}, last run: ${m.targets.length} target(s): ${each}`);
  }
}
if (!sizes.peer.na) notes.push(`Hallway app ${(sizes.app.gz / 1024).toFixed(1)} KB vs peer stack ${(sizes.peer.gz / 1024).toFixed(1)} KB gzip -9`);

// Issue 19's budget, native: two 50,000-talk bundles loaded and merged against the same records
// loaded as one 100,000-talk bundle (crates/core/examples/merge_timing.rs prints the table).
log('timing merges (two 50,000-talk bundles against one of 100,000)');
generate(50000, 1, 't50k.json');
const mergeTiming = (() => {
  const args = ['run', '--quiet', '--release', '-p', 'hallway-core', '--example', 'merge_timing', '--',
    path.join(bundles, 't50k.json'), String(RUNS_100K)];
  const r = spawnSync('cargo', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? { output: r.stdout.trim() } : { na: (r.stderr || '').trim().split('\n').pop() || `exit ${r.status}` };
})();

const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model || 'unknown CPU';
const env = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  cpu: cpu.trim(), cores: os.cpus().length, load: `load average ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}`,
  browser: `Chromium ${browserVersion}`, runs: RUNS, runs100k: RUNS_100K,
  profileRuns: PROFILE_RUNS,
  took: `${((Date.now() - started) / 60000).toFixed(1)} min`,
};
console.log(`\n${table(rows)}\n`);
for (const n of notes) console.log(`- ${n}`);
const out = process.env.BENCH_OUT || path.join(ROOT, 'BENCHMARKS.md');
const observed = Object.fromEntries(['hallway', 'baseline'].map((impl) => [impl, res[impl]['1k'].files]));
const phases = (H['100k'].phases || []).filter((p) => p['first-rows'] !== null);
fs.writeFileSync(out, document({
  rows, env, sizes, notes, observed, wasm, budget, phases,
  profile: H.profile, reportId: H.reportId, mergeTiming,
}));
fs.rmSync(tmp, { recursive: true, force: true });
log(`wrote ${path.relative(process.cwd(), out) || out}`);

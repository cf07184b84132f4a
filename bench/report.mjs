// Statistics and the results table: printed to the terminal and written to BENCHMARKS.md.

/** Median and p95 (nearest rank) of the numbers in `xs`, or the first { na } found. */
export function stats(xs) {
  if (!Array.isArray(xs)) return xs;
  const na = xs.find((x) => x && x.na);
  if (na) return na;
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return { na: 'not measured' };
  const at = (q) => v[Math.max(0, Math.ceil(q * v.length) - 1)];
  return { median: at(0.5), p95: at(0.95), n: v.length };
}

const isNa = (s) => !s || s.na !== undefined;
const num = (x, unit) => (unit === 'ms' ? `${Math.round(x)}` : unit === 'MB' ? (x / 1048576).toFixed(1) : (x / 1024).toFixed(1));

/** One cell: "median / p95 unit (n)", a single size, or "n/a (reason)". */
export function cell(s, unit) {
  if (s === null) return '—';
  if (isNa(s)) return `n/a (${s ? s.na : 'not measured'})`;
  if (s.median === undefined) return `${num(s.value, unit)} ${unit}`;
  return `${num(s.median, unit)} / ${num(s.p95, unit)} ${unit} (n=${s.n})`;
}

/** "1.23x" of two figures' medians (or values), or "—". */
export function ratio(a, b) {
  if (isNa(a) || isNa(b) || a === null || b === null) return '—';
  const x = (a.median ?? a.value) / (b.median ?? b.value);
  return Number.isFinite(x) ? `${x.toFixed(2)}x` : '—'; // a baseline of 0 has no ratio
}

/** PASS / FAIL / n/a of a row's check. */
function verdict(row) {
  const r = isNa(row.hallway) ? 'n/a' : row.check(row.hallway, row.baseline);
  if (row.target === 'report' || row.target === 'for scale') return '—';
  return r === 'n/a' || r === null ? 'n/a' : r ? 'PASS' : 'FAIL';
}

export function table(rows) {
  const head = ['Measure', 'Target', 'Hallway', 'Baseline / peer', 'Hallway / baseline', 'Verdict'];
  const lines = rows.map((r) => [r.measure, r.target, cell(r.hallway, r.unit), cell(r.baseline, r.unit), ratio(r.hallway, r.baseline), verdict(r)]);
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return [head, head.map(() => '---'), ...lines].map((l) => `| ${l.map(esc).join(' | ')} |`).join('\n');
}

const kb = (n) => (n / 1024).toFixed(1);
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const esc = (t) => String(t).replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const med = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[Math.floor((v.length - 1) / 2)]; };

/** The "First load" section: the static list the budget counts, and what a browser fetched. */
function firstLoadSection({ sizes, observed, budget }) {
  const fl = sizes.firstLoad;
  const rows = fl.files.map((f) => `| ${f.file} | ${esc(f.why)} | ${f.raw} | ${f.gz} |`).join('\n');
  const seen = (list) => (list && list.length
    ? list.map((f) => `| ${esc(f.path)} | ${f.kind || (f.data ? 'data' : 'code')} | ${f.bytes} |`).join('\n')
    : '| (not measured) | | |');
  return `## First load

What \`dist/index.html\` makes the browser fetch before the app can show rows, as
\`scripts/size-budget.sh\` derives it (the page, its scripts, stylesheets and preloads, the static
imports of those scripts, and .wasm URLs in the scripts the page names; data, workers,
\`import()\` and the service worker excluded). \`scripts/test.sh\` fails when the gzip -9 total grows
more than ${budget.tolerance * 100}% over ${budget.firstLoadGzipBytes} bytes (\`bench/size-budget.json\`).

| file | reached as | raw | gzip -9 |
|---|---|---|---|
${rows}
| **total** | | ${fl.raw} | ${fl.gz} |

Requests the browser finished before \`hallway:first-rows\` (1,000 talks, last run; bytes are the
encoded bodies as served, gzip level 6, without headers). The benchmark's "first-load bytes" are
all of these but data: the favicon counts there, not in the budget.

| path | kind | bytes |
|---|---|---|
${seen(observed.hallway)}
`;
}

/** The "Where the wasm bytes are" section. */
function wasmSection(wasm) {
  const crates = (b, n) => b.crates.slice(0, n).map((c) => `| ${esc(c.crate)} | ${kb(c.bytes)} | ${pct(c.share)} |`).join('\n');
  const fns = (b) => b.functions.map((f) => `| ${esc(f.name.length > 110 ? `${f.name.slice(0, 107)}...` : f.name)} | ${kb(f.bytes)} | ${pct(f.share)} |`).join('\n');
  const main = wasm.shipped || wasm.cargo;
  if (!main) return `## Where the wasm bytes are\n\nn/a (${wasm.why})\n`;
  const what = wasm.shipped
    ? `cargo's wasm run through wasm-bindgen and \`wasm-opt -Oz -g\` (binaryen 132, as trunk runs it but keeping the
\`name\` section); its functions match dist's wasm one for one (same count, same body sizes), so these are
the shipped bytes. ${kb(main.counted)} KB of function bodies and data counted`
    : `cargo's output (before wasm-bindgen and wasm-opt, so larger and less inlined than what ships; ${wasm.why ? `as-shipped names n/a: ${wasm.why}` : 'WASM_NAMES=0'}). ${kb(main.counted)} KB counted`;
  const other = wasm.shipped && wasm.cargo
    ? `\nIn cargo's output before wasm-opt (${kb(wasm.cargo.counted)} KB without the \`__wbindgen_describe\` functions), the largest shares are ${wasm.cargo.crates.slice(0, 8).map((c) => `${c.crate} ${pct(c.share)}`).join(', ')}; its largest function is \`${wasm.cargo.functions[0].name}\` (${kb(wasm.cargo.functions[0].bytes)} KB): wasm-opt inlines many such functions into their callers, so the two lists differ.\n`
    : '';
  return `## Where the wasm bytes are

\`scripts/wasm-breakdown.sh --shipped\` (or without \`--shipped\`, cargo's output): ${what}. Each function counts
for the first path segment of its demangled name (for \`<T as Trait>::f\`, T's crate, or the trait's when T is
generic); "(data segments)" is \`.rodata\` and \`.data\`.

| crate | KB | share |
|---|---|---|
${crates(main, 20)}

Largest functions:

| function | KB | share |
|---|---|---|
${fns(main)}
${other}`;
}

/** The "Where the main-thread time goes" section: phases from the marks, then the CPU profile. */
function profileSection({ profile, phases }) {
  const steps = [['navigation start', null, 'fetched'], ['fetched', 'fetched', 'parsed'], ['parsed', 'parsed', 'indexed'], ['indexed', 'indexed', 'first-rows']];
  const what = {
    fetched: 'download and start the app (html, js, wasm compile), fetch the bundle',
    parsed: 'decode the bundle (`hallway_core::load`)',
    indexed: 'build the dataset and the query index',
    'first-rows': 'first query and first render, to the frame',
  };
  const phaseRows = phases.length
    ? steps.map(([from, a, b]) => `| ${from} -> ${b} | ${what[b]} | ${Math.round(med(phases.map((p) => p[b] - (a ? p[a] : 0))))} |`).join('\n')
    : '| (not measured) | | |';
  const wasmMs = profile ? profile.categories.filter((c) => c.name.startsWith('wasm:')).reduce((n, c) => n + c.ms, 0) : 0;
  const body = profile
    ? `Where the main thread's time goes in the same load: Chromium's sampling profiler (CDP \`Profiler\`, a
sample every 200 us), from before navigation to first rows painted, median of ${profile.runs} profiled
loads (profiling slows the load itself; compare shares, not totals). ${Math.round(profile.totalMs)} ms sampled, of
which wasm ${Math.round(wasmMs)} ms (${pct(wasmMs / profile.totalMs)}). Self time is the leaf function's as shipped:
wasm-opt inlines callees into callers, so a large function (an async \`poll\`, \`data::start\`) carries the
work inlined into it. Worker threads are not in this profile.

| category | ms | share |
|---|---|---|
${profile.categories.slice(0, 14).map((c) => `| ${esc(c.name)} | ${Math.round(c.ms)} | ${pct(c.ms / profile.totalMs)} |`).join('\n')}

Functions with the most self time:

| function | where | ms |
|---|---|---|
${profile.functions.slice(0, 15).map((f) => `| ${esc(f.name.length > 100 ? `${f.name.slice(0, 97)}...` : f.name)} | ${esc(f.where)} | ${Math.round(f.ms)} |`).join('\n')}
`
    : 'CPU profile: n/a (no profiled load reached first rows).\n';
  return `## Where the time goes: a 100,000-talk split load

Phases between the app's marks (median over the ${phases.length} runs of the 100,000-talk split case, ms):

| phase | what happens | ms |
|---|---|---|
${phaseRows}

${body}`;
}

/** The whole BENCHMARKS.md. */
export function document({ rows, env, sizes, notes, observed = {}, wasm = {}, budget, phases = [], profile = null, reportId = null, mergeTiming = null }) {
  const files = (list) => list.map((f) => `| ${f.pkg ? `${f.pkg} ` : ''}${f.file} | ${f.raw} | ${f.gz} |`).join('\n');
  const peer = sizes.peer.na ? `n/a (${sizes.peer.na})` : files(sizes.peer.files);
  return `# Benchmarks

Hallway against a plain-JavaScript page doing the same work (\`bench/baseline/\`) and against
the size of the peer stack a site would assemble for the same features (TimelineJS, Leaflet,
Leaflet.markercluster, MiniSearch). Regenerate with \`node bench/run.mjs\` (or
\`scripts/bench.sh\`); \`RUNS=3 node bench/run.mjs\` for a quick check. This file is written
by that command: edit \`bench/report.mjs\`, not this file.

- Date: ${env.date}
- Machine: ${env.cpu}, ${env.cores} cores (shared with other work while measured: ${env.load})
- Browser: ${env.browser}, headless, 1280x800, a fresh context with the HTTP cache disabled per run
- Runs: ${env.runs} per figure (${env.runs100k} for the 100,000-talk and map figures; ${env.profileRuns} CPU profiles); whole run took ${env.took}
- Bundles: \`hallway generate\` with fixed seeds (1,000 talks seed 1; 10,000 seed 2; 100,000 seed 3,
  single file and \`--split\`), served gzip-compressed from 127.0.0.1

Cells are median / p95 over the runs. "n/a (reason)" is a figure the harness could not take,
usually because the app does not provide the hook yet (see Method).

${table(rows)}

## Notes from this run

${notes.length ? notes.map((n) => `- ${n}`).join('\n') : '- none'}

${firstLoadSection({ sizes, observed, budget })}
${wasmSection(wasm)}
${profileSection({ profile, phases })}
${mergeSection(mergeTiming)}
## Method

- **Data ready**: navigation start -> \`performance.mark('hallway:indexed')\`: fetch, parse and
  index (for Hallway also downloading and compiling the wasm). Reported for scale; no target.
- **First rows**: navigation start -> the first frame painted after the page sets
  \`performance.mark('hallway:first-rows')\` (a \`requestAnimationFrame\` callback, then a task
  queued from it, after the mark call). Both pages load \`?view=talks&bundle=...\`.
- **Keystroke**: the word "memory" typed into \`input[type=search]#search\` one key at a time
  (Playwright key presses through CDP, so real keydown/input events); each key from its
  \`keydown\` timestamp to the frame painted after \`hallway:results-rendered\`, or to the end
  of presentation of that keystroke's Event Timing entries (keydown, keypress, beforeinput,
  input) when later. Event Timing only reports events of 16 ms or more, so faster keys rely on
  the frame figure; where both exist they agree within a few ms. All keystrokes of all runs
  are pooled.
- **Facet toggle**: the first \`button.facet-value\` clicked on, then off; click timestamp -> the
  frame painted after \`hallway:results-rendered\` (or Event Timing, when larger).
- **Long tasks after first rows**: each page loaded and left alone for 3 s after its first rows
  are painted; the longest task (Long Tasks API: 50 ms or more, so 0 means none) that starts
  in that time, from the paint on (the first rows' own frame, and the response's end, which
  Chromium processes then when DevTools watches the network as here, come before it). Hallway builds its search index then, in idle callbacks a slice at a time
  (\`bench/long-tasks.mjs\` prints every load's tasks until \`hallway:search-ready\`).
- **Map**: \`/map\` on the 100,000-talk split bundle (1,000 places): \`hallway:indexed\` (data
  ready) -> the frame painted after \`hallway:map-painted\`. The baseline has no map.
- **Report page**: \`/reports/${reportId ?? '<id>'}\` of the demo bundle (\`dist/data/bundle.json\`), a cold
  load: navigation start -> the frame painted after the report body's first paragraph
  (\`article.report .markdown p\`) is in the DOM. The app sets no mark for it, so a
  MutationObserver installed before the page's scripts records when the element appears.
- **Split form** (\`bench/split.mjs\`, also runnable alone: \`node bench/split.mjs\`): on the
  100,000-talk split bundle, each query typed into a fresh page after first rows and the search
  dictionary; a keystroke counts from its \`keydown\` to the last frame painted after
  \`hallway:results-rendered\` once no search chunk is on its way (the timeline keeps its rows
  while the chunks a query needs arrive, so this includes their fetch and decoding). Bytes per
  query are the search chunks as the server sent them (gzip). The talk page figure is a click on
  the first timeline row -> the frame painted after \`article.talk .markdown\` is in the DOM
  (the shard fetched and decoded on the way).
- **Memory**: after first rows at 100,000 talks (split), for the page and for every worker it
  runs (dedicated workers, their workers, and the context's service worker), each over the
  DevTools protocol (\`Target.attachToTarget\` from the page's session): two forced GCs
  (\`HeapProfiler.collectGarbage\`), V8's used heap (\`Runtime.getHeapUsage\`) plus the byte length
  of every \`WebAssembly.Memory\` on that heap (\`Runtime.queryObjects\`, so a module nobody exposes
  counts). Wasm memory never shrinks, so this is the high-water mark of loading, not the live
  data. \`performance.measureUserAgentSpecificMemory()\` is not used: in this Chromium it needs
  cross-origin isolation, waits about 19 s for a GC and leaves wasm memory out.
- **Transfer**: gzip -9 of dist's wasm + js + css (not data/, map/, schema/), as
  \`scripts/sizes.sh\` counts; the peer stack is \`npm pack\`ed at pinned versions and the files
  a site ships are gzip -9'd. The baseline page's own size is listed for scale.
- **First load** (static): see the First load section; the same list and figure as
  \`scripts/size-budget.sh\`, which \`scripts/test.sh\` runs.
- **Bytes fetched before first rows**: every request of the page and its workers that finished
  before \`hallway:first-rows\` was marked (Playwright \`requestfinished\`, which reports dedicated
  workers' requests on the page; bytes are the body as served, gzip level 6, from
  \`content-length\`). "Code" leaves out data: bundles, shards, \`/data/\`, \`/map/\`, \`/schema/\`
  and any \`.json\`. The HTML page itself counts as code.
- **Profile**: see its section; the wasm functions are named from the as-shipped build with names
  when it matches dist's wasm function for function, otherwise they show as \`wasm function N\`.
- The baseline (\`bench/baseline/baseline.js\`) does the same work plainly: JSON.parse, per-talk
  facet values for all seven facets, counts that apply every other part of the filter, a
  substring search over accent-folded text (title, abstract, track, speakers, event, series,
  place, projects), and a windowed list (only rows near the viewport in the DOM).
  \`node --test bench/\` checks its facet rule, search and order on real and generated bundles.

## Sizes

Hallway app files (bytes, raw and gzip -9):

| file | raw | gzip -9 |
|---|---|---|
${files(sizes.app.files)}

Peer stack files:

| file | raw | gzip -9 |
|---|---|---|
${peer}
`;
}

// Issue 19: merging two 50,000-talk bundles may cost at most 10% more than loading one of
// 100,000 (the example's own table: CPU time of its thread, so other work on the machine
// weighs less).
function mergeSection(timing) {
  if (!timing) return '';
  const body = timing.na ? `n/a (${timing.na})` : `\`\`\`text\n${timing.output}\n\`\`\``;
  return `## Merging bundles (native)

\`cargo run --release -p hallway-core --example merge_timing -- t50k.json RUNS\`, with \`t50k.json\`
from \`hallway generate --talks 50000 --seed 1\`: the second bundle is it with every id prefixed
\`b-\` (disjoint), and the one bundle is their merge written whole, so both sides load the same
records, each ending with \`Dataset::new\`. Budget: the merge side at most 1.10x the one-bundle side.

${body}
`;
}

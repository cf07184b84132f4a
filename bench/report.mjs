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
  return `${x.toFixed(2)}x`;
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

/** The whole BENCHMARKS.md. */
export function document({ rows, env, sizes, notes }) {
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
- Runs: ${env.runs} per figure (${env.runs100k} for the 100,000-talk split and map figures, ${env.runsSingle} for the 100,000-talk single file, kept few so that the whole run stays under 15 minutes); whole run took ${env.took}
- Bundles: \`hallway generate\` with fixed seeds (1,000 talks seed 1; 10,000 seed 2; 100,000 seed 3,
  single file and \`--split\`), served gzip-compressed from 127.0.0.1

Cells are median / p95 over the runs. "n/a (reason)" is a figure the harness could not take,
usually because the app does not provide the hook yet (see Method).

${table(rows)}

## Notes from this run

${notes.length ? notes.map((n) => `- ${n}`).join('\n') : '- none'}

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
- **Map**: \`/map\` on the 100,000-talk split bundle (1,000 places): \`hallway:indexed\` (data
  ready) -> the frame painted after \`hallway:map-painted\`. The baseline has no map.
- **Memory**: after first rows at 100,000 talks (split), two forced GCs (CDP
  \`HeapProfiler.collectGarbage\`), then \`performance.memory.usedJSHeapSize\` (with
  \`--enable-precise-memory-info\`) plus the byte length of the wasm linear memory (taken from the
  \`TrunkApplicationStarted\` event's module exports). Wasm memory never shrinks, so this is the
  high-water mark of loading, not the live data.
- **Transfer**: gzip -9 of dist's wasm + js + css (not data/, map/, schema/), as
  \`scripts/sizes.sh\` counts; the peer stack is \`npm pack\`ed at pinned versions and the files
  a site ships are gzip -9'd. The baseline page's own size is listed for scale.
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

// Summarises a CDP Profiler profile of a page load: main-thread time by category (wasm by crate,
// JavaScript by file, garbage collection, the browser's own work, idle) and the functions with
// the most self time. Wasm functions are named from a build that kept its name section, when
// that build's functions match the shipped module one for one (see wasmNames).
import fs from 'node:fs';
import { parseWasm, demangle, crateOf } from './wasm-names.mjs';

/**
 * Names for the shipped wasm's function indices, taken from `namedFile` (the same build with a
 * name section: wasm-breakdown.mjs --shipped). Only when both modules have the same number of
 * functions with the same body sizes; otherwise null and the reason.
 */
export function wasmNames(shippedFile, namedFile) {
  const shipped = parseWasm(fs.readFileSync(shippedFile));
  const named = parseWasm(fs.readFileSync(namedFile));
  const same = shipped.functions.length === named.functions.length &&
    shipped.functions.every((f, i) => f.index === named.functions[i].index && f.size === named.functions[i].size);
  if (!same) return { names: null, why: `the named build's ${named.functions.length} functions do not match the shipped module's ${shipped.functions.length}` };
  return { names: new Map(named.functions.map((f) => [f.index, f.name])), why: null };
}

/** The wasm function index of a profile frame, from V8's `$func123` / `wasm-function[123]`. */
function wasmIndex(frame) {
  const m = /^\$?func(\d+)$|^wasm-function\[(\d+)\]$/.exec(frame.functionName);
  return m ? Number(m[1] ?? m[2]) : null;
}

/** { totalMs, categories: [{ name, ms, share }], functions: [{ name, where, ms, share }] }. */
export function summarise(profile, { names = null, top = 15 } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map(); // node id -> microseconds
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0; // a sample lasts until the next one
    self.set(profile.samples[i], (self.get(profile.samples[i]) || 0) + Math.max(dt, 0));
  }
  const cats = new Map();
  const fns = new Map();
  const add = (map, key, us, extra) => {
    const e = map.get(key) || { us: 0, ...extra };
    e.us += us;
    map.set(key, e);
  };
  let total = 0;
  for (const [id, us] of self) {
    const f = nodes.get(id).callFrame;
    total += us;
    if (f.functionName === '(idle)') { add(cats, 'idle', us); continue; }
    if (f.functionName === '(program)') { add(cats, 'browser, outside JS and wasm (parse, style, layout, paint, compile)', us); continue; }
    if (f.functionName === '(garbage collector)') { add(cats, 'garbage collection', us); continue; }
    if (f.functionName === '(root)') continue;
    // V8 names an unnamed wasm function `wasm-function[N]` (N counts imports too), with the
    // module's URL, or wasm://wasm/<hash> for a module compiled from bytes.
    if (f.url.startsWith('wasm://') || /\.wasm(?:$|\?)/.test(f.url) || /^wasm-function\[/.test(f.functionName)) {
      const index = wasmIndex(f);
      let crate, name;
      if (index === null) { // the module kept its names
        crate = crateOf(f.functionName);
        name = demangle(f.functionName);
      } else if (names) {
        const raw = names.get(index) ?? null;
        crate = crateOf(raw);
        name = raw === null ? `wasm function ${index}` : demangle(raw);
      } else {
        crate = '(no names)';
        name = `wasm function ${index}`;
      }
      add(cats, `wasm: ${crate}`, us);
      add(fns, `wasm ${name}`, us, { name, where: 'wasm' });
    } else {
      const file = f.url ? new URL(f.url).pathname.split('/').pop() || new URL(f.url).pathname : '(built-ins, no script URL)';
      add(cats, `JavaScript: ${file.replace(/-[0-9a-f]{16}/, '')}`, us);
      add(fns, `${file}:${f.functionName}:${f.lineNumber}`, us, { name: f.functionName || '(anonymous)', where: `${file}:${f.lineNumber + 1}` });
    }
  }
  const ms = (us) => us / 1000;
  const list = (map) => [...map].map(([key, e]) => ({ key, ...e, ms: ms(e.us), share: e.us / total })).sort((a, b) => b.us - a.us);
  return {
    totalMs: ms(total),
    categories: list(cats).map(({ key, ms: t, share }) => ({ name: key, ms: t, share })),
    functions: list(fns).slice(0, top).map(({ name, where, ms: t, share }) => ({ name, where, ms: t, share })),
  };
}

/** Several runs' summaries merged: median ms per category and per function over the runs. */
export function medianSummary(summaries) {
  const med = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[Math.floor((v.length - 1) / 2)]; };
  const collect = (get) => {
    const m = new Map();
    for (const s of summaries) for (const e of get(s)) (m.get(e.name + (e.where || '')) || m.set(e.name + (e.where || ''), { ...e, all: [] }).get(e.name + (e.where || ''))).all.push(e.ms);
    return [...m.values()].map((e) => ({ ...e, ms: med([...e.all, ...new Array(summaries.length - e.all.length).fill(0)]) }))
      .sort((a, b) => b.ms - a.ms);
  };
  return {
    runs: summaries.length,
    totalMs: med(summaries.map((s) => s.totalMs)),
    categories: collect((s) => s.categories),
    functions: collect((s) => s.functions),
  };
}

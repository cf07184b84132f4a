// The first-load size budget: the gzip -9 size of what dist/index.html makes the browser fetch
// before the app can show its first rows, against the figure in bench/size-budget.json.
//
//   node bench/size-budget.mjs [--update] [dist]
//
// The first load is derived from index.html, never listed by hand: the page, every <script src>,
// every <link rel=stylesheet|modulepreload|preload>, the static imports (`import ... from`,
// `export ... from`, `import '...'`) of those scripts, followed transitively, and the .wasm URLs
// written as string literals in the scripts index.html names itself (trunk's boot script fetches the app
// wasm that way). Data is excluded (anything under data/, map/, schema/ or ending in .json), and
// so is everything reached only at run time: dynamic import(), `new Worker(...)`, the service
// worker, icons and the web manifest. So a worker module that the app starts on demand is not
// counted, but anything index.html preloads is.
//
// Exit status 1 when the total is more than `tolerance` over `firstLoadGzipBytes`, printing the
// files and, when cargo's wasm with names is at hand, the bytes by crate. --update writes today's
// figure into the budget file (for lowering it once work has landed).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
// SIZE_BUDGET_FILE lets the tests use a budget of their own, never the committed one.
export const BUDGET_FILE = process.env.SIZE_BUDGET_FILE || path.join(here, 'size-budget.json');

/** gzip -9 size in bytes; -n so that neither the file's name nor its time is in the output. */
export function gzipSize(file) {
  return Number(execFileSync('sh', ['-c', 'gzip -9 -n -c "$1" | wc -c', 'sh', file]).toString().trim());
}

const attrs = (tag) => {
  const out = {};
  for (const m of tag.matchAll(/([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
};

const isData = (rel) => /^(data|map|schema)\//.test(rel) || /\.json$/.test(rel);

/**
 * The files of `dist` that index.html loads before first rows, each with `why` (how it was
 * reached). Throws when index.html names a file that is not in dist/.
 */
export function firstLoadFiles(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const base = attrs((/<base\b[^>]*>/i.exec(html) || ['<base href="/">'])[0]).href || '/';
  const found = new Map(); // dist-relative path -> why
  const toRel = (url, from) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return null; // another origin
    const u = new URL(url, new URL(from, 'http://site/'));
    return decodeURIComponent(u.pathname).replace(/^\/+/, '');
  };
  const add = (rel, why) => {
    if (rel === null || isData(rel) || found.has(rel)) return false;
    if (!fs.existsSync(path.join(dist, rel))) throw new Error(`index.html loads ${rel} (${why}), which is not in ${dist}`);
    found.set(rel, why);
    return true;
  };
  add('index.html', 'the page itself');
  const scripts = [];
  for (const m of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const a = attrs(m[0].slice(m[1].length + 1));
    if (m[1].toLowerCase() === 'script' && a.src !== undefined) {
      const rel = toRel(a.src, base);
      if (add(rel, 'index.html <script src>')) scripts.push({ rel, direct: true });
    } else if (m[1].toLowerCase() === 'link') {
      const rels = (a.rel || '').toLowerCase().split(/\s+/);
      const kind = ['stylesheet', 'modulepreload', 'preload'].find((r) => rels.includes(r));
      if (kind && a.href) {
        const rel = toRel(a.href, base);
        if (add(rel, `index.html <link rel=${kind}>`) && /\.m?js$/.test(rel)) scripts.push({ rel, direct: false });
      }
    }
  }
  // Follow static imports; .wasm literals count only in the scripts index.html itself names.
  for (let i = 0; i < scripts.length; i++) {
    const { rel, direct } = scripts[i];
    const src = fs.readFileSync(path.join(dist, rel), 'utf8');
    const imports = [
      ...src.matchAll(/\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g),
      ...src.matchAll(/(?:^|[;\n])\s*import\s*(['"])([^'"]+)\1/g),
    ].map((m) => m[2]);
    for (const spec of imports) {
      const r = toRel(spec, `/${rel}`);
      if (add(r, `static import in ${rel}`)) scripts.push({ rel: r, direct: false });
    }
    if (direct) {
      for (const m of src.matchAll(/(['"])([^'"\s]+\.wasm)\1/g)) add(toRel(m[2], `/${rel}`), `.wasm URL in ${rel}`);
    }
  }
  return [...found].map(([file, why]) => ({ file, why })).sort((a, b) => a.file.localeCompare(b.file));
}

/** The first-load files of `dist` with their raw and gzip -9 sizes, and the gzip total. */
export function firstLoad(dist) {
  const files = firstLoadFiles(dist).map((f) => {
    const p = path.join(dist, f.file);
    return { ...f, raw: fs.statSync(p).size, gz: gzipSize(p) };
  });
  return { files, gz: files.reduce((s, f) => s + f.gz, 0), raw: files.reduce((s, f) => s + f.raw, 0) };
}

export function formatFiles(load) {
  const lines = load.files.map((f) => `${String(f.raw).padStart(10)} ${String(f.gz).padStart(10)}  ${f.file}  (${f.why})`);
  return [`${'raw'.padStart(10)} ${'gzip -9'.padStart(10)}  file`, ...lines,
    `${String(load.raw).padStart(10)} ${String(load.gz).padStart(10)}  first load, total`].join('\n');
}

/** { ok, limit, message } of `load` against `budget` ({ firstLoadGzipBytes, tolerance }). */
export function check(load, budget) {
  const { firstLoadGzipBytes: figure, tolerance } = budget;
  if (!Number.isInteger(figure) || figure <= 0 || typeof tolerance !== 'number' || tolerance < 0) {
    throw new Error('the budget file needs "firstLoadGzipBytes" (a positive whole number) and "tolerance" (e.g. 0.05)');
  }
  const limit = Math.floor(figure * (1 + tolerance));
  const pct = ((load.gz / figure - 1) * 100).toFixed(1);
  const ok = load.gz <= limit;
  const message = ok
    ? `first load ${load.gz} bytes gzip -9: within the budget (${figure} + ${tolerance * 100}% = ${limit}; ${pct}% vs the figure)`
    : `first load ${load.gz} bytes gzip -9 is over the budget: ${figure} + ${tolerance * 100}% = ${limit} (${pct}% over the figure). ` +
      'Move the new code out of the first load (a module loaded on demand), or, if the growth is wanted, ' +
      'raise "firstLoadGzipBytes" in bench/size-budget.json in the same commit and say why.';
  return { ok, limit, message };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const update = args.includes('--update');
  const dist = path.resolve(args.find((a) => !a.startsWith('--')) || path.join(ROOT, 'dist'));
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    console.error(`no ${dist}/index.html: run scripts/build.sh first`);
    process.exit(1);
  }
  const load = firstLoad(dist);
  const budget = JSON.parse(fs.readFileSync(BUDGET_FILE, 'utf8'));
  if (update) {
    budget.firstLoadGzipBytes = load.gz;
    budget.measured = `${new Date().toISOString().slice(0, 10)}, ${load.files.length} files (scripts/size-budget.sh --update)`;
    fs.writeFileSync(BUDGET_FILE, `${JSON.stringify(budget, null, 2)}\n`);
    console.log(`wrote ${load.gz} bytes into ${path.relative(process.cwd(), BUDGET_FILE)}`);
    process.exit(0);
  }
  const r = check(load, budget);
  if (r.ok) {
    console.log(formatFiles(load));
    console.log(r.message);
    if (load.gz < budget.firstLoadGzipBytes * (1 - budget.tolerance)) {
      console.log(`(more than ${budget.tolerance * 100}% under the figure: lower it with node bench/size-budget.mjs --update)`);
    }
    process.exit(0);
  }
  console.error(formatFiles(load));
  console.error(`\n${r.message}`);
  // Where the wasm bytes are, when cargo's wasm (with names) is at hand.
  const { cargoWasm, cachedShipped, breakdownOf } = await import('./wasm-breakdown.mjs');
  const { formatBreakdown } = await import('./wasm-names.mjs');
  const wasm = cargoWasm();
  const shippedWasm = load.files.find((f) => f.file.endsWith('.wasm'));
  if (fs.existsSync(wasm)) {
    const when = fs.statSync(wasm).mtime;
    const stale = shippedWasm && when > fs.statSync(path.join(dist, shippedWasm.file)).mtime;
    // The as-shipped form with names when scripts/wasm-breakdown.sh --shipped has made it for this
    // build (never made here: it takes minutes), else cargo's output.
    const shipped = cachedShipped(wasm);
    console.error(`\nbytes by crate in ${shipped ? `${shipped} (${wasm} after wasm-bindgen and wasm-opt -Oz -g)` : `${wasm} (cargo's output, before wasm-opt; scripts/wasm-breakdown.sh --shipped for the shipped form)`}` +
      `; cargo wrote it ${when.toISOString()}${stale ? ', AFTER dist/ was built: it may be another worktree\'s build' : ''}:`);
    console.error(formatBreakdown(breakdownOf(shipped || wasm, { top: 25 }), { crates: 25 }));
  } else {
    console.error(`\n(no ${wasm}: no breakdown by crate; scripts/wasm-breakdown.sh explains)`);
  }
  process.exit(1);
}

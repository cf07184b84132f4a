// Prints where the app's wasm bytes are: shares by crate and the largest functions. Builds
// nothing: it reads the release wasm cargo wrote (scripts/build.sh leaves it in
// $CARGO_TARGET_DIR/wasm32-unknown-unknown/release/hallway-app.wasm, with its `name` section,
// because the release profile strips debug info only), or the file given.
//
//   node bench/wasm-breakdown.mjs [--shipped] [--top N] [--json] [file.wasm]
//
// Without --shipped the sizes are those of cargo's output: before wasm-bindgen and wasm-opt, so
// larger than what ships and with less inlining. --shipped runs what trunk runs after cargo
// (wasm-bindgen, then wasm-opt -Oz from tools/) but with `-g` so that the names survive; its
// code section comes within about 1% of dist's wasm. That takes 20 s of CPU (minutes on a busy
// machine); the result is cached by the input's hash in $TMPDIR/hallway-wasm-names/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseWasm, breakdown, formatBreakdown } from './wasm-names.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..');

/** The wasm cargo writes for the app's release build. */
export function cargoWasm() {
  const target = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
  return path.join(target, 'wasm32-unknown-unknown/release/hallway-app.wasm');
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.error || r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed: ${r.error ? r.error.message : String(r.stderr).trim().split('\n').pop()}`);
  }
}

/**
 * The shipped form of `input` with its names kept: wasm-bindgen (as trunk runs it), then
 * wasm-opt -Oz -g (binaryen 132 from tools/, the version trunk is pinned to). Cached.
 */
export function shippedWithNames(input) {
  const out = cachedShipped(input, true);
  if (fs.existsSync(out)) return out;
  const dir = path.dirname(out);
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(dir, 'work-'));
  try {
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', work, '--out-name', 'app', input]);
    const wasmOpt = path.join(ROOT, 'tools/node_modules/.bin/wasm-opt');
    run(fs.existsSync(wasmOpt) ? wasmOpt : 'wasm-opt', ['-Oz', '-g', path.join(work, 'app_bg.wasm'), '-o', `${out}.part`]);
    fs.renameSync(`${out}.part`, out);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return out;
}

/** Where the as-shipped builds with names are cached, one per input hash. */
export const NAMES_DIR = path.join(os.tmpdir(), 'hallway-wasm-names');

/** The cached as-shipped file for `input` when one exists (or its path anyway, with `path`). */
export function cachedShipped(input, pathOnly = false) {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(input)).digest('hex').slice(0, 16);
  const out = path.join(NAMES_DIR, `${hash}.opt-names.wasm`);
  return pathOnly || fs.existsSync(out) ? out : null;
}

/** The breakdown of `file` (a .wasm path). */
export function breakdownOf(file, opts) {
  return breakdown(parseWasm(fs.readFileSync(file)), opts);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (f) => { const i = args.indexOf(f); if (i >= 0) args.splice(i, 1); return i >= 0; };
  const shipped = flag('--shipped');
  const json = flag('--json');
  let top = 25;
  const t = args.indexOf('--top');
  if (t >= 0) { top = Number(args[t + 1]); args.splice(t, 2); }
  if (!Number.isInteger(top) || top < 1 || args.length > 1 || args.some((a) => a.startsWith('-'))) {
    console.error('usage: node bench/wasm-breakdown.mjs [--shipped] [--top N] [--json] [file.wasm]');
    process.exit(2);
  }
  const input = args[0] || cargoWasm();
  if (!fs.existsSync(input)) {
    console.error(`no ${input}: run scripts/build.sh first (with the same CARGO_TARGET_DIR), or name a .wasm file`);
    process.exit(1);
  }
  try {
    const file = shipped ? shippedWithNames(input) : input;
    const b = breakdownOf(file, { top });
    if (json) console.log(JSON.stringify({ file, ...b }, null, 2));
    else {
      console.log(shipped ? `${input}\n  as shipped (wasm-bindgen, wasm-opt -Oz -g): ${file}` : `${input} (cargo's output, before wasm-bindgen and wasm-opt)`);
      console.log(formatBreakdown(b, { file: path.basename(file) }));
    }
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

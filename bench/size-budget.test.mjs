// Checks the size budget's idea of the first load (derived from index.html: preloads count, a
// worker started on demand and the data do not) and that it fails over budget with the files
// printed. Run: node --test bench/size-budget.test.mjs (no build needed; never touches the
// committed bench/size-budget.json).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { firstLoadFiles, firstLoad, check, gzipSize } from './size-budget.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A dist/ shaped like trunk's, plus a worker the app starts on demand and a data preload. */
function fakeDist() {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-budget-test-'));
  const put = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
    fs.writeFileSync(path.join(dist, rel), text);
  };
  put('index.html', `<!doctype html><html><head>
    <base href="/">
    <link rel="icon" href="icons/icon-192.png"><link rel="manifest" href="manifest.webmanifest">
    <!-- <script src="/commented-out.js"></script> -->
    <script type="module" src="/boot-1.js" integrity="sha384-x" crossorigin="anonymous"></script>
    <link rel="stylesheet" crossorigin="anonymous" href="/main-1.css"/>
    <link rel="modulepreload" href="/app-1.js" crossorigin="anonymous">
    <link rel="preload" href="/app-1_bg.wasm" as="fetch" type="application/wasm">
    <link rel="preload" href="/data/bundle.json" as="fetch">
    <link rel="preload" href="/later-1.wasm" as="fetch" type="application/wasm">
  </head><body></body></html>`);
  put('boot-1.js', `import init, * as bindings from '/app-1.js';
const wasm = await init({ module_or_path: fetch('/app-1_bg.wasm') });
navigator.serviceWorker.register('/sw.js');`);
  put('app-1.js', `import { a } from './snippets/x/inline0.js';
export * from "./snippets/y/inline1.js";
import './side-effect.js';
const later = () => import('./lazy.js');
const w = () => new Worker('/worker_loader.js', { type: 'module' });
const url = '/worker-1_bg.wasm';
export default async function init() {}`);
  put('snippets/x/inline0.js', 'export const a = 1;');
  put('snippets/y/inline1.js', 'export const b = 2;');
  put('side-effect.js', 'globalThis.s = 1;');
  put('lazy.js', 'export const l = 1;');
  put('app-1_bg.wasm', Buffer.alloc(5000, 7));
  put('later-1.wasm', Buffer.alloc(300, 1));
  put('main-1.css', 'body { color: red }\n'.repeat(50));
  put('worker_loader.js', 'import init from "./worker-1.js";');
  put('worker-1.js', 'export default 1;');
  put('worker-1_bg.wasm', Buffer.alloc(9000, 3));
  put('data/bundle.json', '{}');
  put('sw.js', 'self.addEventListener("fetch", () => {});');
  put('manifest.webmanifest', '{}');
  put('icons/icon-192.png', 'png');
  return dist;
}

/** Runs `fn` on a fresh fake dist/, removed afterwards whatever happens. */
function withDist(fn) {
  const dist = fakeDist();
  try {
    fn(dist);
  } finally {
    fs.rmSync(dist, { recursive: true, force: true });
  }
}

test('the first load is what index.html loads and preloads, without workers, data or run-time imports', () => withDist((dist) => {
  const files = firstLoadFiles(dist).map((f) => f.file).sort();
  assert.deepEqual(files, [
    'app-1.js', 'app-1_bg.wasm', 'boot-1.js', 'index.html', 'later-1.wasm', 'main-1.css',
    'side-effect.js', 'snippets/x/inline0.js', 'snippets/y/inline1.js',
  ]);
}));

test('a wasm fetched by the boot script counts even when index.html does not preload it', () => withDist((dist) => {
  const html = path.join(dist, 'index.html');
  fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace(/<link rel="preload" href="\/app-1_bg.wasm"[^>]*>/, ''));
  const f = firstLoadFiles(dist).find((x) => x.file === 'app-1_bg.wasm');
  assert.equal(f && f.why, '.wasm URL in boot-1.js');
}));

test('a file index.html names but dist lacks is an error, not a smaller total', () => withDist((dist) => {
  fs.rmSync(path.join(dist, 'main-1.css'));
  assert.throws(() => firstLoadFiles(dist), /main-1\.css .*not in/);
}));

test('the check passes up to the tolerance and fails one byte over it', () => {
  const load = { gz: 105000 };
  assert.equal(check(load, { firstLoadGzipBytes: 100000, tolerance: 0.05 }).ok, true);
  assert.equal(check({ gz: 105001 }, { firstLoadGzipBytes: 100000, tolerance: 0.05 }).ok, false);
  assert.throws(() => check(load, { firstLoadGzipBytes: '100000', tolerance: 0.05 }), /firstLoadGzipBytes/);
});

test('the command fails over budget and prints every first-load file', () => withDist((dist) => {
  const load = firstLoad(dist);
  assert.equal(load.gz, load.files.reduce((s, f) => s + gzipSize(path.join(dist, f.file)), 0));
  const budgetFile = path.join(dist, 'budget.json');
  const run = (figure) => {
    fs.writeFileSync(budgetFile, JSON.stringify({ firstLoadGzipBytes: figure, tolerance: 0.05 }));
    return spawnSync('node', [path.join(here, 'size-budget.mjs'), dist], {
      encoding: 'utf8', env: { ...process.env, CARGO_TARGET_DIR: dist, SIZE_BUDGET_FILE: budgetFile },
    });
  };
  const over = run(Math.floor(load.gz / 1.06));
  assert.equal(over.status, 1, over.stderr);
  for (const f of load.files) assert.match(over.stderr, new RegExp(`${f.gz}\\s+${f.file.replace(/\./g, '\\.')}`));
  assert.match(over.stderr, /over the budget/);
  const within = run(Math.ceil(load.gz / 1.04));
  assert.equal(within.status, 0, within.stderr);
}));

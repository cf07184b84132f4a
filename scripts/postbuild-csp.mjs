// Trunk post_build hook: makes the built index.html run under a CSP without 'unsafe-inline'.
//
// Trunk 0.21 writes its wasm bootstrap as an inline <script type="module">. This moves it into
// boot-<hash>.js loaded with Subresource Integrity, makes the wasm fetch itself carry the
// integrity that trunk put on its preload link (init() would otherwise fetch it unchecked),
// appends the service-worker registration, writes asset-manifest.json (the app shell the
// service worker caches, versioned by a hash of the build), stamps that version into sw.js,
// copies the result to 404.html, and fails the build if anything would still need
// 'unsafe-inline' or lacks integrity, or if the meta CSP and public/_headers disagree.
//
// Usage: node scripts/postbuild-csp.mjs [dir]   (dir defaults to $TRUNK_STAGING_DIR)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import os from 'node:os';
import { spawnSync } from 'node:child_process';

function fail(message) {
  console.error(`postbuild-csp: ${message}`);
  process.exit(1);
}

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) fail('no output directory: pass it as an argument or run as a trunk hook');
// Trunk's public_url always ends with '/'. Every URL the build writes is made relative to it,
// resolved against the document's <base href> (which trunk sets to public_url): then moving
// the site under another path (`hallway build --site OUT --base-url /reports/`) changes that
// one element and nothing hashed.
const base = process.env.TRUNK_PUBLIC_URL || '/';

const sri = (bytes) => 'sha384-' + crypto.createHash('sha384').update(bytes).digest('base64');
const shortHash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const read = (name) => fs.readFileSync(path.join(dir, name));

let html = read('index.html').toString('utf8');
// Trunk's absolute `${base}name` URLs become `name`; the <base> element itself stays.
const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
html = html.replace(new RegExp(`((?:src|href)=")${escaped}(?=[^"])`, 'g'), '$1');

// 0. The Markdown worker (crates/worker; index.html builds it with data-type="worker"): trunk
// does not hash a worker's file names (the app must know them at run time), so a cached
// worker could answer a newer app. Each file is renamed here by its content hash, the loader
// shim is rewritten to load those names (the wasm with integrity) and to report a failed
// start to the app, and index.html names the loader in <meta name="hallway-worker">
// (src/worker.rs reads it). Every name now changes with its content: the service
// worker caches them for good on first use, and a host may too.
const WORKER = 'hallway-worker';
if (fs.existsSync(path.join(dir, `${WORKER}_loader.js`))) {
  const shim = read(`${WORKER}_loader.js`).toString('utf8');
  if (!shim.includes(`importScripts("./${WORKER}.js")`) || !shim.includes(`wasm_bindgen("./${WORKER}_bg.wasm")`)) {
    fail(`trunk's ${WORKER}_loader.js is not what this script expects: ${shim}`);
  }
  // The same script also runs in the page where no worker can start (an opaque-origin embed
  // frame): it then leaves its init function where the app finds it.
  const js = Buffer.concat([read(`${WORKER}.js`), Buffer.from('\nself.__hallwayMarkdown = wasm_bindgen;\n')]);
  const wasm = read(`${WORKER}_bg.wasm`);
  const jsName = `${WORKER}-${shortHash(js)}.js`;
  const wasmName = `${WORKER}-${shortHash(wasm)}_bg.wasm`;
  // Relative URLs resolve against the loader's own URL, beside index.html under <base href>.
  const loader = Buffer.from(
    `importScripts('./${jsName}');\n` +
      `wasm_bindgen({ module_or_path: fetch('./${wasmName}', { integrity: '${sri(wasm)}' }) })` +
      `.catch((e) => postMessage('failed: ' + e));\n`,
    'utf8',
  );
  const loaderName = `${WORKER}-${shortHash(loader)}_loader.js`;
  fs.writeFileSync(path.join(dir, jsName), js);
  fs.writeFileSync(path.join(dir, wasmName), wasm);
  fs.writeFileSync(path.join(dir, loaderName), loader);
  for (const old of [`${WORKER}.js`, `${WORKER}_bg.wasm`, `${WORKER}_loader.js`]) fs.rmSync(path.join(dir, old));
  if (!html.includes('</title>')) fail('index.html has no </title> to put the worker meta after');
  html = html.replace(
    '</title>',
    `</title>\n    <meta name="hallway-worker" content="${loaderName}" data-script="${jsName}" ` +
      `data-script-integrity="${sri(js)}" data-wasm="${wasmName}" data-wasm-integrity="${sri(wasm)}">`,
  );
} else if (process.env.TRUNK_HTML_FILE && /data-type="worker"/.test(fs.readFileSync(process.env.TRUNK_HTML_FILE, 'utf8'))) {
  fail(`index.html builds a worker but ${WORKER}_loader.js is missing: is data-loader-shim still on?`);
}

// 1. The inline bootstrap becomes an external module with SRI.
// `trunk serve` also injects a live-reload script that its server rewrites per request, so it
// cannot move out; the CSP blocks it: reload by hand (the release build never has it).
const isAutoreload = (m) => m[1].includes('__TRUNK_ADDRESS__');
const autoreload = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter(isAutoreload);
if (autoreload.length) console.warn('postbuild-csp: trunk serve live reload stays inline; the CSP blocks it');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter((m) => !isAutoreload(m));
if (inline.length !== 1 || !/type="module"/.test(inline[0][0])) {
  fail(`expected exactly one inline <script type="module"> from trunk, found ${inline.length}`);
}
let boot = inline[0][1].trim();

// The early script. The bundles download while the wasm does, instead of after it has compiled
// and started:
// src/early_fetch.rs takes each response (once) when the app asks for the same URL with the
// same options (credentials and cache mode of src/data.rs). Only what the app would fetch
// anyway starts early: the site's own bundles (its hallway-bundles setting, else
// data/bundle.json), and `?bundle=` files on this origin when the site's
// hallway-bundle-origins setting allows them (`*` or `self`). Anything else waits for the app,
// whose check (core's source module) is the authority and refuses before fetching.
// It is a classic script of its own, loaded async from the head: the module bootstrap runs only
// once its import (the app's JS glue) has downloaded and run, and a module or deferred script
// also waits for the stylesheets, which held the bundle's request back by a third of the load.
const early = Buffer.from(`'use strict';
{
  const meta = (name) => document.querySelector(\`meta[name="\${name}"]\`)?.content ?? '';
  const list = (text) => text.split(/[\\s]+/).filter((b) => b);
  const resolve = (b) => { try { return new URL(b, document.baseURI).href; } catch (e) { return null; } };
  const own = list(meta('hallway-bundles')).map(resolve).filter((u) => u);
  if (!own.length) own.push(resolve('data/bundle.json'));
  const words = (meta('hallway-bundle-origins') || '*').toLowerCase().split(/[\\s,]+/);
  const sameOrigin = words.includes('*') || words.includes('self') || words.includes("'self'");
  const asked = new URLSearchParams(location.search).getAll('bundle').filter((b) => b.trim());
  const urls = (asked.length ? asked : own).flatMap((b) => {
    try {
      const url = new URL(b, document.baseURI);
      return own.includes(url.href) || (sameOrigin && url.origin === location.origin) ? [url.href] : [];
    } catch (e) {
      return [];
    }
  });
  window.__hallwayEarlyFetch = Object.fromEntries(urls.map((url) => {
    const response = fetch(url, { credentials: 'omit', cache: 'no-cache' });
    // The app retries a failed download itself; this copy must not log an unhandled rejection.
    response.catch(() => {});
    return [url, response];
  }));
}
// A first page that shows Markdown (a talk, a report) starts the Markdown worker now, while the
// app's wasm downloads, instead of after the bundle is indexed: src/worker.rs takes it
// (once) with the messages it sent meanwhile. Not in an opaque-origin frame (a sandboxed
// embed), where no worker can start; the app loads the module into the page there.
{
  const meta = document.querySelector('meta[name="hallway-worker"]');
  const basePath = new URL(document.baseURI).pathname;
  const route = location.pathname.startsWith(basePath) ? '/' + location.pathname.slice(basePath.length) : location.pathname;
  const markdownPage = ['/talks/', '/reports/', '/embed/talks/', '/embed/reports/']
    .some((p) => route.startsWith(p) && route.length > p.length);
  if (meta && self.origin !== 'null' && markdownPage) {
    try {
      const worker = new Worker(new URL(meta.content, document.baseURI));
      const early = [];
      worker.onmessage = (e) => early.push(e.data);
      worker.onerror = (e) => early.push({ error: e.message || 'it could not be loaded' });
      window.__hallwayWorker = { worker, early };
    } catch (e) {
      // The app tries again when it needs the worker, and says what failed.
    }
  }
}
`, 'utf8');

// init() fetches the wasm without integrity; hand it a fetch that checks the preload's hash.
const preload = html.match(/<link rel="preload" href="([^"]+_bg\.wasm)"[^>]*integrity="([^"]+)"[^>]*>/);
if (!preload) fail('no <link rel="preload"> with integrity for the wasm: is filehash/SRI still on?');
const [, wasmUrl, wasmIntegrity] = preload;
const initCall = `init({ module_or_path: '${base}${wasmUrl}' })`;
if (!boot.includes(initCall)) fail(`the bootstrap no longer contains ${initCall}: update this script`);
// The import is resolved against boot.js (beside it in the site's root), the fetch against
// the document's base URL: both are relative so that they follow the <base> element.
const importFrom = boot.match(/\bfrom\s*'([^']+)'/);
if (!importFrom || !importFrom[1].startsWith(base)) fail("the bootstrap's import is not from public_url: update this script");
boot = boot.replace(importFrom[0], `from './${importFrom[1].slice(base.length)}'`);
boot = boot.replace(
  initCall,
  `init({ module_or_path: fetch('${wasmUrl}', { integrity: '${wasmIntegrity}', credentials: 'same-origin' }) })`,
);
// Registered 3 s after the page has its data, when the browser is idle: installing fetches the
// whole app shell again (the wasm included) and the site's own data and map outline, which
// competed with decoding the bundle when registered at start, and with drawing the map or a
// report's text when registered right after the data. A page that never gets data (an error)
// registers after 10 s. Not in
// a frame: an embed (/embed/*) usually runs sandboxed with an opaque origin, where reading
// navigator.serviceWorker throws, and a host page's frame is no place for offline support.
boot += `

if (window.parent === window && 'serviceWorker' in navigator) {
  let asked = false;
  const register = () => {
    if (asked) return;
    asked = true;
    const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
    idle(() => {
      try {
        navigator.serviceWorker.register('sw.js', { scope: './' }).catch((e) => console.warn('Hallway: offline support unavailable:', e));
      } catch (e) {
        console.warn('Hallway: offline support unavailable:', e);
      }
    }, { timeout: 5000 });
  };
  try {
    new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => e.name === 'hallway:indexed')) setTimeout(register, 3000);
    }).observe({ type: 'mark', buffered: true });
  } catch (e) {
    register();
  }
  setTimeout(register, 10000);
}
`;
{
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-early-'));
  fs.writeFileSync(path.join(tmp, 'early.js'), early);
  const check = spawnSync(process.execPath, ['--check', path.join(tmp, 'early.js')], { encoding: 'utf8' });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (check.status !== 0) fail(`the early script does not parse:\n${check.stderr}`);
}
const earlyName = `early-${shortHash(early)}.js`;
fs.writeFileSync(path.join(dir, earlyName), early);
// After the <meta> settings it reads (an async script runs as soon as it arrives).
{
  const after = html.includes('<meta name="hallway-worker"') ? html.indexOf('>', html.indexOf('<meta name="hallway-worker"')) + 1 : html.indexOf('</title>') + '</title>'.length;
  if (after <= 0) fail('index.html has no </title> to put the early script after');
  html = `${html.slice(0, after)}\n    <script async src="${earlyName}" integrity="${sri(early)}" crossorigin="anonymous"></script>${html.slice(after)}`;
}
// A syntax error here would stop the app before it starts: check the module parses.
{
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-boot-'));
  fs.writeFileSync(path.join(tmp, 'boot.mjs'), boot);
  const check = spawnSync(process.execPath, ['--check', path.join(tmp, 'boot.mjs')], { encoding: 'utf8' });
  fs.rmSync(tmp, { recursive: true, force: true });
  if (check.status !== 0) fail(`the boot script does not parse:\n${check.stderr}`);
}
const bootBytes = Buffer.from(boot, 'utf8');
const bootName = `boot-${shortHash(bootBytes)}.js`;
fs.writeFileSync(path.join(dir, bootName), bootBytes);
html = html.replace(
  inline[0][0],
  `<script type="module" src="${bootName}" integrity="${sri(bootBytes)}" crossorigin="anonymous"></script>`,
);

// A sandboxed embed frame has an opaque origin, so even the app's own stylesheets are
// cross-origin there: without CORS mode their integrity check fails. Same-origin pages are
// unaffected by crossorigin="anonymous".
html = html.replace(/<link rel="stylesheet"(?![^>]*\bcrossorigin=)/g, '<link rel="stylesheet" crossorigin="anonymous"');

// 2. Checks: nothing inline, every script and preload/stylesheet carries integrity.
const checked = autoreload.reduce((h, m) => h.replace(m[0], ''), html);
for (const tag of checked.match(/<script\b[^>]*>/g) || []) {
  if (!/\bsrc=/.test(tag) || !/\bintegrity="sha384-/.test(tag)) fail(`script without src or integrity: ${tag}`);
}
for (const tag of html.match(/<link\b[^>]*>/g) || []) {
  if (/rel="(stylesheet|modulepreload|preload)"/.test(tag) && !/\bintegrity="sha384-/.test(tag)) {
    fail(`link without integrity: ${tag}`);
  }
}
if (/\sstyle=|\son[a-z]+=/i.test(checked)) fail('inline style= or on*= handler in index.html');

// 3. The meta CSP must be the _headers CSP minus frame-ancestors (ignored in <meta>).
const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
if (!meta) fail('index.html has no <meta http-equiv="Content-Security-Policy">');
const headersFile = path.join(dir, '_headers');
if (fs.existsSync(headersFile)) {
  const rules = parseHeaders(fs.readFileSync(headersFile, 'utf8'));
  const lines = rules.flatMap((r) => r.headers.filter(([k]) => k === 'content-security-policy').map(([, v]) => [r.path, v]));
  if (!lines.length) fail('_headers has no Content-Security-Policy line');
  const norm = (csp) => csp.split(';').map((d) => d.trim()).filter((d) => d && !d.startsWith('frame-ancestors')).join('; ');
  for (const [rulePath, value] of lines) {
    if (norm(value) !== norm(meta[1])) {
      fail(`the meta CSP and _headers (${rulePath}) differ:\n  meta:     ${norm(meta[1])}\n  _headers: ${norm(value)}`);
    }
  }
  // Framing (see the comment in public/_headers): /embed/* by anyone, the rest by no one, and
  // no rule that also matches /embed/* may forbid it.
  const get = (p, k) => rules.filter((r) => r.path === p).flatMap((r) => r.headers.filter(([h]) => h === k).map(([, v]) => v));
  if (!get('/embed/*', 'content-security-policy').some((v) => /frame-ancestors \*(;|$)/.test(v))) {
    fail('_headers: /embed/* needs a Content-Security-Policy with frame-ancestors *');
  }
  if (!get('/*', 'x-frame-options').includes('DENY')) fail('_headers: /* needs X-Frame-Options: DENY');
  for (const [rulePath, value] of lines) {
    if (rulePath !== '/embed/*' && /frame-ancestors/.test(value) && (rulePath === '/*' || rulePath.startsWith('/embed'))) {
      fail(`_headers: ${rulePath} sets frame-ancestors, which would also apply to /embed/*`);
    }
  }
}

// `_headers` as [{ path, headers: [[lower-case name, value]] }], in file order.
function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: [] });
    else if (rules.length) {
      const i = line.indexOf(':');
      if (i > 0) rules.at(-1).headers.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

fs.writeFileSync(path.join(dir, 'index.html'), html);
// Static hosts without an SPA fallback serve 404.html for unknown paths: make it the app.
fs.writeFileSync(path.join(dir, '404.html'), html);

// 4. The app shell for the service worker, versioned by the hash of everything in it.
const shell = [
  ...new Set(
    [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1])
      .filter((u) => !/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(u) && u !== ''),
  ),
].sort();
for (const extra of ['manifest.webmanifest', 'icons/icon-192.png', 'icons/icon-512.png']) {
  if (fs.existsSync(path.join(dir, extra)) && !shell.includes(extra)) shell.push(extra);
}
// The same computation is in crates/cli/src/site.rs (a site under another base path changes
// index.html, hence the version): keep the two in step.
const versionHash = crypto.createHash('sha256');
for (const url of shell) versionHash.update(url).update(read(url));
versionHash.update(html);
const version = versionHash.digest('hex').slice(0, 16);
// Relative to sw.js (at the site's root), which resolves them against its own URL.
const manifest = { version, index: 'index.html', assets: ['index.html', ...shell] };
fs.writeFileSync(path.join(dir, 'asset-manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

// 5. A new build must change sw.js bytes, or browsers keep the old worker and its cache.
const swFile = path.join(dir, 'sw.js');
if (!fs.existsSync(swFile)) fail('sw.js is missing from the build (index.html copies public/sw.js)');
const sw = fs.readFileSync(swFile, 'utf8');
if (!sw.includes('__HALLWAY_BUILD__')) fail('sw.js has no __HALLWAY_BUILD__ placeholder');
fs.writeFileSync(swFile, sw.replaceAll('__HALLWAY_BUILD__', version));

console.log(`postbuild-csp: ${bootName}, ${shell.length} shell assets, build ${version}`);

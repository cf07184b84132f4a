// Checks the harness's browser measurements on a tiny page of known sizes: memory counts the
// page and every worker (a nested one too) with their wasm memories, bytes before a mark count
// workers' requests and leave data and later requests out, and a DOM-watched figure is taken.
// Run: node --test bench/measure.test.mjs (needs Chromium; no build).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { freshPage, memoryNow, bytesBefore, reportRun, REPORT_BODY } from './measure.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tools/package.json'));
const { chromium } = require('playwright-core');
const MiB = 1048576;

function site() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-measure-test-'));
  const put = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  put('index.html', '<!doctype html><title>t</title><script src="/main.js"></script>');
  // The page: 10 MiB of wasm memory and a worker; first rows are marked once the worker has
  // fetched its code and data, then one more request is made.
  put('main.js', `window.mem = new WebAssembly.Memory({ initial: 160 });
const w = new Worker('/worker.js');
// The gaps of 50 ms keep the test off the one-ms race between a response's end in the network
// stack and the page's clock; real first rows come hundreds of ms after the last code request.
w.onmessage = () => setTimeout(() => {
  performance.mark('hallway:first-rows');
  setTimeout(() => fetch('/after.bin').then((r) => r.arrayBuffer()).then(() => { document.title = 'done'; }), 50);
}, 50);`);
  // The worker: 64 MiB of wasm memory, not exposed anywhere, a nested worker with 32 MiB.
  put('worker.js', `(() => { const m = new WebAssembly.Memory({ initial: 1024 }); setInterval(() => m.buffer.byteLength, 60000); })();
const inner = new Worker('/inner.js');
inner.onmessage = () => Promise.all([fetch('/code.bin'), fetch('/data/shard.json')].map((p) => p.then((r) => r.arrayBuffer())))
  .then(() => postMessage('ok'));`);
  put('inner.js', `const keep = new WebAssembly.Memory({ initial: 512 }); self.keep = keep; postMessage('ready');`);
  put('code.bin', crypto.getRandomValues(new Uint8Array(20000)));
  put('data/shard.json', JSON.stringify({ x: 'y'.repeat(5000) }));
  put('after.bin', crypto.getRandomValues(new Uint8Array(30000)));
  put('report.html', `<!doctype html><title>r</title><body><script src="/report.js"></script>`);
  put('report.js', `setTimeout(() => { document.body.insertAdjacentHTML('beforeend',
  '<article class="report"><div class="markdown"><p>Body</p></div></article>'); }, 300);`);
  return dir;
}

test('memory, bytes before first rows and a DOM-watched figure, with workers', async () => {
  const dir = site();
  const server = await serve({ root: dir });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const { context, page, cdp } = await freshPage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.title === 'done');
    await page.waitForTimeout(200);

    const m = await memoryNow(page, cdp);
    assert.deepEqual(m.targets.map((t) => t.kind), ['page', 'worker', 'worker']);
    assert.deepEqual(m.targets.map((t) => t.wasm).sort((a, b) => a - b), [10 * MiB, 32 * MiB, 64 * MiB]);
    assert.equal(m.wasm, 106 * MiB);
    assert.ok(m.targets.every((t) => t.jsHeap > 100000), JSON.stringify(m.targets));
    assert.equal(m.total, m.jsHeap + m.wasm);

    const b = await bytesBefore(page, 'hallway:first-rows');
    const paths = b.files.map((f) => f.path).sort();
    assert.deepEqual(paths, ['/', '/code.bin', '/data/shard.json', '/inner.js', '/main.js', '/worker.js']);
    const size = (p) => b.files.find((f) => f.path === p).bytes;
    assert.ok(size('/code.bin') > 19000, 'random bytes do not compress: about 20,000 on the wire');
    assert.ok(size('/worker.js') > 0 && size('/inner.js') > 0, 'worker scripts have their size');
    assert.equal(b.total - b.code, size('/data/shard.json'));
    await context.close();

    const t = await reportRun(browser, `${server.url}/report.html`);
    assert.equal(typeof t, 'number', JSON.stringify(t));
    assert.ok(t >= 300 && t < 5000, `painted at ${t} ms`);
    assert.equal(REPORT_BODY, 'article.report .markdown p');
  } finally {
    await browser?.close();
    await new Promise((ok) => server.close(ok));
    fs.rmSync(dir, { recursive: true });
  }
});

// Every route runs under the Content-Security-Policy with no violation and no console error:
// first with the <meta> CSP alone (the test server sends no CSP header), then with the
// _headers policy also sent as a real header, as Netlify or Cloudflare Pages would.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { start, ROOT } from './browser.mjs';

const ROUTES = [
  ['/', null],
  ['/map', null],
  ['/about', 'About this data'],
  ['/events/tracing-summit-2014', null],
  ['/talks/tracing-in-the-qemu-emulator', 'User Case Study: Tracing in the QEMU Emulator'],
  ['/people/stefan-hajnoczi', 'Stefan Hajnoczi'],
  ['/reports/containers-eye-view-linuxcon-eu-2015', 'A Containers-Eye View of LinuxCon EU'],
  ['/projects/docker', 'Docker'],
  ['/places/dublin', null],
  ['/no/such/page', 'Not found'],
  ['/embed/talks?project=qemu', null],
  ['/embed/map', null],
  ['/embed/events/tracing-summit-2014', null],
];

// Runs before any page script, so no violation can happen unseen.
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
  });
}

async function visit(env, url, ready) {
  const page = await env.page();
  await page.addInitScript(recordViolations);
  const res = await page.goto(env.base + url);
  assert.equal(res.status(), 200, url);
  await ready(page);
  // Late work (images, map outline, service worker install) gets a moment to misbehave.
  await page.waitForLoadState('networkidle');
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations, [], `CSP violations on ${url}`);
  assert.deepEqual(page.errors, [], `console errors on ${url}`);
  await page.context().close();
}

function suite(name, options, checkHeader) {
  describe(name, () => {
    let env;
    before(async () => { env = await start(options); });
    after(async () => { await env.close(); });

    test('the CSP reaches the page the intended way', async () => {
      const page = await env.page();
      const res = await page.goto(env.base + '/');
      const header = res.headers()['content-security-policy'];
      checkHeader(header);
      const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(meta, /default-src 'none'/);
      assert.doesNotMatch(meta, /'unsafe-inline'|'unsafe-eval'|frame-ancestors/);
      await page.context().close();
    });

    test('the policy is enforced and a violation would be seen', async () => {
      const page = await env.page();
      await page.addInitScript(recordViolations);
      await page.goto(env.base + '/about');
      await page.getByRole('heading', { level: 1, name: 'About this data' }).waitFor();
      const ran = await page.evaluate(async () => {
        window.__ran = false;
        const s = document.createElement('script');
        s.textContent = 'window.__ran = true';
        document.head.append(s);
        document.body.setAttribute('style', 'color: red');
        await new Promise((r) => setTimeout(r, 100));
        return window.__ran;
      });
      assert.equal(ran, false, 'an inline script ran');
      const violations = await page.evaluate(() => window.__violations);
      // Two per blocked thing when the header and the meta policy both apply.
      assert.ok(violations.length >= 2, violations.join('\n'));
      assert.match(violations.join('\n'), /script-src-elem/);
      assert.match(violations.join('\n'), /style-src-attr/);
      await page.context().close();
    });

    for (const [url, heading] of ROUTES) {
      test(`no violation on ${url}`, async () => {
        await visit(env, url, async (page) => {
          if (heading) await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
          else await page.locator('main h1').first().waitFor();
        });
      });
    }

    test('no violation on the error view', async () => {
      await visit(env, '/?bundle=/__fixtures__/broken.json', async (page) => {
        await page.getByRole('alert').waitFor();
        assert.match(await page.getByRole('alert').innerText(), /not valid JSON/);
      });
    });
  });
}

suite('meta CSP only', {}, (header) => assert.equal(header, undefined));
suite('meta CSP and the _headers CSP as a header', { csp: true }, (header) => {
  // Framing of the site is denied by X-Frame-Options (embed.test.mjs checks it); only
  // /embed/* has a frame-ancestors directive (see public/_headers).
  assert.doesNotMatch(header, /frame-ancestors/);
  assert.match(header, /script-src 'self' 'wasm-unsafe-eval'/);
});

test('dist/index.html: no inline script, and SRI on every script, preload and stylesheet', () => {
  const html = fs.readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
  const scripts = html.match(/<script\b[^>]*>/g) || [];
  assert.ok(scripts.length >= 1);
  for (const tag of scripts) assert.match(tag, /src="[^"]+" integrity="sha384-/, tag);
  const links = (html.match(/<link\b[^>]*>/g) || []).filter((t) => /rel="(stylesheet|modulepreload|preload)"/.test(t));
  assert.ok(links.some((t) => /_bg\.wasm/.test(t)), 'the wasm is preloaded');
  for (const tag of links) assert.match(tag, /integrity="sha384-/, tag);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.equal(fs.readFileSync(path.join(ROOT, 'dist/404.html'), 'utf8'), html);
  // The bootstrap fetches the wasm with the preload's integrity, so the bytes are checked.
  const boot = html.match(/src="\/?(boot-[0-9a-f]+\.js)"/)[1];
  const wasmIntegrity = html.match(/<link rel="preload" href="[^"]+_bg\.wasm"[^>]*integrity="([^"]+)"/)[1];
  assert.ok(fs.readFileSync(path.join(ROOT, 'dist', boot), 'utf8').includes(`integrity: '${wasmIntegrity}'`));
  // The Markdown worker's files (loaded on demand, named in a meta element): the loader fetches
  // the wasm with its integrity, and the in-page path has both files' integrity.
  const meta = html.match(/<meta name="hallway-worker"[^>]*>/)[0];
  const attr = (name) => meta.match(new RegExp(` ${name}="([^"]+)"`))[1];
  const sri = (file) => 'sha384-' + crypto.createHash('sha384').update(fs.readFileSync(path.join(ROOT, 'dist', file))).digest('base64');
  assert.equal(attr('data-script-integrity'), sri(attr('data-script')));
  assert.equal(attr('data-wasm-integrity'), sri(attr('data-wasm')));
  const loader = fs.readFileSync(path.join(ROOT, 'dist', attr('content')), 'utf8');
  assert.ok(loader.includes(`importScripts('./${attr('data-script')}')`), loader);
  assert.ok(loader.includes(`fetch('./${attr('data-wasm')}', { integrity: '${attr('data-wasm-integrity')}' })`), loader);
});

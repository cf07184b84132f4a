// A static server for dist/ with an SPA fallback, as a static host would be set up.
// Also serves test fixtures under /__fixtures__/. Loopback only.
//
// Test hooks:
// - `csp: true` sends the headers of dist/_headers (the CSP, X-Frame-Options...) for the rules
//   matching each path. A header named by several matching rules is sent once with the values
//   joined by ", ", as Cloudflare Pages does: for a CSP that means every policy is enforced, the
//   strictest reading of the file.
// - Every answer carries `Access-Control-Allow-Origin: *`, as dist/_headers asks of hosts: an
//   embed in a sandboxed frame has an opaque origin, so its own assets are cross-origin to it.
// - `/__flaky__/<id>/bundle.json?fail=N` answers 503 to the first N requests for <id>, then the
//   real bundle; `fail=always` never recovers; `trickle=MS` sends it in four parts MS apart.
//   `/__flaky__/<id>/count` says how many requests came.
// - `server.overrides` (a Map from path to Buffer) replaces a file's content, e.g. to publish a
//   changed bundle mid-test.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
};

// The rules of dist/_headers as [{ match: RegExp, headers: [[name, value]] }].
function headerRules(root) {
  const file = path.join(root, '_headers');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (!/Content-Security-Policy:/.test(text)) throw new Error(`no Content-Security-Policy in ${file}: build the site first`);
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim().split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      rules.push({ match: new RegExp(`^${pattern}$`), headers: [] });
    } else if (rules.length) {
      const i = line.indexOf(':');
      if (i > 0) rules.at(-1).headers.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

function headersFor(rules, pathname) {
  const out = {};
  for (const rule of rules.filter((r) => r.match.test(pathname))) {
    for (const [k, v] of rule.headers) out[k] = k in out ? `${out[k]}, ${v}` : v;
  }
  return out;
}

export function serve({ root, fixtures, port = 0, gzip = false, csp = false }) {
  const rules = csp ? headerRules(root) : null;
  const flaky = new Map();
  const overrides = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const flakyMatch = url.pathname.match(/^\/__flaky__\/([\w-]+)\/(bundle\.json|count)$/);
    if (flakyMatch) {
      const [, id, what] = flakyMatch;
      if (what === 'count') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(flaky.get(id) || 0));
        return;
      }
      const count = (flaky.get(id) || 0) + 1;
      flaky.set(id, count);
      const fail = url.searchParams.get('fail');
      if (fail === 'always' || count <= Number(fail || 0)) {
        res.writeHead(503, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('try later');
        return;
      }
      url.pathname = '/data/bundle.json';
      const trickle = Number(url.searchParams.get('trickle') || 0);
      if (trickle > 0) {
        const body = overrides.get(url.pathname) || fs.readFileSync(path.join(root, 'data/bundle.json'));
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': body.length });
        const part = Math.ceil(body.length / 4);
        let i = 0;
        const next = () => {
          res.write(body.subarray(i * part, (i + 1) * part));
          if (++i < 4) setTimeout(next, trickle); else res.end();
        };
        next();
        return;
      }
    }
    let file;
    if (fixtures && url.pathname.startsWith('/__fixtures__/')) {
      file = path.join(fixtures, path.normalize(url.pathname.slice('/__fixtures__/'.length)));
    } else {
      file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    }
    if (!file.startsWith(root) && !(fixtures && file.startsWith(fixtures))) {
      res.writeHead(403).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      const ext = path.extname(url.pathname);
      // Unknown routes get the app; unknown files are a real 404.
      if (ext && ext !== '.html') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      file = path.join(root, 'index.html');
    }
    const override = overrides.get(url.pathname);
    let body = override || fs.readFileSync(file);
    const headers = {
      ...(rules ? headersFor(rules, url.pathname) : {}),
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
    };
    if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body, { level: 6 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.overrides = overrides;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] || 'dist');
  const port = Number(process.argv[3] || 8080);
  serve({ root, port, gzip: true }).then(() => console.log(`Serving ${root} at http://127.0.0.1:${port}/`));
}

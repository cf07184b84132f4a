// The benchmark's static server: dist/ (with the SPA fallback), the baseline page under
// /baseline/ and generated bundles under /bundles/, gzip-compressed once and kept in memory.
//
// Not tests/e2e/server.mjs: that one compresses on every request, which at 34-95 MB bundles
// would put seconds of server CPU into every "navigation -> first rows" figure; real static
// hosts serve precompressed files. Loopback only.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

/** Maps a URL path to a file, or null when it leaves its root. */
function resolve(mounts, root, pathname) {
  for (const [prefix, dir] of mounts) {
    if (pathname.startsWith(prefix)) {
      const file = path.join(dir, path.normalize(decodeURIComponent(pathname.slice(prefix.length))));
      return file.startsWith(dir) ? file : null;
    }
  }
  const file = path.join(root, path.normalize(decodeURIComponent(pathname)));
  return file.startsWith(root) ? file : null;
}

/**
 * Serves `root` at / and each `mounts` entry ([urlPrefix, dir]) at its prefix. Resolves to the
 * listening server; `server.url` is its base URL.
 */
export function serve({ root, mounts = [] }) {
  const cache = new Map(); // file -> { mtime, gz }
  const gzipped = (file) => {
    const mtime = fs.statSync(file).mtimeMs;
    const hit = cache.get(file);
    if (hit && hit.mtime === mtime) return hit.gz;
    const gz = zlib.gzipSync(fs.readFileSync(file), { level: 6 });
    cache.set(file, { mtime, gz });
    return gz;
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = resolve(mounts, root, url.pathname);
    if (!file) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory() && fs.existsSync(path.join(file, 'index.html'))) {
      file = path.join(file, 'index.html');
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      const ext = path.extname(url.pathname);
      if (ext && ext !== '.html') return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      file = path.join(root, 'index.html'); // the app's routes
    }
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
    let body;
    if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = gzipped(file);
      headers['content-encoding'] = 'gzip';
    } else {
      body = fs.readFileSync(file);
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    server.url = `http://127.0.0.1:${server.address().port}`;
    ok(server);
  }));
}

/** Compresses every file under `dir` now, so that no measured request pays for it. */
export async function warm(server, paths) {
  for (const p of paths) {
    await fetch(server.url + p, { headers: { 'accept-encoding': 'gzip' } }).then((r) => r.arrayBuffer());
  }
}

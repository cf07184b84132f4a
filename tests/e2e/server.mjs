// A static server for dist/ with an SPA fallback, as a static host would be set up.
// Also serves test fixtures under /__fixtures__/. Loopback only.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
};

export function serve({ root, fixtures, port = 0, gzip = false }) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
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
    let body = fs.readFileSync(file);
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
    if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body, { level: 6 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] || 'dist');
  const port = Number(process.argv[3] || 8080);
  serve({ root, port, gzip: true }).then(() => console.log(`Serving ${root} at http://127.0.0.1:${port}/`));
}

// Transfer sizes, gzip -9 (the same measure as scripts/sizes.sh): Hallway's app, the baseline
// page, and the peer stack a site would ship for the same features, packed from npm.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/** The peer stack at pinned versions and the files of each that a site serves. */
export const PEERS = [
  { spec: '@knight-lab/timelinejs@3.9.11', role: 'timeline', files: ['dist/js/timeline.js', 'dist/css/timeline.css'] },
  { spec: 'leaflet@1.9.4', role: 'map', files: ['dist/leaflet.js', 'dist/leaflet.css'] },
  {
    spec: 'leaflet.markercluster@1.5.3', role: 'map clustering',
    files: ['dist/leaflet.markercluster.js', 'dist/MarkerCluster.css', 'dist/MarkerCluster.Default.css'],
  },
  // minisearch 7 ships no minified build; its UMD file is what a site without a bundler loads.
  { spec: 'minisearch@7.2.0', role: 'search', files: ['dist/umd/index.js'] },
];

export function gzipSize(file) {
  return Number(execFileSync('sh', ['-c', 'gzip -9 -n -c "$1" | wc -c', 'sh', file]).toString().trim());
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]);
}

/** The app's wasm + js + css in dist/, excluding the data, schema and map assets. */
export function appSize(dist) {
  const files = walk(dist)
    .filter((f) => /\.(wasm|js|css)$/.test(f))
    .filter((f) => !/^(data|map|schema)\//.test(path.relative(dist, f)));
  const list = files.map((f) => ({ file: path.relative(dist, f), raw: fs.statSync(f).size, gz: gzipSize(f) }));
  return { files: list, gz: list.reduce((s, f) => s + f.gz, 0) };
}

/** The baseline page's own files (HTML with its inline CSS, and the script). */
export function baselineSize(dir) {
  const list = ['index.html', 'baseline.js'].map((f) => ({ file: f, raw: fs.statSync(path.join(dir, f)).size, gz: gzipSize(path.join(dir, f)) }));
  return { files: list, gz: list.reduce((s, f) => s + f.gz, 0) };
}

/** `npm pack` each peer into `tmp` (never the repo), unpack it and measure its shipped files.
 * Returns { na } when npm cannot reach the registry. */
export function peerSize(tmp) {
  fs.mkdirSync(tmp, { recursive: true });
  const out = [];
  try {
    for (const p of PEERS) {
      const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp, p.spec], { cwd: tmp })
        .toString().trim().split('\n').pop();
      const dir = path.join(tmp, tgz.replace(/\.tgz$/, ''));
      fs.mkdirSync(dir, { recursive: true });
      execFileSync('tar', ['xzf', path.join(tmp, tgz), '-C', dir]);
      for (const f of p.files) {
        const file = path.join(dir, 'package', f);
        out.push({ pkg: p.spec, role: p.role, file: f, raw: fs.statSync(file).size, gz: gzipSize(file) });
      }
    }
  } catch (e) {
    return { na: `npm pack failed: ${String(e.message).split('\n')[0]}` };
  }
  return { files: out, gz: out.reduce((s, f) => s + f.gz, 0) };
}

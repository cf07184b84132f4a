// Hallway's service worker: the app opens offline with the last bundle it loaded.
//
// - App shell (index.html and the hashed js/wasm/css listed in asset-manifest.json, written by
//   scripts/postbuild-csp.mjs): cached at install, served cache-first; a new build changes
//   BUILD below (stamped by the same script), which installs a new worker and drops old caches.
// - The Markdown worker's files (`hallway-worker-<hash>.js`, `…_bg.wasm`, `…_loader.js`,
//   content-hashed by the same script): not fetched at install, since most visits never need
//   them; cached in the shell cache when the page first uses them, then served cache-first,
//   so a report page read once shows its formatted body offline. A new build names new files
//   and drops the old shell cache with them.
// - Page navigations: network-first, falling back to the cached index.html (the app routes).
// - The default bundle and the map outline: network-first; every good response is kept, and
//   when the network fails (or answers 5xx) the kept copy is served with an
//   `x-hallway-cached-at` header so the app can say how old it is.
// - Long-text shards and search-index pieces of split bundles on this origin (`*.texts/N.json`,
//   `*.search/*.json`, see docs/bundle-format.md): network-first like the bundle, kept per URL,
//   so a talk page read once shows its abstract offline. Not cache-first: `hallway build
//   --split` names them by position, not by content, so a rebuilt bundle reuses the names.
//   (A host that renames them by content hash can cache them forever; the worker stays right.)
// - Other JSON the page fetches from this origin (the other bundles of a list, `?bundle=` files
//   here): network-first and kept, like the default bundle.
// Everything else (other origins, ?bundle= overrides elsewhere) goes straight to the network.
const BUILD = '__HALLWAY_BUILD__';
const SHELL_CACHE = `hallway-shell-${BUILD}`;
// Not versioned: the last good data must survive an app update.
const DATA_CACHE = 'hallway-data-v1';
const SCOPE = new URL(self.registration.scope);
const DATA_PATHS = new Set(['data/bundle.json', 'map/world.json'].map((p) => new URL(p, SCOPE).pathname));
const INDEX = new URL('index.html', SCOPE).pathname;
const SPLIT_PIECE = /\.texts\/\d+\.json$|\.search\/[^/]+\.json$/;
const WORKER_FILE = /\/hallway-worker-[0-9a-f]{16}(?:\.js|_bg\.wasm|_loader\.js)$/;

async function loadShellList() {
  const res = await fetch(new URL('asset-manifest.json', SCOPE), { cache: 'no-store' });
  if (!res.ok) throw new Error(`asset-manifest.json: HTTP ${res.status}`);
  const manifest = await res.json();
  // A manifest from another build would cache a mix of versions; let the next visit retry.
  if (manifest.version !== BUILD) throw new Error(`asset-manifest.json is build ${manifest.version}, worker is ${BUILD}`);
  return manifest.assets;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const assets = await loadShellList();
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(assets.map((url) => new Request(url, { cache: 'no-cache' })));
    // The page that registered us fetched the bundle before we existed: keep a copy now, so
    // the very next visit works offline. Best effort; the network-first path retries anyway.
    await Promise.all([...DATA_PATHS].map(async (pathname) => {
      try {
        const res = await fetch(new URL(pathname, SCOPE), { cache: 'no-cache', credentials: 'omit' });
        if (res.ok) await keep(pathname, res);
      } catch (e) { /* offline during install: nothing to keep yet */ }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('hallway-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  return cached || fetch(request);
}

// Content-hashed, so any copy is the right one; kept with the shell of this build.
async function cacheOnUse(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

async function navigation(request) {
  try {
    const res = await fetch(request);
    if (res.status < 500) return res;
    const cached = await caches.match(INDEX, { cacheName: SHELL_CACHE });
    return cached || res;
  } catch (e) {
    const cached = await caches.match(INDEX, { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw e;
  }
}

async function keep(key, res) {
  const body = await res.arrayBuffer();
  const headers = new Headers(res.headers);
  // The body is stored decoded; its old encoding and length no longer describe it.
  headers.delete('content-encoding');
  headers.set('content-length', String(body.byteLength));
  headers.set('x-hallway-cached-at', new Date().toISOString());
  const cache = await caches.open(DATA_CACHE);
  await cache.put(key, new Response(body, { status: 200, statusText: 'OK', headers }));
}

async function networkFirst(event, key) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const res = await fetch(event.request);
    if (res.ok) {
      event.waitUntil(keep(key, res.clone()));
      return res;
    }
    if (res.status >= 500) return (await cache.match(key)) || res;
    return res;
  } catch (e) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (WORKER_FILE.test(url.pathname) && !url.search) {
    event.respondWith(cacheOnUse(request));
  } else if (DATA_PATHS.has(url.pathname) && !url.search) {
    event.respondWith(networkFirst(event, url.pathname));
  } else if (SPLIT_PIECE.test(url.pathname)) {
    event.respondWith(networkFirst(event, url.pathname + url.search));
  } else if (url.pathname.endsWith('.json') && request.destination === '') {
    // Any other bundle of this site the page fetches (a `hallway-bundles` list, `?bundle=` files
    // here): kept like the default one, so a view of several bundles opens offline too.
    event.respondWith(networkFirst(event, url.pathname + url.search));
  } else {
    // Hashed names never change content, so the shell cache is always right for them.
    event.respondWith(cacheFirst(request));
  }
});

// Browser measurements: one fresh context with the cache disabled per run, instrumented before
// any page script runs, and the figures of one page load (first rows, keystrokes, facet
// toggles, map, memory). A figure that cannot be taken is returned as { na: reason }.

/** Runs in the page before its own scripts: records when each `hallway:*` mark is set and when
 * the frame after it was painted, input event times, Event Timing entries and the wasm memory.
 * Each `watch` entry [name, selector] is recorded like a mark named `dom:<name>` when the
 * selector first matches (a MutationObserver: for figures the app has no mark for). */
function instrument(watch = []) {
  const st = (window.__bench = { marks: {}, wall: {}, painted: {}, inputs: [], events: [], wasm: null });
  const push = (o, k, v) => (o[k] || (o[k] = [])).push(v);
  const orig = Performance.prototype.mark;
  // Wrapping mark() catches the moment the app calls it, so the paint that follows is the first
  // one after the DOM update: rAF runs before that frame's paint, a task queued from it after.
  Performance.prototype.mark = function (name, ...rest) {
    const r = orig.call(this, name, ...rest);
    if (typeof name === 'string' && name.startsWith('hallway:')) {
      push(st.marks, name, performance.now());
      push(st.wall, name, Date.now()); // the clock request timings use (see bytesBefore)
      requestAnimationFrame(() => setTimeout(() => push(st.painted, name, performance.now()), 0));
    }
    return r;
  };
  addEventListener('TrunkApplicationStarted', (e) => { st.wasm = e.detail && e.detail.wasm; });
  if (watch.length) {
    const pending = new Map(watch);
    const look = () => {
      for (const [name, selector] of pending) {
        if (document.querySelector(selector)) {
          pending.delete(name);
          push(st.marks, `dom:${name}`, performance.now());
          requestAnimationFrame(() => setTimeout(() => push(st.painted, `dom:${name}`, performance.now()), 0));
        }
      }
      if (!pending.size) observer.disconnect();
    };
    const observer = new MutationObserver(look);
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }
  for (const type of ['keydown', 'click']) {
    addEventListener(type, (e) => st.inputs.push({ type, t: e.timeStamp }), true);
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) st.events.push({ name: e.name, start: e.startTime, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch { /* no Event Timing: the rAF figure stands alone */ }
  st.long = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) st.long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no Long Tasks API: idleRun says so */ }
}

/** A fresh context (empty cache, no storage) with the HTTP cache disabled and instrumentation.
 * `page.requests` collects every finished request of the page and its workers (Playwright
 * reports dedicated workers' requests on the page): URL, bytes on the wire, when it ended. */
export async function freshPage(browser, { watch = [] } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(instrument, watch);
  const page = await context.newPage();
  page.requests = [];
  // Requests still on their way, by the wall-clock time they started (see bytesBefore).
  page.inflight = new Map();
  page.on('request', (request) => page.inflight.set(request, Date.now()));
  // Chromium reports a fetch whose body the page read to the end and then dropped as
  // net::ERR_ABORTED (the app's early bundle fetch, once the Response is collected): a request
  // that failed after its response came still brought its bytes.
  page.on('requestfailed', (request) => {
    page.inflight.delete(request);
    page.requests.push((async () => {
      const response = await request.response();
      if (!response) return null;
      const length = Number(await response.headerValue('content-length'));
      if (!(Number.isFinite(length) && length > 0)) return null;
      const timing = request.timing();
      return { url: request.url(), bytes: length, end: timing.startTime + Math.max(timing.responseEnd, timing.responseStart, 0) };
    })().catch(() => null));
  });
  page.on('requestfinished', (request) => {
    page.inflight.delete(request);
    page.requests.push((async () => {
      const timing = request.timing();
      const response = await request.response();
      const sizes = await request.sizes().catch(() => null);
      // The encoded (gzip) body as sent: the server's content-length, else what Chromium counted
      // (it reports 0 for a worker's own script, whose load it sees from the worker's side).
      const length = Number(response && (await response.headerValue('content-length')));
      return {
        url: request.url(),
        bytes: Number.isFinite(length) && length > 0 ? length : sizes ? sizes.responseBodySize : 0,
        end: timing.startTime + Math.max(timing.responseEnd, 0),
      };
    })().catch(() => null));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return { context, page, cdp };
}

/** What the page shows instead of data, when it failed: the reason for an "n/a". */
async function failure(page) {
  return page.evaluate(() => {
    const e = document.querySelector('.error-view, [role=alert]');
    return e ? e.innerText.replace(/https?:\/\/127\.0\.0\.1:\d+/g, '').replace(/\s+/g, ' ').trim().slice(0, 140) : null;
  });
}

/**
 * Waits until `name` has been painted. Gives up `grace` ms after `after` was marked (the data
 * is ready but the page never sets the mark), when the page shows an error, or at `timeout`.
 * Resolves to the paint time (ms since navigation) or { na }.
 */
async function waitPainted(page, name, { after = 'hallway:indexed', grace = 4000, timeout = 120000, since = 0 } = {}) {
  const t0 = Date.now();
  for (;;) {
    const s = await page.evaluate(([name, after, since]) => {
      const st = window.__bench;
      if (!st) return { wait: true };
      const painted = (st.painted[name] || []).filter((t) => t > since);
      if (painted.length) return { t: painted[0] };
      const a = (st.marks[after] || []).filter((t) => t > since)[0];
      if (a !== undefined && performance.now() - a > 0) return { wait: true, sinceAfter: performance.now() - a };
      return { wait: true };
    }, [name, after, since]);
    if (s.t !== undefined) return s.t;
    const err = await failure(page);
    if (err) return { na: `page shows an error: ${err}` };
    if (s.sinceAfter > grace) return { na: `no ${name} mark ${grace / 1000} s after ${after}` };
    if (Date.now() - t0 > timeout) return { na: `no ${name} mark within ${timeout / 1000} s` };
    await page.waitForTimeout(25);
  }
}

const now = (page) => page.evaluate(() => performance.now());

/** The latency of one interaction: input event -> the frame painted after `hallway:results-rendered`,
 * or the Event Timing duration of that input when larger (it includes presentation). */
async function interaction(page, type, act) {
  const since = await now(page);
  await act();
  const painted = await waitPainted(page, 'hallway:results-rendered', { after: 'hallway:results-rendered', since, timeout: 10000 });
  if (painted.na) return { na: `no hallway:results-rendered mark within 10 s of a ${type}` };
  await page.waitForTimeout(30); // Event Timing entries arrive after presentation
  return page.evaluate(([type, since, painted]) => {
    const st = window.__bench;
    const input = st.inputs.find((i) => i.type === type && i.t >= since);
    if (!input) return { na: `no ${type} event seen` };
    // The keystroke's or click's own entries (keydown, keypress, beforeinput, input; pointerup,
    // mouseup, click), each measured to the end of its presentation, from the first event.
    const own = ['keydown', 'keypress', 'beforeinput', 'input', 'pointerup', 'mouseup', 'click'];
    const timed = st.events
      .filter((e) => own.includes(e.name) && e.start >= input.t - 1 && e.start <= painted)
      .map((e) => e.start + e.duration - input.t);
    return Math.max(painted - input.t, ...timed);
  }, [type, since, painted]);
}

/**
 * One load of the talks view: data ready (`hallway:indexed`), first rows, memory, then facet
 * toggles and keystrokes when asked. With `expectRows` false (the page was seen not to set
 * `hallway:first-rows`) it takes what it can without waiting for that mark.
 */
export async function talksRun(browser, url, { interact = false, memory = false, expectRows = true, word = 'memory' } = {}) {
  const { context, page, cdp } = await freshPage(browser);
  const na = (reason) => ({ na: reason });
  const out = { ready: null, firstRows: null, keys: [], facet: [], memory: null, memoryAt: null, domRows: null, bytes: null, phases: null };
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const ready = await waitPainted(page, 'hallway:indexed', { after: 'hallway:indexed' });
    if (ready.na) {
      return { ...out, ready, firstRows: ready, keys: ready, facet: ready, memory: memory ? ready : null, fatal: true };
    }
    out.ready = await page.evaluate(() => window.__bench.marks['hallway:indexed'][0]);
    out.firstRows = expectRows ? await waitPainted(page, 'hallway:first-rows') : na('no hallway:first-rows mark (seen on run 1)');
    if (out.firstRows.na) {
      if (memory) {
        out.memory = await memoryNow(page, cdp);
        out.memoryAt = 'data ready (no first-rows mark)';
      }
      const why = na('needs first rows: no hallway:first-rows mark');
      return { ...out, keys: why, facet: why };
    }
    out.bytes = await bytesBefore(page, 'hallway:first-rows');
    out.phases = await page.evaluate(() => Object.fromEntries(
      ['fetched', 'parsed', 'indexed', 'first-rows'].map((m) => [m, (window.__bench.marks[`hallway:${m}`] || [])[0] ?? null])));
    out.domRows = await page.evaluate(() => ({
      rows: document.querySelectorAll('#results li.row').length,
      count: (document.querySelector('#result-count') || {}).textContent || null,
    }));
    if (memory) {
      out.memory = await memoryNow(page, cdp);
      out.memoryAt = 'first rows';
    }
    if (!interact) return out;

    if (await page.$('button.facet-value')) {
      for (let k = 0; k < 2; k++) { // select, then deselect: both paths are common
        const r = await interaction(page, 'click', () => page.click('button.facet-value >> nth=0'));
        if (r.na) { out.facet = r; break; }
        out.facet.push(r);
      }
    } else out.facet = na('no button.facet-value on the page');

    if (await page.$('input[type=search]#search')) {
      await page.focus('#search');
      for (const ch of word) {
        const r = await interaction(page, 'keydown', () => page.keyboard.press(ch));
        if (r.na) { out.keys = r; break; }
        out.keys.push(r);
      }
    } else out.keys = na('no input[type=search]#search on the page');
    return out;
  } finally {
    await context.close();
  }
}

/** Data requests (bundles, shards, map outlines, schema): not counted as first-load code. */
export const isData = (url) => /^\/(bundles|data|map|schema)\//.test(new URL(url).pathname) || /\.json$/.test(new URL(url).pathname);

const kindOf = (url) => (isData(url) ? 'data' : /\.(png|svg|ico|jpe?g|webp|gif|avif)$/.test(new URL(url).pathname) ? 'image' : 'code');

/** Bytes fetched (encoded, as on the wire, without headers) by the page and its workers before
 * the page set `mark`: { code, total, files } where `code` leaves out the data requests (it
 * keeps images such as the favicon: they are fetched before first rows too). */
export async function bytesBefore(page, mark) {
  // Wall-clock time (Date.now()) of the mark: Playwright's request times are wall clock too, and
  // performance.timeOrigin + now() was seen to drift from them by tens of ms.
  const at = await page.evaluate((m) => (window.__bench.wall[m] || [])[0], mark);
  if (!Number.isFinite(at)) return { na: `no ${mark} mark` };
  // The network stack may report a request's end after the page has used its body: wait (a
  // little) for the requests that started before the mark to be reported.
  for (const until = Date.now() + 3000; Date.now() < until;) {
    if (![...(page.inflight?.values() ?? [])].some((started) => started <= at)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const done = (await Promise.all(page.requests)).filter((r) => r && r.end <= at);
  const files = done.map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes, data: isData(r.url), kind: kindOf(r.url) }));
  const sum = (list) => list.reduce((n, f) => n + f.bytes, 0);
  return { code: sum(files.filter((f) => !f.data)), total: sum(files), files };
}

const WASM_BYTES = 'function () { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }';

/** JS heap (V8 used size) and wasm linear memory of one CDP target, after two forced GCs.
 * `send(method, params)` talks to that target. The wasm memories are found on the heap
 * (Runtime.queryObjects on WebAssembly.Memory.prototype), so a module nobody exposes counts. */
async function targetMemory(send) {
  await send('HeapProfiler.collectGarbage');
  await send('HeapProfiler.collectGarbage');
  const heap = await send('Runtime.getHeapUsage');
  const proto = await send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const found = await send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const wasm = await send('Runtime.callFunctionOn', { objectId: found.objects.objectId, functionDeclaration: WASM_BYTES, returnByValue: true });
  await send('Runtime.releaseObjectGroup', { objectGroup: 'bench' }).catch(() => {});
  return { jsHeap: heap.usedSize, wasm: wasm.result.value };
}

/**
 * Memory of the page and of every worker it started (dedicated workers, nested ones, and the
 * service worker of its context): each attached over the DevTools protocol through the page's
 * session (Target.attachToTarget, non-flat, so that Playwright's own sessions are untouched).
 * performance.measureUserAgentSpecificMemory() is not used: it needs cross-origin isolation,
 * took 19 s here (it waits for a GC) and leaves out wasm memory.
 */
export async function memoryNow(page, cdp) {
  const targets = [{ kind: 'page', url: page.url(), ...(await targetMemory((m, p) => cdp.send(m, p))) }];
  const self = (await cdp.send('Target.getTargetInfo')).targetInfo;
  const { targetInfos } = await cdp.send('Target.getTargets');
  const mine = new Set([self.targetId]);
  for (let grew = true; grew;) { // workers of the page, and workers of those workers
    grew = false;
    for (const t of targetInfos) {
      if (t.type === 'worker' && mine.has(t.parentId) && !mine.has(t.targetId)) { mine.add(t.targetId); grew = true; }
    }
  }
  const workers = targetInfos.filter((t) => (t.type === 'worker' && mine.has(t.targetId) && t.targetId !== self.targetId) ||
    (t.type === 'service_worker' && t.browserContextId === self.browserContextId));
  let next = 0;
  const pending = new Map();
  const onMessage = ({ message }) => {
    const m = JSON.parse(message);
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.no(new Error(m.error.message));
    else p.ok(m.result);
  };
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  try {
    for (const t of workers) {
      let sessionId;
      try {
        ({ sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false }));
      } catch { continue; } // ended between the listing and now
      const send = (method, params = {}) => new Promise((ok, no) => {
        const id = ++next;
        pending.set(id, { ok, no });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(no);
      });
      try {
        targets.push({ kind: t.type, url: t.url, ...(await targetMemory(send)) });
      } finally {
        await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
    }
  } finally {
    cdp.off('Target.receivedMessageFromTarget', onMessage);
  }
  const jsHeap = targets.reduce((n, t) => n + t.jsHeap, 0);
  const wasm = targets.reduce((n, t) => n + t.wasm, 0);
  return { jsHeap, wasm, total: jsHeap + wasm, targets };
}

/**
 * One load of the talks view, left alone for `windowMs` after its first rows are painted: the
 * page's long tasks (Long Tasks API: 50 ms and over) that start in that time, after the paint, which is what a
 * reader who scrolls or filters right after the first rows waits behind (Hallway builds its
 * search index then, in idle time). Resolves to { count, longest, total } (ms) or { na }.
 */
export async function idleRun(browser, url, { windowMs = 3000 } = {}) {
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const painted = await waitPainted(page, 'hallway:first-rows');
    if (painted.na) return painted;
    await page.waitForTimeout(windowMs);
    return await page.evaluate(([painted, windowMs]) => {
      if (!PerformanceObserver.supportedEntryTypes.includes('longtask')) return { na: 'no Long Tasks API' };
      // From the paint on: the first rows' own frame (and, under DevTools, the response's end,
      // which Chromium processes then) comes before what a reader who sees them can do.
      const long = window.__bench.long.filter((t) => t.start >= painted && t.start < painted + windowMs);
      return {
        count: long.length,
        longest: Math.max(0, ...long.map((t) => t.duration)),
        total: long.reduce((sum, t) => sum + t.duration, 0),
      };
    }, [painted, windowMs]);
  } finally {
    await context.close();
  }
}

/** One load of the map: data ready (`hallway:indexed`) -> markers painted (`hallway:map-painted`). */
export async function mapRun(browser, url) {
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const painted = await waitPainted(page, 'hallway:map-painted');
    if (painted.na) return painted;
    const ready = await page.evaluate(() => (window.__bench.marks['hallway:indexed'] || [])[0]);
    if (ready === undefined) return { na: 'no hallway:indexed mark' };
    return painted - ready;
  } finally {
    await context.close();
  }
}

/** A report page on a cold load: navigation start -> the frame painted after the first paragraph
 * of its body (`article.report .markdown p`) is in the DOM. The app sets no mark for it, so a
 * MutationObserver watches for the element (see instrument). */
export const REPORT_BODY = 'article.report .markdown p';
export async function reportRun(browser, url) {
  const { context, page } = await freshPage(browser, { watch: [['report-body', REPORT_BODY]] });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    return await waitPainted(page, 'dom:report-body', { after: 'hallway:indexed', grace: 10000, timeout: 60000 });
  } finally {
    await context.close();
  }
}

/**
 * A CPU profile of one cold load up to first rows (CDP Profiler, sampling every 200 us, started
 * before navigation). Returns { profile, marks } where marks are the `hallway:*` times in the
 * profile's clock (microseconds), so that samples can be cut into phases.
 */
export async function profileRun(browser, url) {
  const { context, page, cdp } = await freshPage(browser);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'commit' });
    const painted = await waitPainted(page, 'hallway:first-rows');
    const { profile } = await cdp.send('Profiler.stop');
    if (painted.na) return painted;
    const marks = await page.evaluate(() => Object.fromEntries(Object.entries(window.__bench.marks).map(([k, v]) => [k, v[0]])));
    return { profile, marks, firstRows: painted };
  } finally {
    await context.close();
  }
}

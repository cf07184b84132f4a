// Browser measurements: one fresh context with the cache disabled per run, instrumented before
// any page script runs, and the figures of one page load (first rows, keystrokes, facet
// toggles, map, memory). A figure that cannot be taken is returned as { na: reason }.

/** Runs in the page before its own scripts: records when each `hallway:*` mark is set and when
 * the frame after it was painted, input event times, Event Timing entries and the wasm memory. */
function instrument() {
  const st = (window.__bench = { marks: {}, painted: {}, inputs: [], events: [], wasm: null });
  const push = (o, k, v) => (o[k] || (o[k] = [])).push(v);
  const orig = Performance.prototype.mark;
  // Wrapping mark() catches the moment the app calls it, so the paint that follows is the first
  // one after the DOM update: rAF runs before that frame's paint, a task queued from it after.
  Performance.prototype.mark = function (name, ...rest) {
    const r = orig.call(this, name, ...rest);
    if (typeof name === 'string' && name.startsWith('hallway:')) {
      push(st.marks, name, performance.now());
      requestAnimationFrame(() => setTimeout(() => push(st.painted, name, performance.now()), 0));
    }
    return r;
  };
  addEventListener('TrunkApplicationStarted', (e) => { st.wasm = e.detail && e.detail.wasm; });
  for (const type of ['keydown', 'click']) {
    addEventListener(type, (e) => st.inputs.push({ type, t: e.timeStamp }), true);
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) st.events.push({ name: e.name, start: e.startTime, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch { /* no Event Timing: the rAF figure stands alone */ }
}

/** A fresh context (empty cache, no storage) with the HTTP cache disabled and instrumentation. */
export async function freshPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
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
  const out = { ready: null, firstRows: null, keys: [], facet: [], memory: null, memoryAt: null, domRows: null };
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

/** JS heap after a forced GC, plus the wasm linear memory when the page has one. */
async function memoryNow(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  const m = await page.evaluate(() => {
    const w = window.__bench.wasm;
    const mem = w && w.memory && w.memory.buffer;
    return { jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null, wasm: mem ? mem.byteLength : 0 };
  });
  return { jsHeap: m.jsHeap ?? usage.usedSize, wasm: m.wasm, total: (m.jsHeap ?? usage.usedSize) + m.wasm };
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

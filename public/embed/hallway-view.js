// <hallway-view>: a Hallway view (timeline, talks, reports, map, or one event, project, talk,
// person, place or report) in any
// page, loaded with one <script type="module" src="https://<app>/embed/hallway-view.js">.
// Reference: docs/embedding.md.
//
// Why an iframe inside a shadow root rather than rendering into the host page: the app is a
// wasm program with its own CSS, router and CSP; inside a sandboxed frame it keeps all three,
// its styles cannot leak into the host page and the host's styles cannot reach it (selectors
// do not cross the shadow boundary and a frame is a separate document), several elements on
// one page are independent programs, and the host needs no wasm-unsafe-eval or style-src
// changes. The shadow root only holds the frame and its sizing rule (a constructed
// stylesheet, which a host's CSP does not block as it would a <style> element).

// The filter parameters of the app's URLs (core's query::url), in canonical order; a core test
// (embed::tests) checks this line against the Rust list.
const FILTER_KEYS = ['q', 'project', 'city', 'country', 'year', 'series', 'speaker', 'track', 'source', 'from', 'to', 'sort'];
// The `view` attribute and its path under embed/ (a core test, embed::tests, checks this line).
const VIEWS = { timeline: 'timeline', talks: 'talks', reports: 'reports', map: 'map', event: 'events', project: 'projects', talk: 'talks', person: 'people', place: 'places', report: 'reports' };
// The views that show one record, named by the attribute of the same name: view="talk" talk="<id>".
const RECORDS = ['event', 'project', 'talk', 'person', 'place', 'report'];
const SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
// The app is published at the directory above this script.
const APP = new URL('..', import.meta.url);
const APP_ORIGIN = APP.origin;
// A frame that loaded but whose app never reported its size within this time did not start.
const START_TIMEOUT_MS = 10000;

let sheet = null;
function styles() {
  const css = ':host{display:block}p{margin:0 0 .5em;padding:.5em;border:1px solid #c62828;color:#8a1010;background:#fff4f4;font:14px/1.4 system-ui,sans-serif}iframe{display:block;width:100%;height:600px;border:0;margin:0;padding:0;background:transparent;color-scheme:normal}';
  if (!sheet && 'adoptedStyleSheets' in Document.prototype) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

// An attribute value as URL parameter value: several facet values are comma-separated, and a
// comma inside one value is written %2C (as in the app's URLs).
function param(key, value) {
  const encode = (s) => s.split('%2C').map(encodeURIComponent).join('%2C');
  if (['q', 'from', 'to', 'sort'].includes(key)) return encodeURIComponent(value);
  return value.split(',').map((v) => encode(v.trim())).filter(Boolean).join(',');
}

export function frameUrl(el) {
  const view = el.getAttribute('view') || 'timeline';
  const segment = VIEWS[view];
  if (!segment) throw new Error(`<hallway-view view="${view}">: the views are ${Object.keys(VIEWS).join(', ')}`);
  let path = `embed/${segment}`;
  const entity = RECORDS.includes(view);
  if (entity) {
    // view="event" event="<id>", view="talk" talk="<id>"...: the element's own `id` stays
    // the host page's.
    const id = el.getAttribute(view) || '';
    if (!id) throw new Error(`<hallway-view view="${view}"> needs the ${view}'s id in ${view}="..."`);
    path += '/' + encodeURIComponent(id);
  }
  const parts = [];
  if (!entity) {
    for (const key of FILTER_KEYS) {
      const value = el.getAttribute(key);
      if (value) parts.push(`${key}=${param(key, value)}`);
    }
  }
  // One bundle, or several separated by spaces (merged in that order, the first wins).
  for (const bundle of (el.getAttribute('bundle') || '').split(/\s+/).filter(Boolean)) {
    parts.push(`bundle=${encodeURIComponent(new URL(bundle, document.baseURI).href)}`);
  }
  const url = new URL(path, APP);
  url.search = parts.join('&');
  return url.href;
}

class HallwayView extends HTMLElement {
  static get observedAttributes() {
    return [...new Set(['view', 'bundle', 'title', ...RECORDS, ...FILTER_KEYS])];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'closed' });
    const s = styles();
    this.frame = document.createElement('iframe');
    if (s) {
      root.adoptedStyleSheets = [s];
    } else {
      // Old browsers without constructed stylesheets: size the frame through the CSSOM.
      Object.assign(this.frame.style, { display: 'block', width: '100%', height: '600px', border: '0' });
    }
    this.frame.setAttribute('sandbox', SANDBOX);
    root.append(this.frame);
    this.root = root;
    this.started = false;
    // The sandboxed frame has an opaque origin, so the app's own js, wasm and css are
    // cross-origin to it: a host that does not send Access-Control-Allow-Origin leaves it
    // blank with only console errors. Notice that, and say which header is missing.
    this.frame.addEventListener('load', () => {
      clearTimeout(this.timer);
      if (!this.started) this.timer = setTimeout(() => this.notStarted(), START_TIMEOUT_MS);
    });
    this.onMessage = (event) => {
      // Only this element's own frame sizes it; the height is a number of CSS pixels.
      if (event.source !== this.frame.contentWindow || event.origin !== 'null' && event.origin !== APP_ORIGIN) return;
      const data = event.data;
      if (!data || data.type !== 'hallway:resize' || !Number.isFinite(data.height) || data.height < 0) return;
      this.started = true;
      clearTimeout(this.timer);
      this.notice?.remove();
      this.frame.style.height = `${Math.ceil(data.height)}px`;
      this.dispatchEvent(new CustomEvent('hallway:resize', { detail: { height: data.height, path: data.path } }));
    };
  }

  connectedCallback() {
    window.addEventListener('message', this.onMessage);
    this.update();
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onMessage);
    clearTimeout(this.timer);
  }

  // Called when the frame loaded but its app never said it runs. A CORS request for the app's
  // own index tells a missing Access-Control-Allow-Origin apart from other causes.
  async notStarted() {
    let cors = true;
    try {
      await fetch(new URL('index.html', APP), { mode: 'cors', credentials: 'omit', cache: 'no-store' });
    } catch (e) {
      cors = false;
    }
    if (this.started) return;
    const why = cors
      ? 'Its scripts may be blocked: see the browser console.'
      : `${APP_ORIGIN} does not send the Access-Control-Allow-Origin header, which the embedded app needs for its own scripts, wasm and styles (see "Hosting the app for embedding" in Hallway's docs/embedding.md).`;
    if (!this.notice) {
      this.notice = document.createElement('p');
      this.notice.setAttribute('role', 'status');
    }
    // Text only: nothing here is markup.
    this.notice.textContent = `This Hallway view did not start. ${why}`;
    this.root.prepend(this.notice);
    // For the host page's own handling (the shadow root is closed).
    this.dispatchEvent(new CustomEvent('hallway:error', { detail: { message: this.notice.textContent } }));
  }

  attributeChangedCallback() {
    if (this.isConnected) this.update();
  }

  update() {
    let src;
    try {
      src = frameUrl(this);
    } catch (e) {
      console.warn(String(e.message || e));
      return;
    }
    const title = this.getAttribute('title') || `Hallway ${this.getAttribute('view') || 'timeline'}`;
    this.frame.title = title;
    if (this.frame.getAttribute('src') !== src) this.frame.setAttribute('src', src);
  }
}

if (!customElements.get('hallway-view')) customElements.define('hallway-view', HallwayView);

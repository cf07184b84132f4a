// The benchmark's plain-JavaScript baseline: the talks view of a Hallway bundle with no framework.
// It does the work Hallway's talks view does, the straightforward way: fetch, JSON.parse, facet
// values per talk (project, city, country, year, series, speaker, track), counts where each facet
// applies every other part of the filter, a substring search over accent-folded text, and a
// windowed list. It sets the same performance marks, so bench/run.mjs measures both alike.
'use strict';

const ROW = 56; // px, fixed row height: what makes windowing a division
const OVERSCAN = 6; // rows kept above and below the viewport
const TOP_VALUES = 10; // facet values shown per facet (plus any selected one)
const FACETS = ['project', 'city', 'country', 'year', 'series', 'speaker', 'track'];
const TITLES = ['Projects', 'Cities', 'Countries', 'Years', 'Series', 'Speakers', 'Tracks'];

const mark = (name) => performance.mark(name);

// Lowercase and strip accents, like hallway-core's text::fold; NFD leaves these letters whole.
const WHOLE = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ĳ': 'ij', '\u2019': "'", '\u2018': "'" };
function fold(s) {
  // Most bundle text is ASCII: lowercasing is all it needs.
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæœøłđðþıĳ\u2018\u2019]/g, (c) => WHOLE[c]);
}
const slug = (s) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');

function bundleUrl() {
  const q = new URLSearchParams(location.search);
  return new URL(q.get('bundle') || '/data/bundle.json', location.href).href;
}

/** One facet: its values and, per talk, the values it has (compressed rows). */
class FacetTable {
  constructor() { this.keys = []; this.labels = []; this.folded = []; this.byKey = new Map(); }
  value(key, label) {
    let v = this.byKey.get(key);
    if (v === undefined) {
      v = this.keys.length;
      this.byKey.set(key, v);
      this.keys.push(key); this.labels.push(label); this.folded.push(fold(label));
    }
    return v;
  }
  /** Starts the compressed rows for `n` talks; rows are then added in talk order. */
  start(n) { this.offsets = new Uint32Array(n + 1); this.list = []; this.row = 0; }
  /** Appends the next talk's values, without repeats. */
  push(...values) {
    const from = this.offsets[this.row];
    for (const v of values) {
      let seen = false;
      for (let k = from; k < this.list.length; k++) if (this.list[k] === v) { seen = true; break; }
      if (!seen) this.list.push(v);
    }
    this.offsets[++this.row] = this.list.length;
  }
  finish() { this.vals = Uint32Array.from(this.list); this.list = null; }
}

/** Everything the view needs from the bundle, computed once. */
function buildIndex(b) {
  const byId = (list) => new Map((list || []).map((x, i) => [x.id, i]));
  const events = b.events || [], talks = b.talks || [], people = b.people || [], places = b.places || [];
  const series = b.series || [], projects = b.projects || [];
  const eventIx = byId(events), personIx = byId(people), placeIx = byId(places);
  const seriesIx = byId(series), projectIx = byId(projects);
  const tables = FACETS.map(() => new FacetTable());
  const [tProject, tCity, tCountry, tYear, tSeries, tSpeaker, tTrack] = tables;

  // Two cities of one name are told apart by their country, as Hallway does.
  const cityCount = new Map();
  for (const p of places) cityCount.set(fold(p.city), (cityCount.get(fold(p.city)) || 0) + 1);
  const placeValues = places.map((p) => {
    const label = cityCount.get(fold(p.city)) > 1 ? `${p.city}, ${p.country}` : p.city;
    const country = p.country_code && p.country_code.trim() ? p.country_code.trim().toLowerCase() : slug(p.country);
    return [tCity.value(p.id, label), tCountry.value(country, p.country)];
  });
  const eventInfo = events.map((e) => {
    const pl = e.place !== undefined ? placeIx.get(e.place) : undefined;
    const se = e.series !== undefined ? seriesIx.get(e.series) : undefined;
    let text = e.name + '\n';
    if (se !== undefined) text += series[se].name + '\n';
    if (pl !== undefined) text += `${places[pl].city} ${places[pl].country}\n`;
    return {
      place: pl === undefined ? null : placeValues[pl],
      series: se === undefined ? null : tSeries.value(series[se].id, series[se].name),
      projects: (e.projects || []).filter((p) => projectIx.has(p)),
      start: e.start,
      text,
    };
  });

  const n = talks.length;
  for (const tb of tables) tb.start(n);
  const texts = new Array(n);
  const day = new Array(n);
  const dayKey = new Float64Array(n); // YYYYMMDD, 0 for an unknown month or day: sorts first
  const secs = new Float64Array(n);
  const eventOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = talks[i];
    const ei = eventIx.get(t.event);
    eventOf[i] = ei === undefined ? -1 : ei;
    const ev = ei === undefined ? null : eventInfo[ei];
    const d = t.start ? t.start.slice(0, 10) : (t.date || (ev ? ev.start : '0000'));
    day[i] = d;
    dayKey[i] = (parseInt(d.slice(0, 4), 10) || 0) * 10000 + (parseInt(d.slice(5, 7), 10) || 0) * 100 + (parseInt(d.slice(8, 10), 10) || 0);
    secs[i] = t.start ? Date.parse(t.start) : -Infinity;
    const own = (t.projects || []).filter((p) => projectIx.has(p));
    const projs = own.length ? own : (ev ? ev.projects : []);
    tProject.push(...projs.map((p) => tProject.value(p, projects[projectIx.get(p)].name)));
    if (ev && ev.place) { tCity.push(ev.place[0]); tCountry.push(ev.place[1]); } else { tCity.push(); tCountry.push(); }
    const year = String(parseInt(d, 10));
    tYear.push(tYear.value(year, year));
    if (ev && ev.series !== null) tSeries.push(ev.series); else tSeries.push();
    const speakers = (t.speakers || []).filter((p) => personIx.has(p)).map((p) => people[personIx.get(p)]);
    tSpeaker.push(...speakers.map((p) => tSpeaker.value(p.id, p.name)));
    if (t.track) tTrack.push(tTrack.value(t.track, t.track)); else tTrack.push();
    let text = t.title + '\n';
    if (t.abstract) text += t.abstract + '\n';
    if (t.track) text += t.track + '\n';
    for (const p of speakers) text += p.name + '\n';
    if (ev) text += ev.text;
    for (const p of projs) text += projects[projectIx.get(p)].name + '\n';
    texts[i] = fold(text);
  }
  for (const tb of tables) tb.finish();
  // Oldest first by day, start time, event, position; shown newest first.
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => dayKey[a] - dayKey[b] || (secs[a] - secs[b] || 0) || eventOf[a] - eventOf[b] || a - b);
  order.reverse();
  return { talks, events, people, tables, texts, day, eventOf, order: Uint32Array.from(order), n };
}

/** The filter: selected value numbers per facet and the search text. */
const state = { selected: FACETS.map(() => new Set()), text: '' };

/** Matching talks in order and the counts of every facet, each applying all other parts. */
function query(ix) {
  const { n, tables } = ix;
  const parts = [];
  tables.forEach((tb, f) => {
    const sel = state.selected[f];
    if (!sel.size) return;
    const pass = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let k = tb.offsets[i]; k < tb.offsets[i + 1]; k++) {
        if (sel.has(tb.vals[k])) { pass[i] = 1; break; }
      }
    }
    parts.push({ facet: f, pass });
  });
  const words = [...new Set(fold(state.text).split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
  if (words.length) {
    const pass = new Uint8Array(n);
    const texts = ix.texts;
    outer: for (let i = 0; i < n; i++) {
      for (const w of words) if (!texts[i].includes(w)) continue outer;
      pass[i] = 1;
    }
    parts.push({ facet: -1, pass });
  }
  const andExcept = (skip) => {
    const acc = new Uint8Array(n).fill(1);
    for (const p of parts) {
      if (p.facet === skip) continue;
      for (let i = 0; i < n; i++) acc[i] &= p.pass[i];
    }
    return acc;
  };
  const matched = andExcept(-2);
  const items = [];
  for (const i of ix.order) if (matched[i]) items.push(i);
  const facets = tables.map((tb, f) => {
    const base = state.selected[f].size ? andExcept(f) : matched;
    const counts = new Uint32Array(tb.keys.length);
    for (let i = 0; i < n; i++) {
      if (!base[i]) continue;
      for (let k = tb.offsets[i]; k < tb.offsets[i + 1]; k++) counts[tb.vals[k]]++;
    }
    const values = [];
    for (let v = 0; v < counts.length; v++) if (counts[v] || state.selected[f].has(v)) values.push(v);
    values.sort((a, b) => counts[b] - counts[a] || (tb.folded[a] < tb.folded[b] ? -1 : tb.folded[a] > tb.folded[b] ? 1 : 0));
    return values.map((v) => ({ v, count: counts[v] }));
  });
  return { items, facets };
}

const $ = (sel) => document.querySelector(sel);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const fmt = new Intl.NumberFormat('en');

let ix = null;
let current = { items: [], facets: [] };

function renderFacets() {
  const aside = $('#facets');
  const out = [];
  current.facets.forEach((values, f) => {
    const tb = ix.tables[f];
    const sel = state.selected[f];
    const shown = values.filter((x, i) => i < TOP_VALUES || sel.has(x.v));
    if (!shown.length) return;
    out.push(el('h2', null, TITLES[f]));
    for (const { v, count } of shown) {
      const b = el('button', 'facet-value');
      b.type = 'button';
      b.dataset.facet = f;
      b.dataset.value = v;
      b.setAttribute('aria-pressed', sel.has(v) ? 'true' : 'false');
      b.append(el('span', null, tb.labels[v]), el('span', 'count', fmt.format(count)));
      out.push(b);
    }
  });
  aside.replaceChildren(...out);
}

function renderWindow() {
  const box = $('#results');
  const ul = box.firstElementChild;
  const items = current.items;
  ul.style.height = `${items.length * ROW}px`;
  const first = Math.max(0, Math.floor(box.scrollTop / ROW) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((box.scrollTop + box.clientHeight) / ROW) + OVERSCAN);
  const rows = [];
  for (let k = first; k < last; k++) {
    const i = items[k];
    const t = ix.talks[i];
    const li = el('li', 'row');
    li.style.top = `${k * ROW}px`;
    const a = el('a', null, t.title);
    a.href = `/talks/${encodeURIComponent(t.id)}`;
    const ev = ix.eventOf[i] >= 0 ? ix.events[ix.eventOf[i]].name : '';
    const speakers = ix.tables[5];
    const names = [];
    for (let s = speakers.offsets[i]; s < speakers.offsets[i + 1]; s++) names.push(speakers.labels[speakers.vals[s]]);
    li.append(a, el('div', 'meta', [ix.day[i], ev, names.join(', ')].filter(Boolean).join(' · ')));
    rows.push(li);
  }
  ul.replaceChildren(...rows);
}

function update(markName) {
  current = query(ix);
  $('#result-count').textContent = `${fmt.format(current.items.length)} talks`;
  renderFacets();
  $('#results').scrollTop = 0;
  renderWindow();
  mark(markName);
}

async function main() {
  const url = bundleUrl();
  let b;
  try {
    const res = await fetch(url, { credentials: 'omit' });
    if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
    const text = await res.text();
    mark('hallway:fetched');
    b = JSON.parse(text);
    if (!b || b.format !== 'hallway-bundle') throw new Error(`${url} is not a Hallway bundle`);
    mark('hallway:parsed');
  } catch (e) {
    $('#result-count').textContent = `Could not load: ${e.message}`;
    return;
  }
  ix = buildIndex(b);
  mark('hallway:indexed');
  update('hallway:first-rows');

  $('#search').addEventListener('input', (e) => {
    state.text = e.target.value;
    update('hallway:results-rendered');
  });
  $('#facets').addEventListener('click', (e) => {
    const b = e.target.closest('button.facet-value');
    if (!b) return;
    const sel = state.selected[Number(b.dataset.facet)];
    const v = Number(b.dataset.value);
    if (!sel.delete(v)) sel.add(v);
    update('hallway:results-rendered');
  });
  let pending = false;
  $('#results').addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; renderWindow(); });
  });
}

// In the browser this is a classic script; bench/baseline.test.mjs loads it with a `module`.
if (typeof module !== 'undefined') module.exports = { fold, buildIndex, query, state };
else main();

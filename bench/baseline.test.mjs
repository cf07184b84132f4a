// Checks that the baseline does the work it claims (facet counts under the "every other part of
// the filter" rule, folded search, newest-first order), so that comparing Hallway with it is
// fair. Run: node --test bench/ (generates a 1,000-talk bundle with the release CLI).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');

function loadBaseline() {
  const module = { exports: {} };
  vm.runInNewContext(fs.readFileSync(path.join(here, 'baseline/baseline.js'), 'utf8'), {
    module, performance, URL, URLSearchParams, Intl, Uint8Array, Uint32Array, Float64Array, Int32Array,
  });
  return module.exports;
}

// Values from the script's own realm, made comparable with deepStrictEqual.
const plain = (x) => JSON.parse(JSON.stringify(x));

function reset(state) {
  state.text = '';
  for (const s of state.selected) s.clear();
}

const generated = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-baseline-test-'));
  const out = path.join(dir, 'b.json');
  execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'hallway-cli', '--', 'generate', '--talks', '1000', '--seed', '1', '--out', out],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const b = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(dir, { recursive: true });
  return b;
})();

test('search is folded and finds a talk by its place, speaker and title words', () => {
  const { buildIndex, query, state } = loadBaseline();
  const ix = buildIndex(JSON.parse(fs.readFileSync(path.join(ROOT, 'public/data/bundle.json'), 'utf8')));
  const hits = (text) => { reset(state); state.text = text; return Array.from(query(ix).items, (i) => ix.talks[i].id); };
  for (const q of ['Düsseldorf', 'DUSSELDORF', 'qemu tracing', 'hajnoczi']) {
    assert.deepEqual(hits(q), ['tracing-in-the-qemu-emulator'], q);
  }
  assert.deepEqual(hits('zzzz'), []);
});

test('facet counts apply every other part of the filter, never their own', () => {
  const { buildIndex, query, state } = loadBaseline();
  const ix = buildIndex(generated);
  const n = ix.n;
  reset(state);
  const all = query(ix);
  assert.equal(all.items.length, n);
  const sum = (f, r) => r.facets[f].reduce((s, x) => s + x.count, 0);
  assert.equal(sum(3, all), n, 'every talk has exactly one year');
  const events = new Map(generated.events.map((e) => [e.id, e]));
  const placed = generated.talks.filter((t) => events.get(t.event).place).length;
  assert.ok(placed > 0 && placed < n, 'the generated bundle has online events too');
  assert.equal(sum(1, all), placed, 'a talk counts for its event\'s city; online ones for none');

  // Select the biggest city: the items are exactly that city's talks; the city facet still
  // counts every city; the year facet counts only the matched talks.
  const city = all.facets[1][0];
  state.selected[1].add(city.v);
  const inCity = query(ix);
  const byHand = ix.talks.map((t, i) => i).filter((i) => {
    const tb = ix.tables[1];
    return Array.from(tb.vals.subarray(tb.offsets[i], tb.offsets[i + 1])).includes(city.v);
  });
  assert.deepEqual(Array.from(inCity.items).sort((a, b) => a - b), byHand);
  assert.equal(inCity.items.length, city.count);
  assert.deepEqual(plain(inCity.facets[1]), plain(all.facets[1]));
  assert.equal(sum(3, inCity), city.count);

  // Add a search: the city facet now counts what the search alone matches.
  state.text = 'memory';
  const both = query(ix);
  state.selected[1].clear();
  const textOnly = query(ix);
  assert.ok(textOnly.items.length > 0 && textOnly.items.length < n);
  assert.deepEqual(plain(both.facets[1]), plain(textOnly.facets[1]));
  assert.ok(both.items.every((i) => textOnly.items.includes(i) && inCity.items.includes(i)));
});

test('talks are listed newest first', () => {
  const { buildIndex, query, state } = loadBaseline();
  const ix = buildIndex(generated);
  reset(state);
  const days = query(ix).items.map((i) => ix.day[i]);
  for (let k = 1; k < days.length; k++) assert.ok(days[k - 1] >= days[k], `${days[k - 1]} before ${days[k]}`);
});

// Checks the wasm name-section reader on a module assembled here byte by byte (imports shift
// function indices; bodies, data and names must line up), and the demangling and crate rule.
// Run: node --test bench/wasm-names.test.mjs (no build needed).
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseWasm, breakdown, demangle, crateOf } from './wasm-names.mjs';

const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const str = (s) => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
const vec = (items) => [...leb(items.length), ...items.flat()];

const LEGACY = '_ZN12hallway_core4load9load_with17h0123456789abcdefE';
const V0 = '_RNvNtCsgXGp5Oqx2Ny_4core9panicking9panic_fmt';
const TRAIT = '_ZN62_$LT$F$u20$as$u20$tachys..reactive_graph..ReactiveFunction$GT$6invoke17h0fc403f09a0636b4E';

/** A module: one imported function (index 0), three defined ones (1-3) with bodies of 200, 3 and
 * 3 bytes, one passive data segment of 1000 bytes, and names for the import, 1, 3 and the data. */
function module({ names: withNames = true } = {}) {
  const big = [0, ...new Array(198).fill(0x01), 0x0b]; // no locals, 198 nops, end
  const tiny = [0, 0x01, 0x0b];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 0, 0]])), // one type: () -> ()
    ...section(2, vec([[...str('env'), ...str('f'), 0x00, 0x00], [...str('env'), ...str('mem'), 0x02, 0x01, 0x01, 0x02]])),
    ...section(3, vec([[0], [0], [0]])),
    ...section(10, vec([[...leb(big.length), ...big], [...leb(tiny.length), ...tiny], [...leb(tiny.length), ...tiny]])),
    ...section(11, vec([[0x01, ...leb(1000), ...new Array(1000).fill(9)]])),
  ];
  const names = [
    ...str('name'),
    ...section(1, vec([[0, ...str('imported')], [1, ...str(LEGACY)], [3, ...str(V0)]])),
    ...section(9, vec([[0, ...str('.rodata')]])),
  ];
  return Uint8Array.from(withNames ? [...bytes, ...section(0, names)] : bytes);
}

test('bodies, data and names line up, imports shifting the indices', () => {
  const p = parseWasm(module());
  assert.equal(p.hasNames, true);
  assert.deepEqual(p.functions.map((f) => [f.index, f.size, f.name]), [
    [1, 202, LEGACY], [2, 4, null], [3, 4, V0],
  ]);
  assert.deepEqual(p.data.map((d) => [d.size, d.name]), [[1 + 2 + 1000, '.rodata']]);
  const b = breakdown(p, { top: 2 });
  assert.equal(b.counted, 202 + 4 + 4 + 1003);
  assert.deepEqual(b.crates.map((c) => [c.crate, c.bytes]), [
    ['(data segments)', 1003], ['hallway_core', 202], ['(unnamed)', 4], ['core', 4],
  ]);
  assert.deepEqual(b.functions.map((f) => f.name), ['hallway_core::load::load_with', '(func 2)']);
});

test('a module without a name section is all "(unnamed)", and garbage is refused', () => {
  const plain = parseWasm(module({ names: false }));
  assert.equal(plain.hasNames, false);
  assert.deepEqual(plain.functions.map((f) => f.name), [null, null, null]);
  assert.deepEqual(breakdown(plain).crates.map((c) => c.crate), ['(data segments)', '(unnamed)']);
  assert.throws(() => parseWasm(Buffer.from('not wasm at all')), /not a wasm module/);
  const cut = module().slice(0, 40);
  assert.throws(() => parseWasm(cut), /runs past the end|unexpected end/);
});

test('demangling: legacy, v0 and names wasm-bindgen already demangled', () => {
  assert.equal(demangle(LEGACY), 'hallway_core::load::load_with');
  assert.equal(demangle(`${LEGACY.slice(0, -1)}E.1781`), 'hallway_core::load::load_with');
  assert.equal(demangle(V0), 'core::panicking::panic_fmt');
  assert.equal(demangle(TRAIT), '<F as tachys::reactive_graph::ReactiveFunction>::invoke');
  assert.equal(demangle('hallway::data::start::{{closure}}::h1d603ee9eb579d74'), 'hallway::data::start::{{closure}}');
  assert.equal(demangle('compiler_builtins[40f58339702e5617]::math::rem_pio2'), 'compiler_builtins::math::rem_pio2');
});

test('crate rule: the first path segment, the type of <T as Trait> unless generic', () => {
  assert.equal(crateOf(LEGACY), 'hallway_core');
  assert.equal(crateOf(V0), 'core');
  assert.equal(crateOf(TRAIT), 'tachys'); // F is generic: the trait's crate
  assert.equal(crateOf('<alloc::vec::Vec<T> as core::clone::Clone>::clone::h0123456789abcdef'), 'alloc');
  assert.equal(crateOf('<&hallway_core::Talk as serde::Serialize>::serialize'), 'hallway_core');
  assert.equal(crateOf('__wbindgen_malloc'), '(wasm-bindgen glue)');
  assert.equal(crateOf('memcmp'), '(libm, builtins, exports)');
  assert.equal(crateOf(null), '(unnamed)');
});

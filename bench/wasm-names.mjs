// Where a wasm module's bytes are: reads the code, data and `name` sections of a .wasm file
// and attributes every function body to the crate that its demangled name starts with.
//
// Written by hand (about 150 lines) rather than installing twiggy: it needs no build step and
// no crate download on a 2-core machine, and the breakdown the team asks for (bytes per
// function, summed per crate) is all twiggy's `top` gives for this purpose. It reads only
// section framing, never instructions, so it cannot be thrown off by new opcodes.

/** A reader over a byte array: unsigned LEB128 and length-prefixed names. */
class Reader {
  constructor(bytes, pos = 0, end = bytes.length) {
    this.b = bytes;
    this.pos = pos;
    this.end = end;
  }
  byte() {
    if (this.pos >= this.end) throw new Error(`unexpected end of section at byte ${this.pos}`);
    return this.b[this.pos++];
  }
  u32() {
    let result = 0, shift = 0, byte;
    do {
      byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }
  name() {
    const len = this.u32();
    const s = Buffer.from(this.b.buffer, this.b.byteOffset + this.pos, len).toString('utf8');
    this.pos += len;
    return s;
  }
  limits() {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'datacount', 'tag'];

/**
 * Parses `bytes` (a Uint8Array or Buffer of a wasm module). Returns { sections, functions, data,
 * hasNames }: every section with its byte size; each defined function with its index, body size
 * (including its size prefix) and name (or null); each data segment with its size and name.
 */
export function parseWasm(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b.length < 8 || b[0] !== 0 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) {
    throw new Error('not a wasm module (no \\0asm magic)');
  }
  const r = new Reader(b, 8);
  const sections = [];
  const functions = [];
  const data = [];
  let importedFuncs = 0;
  const funcNames = new Map();
  const dataNames = new Map();
  let hasNames = false;
  while (r.pos < b.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const body = r.pos;
    const end = body + size;
    if (end > b.length) throw new Error(`section ${id} at byte ${start} runs past the end of the file`);
    const s = new Reader(b, body, end);
    let name = SECTION_NAMES[id] ?? `unknown(${id})`;
    if (id === 0) {
      name = `custom:${s.name()}`;
      if (name === 'custom:name') {
        hasNames = true;
        while (s.pos < end) {
          const sub = s.byte();
          const subSize = s.u32();
          const subEnd = s.pos + subSize;
          const target = sub === 1 ? funcNames : sub === 9 ? dataNames : null;
          if (target) {
            const n = new Reader(b, s.pos, subEnd);
            for (let count = n.u32(); count > 0; count--) target.set(n.u32(), n.name());
          }
          s.pos = subEnd;
        }
      }
    } else if (id === 2) {
      for (let count = s.u32(); count > 0; count--) {
        s.name();
        s.name();
        const kind = s.byte();
        if (kind === 0) { s.u32(); importedFuncs++; } else if (kind === 1) { s.byte(); s.limits(); } else if (kind === 2) s.limits();
        else if (kind === 3) { s.byte(); s.byte(); } else if (kind === 4) { s.byte(); s.u32(); } else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 10) {
      const count = s.u32();
      for (let i = 0; i < count; i++) {
        const at = s.pos;
        const len = s.u32();
        s.pos += len;
        functions.push({ index: importedFuncs + i, offset: at, size: s.pos - at, name: null });
      }
    } else if (id === 11) {
      const count = s.u32();
      for (let i = 0; i < count; i++) {
        const at = s.pos;
        const flags = s.u32();
        if (flags === 2) s.u32();
        if (flags !== 1) { // an offset expression, ended by `end` (0x0b); skip it byte-wise
          // i32.const / global.get take one LEB operand: read op, operand, then expect 0x0b.
          for (;;) {
            const op = s.byte();
            if (op === 0x0b) break;
            if (op === 0x41 || op === 0x42 || op === 0x23) s.u32();
            else throw new Error(`data segment ${i}: unsupported offset opcode 0x${op.toString(16)}`);
          }
        }
        const len = s.u32();
        s.pos += len;
        data.push({ index: i, size: s.pos - at, name: null });
      }
    }
    sections.push({ id, name, size: end - start });
    r.pos = end;
  }
  for (const f of functions) f.name = funcNames.get(f.index) ?? null;
  for (const d of data) d.name = dataNames.get(d.index) ?? null;
  return { sections, functions, data, hasNames };
}

const ESCAPES = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };

/** Demangles a v0 Rust symbol (`_R...`, which the prebuilt std uses) when it is a plain nested
 * path (`NvNtC...`): enough for most std functions. Generic or impl paths come back as null. */
function demangleV0(sym) {
  const s = sym.replace(/^_R(?:\d+_)?/, '');
  let i = 0;
  const ident = () => {
    if (s[i] === 's') { i = s.indexOf('_', i) + 1; if (i === 0) throw new Error('bad disambiguator'); }
    const len = /^\d+/.exec(s.slice(i));
    if (!len) throw new Error('no identifier');
    i += len[0].length;
    if (s[i] === '_') i++;
    const id = s.slice(i, i + Number(len[0]));
    i += Number(len[0]);
    return id;
  };
  const path = () => {
    const tag = s[i++];
    if (tag === 'C') return ident();
    if (tag === 'N') {
      const ns = s[i++];
      const parent = path();
      const id = ident();
      return ns === 'C' ? `${parent}::{{closure}}` : `${parent}::${id}`;
    }
    throw new Error('not a plain path');
  };
  try {
    const out = path();
    return i === s.length || /^[A-Z]?$/.test(s.slice(i)) ? out : null;
  } catch {
    return null;
  }
}

/** Demangles a Rust symbol without its hash (legacy `_ZN...E`, or v0 `_R...` when it is a
 * plain path); other names are returned as is. */
export function demangle(symbol) {
  const sym = symbol.replace(/\.\d+$/, ''); // LLVM's suffix on a local copy
  if (/^_R/.test(sym)) return demangleV0(sym) ?? sym;
  const m = /^_?_ZN(.*)E$/.exec(sym);
  // wasm-bindgen demangles the names it keeps: drop their hash and crate disambiguators too.
  if (!m) return sym.replace(/::h[0-9a-f]{16}$/, '').replace(/([A-Za-z0-9_])\[[0-9a-f]{16}\]::/g, '$1::');
  const parts = [];
  const s = m[1];
  let i = 0;
  while (i < s.length) {
    const len = /^\d+/.exec(s.slice(i));
    if (!len) return sym; // not the legacy scheme after all
    i += len[0].length;
    parts.push(s.slice(i, i + Number(len[0])));
    i += Number(len[0]);
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.map((p) => p
    .replace(/^_\$/, '$')
    .replace(/\$([A-Z]{1,2}|u[0-9a-f]+)\$/g, (all, e) => (e[0] === 'u' && e.length > 1
      ? String.fromCodePoint(parseInt(e.slice(1), 16)) : ESCAPES[e] ?? all))
    .replace(/\.\./g, '::')).join('::');
}

/** The bucket a function is counted in: the first path segment of its demangled name (for
 * `<T as Trait>::f`, the crate of T: the code was instantiated for that type), or a named
 * group for wasm-bindgen glue and unnamed or non-Rust symbols. */
export function crateOf(name) {
  if (name === null) return '(unnamed)';
  if (/^__wbindgen|^__wbg_|^__externref|^wasm_bindgen::/.test(name)) return name.startsWith('wasm_bindgen::') ? 'wasm_bindgen' : '(wasm-bindgen glue)';
  if (/^_R/.test(name)) { // v0: the first crate root, `C[s<disambiguator>_]<len><ident>`
    const v0 = /C(?:s[0-9A-Za-z]*_)?(\d+)_?/.exec(name.slice(2));
    if (v0) return name.slice(2).substr(v0.index + v0[0].length, Number(v0[1]));
  }
  const d = demangle(name);
  const lead = /^(?:[&*\[(]|mut |const |dyn |impl )*([A-Za-z_][A-Za-z0-9_]*)::/;
  const qualified = /^<(.+?) as (?:[&*\[(]|mut |const |dyn )*([A-Za-z_][A-Za-z0-9_]*)::/.exec(d);
  if (qualified) { // `<T as Trait>::f`: T's crate, or the trait's when T is generic or a primitive
    const t = lead.exec(qualified[1]);
    return t ? t[1] : qualified[2];
  }
  const m = lead.exec(d.replace(/^</, ''));
  return m ? m[1] : '(libm, builtins, exports)';
}

/** A breakdown of a parsed module: bytes by crate and the largest functions, both sorted. */
export function breakdown(parsed, { top = 25, dropDescribe = true } = {}) {
  // wasm-bindgen runs the `__wbindgen_describe_*` exports at build time and deletes them; they are
  // not shipped, so they are left out (with whatever else only they use, which this cannot see).
  const fns = parsed.functions.filter((f) => !(dropDescribe && f.name && /__wbindgen_describe/.test(f.name)));
  const byCrate = new Map();
  const add = (k, n) => byCrate.set(k, (byCrate.get(k) || 0) + n);
  for (const f of fns) add(crateOf(f.name), f.size);
  const dataBytes = parsed.data.reduce((s, d) => s + d.size, 0);
  if (dataBytes) add('(data segments)', dataBytes);
  const counted = fns.reduce((s, f) => s + f.size, 0) + dataBytes;
  const crates = [...byCrate].map(([crate, bytes]) => ({ crate, bytes, share: bytes / counted }))
    .sort((a, b) => b.bytes - a.bytes || a.crate.localeCompare(b.crate));
  const functions = [...fns].sort((a, b) => b.size - a.size || a.index - b.index).slice(0, top)
    .map((f) => ({ name: f.name === null ? `(func ${f.index})` : demangle(f.name), crate: crateOf(f.name), bytes: f.size, share: f.size / counted }));
  const dropped = parsed.functions.length - fns.length;
  return { counted, crates, functions, dropped, functionCount: fns.length, hasNames: parsed.hasNames };
}

/** The breakdown as plain text (what the command prints). */
export function formatBreakdown(b, { file = '', crates = 40 } = {}) {
  const pct = (x) => `${(x * 100).toFixed(1).padStart(5)}%`;
  const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
  const lines = [];
  if (file) lines.push(`${file}: ${b.functionCount} functions + data, ${(b.counted / 1024).toFixed(1)} KB counted` +
    (b.dropped ? ` (${b.dropped} __wbindgen_describe functions left out)` : ''));
  if (!b.hasNames) lines.push('no name section: every function is "(unnamed)"; use the wasm cargo writes (see scripts/wasm-breakdown.sh)');
  lines.push('', 'by crate (first path segment of the demangled name):');
  for (const c of b.crates.slice(0, crates)) lines.push(`${kb(c.bytes)} ${pct(c.share)}  ${c.crate}`);
  if (b.crates.length > crates) {
    const rest = b.crates.slice(crates).reduce((s, c) => s + c.bytes, 0);
    lines.push(`${kb(rest)} ${pct(rest / b.counted)}  (${b.crates.length - crates} more crates)`);
  }
  lines.push('', `top ${b.functions.length} functions:`);
  for (const f of b.functions) lines.push(`${kb(f.bytes)} ${pct(f.share)}  ${f.name.length > 140 ? `${f.name.slice(0, 137)}...` : f.name}`);
  return lines.join('\n');
}

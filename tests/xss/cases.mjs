// The project's own XSS cases for the browser tests, generated from lists.json exactly as
// crates/core/tests/xss.rs generates them for the Markdown renderer (keep the two in step).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LISTS = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'lists.json'), 'utf8'));

const hex = (c) => c.codePointAt(0).toString(16);

/** A scheme written the way an encoding names it. */
export function encode(s, encoding) {
  const chars = [...s];
  switch (encoding) {
    case 'plain': return s;
    case 'upper': return s.toUpperCase();
    case 'mixed-case': return chars.map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join('');
    case 'html-decimal': return chars.map((c) => `&#${c.codePointAt(0)};`).join('');
    case 'html-hex': return chars.map((c) => `&#x${hex(c)};`).join('');
    case 'html-hex-padded': return chars.map((c) => `&#x${hex(c).padStart(6, '0')}`).join('');
    // The colon stays: `%3A` would make the whole target a harmless relative path.
    case 'percent': return chars.map((c) => (c === ':' ? c : `%${hex(c).toUpperCase().padStart(2, '0')}`)).join('');
    case 'tab-inside': return chars[0] + '\t' + chars.slice(1).join('');
    case 'entity-tab-inside': return chars[0] + '&#x09;' + chars.slice(1).join('');
    case 'newline-inside': return chars[0] + '\n' + chars.slice(1).join('');
    case 'leading-space': return ' ' + s;
    case 'leading-control': return '\u0001' + s;
    default: throw new Error(`unknown encoding ${encoding}`);
  }
}

/** Elements with an event handler: `<tag attr="code">`, then unquoted after a broken src. */
export function eventPayloads() {
  const out = [];
  for (const tag of LISTS.tags) {
    for (const attr of LISTS.event_attributes) out.push(`<${tag} ${attr}="${LISTS.code}">`);
  }
  for (const tag of LISTS.tags) {
    for (const attr of LISTS.event_attributes) out.push(`<${tag} src=x ${attr}=${LISTS.code}>`);
  }
  return out;
}

/** Elements with a script URL in a URL attribute, in every encoding. */
export function urlPayloads() {
  const out = [];
  for (const tag of LISTS.tags) {
    for (const attr of LISTS.url_attributes) {
      for (const scheme of LISTS.schemes) {
        for (const enc of LISTS.encodings) {
          out.push(`<${tag} ${attr}="${encode(scheme, enc)}${LISTS.code}">x</${tag}>`);
        }
      }
    }
  }
  return out;
}

/** Script URLs in every encoding, as bare link targets (for URL fields). */
export function badUrls() {
  const out = [];
  for (const scheme of LISTS.schemes) {
    for (const enc of LISTS.encodings) out.push(encode(scheme, enc) + LISTS.code);
  }
  return out;
}

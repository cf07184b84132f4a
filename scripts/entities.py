#!/usr/bin/env python3
"""Writes crates/core/src/markdown/entities/table.rs from pulldown-cmark's entity table.

Usage (then `cargo fmt`): python3 scripts/entities.py ~/.cargo/registry/src/*/pulldown-cmark-0.13.6/src/entities.rs
The output packs the table as one string plus start offsets (see the generated file's header);
the core test every_entity_decodes_as_pulldown_cmark_does checks the result.
"""
import re
import sys

src = open(sys.argv[1]).read()
ents = re.findall(r'\(b"([A-Za-z0-9]+)", "((?:\\u\{[0-9A-F]+\})+)"\)', src)
vals = [(n, ''.join(chr(int(h, 16)) for h in re.findall(r'\\u\{([0-9A-F]+)\}', v))) for n, v in ents]
if [n for n, _ in vals] != sorted(n for n, _ in vals) or len(vals) < 2000:
    sys.exit('entities.py: the table is not what this script expects (sorted, about 2,125 names)')

data, starts = '', []
for n, s in vals:
    starts.append(len(data.encode()))
    data += n + '=' + s
starts.append(len(data.encode()))
if starts[-1] > 0xFFFF:
    sys.exit('entities.py: the table no longer fits u16 offsets')


def esc(s):
    out = ''
    for c in s:
        o = ord(c)
        if c == '\\':
            out += '\\\\'
        elif c == '"':
            out += '\\"'
        elif 0x20 <= o < 0x7F:
            out += c
        else:
            out += '\\u{%X}' % o
    return out


body, chunk = [], ''
for n, s in vals:
    e = esc(n + '=' + s)
    if len(chunk) + len(e) > 90:
        body.append(chunk)
        chunk = ''
    chunk += e
body.append(chunk)

out = '''//! The packed table itself, written by `scripts/entities.py` (do not edit by hand).

/// `name=value` for every entity, sorted by name (byte order), with no separator between
/// entries: [`STARTS`] says where each begins. A name is ASCII letters and digits, so the
/// first `=` ends it; a value may itself be `=` (`equals`) or a newline (`NewLine`).
pub(super) const PACKED: &str = concat!(
'''
for c in body:
    out += '    "' + c + '",\n'
out += ''');

/// Where each entry of [`PACKED`] starts, and its length at the end.
pub(super) const STARTS: [u16; %d] = [
''' % len(starts)
for i in range(0, len(starts), 12):
    out += '    ' + ', '.join(str(x) for x in starts[i:i + 12]) + ',\n'
out += '];\n'
open('crates/core/src/markdown/entities/table.rs', 'w').write(out)

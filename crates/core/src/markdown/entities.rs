//! The named character references of HTML (`&eacute;`), for decoding raw HTML in bundle text.
//!
//! Generated from pulldown-cmark 0.13.6's `src/entities.rs` (MIT; itself generated from
//! WHATWG's `entities.json`), the table its parser decodes Markdown with, by
//! `scripts/entities.py` into `entities/table.rs` (then `cargo fmt`); the lookup here is written
//! by hand. Packed as one string with start offsets rather than pulldown-cmark's array of slice
//! pairs: the app's first load keeps this table (the search index decodes references) but not
//! the parser, and the packed form is under half the size. The test
//! `every_entity_decodes_as_pulldown_cmark_does` checks it against pulldown-cmark's own output.

mod table;

use table::{PACKED, STARTS};

/// The value of a named reference without its `&` and `;` (`eacute` gives `é`), if HTML has it.
pub(super) fn lookup(name: &str) -> Option<&'static str> {
    let (mut lo, mut hi) = (0, STARTS.len() - 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (n, value) = entry(mid)?;
        match n.as_bytes().cmp(name.as_bytes()) {
            std::cmp::Ordering::Equal => return Some(value),
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    None
}

fn entry(i: usize) -> Option<(&'static str, &'static str)> {
    PACKED
        .get(STARTS[i] as usize..STARTS[i + 1] as usize)?
        .split_once('=')
}

/// Every entry, for the test against pulldown-cmark.
#[cfg(test)]
pub(super) fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    (0..STARTS.len() - 1).filter_map(entry)
}

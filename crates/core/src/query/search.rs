//! Free-text search: a sorted term dictionary with posting lists per item kind, and match
//! highlighting for the UI.
//!
//! Terms are accent-folded, lowercased runs of letters and digits (`text::fold`). Every query
//! word is a prefix ("trac" finds "tracing"), all words are required. Because the dictionary is
//! sorted, the terms that start with a word form one contiguous range found by binary search, so
//! a query costs the postings it touches, never a scan of the texts.

use super::bitset::Bitset;
use crate::text::fold;
use std::collections::HashMap;
use std::ops::Range;

/// The folded words of a text or a query, in order; duplicates kept.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `fold(text)` split at non-alphanumerics, without folding the
/// whole text first: ASCII, the bulk of any bundle, is lowercased in place into one buffer.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.is_empty() {
            f(word);
            word.clear();
        }
    };
    let mut one = [0u8; 4];
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else {
                flush(&mut word);
            }
        } else {
            // A combining mark folds to nothing and so neither adds to nor ends the word.
            for fc in fold(c.encode_utf8(&mut one)).chars() {
                if fc.is_alphanumeric() {
                    word.push(fc);
                } else {
                    flush(&mut word);
                }
            }
        }
    }
    flush(&mut word);
}

/// FNV-1a: the term map hashes millions of short words while indexing, where SipHash's
/// protection against crafted keys buys nothing (the worst a crafted bundle can do is slow its
/// own indexing) and costs a third of the build time.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The distinct words of a query, longest first: a longer prefix is more selective, so
/// intersecting it first keeps the working set small.
pub fn query_words(query: &str) -> Vec<String> {
    let mut w = words(query);
    crate::order::by(&mut w, &|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    w.dedup();
    w
}

/// Posting lists in compressed-row form: the ids of term `t` are `ids[offsets[t]..offsets[t+1]]`.
#[derive(Debug, Default)]
struct Postings {
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

impl Postings {
    fn of(&self, term: usize) -> &[u32] {
        &self.ids[self.offsets[term] as usize..self.offsets[term + 1] as usize]
    }
}

/// Collects the words of each item, one kind at a time, before [`TextIndexBuilder::finish`].
#[derive(Default)]
pub struct TextIndexBuilder {
    term_ids: HashMap<String, u32, std::hash::BuildHasherDefault<Fnv>>,
    terms: Vec<String>,
    /// Per kind, per term id (first-seen order), the items containing it, increasing.
    lists: Vec<Vec<Vec<u32>>>,
    sizes: Vec<usize>,
}

impl TextIndexBuilder {
    /// Declares a kind of item (events, talks, reports) with `len` items; returns its number.
    pub fn add_kind(&mut self, len: usize) -> usize {
        self.lists.push(Vec::new());
        self.sizes.push(len);
        self.lists.len() - 1
    }

    /// Adds `text` to item `id` of `kind`. Items must be added in increasing id order per kind.
    pub fn add(&mut self, kind: usize, id: u32, text: &str) {
        for_each_word(text, |w| {
            let t = match self.term_ids.get(w) {
                Some(&t) => t,
                None => {
                    let t = self.terms.len() as u32;
                    self.term_ids.insert(w.to_string(), t);
                    self.terms.push(w.to_string());
                    t
                }
            } as usize;
            let lists = &mut self.lists[kind];
            if lists.len() <= t {
                lists.resize_with(t + 1, Vec::new);
            }
            let list = &mut lists[t];
            if list.last() != Some(&id) {
                list.push(id);
            }
        });
    }

    pub fn finish(self) -> TextIndex {
        let mut order: Vec<u32> = (0..self.terms.len() as u32).collect();
        crate::order::by(&mut order, &|&a, &b| {
            self.terms[a as usize].cmp(&self.terms[b as usize])
        });
        let postings: Vec<Postings> = self
            .lists
            .iter()
            .map(|lists| {
                // Exactly sized: grown by doubling, this vector and its last copy were most of
                // the search index's peak (38 MB above the data at 100,000 talks, natively), and
                // wasm memory keeps its peak for the page's life.
                let mut p = Postings {
                    offsets: Vec::with_capacity(order.len() + 1),
                    ids: Vec::with_capacity(lists.iter().map(Vec::len).sum()),
                };
                p.offsets.push(0);
                for &t in &order {
                    if let Some(l) = lists.get(t as usize) {
                        p.ids.extend_from_slice(l);
                    }
                    p.offsets.push(p.ids.len() as u32);
                }
                p
            })
            .collect();
        let mut terms = self.terms;
        let sorted: Vec<Box<str>> = order
            .iter()
            .map(|&t| std::mem::take(&mut terms[t as usize]).into_boxed_str())
            .collect();
        let initials = postings
            .iter()
            .zip(&self.sizes)
            .map(|(p, &len)| initial_sets(&sorted, p, len))
            .collect();
        TextIndex {
            terms: sorted,
            postings,
            sizes: self.sizes,
            initials,
        }
    }
}

/// The built search index: immutable, shared by every query.
#[derive(Debug, Default)]
pub struct TextIndex {
    terms: Vec<Box<str>>,
    postings: Vec<Postings>,
    sizes: Vec<usize>,
    /// Per kind, per first letter of a term, the items with a term starting with it: the first
    /// keystroke of a word would otherwise union a large share of all postings.
    initials: Vec<Vec<(char, Bitset)>>,
}

fn initial_sets(terms: &[Box<str>], postings: &Postings, len: usize) -> Vec<(char, Bitset)> {
    let mut out: Vec<(char, Bitset)> = Vec::new();
    for (t, term) in terms.iter().enumerate() {
        let Some(c) = term.chars().next() else {
            continue;
        };
        if out.last().is_none_or(|(l, _)| *l != c) {
            out.push((c, Bitset::empty(len)));
        }
        if let Some((_, set)) = out.last_mut() {
            set.insert_all(postings.of(t));
        }
    }
    out
}

impl TextIndex {
    /// The number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The dictionary positions of the terms starting with `prefix`.
    fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let lo = self.terms.partition_point(|t| &**t < prefix);
        let hi = lo + self.terms[lo..].partition_point(|t| t.starts_with(prefix));
        lo..hi
    }

    /// The items of `kind` that contain, for every word of `query`, a term starting with it.
    /// `None` when the query has no words (no text filter at all).
    pub fn search(&self, kind: usize, query: &str) -> Option<Bitset> {
        self.search_with(kind, query, |_, _| {})
    }

    /// [`TextIndex::search`], where `extra` adds to each word's items those another index finds
    /// for it (a split bundle's long texts, `search_index`): a word may match in either.
    pub fn search_with(
        &self,
        kind: usize,
        query: &str,
        extra: impl Fn(&str, &mut Bitset),
    ) -> Option<Bitset> {
        let words = query_words(query);
        if words.is_empty() {
            return None;
        }
        let len = self.sizes.get(kind).copied().unwrap_or(0);
        let Some(postings) = self.postings.get(kind) else {
            return Some(Bitset::empty(len));
        };
        let mut result: Option<Bitset> = None;
        for w in &words {
            let mut chars = w.chars();
            let set = match (chars.next(), chars.next(), self.initials.get(kind)) {
                (Some(c), None, Some(initials)) => {
                    match initials.binary_search_by(|(i, _)| i.cmp(&c)) {
                        Ok(i) => initials[i].1.clone(),
                        Err(_) => Bitset::empty(len),
                    }
                }
                _ => {
                    let mut set = Bitset::empty(len);
                    for t in self.prefix_range(w) {
                        set.insert_all(postings.of(t));
                    }
                    set
                }
            };
            let mut set = set;
            extra(w, &mut set);
            match &mut result {
                None => result = Some(set),
                Some(r) => r.and_with(&set),
            }
            if result.as_ref().is_some_and(|r| r.count() == 0) {
                break;
            }
        }
        result
    }

    /// Up to `n` dictionary terms starting with the last word of `query`, for autocompletion.
    pub fn completions(&self, query: &str, n: usize) -> Vec<&str> {
        match words(query).pop() {
            Some(w) => self.terms[self.prefix_range(&w)]
                .iter()
                .take(n)
                .map(|t| &**t)
                .collect(),
            None => Vec::new(),
        }
    }
}

/// Splits `text` into spans, `true` where it matches a word of `query` as the search does
/// (folded, as a prefix of a word of the text). Ranges are byte offsets on char boundaries that
/// cover the whole text in order, so `&text[range]` works for every span.
pub fn highlight(text: &str, query: &str) -> Vec<(Range<usize>, bool)> {
    let q = query_words(query);
    let mut marks: Vec<Range<usize>> = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut buf = String::new();
    let close = |start: usize, end: usize, marks: &mut Vec<Range<usize>>| {
        if let Some(r) = match_in_word(&text[start..end], &q) {
            marks.push(start..start + r);
        }
    };
    for (i, c) in text.char_indices() {
        buf.clear();
        buf.push(c);
        let f = fold(&buf);
        // A combining mark folds to nothing and stays inside the word it decorates.
        let wordy = f.chars().any(char::is_alphanumeric) || (f.is_empty() && word_start.is_some());
        match (wordy, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(s)) => {
                close(s, i, &mut marks);
                word_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = word_start {
        close(s, text.len(), &mut marks);
    }
    let mut spans = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for m in marks {
        if m.start > at {
            spans.push((at..m.start, false));
        }
        at = m.end;
        spans.push((m, true));
    }
    if at < text.len() {
        spans.push((at..text.len(), false));
    }
    spans
}

/// The byte length of the longest prefix of `word` whose folded form covers a query word that
/// the folded `word` starts with.
fn match_in_word(word: &str, q: &[String]) -> Option<usize> {
    let folded = fold(word);
    let need = q
        .iter()
        .filter(|w| folded.starts_with(w.as_str()))
        .map(|w| w.len())
        .max()?;
    let mut got = 0;
    let mut buf = String::new();
    for (i, c) in word.char_indices() {
        buf.clear();
        buf.push(c);
        got += fold(&buf).len();
        if got >= need {
            // Take trailing combining marks along with their letter.
            let mut end = i + c.len_utf8();
            for m in word[end..].chars() {
                if ('\u{300}'..='\u{36f}').contains(&m) {
                    end += m.len_utf8();
                } else {
                    break;
                }
            }
            return Some(end);
        }
    }
    Some(word.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        highlight(text, query)
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(r, _)| &text[r])
            .collect()
    }

    #[test]
    fn prefixes_of_every_word_are_required() {
        let mut b = TextIndexBuilder::default();
        let k = b.add_kind(3);
        b.add(k, 0, "Tracing in the QEMU emulator");
        b.add(k, 1, "Tracing the kernel");
        b.add(k, 2, "Düsseldorf, October 2014");
        let ix = b.finish();
        let ids = |q: &str| ix.search(k, q).map(|s| s.iter().collect::<Vec<_>>());
        assert_eq!(ids("trac"), Some(vec![0, 1]));
        assert_eq!(ids("TRACING qem"), Some(vec![0]));
        assert_eq!(ids("dusseld"), Some(vec![2]));
        assert_eq!(ids("Düsseldorf"), Some(vec![2]));
        assert_eq!(ids("tracing dusseldorf"), Some(vec![]));
        assert_eq!(ids("d"), Some(vec![2]));
        assert_eq!(ids("t e"), Some(vec![0]));
        assert_eq!(ids("t"), Some(vec![0, 1]));
        assert_eq!(ids("x"), Some(vec![]));
        assert_eq!(ids("  ,, "), None);
        assert_eq!(ix.completions("the ker", 5), vec!["kernel"]);
    }

    #[test]
    fn postings_are_stored_without_spare_room() {
        // Wasm memory keeps its peak: the index must not be built by doubling a vector.
        let mut b = TextIndexBuilder::default();
        let k = b.add_kind(5000);
        for id in 0..5000 {
            b.add(k, id, &format!("talk number {id} about tracing"));
        }
        let ix = b.finish();
        let p = &ix.postings[k];
        assert!(p.ids.len() > 15_000);
        assert_eq!(p.ids.capacity(), p.ids.len());
        assert_eq!(
            ix.search(k, "tracing").map(|s| s.iter().count()),
            Some(5000)
        );
    }

    #[test]
    fn highlight_maps_folded_matches_to_original_text() {
        assert_eq!(
            marked("Congress Center Düsseldorf", "dussel"),
            vec!["Düssel"]
        );
        assert_eq!(
            marked("Tracing in the QEMU Emulator", "qemu trac"),
            vec!["Trac", "QEMU"]
        );
        assert_eq!(marked("Straße", "stras"), vec!["Straß"]);
        assert_eq!(marked("Du\u{308}sseldorf", "du"), vec!["Du\u{308}"]);
        assert!(marked("nothing here", "qemu").is_empty());
        let spans = highlight("a qemu b", "qemu");
        assert_eq!(spans, vec![(0..2, false), (2..6, true), (6..8, false)]);
        assert_eq!(highlight("", "x"), vec![]);
    }
}

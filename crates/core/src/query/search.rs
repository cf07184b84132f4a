//! Free-text search: a sorted term dictionary with posting lists per item kind, and match
//! highlighting for the UI.
//!
//! Terms are accent-folded, lowercased runs of letters and digits (`text::fold`). Every query
//! word is a prefix ("trac" finds "tracing"), all words are required. Because the dictionary is
//! sorted, the terms that start with a word form one contiguous range found by binary search, so
//! a query costs the postings it touches, never a scan of the texts.

use super::bitset::Bitset;
use crate::text::fold;
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
    if text.is_ascii() {
        // Most texts: words are runs of ASCII letters and digits, passed as slices of the text
        // itself unless they need lowercasing. The search index reads every text twice.
        let mut word = String::new();
        for run in text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|r| !r.is_empty())
        {
            if run.bytes().any(|b| b.is_ascii_uppercase()) {
                word.clear();
                word.push_str(run);
                word.make_ascii_lowercase();
                f(&word);
            } else {
                f(run);
            }
        }
        return;
    }
    for_each_folded_word(text, f);
}

/// [`for_each_word`] for any text: each character folded (`text::fold`) on its way.
fn for_each_folded_word(text: &str, mut f: impl FnMut(&str)) {
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

/// The distinct words of a query, longest first: a longer prefix is more selective, so
/// intersecting it first keeps the working set small.
pub fn query_words(query: &str) -> Vec<String> {
    let mut w = words(query);
    crate::order::by(&mut w, &|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    w.dedup();
    w
}

/// One kind's posting lists, each stored in the smaller of two forms.
///
/// A term most items hold ("track", a city, a year: every talk inherits its event's words) is
/// a bitset of the kind's items, `len / 8` bytes, instead of four bytes per item; the rest are
/// id lists in compressed-row form. At 100,000 talks the lists were 2.5 million ids (10 MB of
/// wasm memory for good). A dense term is also the faster one to read: its items are OR-ed in a
/// word at a time.
#[derive(Debug, Default)]
#[cfg_attr(test, derive(PartialEq))]
struct Postings {
    /// The ids of a listed term `t`: `ids[offsets[t]..offsets[t + 1]]` (empty when `t` is dense).
    offsets: Vec<u32>,
    ids: Vec<u32>,
    /// The dense terms' dictionary positions, ascending; the `i`th one's items are
    /// `bits[i * words..(i + 1) * words]`.
    dense: Vec<u32>,
    bits: Vec<u64>,
    /// Bitset words per dense term: the kind's item count / 64, rounded up.
    words: usize,
}

/// A term is stored as a bitset once its list would be larger: more than one item in 32.
fn is_dense(count: u32, len: usize) -> bool {
    count as usize * 32 > len
}

/// Marks a place in the second pass's `next` as a dense term's slot rather than a list position.
const DENSE: u32 = 1 << 31;

impl Postings {
    /// Adds the items of the term at dictionary position `term` to `set`.
    fn add_to(&self, term: usize, set: &mut Bitset) {
        let (from, to) = (self.offsets[term] as usize, self.offsets[term + 1] as usize);
        if from < to {
            set.insert_all(&self.ids[from..to]);
        } else if let Ok(i) = self.dense.binary_search(&(term as u32)) {
            set.or_words(&self.bits[i * self.words..(i + 1) * self.words]);
        }
    }
}

/// Builds a [`TextIndex`] in two passes over the same texts (see [`TextIndex::build`]), so that
/// no posting list is ever grown: the first pass learns the terms and counts each one's items,
/// `fill` lays out the final postings at their exact size in dictionary order, and the second
/// pass (the same texts in the same order) writes each item straight into its place. Tokenizing twice costs time in an idle moment; growing a list per
/// term (and its last copy next to the flat postings) cost the page 22 MB of wasm memory, kept
/// for good, at 100,000 talks.
#[derive(Default)]
pub struct TextIndexBuilder {
    /// Terms in first-seen order, stored once: the text end to end, and their ids in a table.
    text: String,
    ends: Vec<u32>,
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    kinds: Vec<KindBuild>,
    /// Set by `fill`: the second pass.
    filling: bool,
    /// Dictionary order: `order[rank]` is a term id (set by `fill`).
    order: Vec<u32>,
}

#[derive(Default)]
struct KindBuild {
    len: usize,
    /// Per term id: the first pass's count of items, then the second pass's next free place.
    next: Vec<u32>,
    /// Per term id: the last item added plus one (0 for none), so an item counts once per term.
    last: Vec<u32>,
    /// The second pass's output, in dictionary order.
    postings: Postings,
}

impl TextIndexBuilder {
    /// A builder for items of `sizes.len()` kinds (kind `k` has `sizes[k]` items).
    pub(crate) fn new(sizes: &[usize]) -> Self {
        TextIndexBuilder {
            kinds: sizes
                .iter()
                .map(|&len| KindBuild {
                    len,
                    ..KindBuild::default()
                })
                .collect(),
            ..TextIndexBuilder::default()
        }
    }

    fn term_text(&self, t: u32) -> &str {
        let end = self.ends[t as usize] as usize;
        let start = if t == 0 {
            0
        } else {
            self.ends[t as usize - 1] as usize
        };
        &self.text[start..end]
    }

    /// The id of `word`, added to the dictionary in the first pass.
    fn term(&mut self, word: &str) -> Option<u32> {
        use std::hash::BuildHasher;
        let hash = self.hasher.hash_one(word);
        let (text, ends) = (&self.text, &self.ends);
        let found = self.table.find(hash, |&t| {
            let end = ends[t as usize] as usize;
            let start = if t == 0 {
                0
            } else {
                ends[t as usize - 1] as usize
            };
            &text[start..end] == word
        });
        if let Some(&t) = found {
            return Some(t);
        }
        if self.filling {
            // The second pass reads the same texts: a new word would be a caller's mistake.
            return None;
        }
        let t = self.ends.len() as u32;
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.table.insert_unique(hash, t, |&u| {
            let end = ends[u as usize] as usize;
            let start = if u == 0 {
                0
            } else {
                ends[u as usize - 1] as usize
            };
            hasher.hash_one(&text[start..end])
        });
        Some(t)
    }

    /// Adds `text` to item `id` of `kind`. Items must be added in increasing id order per kind,
    /// and the second pass must add the same texts in the same order as the first.
    pub fn add(&mut self, kind: usize, id: u32, text: &str) {
        for_each_word(text, |w| {
            let Some(t) = self.term(w) else { return };
            let k = &mut self.kinds[kind];
            let t = t as usize;
            if k.last.len() <= t {
                k.last.resize(t + 1, 0);
                k.next.resize(t + 1, 0);
            }
            if k.last[t] == id + 1 {
                return;
            }
            k.last[t] = id + 1;
            if self.filling {
                let at = k.next[t];
                if at & DENSE != 0 {
                    let p = &mut k.postings;
                    let word = (at & !DENSE) as usize * p.words + id as usize / 64;
                    p.bits[word] |= 1 << (id % 64);
                } else {
                    k.postings.ids[at as usize] = id;
                    k.next[t] += 1;
                }
            } else {
                k.next[t] += 1;
            }
        });
    }

    /// Whether the first pass has ended ([`TextIndexBuilder::fill`]).
    pub(crate) fn filling(&self) -> bool {
        self.filling
    }

    /// Ends the first pass: sorts the dictionary and lays out every kind's postings at their
    /// exact size. Then add the same texts again.
    pub(crate) fn fill(&mut self) {
        let n = self.ends.len();
        let mut order: Vec<u32> = (0..n as u32).collect();
        {
            let this = &*self;
            crate::order::rows_by(&mut order, &|&a, &b| {
                this.term_text(a).cmp(this.term_text(b))
            });
        }
        for k in &mut self.kinds {
            k.next.resize(n, 0);
            k.last = vec![0; n];
            let len = k.len;
            let listed: usize = k
                .next
                .iter()
                .filter(|&&c| !is_dense(c, len))
                .map(|&c| c as usize)
                .sum();
            let mut offsets = Vec::with_capacity(n + 1);
            let mut dense = Vec::new();
            let mut at = 0u32;
            offsets.push(0);
            for (rank, &t) in order.iter().enumerate() {
                // `next[t]` becomes where term t's items start, or its dense slot.
                let count = k.next[t as usize];
                if is_dense(count, len) {
                    k.next[t as usize] = DENSE | dense.len() as u32;
                    dense.push(rank as u32);
                } else {
                    k.next[t as usize] = at;
                    at += count;
                }
                offsets.push(at);
            }
            let words = len.div_ceil(64);
            k.postings = Postings {
                offsets,
                ids: vec![0; listed],
                bits: vec![0; dense.len() * words],
                dense,
                words,
            };
        }
        self.order = order;
        self.filling = true;
    }

    /// The index, once the second pass has added every text.
    pub(crate) fn finish(self) -> TextIndex {
        let sorted: Vec<Box<str>> = self
            .order
            .iter()
            .map(|&t| Box::from(self.term_text(t)))
            .collect();
        let sizes: Vec<usize> = self.kinds.iter().map(|k| k.len).collect();
        let postings: Vec<Postings> = self.kinds.into_iter().map(|k| k.postings).collect();
        let initials = postings
            .iter()
            .zip(&sizes)
            .map(|(p, &len)| initial_sets(&sorted, p, len))
            .collect();
        TextIndex {
            terms: sorted,
            postings,
            sizes,
            initials,
        }
    }
}

/// The built search index: immutable, shared by every query.
#[derive(Debug, Default)]
#[cfg_attr(test, derive(PartialEq))]
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
            postings.add_to(t, set);
        }
    }
    out
}

impl TextIndex {
    /// The index of items of `sizes.len()` kinds (kind `k` has `sizes[k]` items): `add_all`
    /// adds every item's text with [`TextIndexBuilder::add`], in increasing id order per kind,
    /// and is called twice, for the two passes (see [`TextIndexBuilder`]).
    pub fn build(sizes: &[usize], mut add_all: impl FnMut(&mut TextIndexBuilder)) -> TextIndex {
        let mut b = TextIndexBuilder::new(sizes);
        add_all(&mut b);
        b.fill();
        add_all(&mut b);
        b.finish()
    }

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
                        postings.add_to(t, &mut set);
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
mod tests;

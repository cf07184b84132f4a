//! The split form's full-text search index, made to be fetched in pieces (the way pagefind
//! does it): a small dictionary listing the chunks, and posting chunks keyed by the first
//! [`PREFIX_CHARS`] characters of their terms, so a query fetches only the chunks of its words'
//! prefixes, each once. It covers the long texts only (abstracts, report bodies); titles,
//! speakers, events, places and projects are in the main document and in the app's in-memory
//! index (`query::search`), and a query word matches an item when either finds it.
//!
//! Words are split and folded by `query::search` (accent- and case-insensitive), and the text is
//! `markdown::search_text` of the same strings the shards hold, so a split bundle finds exactly
//! what the same bundle in one file finds. Layout: "Split form" in `docs/bundle-format.md`.

use crate::model::Bundle;
use crate::query::search::for_each_word;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// `format` of the dictionary.
pub const INDEX_FORMAT: &str = "hallway-search";
/// `format` of a chunk.
pub const CHUNK_FORMAT: &str = "hallway-search-chunk";
/// How many leading characters of a term key its chunk. Two keep a chunk to the terms a
/// typed word can still reach (a few hundred kilobytes at 100k talks for the most common
/// prefixes) while the dictionary stays a few kilobytes.
pub const PREFIX_CHARS: usize = 2;

/// The dictionary: which chunks exist, and the collection sizes it was built for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dictionary {
    pub format: String,
    pub version: String,
    /// [`PREFIX_CHARS`] when built; a reader uses the value written here.
    pub prefix_chars: usize,
    /// How many talks and reports the main document has: postings are their positions.
    pub talks: u32,
    pub reports: u32,
    /// Sorted by key.
    pub chunks: Vec<ChunkRef>,
}

/// One chunk as the dictionary lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkRef {
    /// The folded prefix every term in the chunk starts with (a shorter term is its own key).
    pub key: String,
    /// Relative to the dictionary; named by content hash, so it can be cached forever.
    pub file: String,
    pub terms: u32,
    pub bytes: u64,
}

/// A chunk file: per term, the talks and reports whose long text has it, as positions in the
/// main document's lists, delta-coded (first value, then gaps) to keep the numbers short.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkFile {
    pub format: String,
    pub version: String,
    pub key: String,
    pub terms: BTreeMap<String, Postings>,
    /// In a chunk keyed by fewer than `prefix_chars` characters (one letter): every item with a
    /// term starting with the key, so a one-letter word needs this one small chunk (long runs
    /// of gap 1 compress to little) instead of every chunk of its letter.
    #[serde(default, skip_serializing_if = "Postings::is_empty")]
    pub all: Postings,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Postings {
    #[serde(default, rename = "t", skip_serializing_if = "Vec::is_empty")]
    pub talks: Vec<u32>,
    #[serde(default, rename = "r", skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<u32>,
}

impl Postings {
    pub fn is_empty(&self) -> bool {
        self.talks.is_empty() && self.reports.is_empty()
    }
}

/// A built index: the dictionary and each chunk's file name and bytes.
pub struct Built {
    pub dictionary: Dictionary,
    pub dictionary_bytes: Vec<u8>,
    pub chunks: Vec<(String, Vec<u8>)>,
}

fn key_of(term: &str, prefix_chars: usize) -> &str {
    match term.char_indices().nth(prefix_chars) {
        Some((i, _)) => &term[..i],
        None => term,
    }
}

fn delta(ids: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    ids.iter()
        .enumerate()
        .map(|(i, &id)| {
            let d = if i == 0 { id } else { id - prev };
            prev = id;
            d
        })
        .collect()
}

fn undelta(gaps: &[u32]) -> Vec<u32> {
    let mut at = 0u32;
    gaps.iter()
        .enumerate()
        .map(|(i, &g)| {
            at = if i == 0 { g } else { at.saturating_add(g) };
            at
        })
        .collect()
}

/// Builds the index of `bundle`'s abstracts and report bodies (held inline: before splitting,
/// or after merging the shards back).
pub fn build(bundle: &Bundle) -> Built {
    let version = format!(
        "{}.{}",
        crate::model::VERSION_MAJOR,
        crate::model::VERSION_MINOR
    );
    let mut terms: HashMap<String, Postings> = HashMap::new();
    let mut add = |text: &str, id: u32, talk: bool| {
        for_each_word(&crate::markdown::search_text(text), |w| {
            let p = match terms.get_mut(w) {
                Some(p) => p,
                None => terms.entry(w.to_string()).or_default(),
            };
            let list = if talk { &mut p.talks } else { &mut p.reports };
            if list.last() != Some(&id) {
                list.push(id);
            }
        });
    };
    for (i, t) in bundle.talks.iter().enumerate() {
        if let Some(a) = &t.r#abstract {
            add(a, i as u32, true);
        }
    }
    for (i, r) in bundle.reports.iter().enumerate() {
        if let Some(b) = &r.body {
            add(b, i as u32, false);
        }
    }
    let mut by_key: BTreeMap<String, BTreeMap<String, Postings>> = BTreeMap::new();
    // Per short key (fewer than PREFIX_CHARS characters), the items of every term under it.
    let mut short: BTreeMap<String, (Vec<bool>, Vec<bool>)> = BTreeMap::new();
    let (talks, reports) = (bundle.talks.len(), bundle.reports.len());
    for (term, p) in terms {
        for (n, (i, _)) in term.char_indices().skip(1).enumerate() {
            if n + 1 >= PREFIX_CHARS {
                break;
            }
            let (t, r) = short
                .entry(term[..i].to_string())
                .or_insert_with(|| (vec![false; talks], vec![false; reports]));
            p.talks.iter().for_each(|&x| t[x as usize] = true);
            p.reports.iter().for_each(|&x| r[x as usize] = true);
        }
        let key = key_of(&term, PREFIX_CHARS).to_string();
        if key.chars().count() < PREFIX_CHARS {
            let (t, r) = short
                .entry(key.clone())
                .or_insert_with(|| (vec![false; talks], vec![false; reports]));
            p.talks.iter().for_each(|&x| t[x as usize] = true);
            p.reports.iter().for_each(|&x| r[x as usize] = true);
        }
        let p = Postings {
            talks: delta(&p.talks),
            reports: delta(&p.reports),
        };
        by_key.entry(key).or_default().insert(term, p);
    }
    let set = |bits: &[bool]| -> Vec<u32> {
        let ids: Vec<u32> = (0..bits.len() as u32)
            .filter(|&i| bits[i as usize])
            .collect();
        delta(&ids)
    };
    let mut all: BTreeMap<String, Postings> = short
        .into_iter()
        .map(|(k, (t, r))| {
            (
                k,
                Postings {
                    talks: set(&t),
                    reports: set(&r),
                },
            )
        })
        .collect();
    for k in all.keys() {
        by_key.entry(k.clone()).or_default();
    }
    let mut chunks = Vec::with_capacity(by_key.len());
    let mut refs = Vec::with_capacity(by_key.len());
    for (key, terms) in by_key {
        let file = ChunkFile {
            format: CHUNK_FORMAT.into(),
            version: version.clone(),
            all: all.remove(&key).unwrap_or_default(),
            key: key.clone(),
            terms,
        };
        let mut bytes = serde_json::to_vec(&file).unwrap_or_default();
        bytes.push(b'\n');
        let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        let name = format!("{hex}-{:08x}.json", crate::load::fingerprint(&bytes) as u32);
        refs.push(ChunkRef {
            key,
            file: name.clone(),
            terms: file.terms.len() as u32,
            bytes: bytes.len() as u64,
        });
        chunks.push((name, bytes));
    }
    let dictionary = Dictionary {
        format: INDEX_FORMAT.into(),
        version,
        prefix_chars: PREFIX_CHARS,
        talks: bundle.talks.len() as u32,
        reports: bundle.reports.len() as u32,
        chunks: refs,
    };
    let mut dictionary_bytes = serde_json::to_vec(&dictionary).unwrap_or_default();
    dictionary_bytes.push(b'\n');
    Built {
        dictionary,
        dictionary_bytes,
        chunks,
    }
}

fn refuse(what: &str, e: impl std::fmt::Display) -> String {
    format!("not a Hallway search {what}: {e}")
}

/// Reads a dictionary, refusing another format or major version.
pub fn decode_dictionary(bytes: &[u8]) -> Result<Dictionary, String> {
    let d: Dictionary = serde_json::from_slice(bytes).map_err(|e| refuse("index", e))?;
    if d.format != INDEX_FORMAT {
        return Err(refuse(
            "index",
            format!("`format` is \"{}\", not \"{INDEX_FORMAT}\"", d.format),
        ));
    }
    if !d
        .version
        .starts_with(&format!("{}.", crate::model::VERSION_MAJOR))
    {
        return Err(refuse("index", format!("version {} is not 1.x", d.version)));
    }
    if d.prefix_chars == 0 {
        return Err(refuse("index", "`prefix_chars` is 0"));
    }
    Ok(d)
}

/// A chunk, decoded: terms sorted, postings as positions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chunk {
    pub key: String,
    terms: Vec<(String, Vec<u32>, Vec<u32>)>,
    all: (Vec<u32>, Vec<u32>),
}

/// Reads a chunk, refusing another format.
pub fn decode_chunk(bytes: &[u8]) -> Result<Chunk, String> {
    let c: ChunkFile = serde_json::from_slice(bytes).map_err(|e| refuse("chunk", e))?;
    if c.format != CHUNK_FORMAT {
        return Err(refuse(
            "chunk",
            format!("`format` is \"{}\", not \"{CHUNK_FORMAT}\"", c.format),
        ));
    }
    Ok(Chunk {
        key: c.key,
        all: (undelta(&c.all.talks), undelta(&c.all.reports)),
        terms: c
            .terms
            .into_iter()
            .map(|(t, p)| (t, undelta(&p.talks), undelta(&p.reports)))
            .collect(),
    })
}

/// Which list of the index a query runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Talks,
    Reports,
}

impl Dictionary {
    /// Refuses a dictionary built for another main document (its postings are positions in it,
    /// so they would find the wrong talks): the counts must match.
    pub fn check(&self, bundle: &Bundle) -> Result<(), String> {
        let (t, r) = (bundle.talks.len(), bundle.reports.len());
        if self.talks as usize == t && self.reports as usize == r {
            Ok(())
        } else {
            Err(format!(
                "the search index was built for {} talks and {} reports, the bundle has {t} and {r}; \
                 rebuild it with `hallway build --split`",
                self.talks, self.reports
            ))
        }
    }

    /// The chunk a query word needs: the one of its prefix (a word shorter than the prefix
    /// has a chunk of its own, whose `all` lists every item it reaches). None: no item has it.
    pub fn chunks_for_word(&self, word: &str) -> Vec<&ChunkRef> {
        let key = key_of(word, self.prefix_chars);
        match self.chunks.binary_search_by(|c| c.key.as_str().cmp(key)) {
            Ok(i) => vec![&self.chunks[i]],
            Err(_) => Vec::new(),
        }
    }

    /// The chunks every word of `query` needs, each once, in dictionary order.
    pub fn chunks_for_query(&self, query: &str) -> Vec<&ChunkRef> {
        let words = crate::query::search::query_words(query);
        self.chunks
            .iter()
            .filter(|c| {
                words
                    .iter()
                    .any(|w| self.chunks_for_word(w).iter().any(|n| n.key == c.key))
            })
            .collect()
    }
}

/// The dictionary and the chunks fetched so far; answers a word once its chunks are here.
#[derive(Debug, Default)]
pub struct FullText {
    pub dictionary: Option<Dictionary>,
    chunks: HashMap<String, Chunk>,
}

impl FullText {
    pub fn new(dictionary: Dictionary) -> Self {
        FullText {
            dictionary: Some(dictionary),
            chunks: HashMap::new(),
        }
    }

    pub fn add(&mut self, chunk: Chunk) {
        self.chunks.insert(chunk.key.clone(), chunk);
    }

    /// The chunks `query` needs that are not here yet.
    pub fn missing(&self, query: &str) -> Vec<ChunkRef> {
        let Some(d) = &self.dictionary else {
            return Vec::new();
        };
        d.chunks_for_query(query)
            .into_iter()
            .filter(|c| !self.chunks.contains_key(&c.key))
            .cloned()
            .collect()
    }

    /// Calls `f` with every item of `kind` whose long text has a term starting with `word`.
    /// Returns false (calling nothing) when a chunk it needs is not here yet.
    pub fn each_match(&self, word: &str, kind: Kind, mut f: impl FnMut(&[u32])) -> bool {
        let Some(d) = &self.dictionary else {
            return false;
        };
        let needed = d.chunks_for_word(word);
        if needed.iter().any(|c| !self.chunks.contains_key(&c.key)) {
            return false;
        }
        let short = word.chars().count() < d.prefix_chars;
        for c in needed {
            let chunk = &self.chunks[&c.key];
            if short {
                f(match kind {
                    Kind::Talks => &chunk.all.0,
                    Kind::Reports => &chunk.all.1,
                });
                continue;
            }
            let lo = chunk.terms.partition_point(|(t, ..)| t.as_str() < word);
            for (term, talks, reports) in &chunk.terms[lo..] {
                if !term.starts_with(word) {
                    break;
                }
                f(match kind {
                    Kind::Talks => talks,
                    Kind::Reports => reports,
                });
            }
        }
        true
    }
}

/// Where a rebuilt index differs from the one on disk: one line per difference.
pub fn compare(
    rebuilt: &Built,
    dictionary: &[u8],
    read_chunk: impl Fn(&str) -> Option<Vec<u8>>,
) -> Vec<String> {
    let mut out = Vec::new();
    match decode_dictionary(dictionary) {
        Err(e) => out.push(format!("the dictionary: {e}")),
        Ok(d) if d != rebuilt.dictionary => {
            let want: Vec<&str> = rebuilt.dictionary.chunks.iter().map(|c| &*c.file).collect();
            let have: Vec<&str> = d.chunks.iter().map(|c| &*c.file).collect();
            let stale = have.iter().filter(|f| !want.contains(f)).count();
            let absent = want.iter().filter(|f| !have.contains(f)).count();
            out.push(format!(
                "the dictionary does not match the texts ({} talks, {} reports listed for {} and {}; \
                 {stale} chunk(s) listed that the texts do not give, {absent} missing)",
                d.talks, d.reports, rebuilt.dictionary.talks, rebuilt.dictionary.reports
            ));
        }
        Ok(_) => {}
    }
    for (name, bytes) in &rebuilt.chunks {
        match read_chunk(name) {
            None => out.push(format!("chunk `{name}` is missing")),
            Some(b) if &b != bytes => out.push(format!(
                "chunk `{name}` does not match the texts (its name is its content's hash)"
            )),
            Some(_) => {}
        }
    }
    out
}

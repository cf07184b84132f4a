//! The one-pass loader for the common case: a bundle with nothing wrong in it is decoded
//! straight into its types, with no raw records, no JSON paths and no line index.
//!
//! Anything it cannot vouch for (a syntax or type error anywhere, a bad or repeated id, a
//! reference that does not resolve, a repaired field) makes it give up, and the careful
//! record-by-record loader runs over the same text and reports every problem with its path,
//! line and column. So the result is always what the careful loader would give; this path only
//! spares the clean bundle its second pass (two fifths of the load at 100,000 talks).

use super::{check_id, header, validate, Context, HasId, LoadError, LoadOptions, Loaded};
use crate::model::*;
use foldhash::{HashSet, HashSetExt};
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::cell::Cell;
use std::fmt;

thread_local! {
    /// `LoadOptions::max_records` while `decode` runs. Serde's derive cannot pass a runtime
    /// bound to a field's deserializer, and the bound must hold while decoding: stopping at the
    /// limit is what keeps a bundle of a million tiny records from filling the tab's memory.
    static MAX_RECORDS: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// The document as the fast path reads it: `Bundle`'s fields, each collection bounded.
#[derive(Deserialize, Default)]
pub(super) struct Document {
    pub(super) format: Option<String>,
    pub(super) version: Option<String>,
    #[serde(default)]
    pub(super) generator: Option<Generator>,
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) generated: Option<String>,
    #[serde(default)]
    pub(super) attribution: Vec<Attribution>,
    #[serde(default)]
    pub(super) texts: Option<TextShards>,
    #[serde(default, deserialize_with = "bounded")]
    pub(super) projects: Vec<Project>,
    #[serde(default, deserialize_with = "bounded")]
    pub(super) places: Vec<Place>,
    #[serde(default, deserialize_with = "bounded")]
    pub(super) venues: Vec<Venue>,
    #[serde(default, deserialize_with = "bounded")]
    pub(super) series: Vec<Series>,
    #[serde(default, deserialize_with = "bounded")]
    pub(super) events: Vec<Event>,
    #[serde(default, deserialize_with = "bounded")]
    pub(super) people: Vec<Person>,
    #[serde(default, deserialize_with = "bounded")]
    pub(super) talks: Vec<Talk>,
    #[serde(default, deserialize_with = "bounded")]
    pub(super) reports: Vec<Report>,
}

/// A sequence that fails once it holds more than `MAX_RECORDS` items.
fn bounded<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    struct Bounded<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of records")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let max = MAX_RECORDS.with(Cell::get);
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element()? {
                if out.len() == max {
                    return Err(serde::de::Error::custom("too many records"));
                }
                out.push(item);
            }
            // The length is unknown until the end, so the vector grew by doubling and may be
            // up to half empty: at 100,000 talks that slack was 18 MB kept for the page's life.
            // Shrinking is in place (the allocator splits the block), so it costs no copy.
            out.shrink_to_fit();
            Ok(out)
        }
    }
    d.deserialize_seq(Bounded(std::marker::PhantomData))
}

/// Restores the bound when `decode` returns, also by unwinding.
struct Bound(usize);
impl Drop for Bound {
    fn drop(&mut self) {
        MAX_RECORDS.with(|m| m.set(self.0));
    }
}

/// The bundle, when the text is a clean one; `Ok(None)` sends it to the careful loader. Errors
/// are only those the careful loader would give for the same text (format and version).
pub(super) fn load(text: &str, options: &LoadOptions) -> Result<Option<Loaded>, LoadError> {
    let doc: Document = {
        let _restore = Bound(MAX_RECORDS.with(|m| m.replace(options.max_records)));
        match serde_json::from_str(text) {
            Ok(doc) => doc,
            Err(_) => return Ok(None),
        }
    };
    finish(doc, options)
}

/// The checks after decoding, shared with the streaming loader (`stream`): the header, ids,
/// and `validate` with no problem allowed.
pub(super) fn finish(doc: Document, options: &LoadOptions) -> Result<Option<Loaded>, LoadError> {
    let (version, notices) = header(doc.format, doc.version)?;
    let Some(title) = doc.title else {
        // The careful loader names it "Untitled bundle" and says nothing: the same result,
        // but keep one place that decides it.
        return Ok(None);
    };
    let mut bundle = Bundle {
        version,
        generator: doc.generator,
        generated: doc.generated,
        attribution: doc.attribution,
        texts: doc.texts,
        projects: doc.projects,
        places: doc.places,
        venues: doc.venues,
        series: doc.series,
        events: doc.events,
        people: doc.people,
        talks: doc.talks,
        reports: doc.reports,
        ..Bundle::new(title)
    };
    let b = &bundle;
    let clean = ids_ok(&b.projects)
        && ids_ok(&b.places)
        && ids_ok(&b.venues)
        && ids_ok(&b.series)
        && ids_ok(&b.events)
        && ids_ok(&b.people)
        && ids_ok(&b.talks)
        && ids_ok(&b.reports);
    if !clean {
        return Ok(None);
    }
    // No text: a problem sends the bundle to the careful loader, which has it.
    let mut cx = Context::new("");
    cx.references = options.references;
    validate::validate(&mut bundle, &mut cx);
    if !cx.problems.is_empty() {
        return Ok(None);
    }
    Ok(Some(Loaded {
        bundle,
        problems: Vec::new(),
        notices,
    }))
}

/// Every id well-formed and none repeated.
fn ids_ok<T: HasId>(items: &[T]) -> bool {
    let mut seen = HashSet::with_capacity(items.len());
    items
        .iter()
        .all(|r| check_id(r.id()).is_ok() && seen.insert(r.id()))
}

//! Turns bundle bytes into a validated [`Bundle`], keeping every good record and reporting every bad one.
//!
//! A clean bundle is decoded in one typed pass (`fast`). Anything else is parsed carefully, in
//! two passes over the same bytes: first into borrowed raw records (syntax errors stop here,
//! with line and column), then record by record, so that one bad talk is skipped with its JSON
//! path while everything else loads. Both give the same result for a clean bundle.

use crate::model::*;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::fmt;

/// The default size cap: a bundle above it is refused before parsing.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// The default cap on records in one collection. Hallway is built for archives of up to about
/// 100,000 talks (docs/bundle-format.md); far beyond that the indexes no longer fit a phone's
/// memory, and a million records would hold the browser's main thread for seconds. Counting is
/// cheap, so an oversized collection is refused before any record is decoded.
pub const DEFAULT_MAX_RECORDS: usize = 250_000;

#[derive(Clone, Debug)]
pub struct LoadOptions {
    pub max_bytes: usize,
    /// Refuse a bundle with more records than this in any one collection.
    pub max_records: usize,
    /// Check that references resolve (the default). `merge::load_part` turns it off: a bundle
    /// meant to be merged may point into another one, so its references are checked once, on
    /// the merged bundle.
    pub references: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            max_records: DEFAULT_MAX_RECORDS,
            references: true,
        }
    }
}

impl LoadOptions {
    /// No caps: for trusted local files, such as the publisher's own build output.
    pub fn unlimited() -> Self {
        LoadOptions {
            max_bytes: usize::MAX,
            max_records: usize::MAX,
            references: true,
        }
    }
}

/// Why a whole document could not be used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LoadError {
    TooLarge {
        size: usize,
        limit: usize,
    },
    TooManyRecords {
        collection: String,
        count: usize,
        limit: usize,
    },
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    NotABundle {
        reason: String,
    },
    UnsupportedVersion {
        found: String,
        supported: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooLarge { size, limit } => write!(
                f,
                "The bundle is {size} bytes, over the limit of {limit} bytes. Publish it in the split form (`hallway build --split`) or raise the limit."
            ),
            LoadError::TooManyRecords { collection, count, limit } => write!(
                f,
                "The bundle has {count} records in `{collection}`, over the limit of {limit} in one collection. Publish several smaller bundles (one per series or per year, say), or raise the limit (`hallway check --max-records`)."
            ),
            LoadError::Syntax { line, column, message } => write!(
                f,
                "The bundle is not valid JSON: {message} at line {line}, column {column}. Fix the file there, or run `hallway check` on it."
            ),
            LoadError::NotABundle { reason } => {
                write!(f, "This is not a Hallway bundle: {reason}.")
            }
            LoadError::UnsupportedVersion { found, supported } => write!(
                f,
                "The bundle has format version {found}, but this Hallway reads version {supported}. Update Hallway, or publish the bundle in version {supported}."
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// What happened to a record that had a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// The record was left out.
    Skipped,
    /// The record was kept without the offending part.
    Repaired,
}

/// One problem in one record, located by JSON path and by line and column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub outcome: Outcome,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.outcome {
            Outcome::Skipped => "record skipped",
            Outcome::Repaired => "record kept without it",
        };
        write!(
            f,
            "{}: {} (line {}, column {}; {what})",
            self.path, self.message, self.line, self.column
        )
    }
}

/// A loaded bundle with what the loader had to say about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub bundle: Bundle,
    pub problems: Vec<Problem>,
    /// Things worth telling that are not problems (a newer minor version, for example).
    pub notices: Vec<String>,
}

#[derive(Deserialize)]
struct RawBundle<'a> {
    format: Option<String>,
    version: Option<String>,
    #[serde(borrow)]
    generator: Option<&'a RawValue>,
    title: Option<&'a RawValue>,
    generated: Option<&'a RawValue>,
    attribution: Option<&'a RawValue>,
    texts: Option<&'a RawValue>,
    projects: Option<&'a RawValue>,
    places: Option<&'a RawValue>,
    venues: Option<&'a RawValue>,
    series: Option<&'a RawValue>,
    events: Option<&'a RawValue>,
    people: Option<&'a RawValue>,
    talks: Option<&'a RawValue>,
    reports: Option<&'a RawValue>,
}

/// Loads a bundle from its bytes (UTF-8, an optional BOM), with the default options.
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_with(bytes, &LoadOptions::default())
}

pub fn load_with(bytes: &[u8], options: &LoadOptions) -> Result<Loaded, LoadError> {
    if let Some(loaded) = load_clean(bytes, options)? {
        return Ok(loaded);
    }
    careful(text_of(bytes)?, options)
}

/// The one-pass loader alone: the bundle when nothing in it is wrong, `Ok(None)` when it needs
/// the careful loader ([`load_with`]) to find and locate its problems, and the errors that need
/// no careful look (size, encoding, format and version). The app links only this: its worker
/// runs the careful loader (`remote::Job::Load`), so the first load does not carry it.
pub fn load_clean(bytes: &[u8], options: &LoadOptions) -> Result<Option<Loaded>, LoadError> {
    let _ids = crate::shared::Interning::start();
    if bytes.len() > options.max_bytes {
        return Err(LoadError::TooLarge {
            size: bytes.len(),
            limit: options.max_bytes,
        });
    }
    fast::load(text_of(bytes)?, options)
}

/// The bytes as text, without a byte order mark.
fn text_of(bytes: &[u8]) -> Result<&str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| utf8_error(bytes, e))
}

/// The record-by-record loader: every problem with its JSON path, line and column.
fn careful(text: &str, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let _ids = crate::shared::Interning::start();
    let raw: RawBundle = match serde_json::from_str(text) {
        Ok(raw) => raw,
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            // A type error can come before a syntax error later in the text; the syntax error
            // is what the publisher must fix first. Only paid on this failure path.
            if let Err(syntax) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
                return Err(document_error(syntax));
            }
            return Err(document_error(e));
        }
        Err(e) => return Err(document_error(e)),
    };
    // Count before decoding anything, so that an oversized bundle is refused in the time
    // it takes to scan it once more.
    let collections = [
        raw.projects,
        raw.places,
        raw.venues,
        raw.series,
        raw.events,
        raw.people,
        raw.talks,
        raw.reports,
    ]
    .map(Collection::of);
    for (name, collection) in COLLECTIONS.iter().zip(&collections) {
        if let Collection::Items(items) = collection {
            if items.len() > options.max_records {
                return Err(LoadError::TooManyRecords {
                    collection: name.to_string(),
                    count: items.len(),
                    limit: options.max_records,
                });
            }
        }
    }
    let mut cx = Context::new(text);
    cx.references = options.references;
    let (version, notices) = header(raw.format, raw.version)?;

    let title = raw
        .title
        .and_then(|t| cx.field::<String>("title", t))
        .unwrap_or_else(|| "Untitled bundle".into());
    let mut bundle = Bundle::new(title);
    bundle.version = version;
    bundle.generator = raw.generator.and_then(|g| cx.field("generator", g));
    bundle.generated = raw.generated.and_then(|g| cx.field("generated", g));
    bundle.attribution = raw
        .attribution
        .and_then(|a| cx.field("attribution", a))
        .unwrap_or_default();
    bundle.texts = raw.texts.and_then(|t| cx.field("texts", t));

    let [projects, places, venues, series, events, people, talks, reports] = collections;
    bundle.projects = cx.records("projects", projects);
    bundle.places = cx.records("places", places);
    bundle.venues = cx.records("venues", venues);
    bundle.series = cx.records("series", series);
    bundle.events = cx.records("events", events);
    bundle.people = cx.records("people", people);
    bundle.talks = cx.records("talks", talks);
    bundle.reports = cx.records("reports", reports);

    validate::validate(&mut bundle, &mut cx);
    let mut problems = cx.problems;
    crate::order::by_key(&mut problems, |p| (p.line, p.column));
    Ok(Loaded {
        bundle,
        problems,
        notices,
    })
}

/// Checks `format` and `version`: the version to keep, and a notice for a newer minor version.
fn header(
    format: Option<String>,
    version: Option<String>,
) -> Result<(String, Vec<String>), LoadError> {
    let mut notices = Vec::new();
    match format.as_deref() {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(LoadError::NotABundle {
                reason: format!("its `format` is \"{other}\", expected \"{FORMAT}\""),
            })
        }
        None => {
            return Err(LoadError::NotABundle {
                reason: format!("it has no `format` field (expected \"{FORMAT}\")"),
            })
        }
    }
    let version = version.ok_or_else(|| LoadError::NotABundle {
        reason: "it has no `version` field".into(),
    })?;
    let (major, minor) = parse_version(&version).ok_or_else(|| LoadError::NotABundle {
        reason: format!("its `version` \"{version}\" is not MAJOR.MINOR"),
    })?;
    if major != VERSION_MAJOR {
        return Err(LoadError::UnsupportedVersion {
            found: version,
            supported: format!("{VERSION_MAJOR}.{VERSION_MINOR}"),
        });
    }
    if minor > VERSION_MINOR {
        notices.push(format!(
            "The bundle is version {version}, newer than this Hallway ({VERSION_MAJOR}.{VERSION_MINOR}); fields this version does not know are ignored."
        ));
    }

    Ok((version, notices))
}

/// A hash of a bundle's bytes, to tell two versions of one bundle apart (the app compares the
/// bundle on screen with what the network has later). foldhash reads 8 bytes at a step where
/// the FNV loop this replaced read one; the fixed seed makes it the same on every load.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut f = Fingerprint::new();
    f.update(bytes);
    f.finish()
}

/// [`fingerprint`] taken as the bytes arrive: hashed in blocks of 64 KiB, each chained into the
/// next through the seed, so the result does not depend on how the download was split.
pub struct Fingerprint {
    hash: u64,
    block: Vec<u8>,
}

const FINGERPRINT_BLOCK: usize = 64 * 1024;

impl Default for Fingerprint {
    fn default() -> Self {
        Self::new()
    }
}

impl Fingerprint {
    pub fn new() -> Self {
        Fingerprint {
            hash: 0x6861_6c6c_7761_7921,
            block: Vec::new(),
        }
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        if !self.block.is_empty() {
            let take = (FINGERPRINT_BLOCK - self.block.len()).min(bytes.len());
            self.block.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.block.len() < FINGERPRINT_BLOCK {
                return;
            }
            self.hash = chain(self.hash, &self.block);
            self.block.clear();
        }
        let mut blocks = bytes.chunks_exact(FINGERPRINT_BLOCK);
        for block in &mut blocks {
            self.hash = chain(self.hash, block);
        }
        self.block.extend_from_slice(blocks.remainder());
    }

    pub fn finish(self) -> u64 {
        chain(self.hash, &self.block)
    }
}

fn chain(seed: u64, block: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(seed).hash_one(block)
}

/// Says where the text stops being UTF-8 and what to do, naming UTF-16 (a common export
/// format on Windows) when its byte order mark gives it away.
fn utf8_error(bytes: &[u8], e: std::str::Utf8Error) -> LoadError {
    let at = e.valid_up_to();
    let (line, column) = LineIndex::new(&String::from_utf8_lossy(&bytes[..at])).position(at);
    let column = String::from_utf8_lossy(&bytes[at + 1 - column..at])
        .chars()
        .count()
        + 1;
    let message = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        "the file is UTF-16 text, and bundles must be UTF-8; save it as UTF-8".to_string()
    } else {
        format!(
            "invalid UTF-8 (byte 0x{:02X} does not fit there); save the file as UTF-8",
            bytes[at]
        )
    };
    LoadError::Syntax {
        line,
        column,
        message,
    }
}

fn parse_version(v: &str) -> Option<(u32, u32)> {
    let (major, minor) = v.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

fn document_error(e: serde_json::Error) -> LoadError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => LoadError::Syntax {
            line: e.line(),
            // serde_json says column 0 for an error at a line's very start (an empty file, a raw
            // newline in a string); columns here are 1-based, as editors count them.
            column: e.column().max(1),
            message: strip_position(&e.to_string()),
        },
        Category::Data => LoadError::NotABundle {
            reason: format!(
                "{} (the top level must be an object with `format`, `version` and the collections)",
                strip_position(&e.to_string())
            ),
        },
    }
}

/// serde_json appends " at line L column C"; we report position separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Records that carry an id.
pub trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($t:ty),*) => { $(impl HasId for $t { fn id(&self) -> &str { &self.id } })* };
}
has_id!(Project, Place, Venue, Series, Event, Person, Talk, Report);

/// Ids appear in URLs and file names, so they are kept to a safe alphabet.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("the id is empty".into());
    }
    if id.len() > 200 {
        return Err("the id is longer than 200 bytes".into());
    }
    if id.starts_with('.')
        || !id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(format!(
            "the id \"{id}\" may only hold letters, digits, `-`, `_` and `.` (not first)"
        ));
    }
    Ok(())
}

mod fast;
mod records;
mod shards;
mod stream;
mod validate;

pub use stream::StreamLoader;

/// Runs the checks across collections (references, coordinates, dates, shards) on a bundle
/// assembled in memory (`merge`): problems name records by their index in `bundle`, without
/// a line or column (0). Also says which talks were kept (a talk whose event is unknown is
/// skipped), one flag per talk as they were.
pub(crate) fn validate_assembled(bundle: &mut Bundle) -> (Vec<Problem>, Vec<bool>) {
    let mut cx = Context::new("");
    validate::validate(bundle, &mut cx);
    let problems = cx
        .problems
        .into_iter()
        .map(|p| Problem {
            line: 0,
            column: 0,
            ..p
        })
        .collect();
    (problems, cx.kept_talks)
}

pub use shards::{
    decode_shard, load_shard, merge_shard, missing_texts, resolve_url, text_in_shard, text_source,
    LongText, MissingText, ShardError, TextSource,
};

use records::{Collection, Context, LineIndex, COLLECTIONS};

#[cfg(test)]
mod tests;

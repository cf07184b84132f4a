//! Turns bundle bytes into a validated [`Bundle`], keeping every good record and reporting every bad one.
//!
//! The document is parsed in two passes over the same bytes: first into borrowed raw records
//! (syntax errors stop here, with line and column), then record by record, so that one bad
//! talk is skipped with its JSON path while everything else loads.

use crate::model::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
// foldhash, not std's SipHash: the loader hashes every id two or three times, and SipHash was
// a third of the load time at a million records. Its per-process random seed still keeps
// crafted colliding ids from freezing the tab.
use foldhash::{HashMap, HashSet, HashSetExt};
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
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            max_records: DEFAULT_MAX_RECORDS,
        }
    }
}

impl LoadOptions {
    /// No caps: for trusted local files, such as the publisher's own build output.
    pub fn unlimited() -> Self {
        LoadOptions {
            max_bytes: usize::MAX,
            max_records: usize::MAX,
        }
    }
}

/// Why a whole document could not be used.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The record was left out.
    Skipped,
    /// The record was kept without the offending part.
    Repaired,
}

/// One problem in one record, located by JSON path and by line and column.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug)]
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

/// The record collections, in the order they are decoded (places before the events that
/// refer to them, and so on).
const COLLECTIONS: [&str; 8] = [
    "projects", "places", "venues", "series", "events", "people", "talks", "reports",
];

/// A collection as found in the document, before its records are decoded.
enum Collection<'a> {
    Absent,
    NotAnArray(&'a RawValue),
    Items(Vec<&'a RawValue>),
}

impl<'a> Collection<'a> {
    fn of(value: Option<&'a RawValue>) -> Self {
        match value {
            None => Collection::Absent,
            Some(raw) => match serde_json::from_str(raw.get()) {
                Ok(items) => Collection::Items(items),
                Err(_) => Collection::NotAnArray(raw),
            },
        }
    }
}

/// Loads a bundle from its bytes (UTF-8, an optional BOM), with the default options.
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_with(bytes, &LoadOptions::default())
}

pub fn load_with(bytes: &[u8], options: &LoadOptions) -> Result<Loaded, LoadError> {
    if bytes.len() > options.max_bytes {
        return Err(LoadError::TooLarge {
            size: bytes.len(),
            limit: options.max_bytes,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| utf8_error(bytes, e))?;
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
    let mut cx = Context {
        text,
        lines: None,
        problems: Vec::new(),
        offsets: HashMap::default(),
    };
    let mut notices = Vec::new();

    match raw.format.as_deref() {
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
    let version = raw.version.ok_or_else(|| LoadError::NotABundle {
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
    problems.sort_by_key(|p| (p.line, p.column));
    Ok(Loaded {
        bundle,
        problems,
        notices,
    })
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

/// Byte offsets to 1-based line and column (columns count characters).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }
    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        (line, offset - self.starts[line - 1] + 1)
    }
}

struct Context<'a> {
    text: &'a str,
    lines: Option<LineIndex>,
    problems: Vec<Problem>,
    /// (index in the file, byte offset) of each kept record, per collection, for semantic problems.
    offsets: HashMap<&'static str, Vec<(usize, usize)>>,
}

impl<'a> Context<'a> {
    fn offset_of(&self, raw: &RawValue) -> usize {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        offset.min(self.text.len())
    }

    /// Line and column (in characters) of a byte offset into the document.
    fn locate(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(text));
        let (line, col) = lines.position(offset);
        let line_start = lines.starts[line - 1];
        let chars = text[line_start..line_start + col - 1].chars().count();
        (line, chars + 1)
    }

    fn push_at(&mut self, offset: usize, path: String, message: String, outcome: Outcome) {
        let (line, column) = self.locate(offset);
        self.problems.push(Problem {
            path,
            message,
            line,
            column,
            outcome,
        });
    }

    /// A problem in the `index`th kept record of a collection; `field` is appended to its path.
    fn record_problem(
        &mut self,
        collection: &'static str,
        index: usize,
        field: &str,
        message: String,
        outcome: Outcome,
    ) {
        let (file_index, offset) = self
            .offsets
            .get(collection)
            .and_then(|o| o.get(index))
            .copied()
            .unwrap_or((index, 0));
        self.push_at(
            offset,
            format!("{collection}[{file_index}]{field}"),
            message,
            outcome,
        );
    }

    /// Parses one value; `path` is only built when it fails (a million records, a million
    /// fewer strings).
    fn parse<T: DeserializeOwned>(
        &mut self,
        path: impl FnOnce() -> String,
        raw: &RawValue,
    ) -> Result<T, ()> {
        // Fast path: most records are fine, and tracking the path costs on every field.
        if let Ok(v) = serde_json::from_str(raw.get()) {
            return Ok(v);
        }
        let path = path();
        let path = path.as_str();
        let mut de = serde_json::Deserializer::from_str(raw.get());
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Ok(v) => Ok(v),
            Err(e) => {
                let inner = e.path().to_string();
                let full = if inner.is_empty() || inner == "." {
                    path.to_string()
                } else if inner.starts_with('[') {
                    format!("{path}{inner}")
                } else {
                    format!("{path}.{inner}")
                };
                let err = e.into_inner();
                let offset = self.offset_of(raw);
                let (line, column) = self.locate(offset);
                let (line, column) = if err.line() <= 1 {
                    (line, column + err.column().saturating_sub(1))
                } else {
                    // serde_json says column 0 at a line's very start; ours are 1-based.
                    (line + err.line() - 1, err.column().max(1))
                };
                self.problems.push(Problem {
                    path: full,
                    message: strip_position(&err.to_string()),
                    line,
                    column,
                    outcome: Outcome::Skipped,
                });
                Err(())
            }
        }
    }

    fn field<T: DeserializeOwned>(&mut self, path: &str, raw: &RawValue) -> Option<T> {
        self.parse(|| path.to_string(), raw).ok()
    }

    fn records<T: DeserializeOwned + HasId>(
        &mut self,
        name: &'static str,
        collection: Collection<'a>,
    ) -> Vec<T> {
        let items = match collection {
            Collection::Absent => return Vec::new(),
            Collection::Items(items) => items,
            Collection::NotAnArray(raw) => {
                let offset = self.offset_of(raw);
                self.push_at(
                    offset,
                    name.into(),
                    format!(
                        "`{name}` must be an array of records; the whole collection was ignored"
                    ),
                    Outcome::Skipped,
                );
                return Vec::new();
            }
        };
        let mut records: Vec<T> = Vec::with_capacity(items.len());
        let mut offsets = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let Ok(record) = self.parse::<T>(|| format!("{name}[{i}]"), item) else {
                continue;
            };
            let offset = self.offset_of(item);
            if let Err(why) = check_id(record.id()) {
                self.push_at(offset, format!("{name}[{i}].id"), why, Outcome::Skipped);
                continue;
            }
            records.push(record);
            offsets.push((i, offset));
        }
        // Duplicates are found after parsing so the set can borrow the ids instead of owning
        // copies: one hash and no allocation per record (it matters at a million records).
        let mut seen: HashSet<&str> = HashSet::with_capacity(records.len());
        let keep: Vec<bool> = records.iter().map(|r| seen.insert(r.id())).collect();
        drop(seen);
        if keep.contains(&false) {
            for (k, &(i, offset)) in offsets.iter().enumerate() {
                if !keep[k] {
                    let id = records[k].id();
                    self.push_at(
                        offset,
                        format!("{name}[{i}].id"),
                        format!("duplicate id \"{id}\"; the first record with this id was kept"),
                        Outcome::Skipped,
                    );
                }
            }
            validate::retain_flagged(&mut records, &keep);
            validate::retain_flagged(&mut offsets, &keep);
        }
        self.offsets.insert(name, offsets);
        records
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

mod validate;

#[cfg(test)]
mod tests;

/// Loads one long-text shard of a split bundle.
pub fn load_shard(bytes: &[u8], options: &LoadOptions) -> Result<TextShard, LoadError> {
    if bytes.len() > options.max_bytes {
        return Err(LoadError::TooLarge {
            size: bytes.len(),
            limit: options.max_bytes,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let shard: TextShard = serde_json::from_slice(bytes).map_err(document_error)?;
    if shard.format != SHARD_FORMAT {
        return Err(LoadError::NotABundle {
            reason: format!(
                "a text shard's `format` must be \"{SHARD_FORMAT}\", not \"{}\"",
                shard.format
            ),
        });
    }
    match parse_version(&shard.version) {
        Some((VERSION_MAJOR, _)) => Ok(shard),
        _ => Err(LoadError::UnsupportedVersion {
            found: shard.version,
            supported: format!("{VERSION_MAJOR}.{VERSION_MINOR}"),
        }),
    }
}

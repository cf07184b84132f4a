//! Record by record: each collection decoded on its own, so that one bad record is skipped with
//! its JSON path, line and column while the rest load.

use super::{check_id, strip_position, validate, HasId, Outcome, Problem};
// foldhash, not std's SipHash: the loader hashes every id two or three times, and SipHash was
// a third of the load time at a million records. Its per-process random seed still keeps
// crafted colliding ids from freezing the tab.
use foldhash::{HashMap, HashSet, HashSetExt};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

/// The record collections, in the order they are decoded (places before the events that
/// refer to them, and so on).
pub(super) const COLLECTIONS: [&str; 8] = [
    "projects", "places", "venues", "series", "events", "people", "talks", "reports",
];

/// A collection as found in the document, before its records are decoded.
pub(super) enum Collection<'a> {
    Absent,
    NotAnArray(&'a RawValue),
    Items(Vec<&'a RawValue>),
}

impl<'a> Collection<'a> {
    pub(super) fn of(value: Option<&'a RawValue>) -> Self {
        match value {
            None => Collection::Absent,
            Some(raw) => match serde_json::from_str(raw.get()) {
                Ok(items) => Collection::Items(items),
                Err(_) => Collection::NotAnArray(raw),
            },
        }
    }
}

/// Byte offsets to 1-based line and column (columns count characters).
pub(super) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(super) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }
    pub(super) fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        (line, offset - self.starts[line - 1] + 1)
    }
}

pub(super) struct Context<'a> {
    text: &'a str,
    lines: Option<LineIndex>,
    pub(super) problems: Vec<Problem>,
    /// (index in the file, byte offset) of each kept record, per collection, for semantic problems.
    offsets: HashMap<&'static str, Vec<(usize, usize)>>,
    /// Whether `validate` checks that references resolve (see `LoadOptions::references`).
    pub(super) references: bool,
    /// Which talks `validate` kept (in order), so a merge can re-index its side tables.
    pub(super) kept_talks: Vec<bool>,
}

impl<'a> Context<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Context {
            text,
            lines: None,
            problems: Vec::new(),
            offsets: HashMap::default(),
            references: true,
            kept_talks: Vec::new(),
        }
    }

    pub(super) fn offset_of(&self, raw: &RawValue) -> usize {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        offset.min(self.text.len())
    }

    /// Line and column (in characters) of a byte offset into the document.
    pub(super) fn locate(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(text));
        let (line, col) = lines.position(offset);
        let line_start = lines.starts[line - 1];
        let chars = text[line_start..line_start + col - 1].chars().count();
        (line, chars + 1)
    }

    pub(super) fn push_at(
        &mut self,
        offset: usize,
        path: String,
        message: String,
        outcome: Outcome,
    ) {
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
    pub(super) fn record_problem(
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
    pub(super) fn parse<T: DeserializeOwned>(
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

    pub(super) fn field<T: DeserializeOwned>(&mut self, path: &str, raw: &RawValue) -> Option<T> {
        self.parse(|| path.to_string(), raw).ok()
    }

    pub(super) fn records<T: DeserializeOwned + HasId>(
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

//! The one-pass loader fed as the download arrives: each record is decoded as soon as its bytes
//! are in, and the bytes are dropped once decoded, so the whole file is never held at once.
//!
//! For the app this is memory: wasm memory keeps its high-water mark for the page's life, and
//! holding the 34 MB text of a 100,000-talk bundle next to the records decoded from it set that
//! mark. It also moves the decoding into the time the download takes.
//!
//! The document's top level is walked by hand (serde_json has no pull parser over chunks, and
//! its reader over `io::Read` decodes two to three times slower than over a slice): an object,
//! its keys, and for the eight collections the boundaries of each record in its array. Every
//! value is still decoded by serde_json from a slice. Anything unusual (an escaped or repeated
//! key, a collection that is not an array, a syntax error, a record that does not decode)
//! makes it give up, and the caller runs the whole-text path on the same bytes, which decides
//! as it always has: so this loader only ever returns what `load_clean` would.

use super::fast::{finish, Document};
use super::{LoadError, LoadOptions, Loaded};
use serde::de::DeserializeOwned;

/// A loader fed chunk by chunk; see the module documentation.
pub struct StreamLoader {
    options: LoadOptions,
    /// Bytes received and not yet decoded: at most an unfinished value and what followed it.
    pending: Vec<u8>,
    state: State,
    doc: Document,
    /// Top-level keys already read, by `Field` number: a repeated key is a doubt.
    seen: u32,
    total: usize,
    /// Set once this loader gives up; it then only counts bytes.
    doubt: bool,
    /// The scan of the value in progress (a key, a member's value or a record).
    scan: Scan,
    /// References decoded while the download lasts share their ids' allocations.
    _ids: crate::shared::Interning,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    /// Before the document's `{` (and a byte order mark).
    Start,
    /// After `{`: a key or `}`.
    FirstKey,
    /// After `,` between members: a key.
    Key,
    /// After a key: `:`.
    Colon(Field),
    /// After `:`: the member's value.
    Value(Field),
    /// After a collection's `[`: a record or `]`.
    FirstRecord(Field),
    /// After a record: `,` or `]`.
    AfterRecord(Field),
    /// After `,` in a collection: a record.
    Record(Field),
    /// After a member's value: `,` or `}`.
    AfterValue,
    /// After the document's `}`: only whitespace.
    End,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Format,
    Version,
    Generator,
    Title,
    Generated,
    Attribution,
    Texts,
    Projects,
    Places,
    Venues,
    Series,
    Events,
    People,
    Talks,
    Reports,
    /// A key `Bundle` does not have: its value is checked and ignored, as serde does.
    Unknown,
}

impl Field {
    fn of(key: &[u8]) -> Field {
        match key {
            b"format" => Field::Format,
            b"version" => Field::Version,
            b"generator" => Field::Generator,
            b"title" => Field::Title,
            b"generated" => Field::Generated,
            b"attribution" => Field::Attribution,
            b"texts" => Field::Texts,
            b"projects" => Field::Projects,
            b"places" => Field::Places,
            b"venues" => Field::Venues,
            b"series" => Field::Series,
            b"events" => Field::Events,
            b"people" => Field::People,
            b"talks" => Field::Talks,
            b"reports" => Field::Reports,
            _ => Field::Unknown,
        }
    }

    fn is_collection(self) -> bool {
        matches!(
            self,
            Field::Projects
                | Field::Places
                | Field::Venues
                | Field::Series
                | Field::Events
                | Field::People
                | Field::Talks
                | Field::Reports
        )
    }
}

/// Why a step stopped: it needs more bytes, or the loader gives up.
enum Stop {
    More,
    Doubt,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t')
}

/// How far the scan of an unfinished value got, so that the next chunk resumes it instead of
/// scanning the value from its start again (a record of megabytes arriving in small pieces
/// would otherwise cost time quadratic in its size).
#[derive(Clone, Copy, Default, Debug)]
struct Scan {
    /// Bytes of the value already scanned.
    scanned: usize,
    depth: usize,
    in_string: bool,
    escaped: bool,
}

/// Where the JSON value starting at `from` (no leading whitespace) ends, if it is all in
/// `bytes`: strings by their quotes and escapes, arrays and objects by depth outside strings,
/// literals and numbers by the next delimiter. Only the extent is found here; serde_json
/// checks the syntax when it decodes the value. `scan` carries the state between calls for the
/// same value and is reset when it ends.
fn value_end(bytes: &[u8], from: usize, scan: &mut Scan) -> Option<usize> {
    let first = *bytes.get(from)?;
    let mut s = *scan;
    let mut i = from + s.scanned;
    if s.scanned == 0 {
        match first {
            b'"' => s.in_string = true,
            b'{' | b'[' => s.depth = 1,
            _ => {
                // A literal or a number: up to the next delimiter.
                return bytes[from..]
                    .iter()
                    .position(|&b| matches!(b, b',' | b'}' | b']') || is_ws(b))
                    .map(|end| from + end);
            }
        }
        i = from + 1;
    }
    while i < bytes.len() {
        if s.in_string {
            if s.escaped {
                s.escaped = false;
                i += 1;
                continue;
            }
            // Most of a value is string contents: jump to the next quote or escape.
            match bytes[i..].iter().position(|&b| b == b'"' || b == b'\\') {
                None => break,
                Some(at) => i += at,
            }
            if bytes[i] == b'\\' {
                s.escaped = true;
            } else {
                s.in_string = false;
                if s.depth == 0 {
                    *scan = Scan::default();
                    return Some(i + 1);
                }
            }
        } else {
            match bytes[i] {
                b'"' => s.in_string = true,
                b'{' | b'[' => s.depth += 1,
                b'}' | b']' => {
                    s.depth -= 1;
                    if s.depth == 0 {
                        *scan = Scan::default();
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    s.scanned = bytes.len() - from;
    *scan = s;
    None
}

impl StreamLoader {
    pub fn new(options: &LoadOptions) -> Self {
        StreamLoader {
            options: options.clone(),
            pending: Vec::new(),
            state: State::Start,
            doc: Document::default(),
            seen: 0,
            total: 0,
            doubt: false,
            scan: Scan::default(),
            _ids: crate::shared::Interning::start(),
        }
    }

    /// Takes the next bytes of the document.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.total += chunk.len();
        if self.doubt {
            return;
        }
        if self.total > self.options.max_bytes {
            // The whole-text path refuses it with the figures.
            return self.give_up();
        }
        self.pending.extend_from_slice(chunk);
        let mut at = 0;
        match self.run(&mut at) {
            Stop::More => {
                self.pending.drain(..at);
            }
            Stop::Doubt => self.give_up(),
        }
    }

    fn give_up(&mut self) {
        self.doubt = true;
        self.pending = Vec::new();
        self.doc = Document::default();
    }

    /// The bundle, when the document was a clean one; `Ok(None)` when this loader gave up or the
    /// whole-text path would (the caller then runs `load_clean` on the same bytes, which also
    /// gives every error with its position).
    pub fn finish(mut self) -> Result<Option<Loaded>, LoadError> {
        if self.doubt || self.state != State::End {
            return Ok(None);
        }
        if self.pending.iter().any(|&b| !is_ws(b)) {
            return Ok(None);
        }
        self.pending = Vec::new();
        for list in [
            self.doc.projects.len(),
            self.doc.places.len(),
            self.doc.venues.len(),
            self.doc.series.len(),
            self.doc.events.len(),
            self.doc.people.len(),
            self.doc.talks.len(),
            self.doc.reports.len(),
        ] {
            if list > self.options.max_records {
                return Ok(None);
            }
        }
        shrink(&mut self.doc);
        finish(self.doc, &self.options)
    }

    /// Runs the state machine over `pending` from `at`, leaving `at` where the unfinished part
    /// starts.
    fn run(&mut self, at: &mut usize) -> Stop {
        loop {
            let bytes = &self.pending;
            let mut i = *at;
            if self.state == State::Start && i == 0 {
                if bytes.len() < 3 && b"\xEF\xBB\xBF".starts_with(bytes) {
                    return Stop::More;
                }
                if bytes.starts_with(b"\xEF\xBB\xBF") {
                    i = 3;
                }
            }
            while i < bytes.len() && is_ws(bytes[i]) {
                i += 1;
            }
            if i == bytes.len() {
                *at = i;
                return Stop::More;
            }
            let b = bytes[i];
            match self.state {
                State::Start => {
                    if b != b'{' {
                        return Stop::Doubt;
                    }
                    self.state = State::FirstKey;
                    *at = i + 1;
                }
                State::FirstKey | State::Key => {
                    if b == b'}' && self.state == State::FirstKey {
                        self.state = State::End;
                        *at = i + 1;
                        continue;
                    }
                    if b != b'"' {
                        return Stop::Doubt;
                    }
                    let Some(end) = value_end(bytes, i, &mut self.scan) else {
                        *at = i;
                        return Stop::More;
                    };
                    let key = &bytes[i + 1..end - 1];
                    if key.contains(&b'\\') {
                        return Stop::Doubt;
                    }
                    let field = Field::of(key);
                    if field != Field::Unknown {
                        let bit = 1 << field as u32;
                        if self.seen & bit != 0 {
                            return Stop::Doubt;
                        }
                        self.seen |= bit;
                    }
                    self.state = State::Colon(field);
                    *at = end;
                }
                State::Colon(field) => {
                    if b != b':' {
                        return Stop::Doubt;
                    }
                    self.state = State::Value(field);
                    *at = i + 1;
                }
                State::Value(field) if field.is_collection() => {
                    if b != b'[' {
                        return Stop::Doubt;
                    }
                    self.state = State::FirstRecord(field);
                    *at = i + 1;
                }
                State::Value(field) => {
                    let Some(end) = value_end(bytes, i, &mut self.scan) else {
                        *at = i;
                        return Stop::More;
                    };
                    if !self.member(field, i, end) {
                        return Stop::Doubt;
                    }
                    self.state = State::AfterValue;
                    *at = end;
                }
                State::FirstRecord(field) | State::Record(field) => {
                    if b == b']' && matches!(self.state, State::FirstRecord(_)) {
                        self.state = State::AfterValue;
                        *at = i + 1;
                        continue;
                    }
                    let Some(end) = value_end(bytes, i, &mut self.scan) else {
                        *at = i;
                        return Stop::More;
                    };
                    if !self.record(field, i, end) {
                        return Stop::Doubt;
                    }
                    self.state = State::AfterRecord(field);
                    *at = end;
                }
                State::AfterRecord(field) => {
                    self.state = match b {
                        b',' => State::Record(field),
                        b']' => State::AfterValue,
                        _ => return Stop::Doubt,
                    };
                    *at = i + 1;
                }
                State::AfterValue => {
                    self.state = match b {
                        b',' => State::Key,
                        b'}' => State::End,
                        _ => return Stop::Doubt,
                    };
                    *at = i + 1;
                }
                State::End => return Stop::Doubt,
            }
        }
    }

    /// Decodes a top-level member's value from `pending[from..to]`.
    fn member(&mut self, field: Field, from: usize, to: usize) -> bool {
        let Some(text) = text(&self.pending[from..to]) else {
            return false;
        };
        let doc = &mut self.doc;
        match field {
            Field::Format => decode(text, &mut doc.format),
            Field::Version => decode(text, &mut doc.version),
            Field::Generator => decode(text, &mut doc.generator),
            Field::Title => decode(text, &mut doc.title),
            Field::Generated => decode(text, &mut doc.generated),
            Field::Attribution => decode(text, &mut doc.attribution),
            Field::Texts => decode(text, &mut doc.texts),
            Field::Unknown => serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok(),
            _ => false,
        }
    }

    /// Decodes one record of a collection from `pending[from..to]` and keeps it.
    fn record(&mut self, field: Field, from: usize, to: usize) -> bool {
        let Some(text) = text(&self.pending[from..to]) else {
            return false;
        };
        let max = self.options.max_records;
        let doc = &mut self.doc;
        match field {
            Field::Projects => push(text, &mut doc.projects, max),
            Field::Places => push(text, &mut doc.places, max),
            Field::Venues => push(text, &mut doc.venues, max),
            Field::Series => push(text, &mut doc.series, max),
            Field::Events => push(text, &mut doc.events, max),
            Field::People => push(text, &mut doc.people, max),
            Field::Talks => push(text, &mut doc.talks, max),
            Field::Reports => push(text, &mut doc.reports, max),
            _ => false,
        }
    }
}

/// The bytes as text, as the whole-text path checks all of them before decoding.
fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

fn decode<T: DeserializeOwned>(text: &str, into: &mut T) -> bool {
    match serde_json::from_str(text) {
        Ok(v) => {
            *into = v;
            true
        }
        Err(_) => false,
    }
}

/// Keeps a record; past the limit the loader gives up (the careful loader then refuses the
/// bundle with the count), so a bundle of a million tiny records never fills the memory.
fn push<T: DeserializeOwned>(text: &str, list: &mut Vec<T>, max: usize) -> bool {
    if list.len() >= max {
        return false;
    }
    match serde_json::from_str(text) {
        Ok(v) => {
            list.push(v);
            true
        }
        Err(_) => false,
    }
}

/// The collections give back the room their growth left, as the whole-text path's do.
fn shrink(doc: &mut Document) {
    doc.projects.shrink_to_fit();
    doc.places.shrink_to_fit();
    doc.venues.shrink_to_fit();
    doc.series.shrink_to_fit();
    doc.events.shrink_to_fit();
    doc.people.shrink_to_fit();
    doc.talks.shrink_to_fit();
    doc.reports.shrink_to_fit();
}

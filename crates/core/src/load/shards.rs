//! The split form's long-text shards: loading one, checking it holds what the main document
//! promises, and putting its texts back into the bundle. The app (on demand), `hallway check`
//! and `hallway export` all go through here, so they agree on what a complete shard is.

use super::{document_error, parse_version, LoadError, LoadOptions};
use crate::model::*;

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

/// A text the main document says is in a shard, but which the shard does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingText {
    /// `talks` or `reports`.
    pub collection: &'static str,
    /// The record's position in its collection, for a JSON path (`talks[12]`).
    pub index: usize,
    pub id: Id,
}

impl std::fmt::Display for MissingText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.collection == "talks" {
            "abstract"
        } else {
            "body"
        };
        write!(
            f,
            "{}[{}] (`{}`): its {what} is not in its text shard",
            self.collection, self.index, self.id
        )
    }
}

/// Every talk and report that names shard `shard` in `text_shard` but is missing from it.
pub fn missing_texts(bundle: &Bundle, shard: u32, texts: &TextShard) -> Vec<MissingText> {
    let talks = bundle
        .talks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.text_shard == Some(shard) && !texts.talks.contains_key(&t.id))
        .map(|(index, t)| MissingText {
            collection: "talks",
            index,
            id: t.id.clone(),
        });
    let reports = bundle
        .reports
        .iter()
        .enumerate()
        .filter(|(_, r)| r.text_shard == Some(shard) && !texts.reports.contains_key(&r.id))
        .map(|(index, r)| MissingText {
            collection: "reports",
            index,
            id: r.id.clone(),
        });
    talks.chain(reports).collect()
}

/// Puts the texts of shard `shard` back into the records that point at it. Texts the shard
/// holds for records that do not point at it are ignored: the main document decides.
pub fn merge_shard(bundle: &mut Bundle, shard: u32, texts: &TextShard) {
    for t in bundle
        .talks
        .iter_mut()
        .filter(|t| t.text_shard == Some(shard))
    {
        t.r#abstract = texts.talks.get(&t.id).cloned();
    }
    for r in bundle
        .reports
        .iter_mut()
        .filter(|r| r.text_shard == Some(shard))
    {
        r.body = texts.reports.get(&r.id).cloned();
    }
}

/// A long text a page shows: a talk's abstract or a report's body, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LongText {
    Abstract(u32),
    Body(u32),
}

impl LongText {
    /// "abstract" or "body", for messages.
    pub fn noun(self) -> &'static str {
        match self {
            LongText::Abstract(_) => "abstract",
            LongText::Body(_) => "body",
        }
    }
}

/// Where a long text is: in the main document, in a shard to fetch, or nowhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextSource<'a> {
    Inline(&'a str),
    /// In shard `index`, whose path (relative to the main document) is `path`.
    Shard {
        index: u32,
        path: &'a str,
    },
    /// The record names a shard the main document does not list (the loader reports this too).
    UnknownShard(u32),
    None,
}

/// Where the text `which` of `bundle` is. A record outside the bundle has no text.
pub fn text_source(bundle: &Bundle, which: LongText) -> TextSource<'_> {
    let (inline, shard) = match which {
        LongText::Abstract(i) => match bundle.talks.get(i as usize) {
            Some(t) => (t.r#abstract.as_deref(), t.text_shard),
            None => return TextSource::None,
        },
        LongText::Body(i) => match bundle.reports.get(i as usize) {
            Some(r) => (r.body.as_deref(), r.text_shard),
            None => return TextSource::None,
        },
    };
    match (inline, shard) {
        (Some(text), _) => TextSource::Inline(text),
        (None, Some(index)) => match bundle
            .texts
            .as_ref()
            .and_then(|t| t.shards.get(index as usize))
        {
            Some(path) => TextSource::Shard { index, path },
            None => TextSource::UnknownShard(index),
        },
        (None, None) => TextSource::None,
    }
}

/// The text `which` out of a fetched shard, or what the shard lacks.
pub fn text_in_shard<'a>(
    bundle: &Bundle,
    which: LongText,
    shard: &'a TextShard,
) -> Result<&'a str, MissingText> {
    let (collection, index, id, map) = match which {
        LongText::Abstract(i) => (
            "talks",
            i,
            bundle.talks.get(i as usize).map(|t| &t.id),
            &shard.talks,
        ),
        LongText::Body(i) => (
            "reports",
            i,
            bundle.reports.get(i as usize).map(|r| &r.id),
            &shard.reports,
        ),
    };
    let id = id.cloned().unwrap_or_default();
    map.get(&id).map(String::as_str).ok_or(MissingText {
        collection,
        index: index as usize,
        id,
    })
}

/// Resolves `reference` (a shard path from `texts.shards`) against the main document's URL,
/// as a browser would (RFC 3986 section 5.2, without the parts a bundle URL never has).
/// Written by hand: the `url` crate would bring its IDNA tables into the app's wasm for one
/// join, and the app needs the same answer natively (`hallway check`, tests).
pub fn resolve_url(base: &str, reference: &str) -> String {
    let has_scheme = |s: &str| {
        s.split_once(':').is_some_and(|(scheme, _)| {
            let mut c = scheme.chars();
            c.next().is_some_and(|f| f.is_ascii_alphabetic())
                && c.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
    };
    if has_scheme(reference) {
        return reference.to_string();
    }
    // The base without its query and fragment.
    let base = base.split(['?', '#']).next().unwrap_or("");
    let (scheme, rest) = match base.split_once(':') {
        Some((s, r)) if has_scheme(base) => (Some(s), r),
        _ => (None, base),
    };
    let (authority, base_path) = match rest.strip_prefix("//") {
        Some(r) => match r.find('/') {
            Some(i) => (Some(&r[..i]), &r[i..]),
            None => (Some(r), "/"),
        },
        None => (None, rest),
    };
    let prefix = |authority: Option<&str>| {
        let mut p = String::new();
        if let Some(s) = scheme {
            p.push_str(s);
            p.push(':');
        }
        if let Some(a) = authority {
            p.push_str("//");
            p.push_str(a);
        }
        p
    };
    if let Some(r) = reference.strip_prefix("//") {
        return format!("{}//{r}", prefix(None));
    }
    let (ref_path, tail) = match reference.find(['?', '#']) {
        Some(i) => reference.split_at(i),
        None => (reference, ""),
    };
    let path = if ref_path.starts_with('/') {
        ref_path.to_string()
    } else if ref_path.is_empty() {
        base_path.to_string()
    } else {
        let dir = base_path.rfind('/').map_or("", |i| &base_path[..=i]);
        format!("{dir}{ref_path}")
    };
    format!("{}{}{tail}", prefix(authority), remove_dots(&path))
}

/// RFC 3986 section 5.2.4: `a/./b/../c` -> `a/c`, never above the root.
fn remove_dots(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    let mut trailing = false;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => trailing = i == last,
            ".." => {
                if out.len() > usize::from(absolute) {
                    out.pop();
                }
                trailing = i == last;
            }
            s => {
                out.push(s);
                trailing = false;
            }
        }
    }
    let mut joined = out.join("/");
    if trailing {
        joined.push('/');
    }
    if absolute && !joined.starts_with('/') {
        joined.insert(0, '/');
    }
    joined
}

/// Why a shard's text cannot be shown, with the shard's URL; the app, `hallway check` and the
/// tests word it the same way.
#[derive(Clone, Debug, PartialEq)]
pub enum ShardError {
    /// The request did not get an answer.
    Network { url: String, detail: String },
    /// The server answered, but not with the file.
    Http { url: String, status: u16 },
    /// The file is not a text shard (not JSON, another format or version, too large).
    Broken { url: String, error: LoadError },
    /// The shard loaded but lacks the text the main document says it holds.
    Incomplete { url: String, missing: MissingText },
    /// The record names a shard `texts.shards` does not list.
    Unlisted { index: u32 },
}

impl ShardError {
    /// A one-line heading for the error box.
    pub fn title(&self, which: LongText) -> String {
        let noun = which.noun();
        match self {
            ShardError::Network { .. } => format!("The {noun} could not be downloaded"),
            ShardError::Http { status: 404, .. } => {
                format!("The file holding the {noun} is missing")
            }
            ShardError::Http { .. } => format!("The server refused the file holding the {noun}"),
            ShardError::Broken { .. }
            | ShardError::Incomplete { .. }
            | ShardError::Unlisted { .. } => {
                format!("The file holding the {noun} is broken")
            }
        }
    }
}

impl std::fmt::Display for ShardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShardError::Network { url, detail } => write!(
                f,
                "Fetching {url} failed: {detail}. Check your connection and retry."
            ),
            ShardError::Http { url, status: 404 } => write!(
                f,
                "{url} answered HTTP 404: the bundle lists this text shard but the server does not have it. \
                 Publish the shard folder next to the bundle (as `hallway build --split` writes it)."
            ),
            ShardError::Http { url, status } => write!(
                f,
                "{url} answered HTTP {status}. Try again later, or check the address."
            ),
            ShardError::Broken { url, error } => write!(f, "{url}: {error}"),
            ShardError::Incomplete { url, missing } => write!(f, "{url}: {missing}"),
            ShardError::Unlisted { index } => write!(
                f,
                "the record names text shard {index}, which `texts.shards` does not list"
            ),
        }
    }
}

/// Decodes a fetched shard and checks it against what the main document promises for it.
/// Only a shard that is not a shard at all is refused whole; a missing text is reported when
/// a page asks for it (`text_in_shard`), so one gap does not hide the shard's other texts.
pub fn decode_shard(url: &str, bytes: &[u8]) -> Result<TextShard, ShardError> {
    load_shard(bytes, &LoadOptions::default()).map_err(|error| ShardError::Broken {
        url: url.to_string(),
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_bundle() -> Bundle {
        let json = br#"{"format":"hallway-bundle","version":"1.0","title":"t",
            "events":[{"id":"e","name":"E","start":"2020-01-01"}],
            "talks":[{"id":"a","title":"A","event":"e","text_shard":0},
                     {"id":"b","title":"B","event":"e","text_shard":0},
                     {"id":"c","title":"C","event":"e","abstract":"kept"}],
            "reports":[{"id":"r","title":"R","url":"https://example.org/r","published":"2020-01-02","events":["e"],"text_shard":0}],
            "texts":{"shards":["texts-0.json"]}}"#;
        let loaded = crate::load(json).expect("loads");
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded.bundle
    }

    fn shard(talks: &[(&str, &str)], reports: &[(&str, &str)]) -> TextShard {
        TextShard {
            format: SHARD_FORMAT.into(),
            version: "1.0".into(),
            talks: talks
                .iter()
                .map(|(k, v)| (Id::from(*k), v.to_string()))
                .collect(),
            reports: reports
                .iter()
                .map(|(k, v)| (Id::from(*k), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_complete_shard_merges_every_promised_text() {
        let mut b = split_bundle();
        let s = shard(
            &[("a", "A text"), ("b", "B text"), ("c", "ignored")],
            &[("r", "Body")],
        );
        assert!(missing_texts(&b, 0, &s).is_empty());
        merge_shard(&mut b, 0, &s);
        let abstracts: Vec<_> = b.talks.iter().map(|t| t.r#abstract.as_deref()).collect();
        assert_eq!(abstracts, [Some("A text"), Some("B text"), Some("kept")]);
        assert_eq!(b.reports[0].body.as_deref(), Some("Body"));
    }

    #[test]
    fn missing_texts_name_the_record_and_its_path() {
        let b = split_bundle();
        let missing = missing_texts(&b, 0, &shard(&[("a", "A")], &[]));
        let shown: Vec<String> = missing.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "talks[1] (`b`): its abstract is not in its text shard",
                "reports[0] (`r`): its body is not in its text shard"
            ]
        );
        assert!(missing_texts(&b, 1, &shard(&[], &[])).is_empty());
    }

    #[test]
    fn shard_paths_resolve_against_the_bundle_url_as_a_browser_does() {
        let base = "https://h.example/site/data/bundle.json?x=1#f";
        let cases = [
            (
                "bundle.texts/0.json",
                "https://h.example/site/data/bundle.texts/0.json",
            ),
            ("./t/1.json", "https://h.example/site/data/t/1.json"),
            ("../t/1.json", "https://h.example/site/t/1.json"),
            ("../../../../t.json", "https://h.example/t.json"),
            ("/abs/2.json", "https://h.example/abs/2.json"),
            ("//cdn.example/s.json", "https://cdn.example/s.json"),
            ("http://o.example/a.json", "http://o.example/a.json"),
            (
                "t/3.json?v=abc",
                "https://h.example/site/data/t/3.json?v=abc",
            ),
        ];
        for (reference, want) in cases {
            assert_eq!(resolve_url(base, reference), want, "{reference}");
        }
        assert_eq!(
            resolve_url("https://h.example", "a.json"),
            "https://h.example/a.json"
        );
        assert_eq!(
            resolve_url("data/bundle.json", "bundle.texts/0.json"),
            "data/bundle.texts/0.json"
        );
    }

    #[test]
    fn a_record_says_where_its_text_is_and_a_shard_gives_it_or_says_what_is_missing() {
        let b = split_bundle();
        assert_eq!(
            text_source(&b, LongText::Abstract(0)),
            TextSource::Shard {
                index: 0,
                path: "texts-0.json"
            }
        );
        assert_eq!(
            text_source(&b, LongText::Abstract(2)),
            TextSource::Inline("kept")
        );
        assert_eq!(text_source(&b, LongText::Abstract(9)), TextSource::None);
        let s = shard(&[("a", "A text")], &[]);
        assert_eq!(text_in_shard(&b, LongText::Abstract(0), &s), Ok("A text"));
        let err = text_in_shard(&b, LongText::Body(0), &s).unwrap_err();
        assert_eq!(
            err.to_string(),
            "reports[0] (`r`): its body is not in its text shard"
        );
    }

    #[test]
    fn shard_errors_name_the_file_and_what_is_wrong() {
        let url = "https://h.example/bundle.texts/3.json";
        let e = decode_shard(url, b"{\"format\":").unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.starts_with(url) && shown.contains("line 1"),
            "{shown}"
        );
        assert_eq!(
            e.title(LongText::Abstract(0)),
            "The file holding the abstract is broken"
        );
        let missing = ShardError::Http {
            url: url.into(),
            status: 404,
        };
        assert!(
            missing.to_string().contains("3.json answered HTTP 404"),
            "{missing}"
        );
        assert_eq!(
            missing.title(LongText::Body(0)),
            "The file holding the body is missing"
        );
        assert!(decode_shard(url, br#"{"format":"hallway-texts","version":"1.0"}"#).is_ok());
    }

    #[test]
    fn a_shard_of_another_format_is_refused() {
        let err = load_shard(
            br#"{"format":"nope","version":"1.0"}"#,
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("hallway-texts"), "{err}");
    }
}

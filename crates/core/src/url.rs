//! The one reader and writer of the app's URLs: query strings ([`Query`]), the app's own
//! parameters ([`param`]), internal links that keep the reader's bundle ([`href`]), and the
//! percent-encoding everything else uses (the filter, embeds, exports).
//!
//! Percent-encoding is written here rather than taken from the `percent-encoding` crate because
//! the rules are ours in both directions: commas inside list values must be encoded while the
//! separators stay readable, `+` means a space (as browsers submit forms), and decoding must
//! accept anything a person pastes, keeping a malformed `%` as text instead of failing.

use std::fmt;

/// The query parameters the app reads besides the filter's own (`Filter::from_query`).
pub mod param {
    /// The bundle to show instead of the default one. Read as a list (`bundle=A&bundle=B`)
    /// so that several bundles can be merged later; today the first one is loaded.
    pub const BUNDLE: &str = "bundle";
    /// A panel open beside the timeline; `panel=map` is the map.
    pub const PANEL: &str = "panel";
    /// The value of [`PANEL`] that opens the map.
    pub const PANEL_MAP: &str = "map";
    /// The map viewport, `at=@51.23,6.77,z4` (see `geo::Viewport::encode`).
    pub const AT: &str = "at";
    /// Which list the timeline shows: `events`, `talks` or `reports`.
    pub const VIEW: &str = "view";
}

/// Parameters that follow every internal link: a reader of a third-party bundle who clicks
/// anything must stay on that bundle.
pub const STICKY: &[&str] = &[param::BUNDLE];

/// A query string read once into ordered key/value pairs.
///
/// Values are kept percent-encoded in a normal form (each comma-separated piece decoded and
/// encoded again), so that a comma written `%2C` inside a value stays distinct from a comma
/// separating the values of a list ([`Query::get_list`]), and writing the query back
/// ([`fmt::Display`]) gives one canonical spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    pub fn new() -> Self {
        Query::default()
    }

    /// Reads a query string, with or without its leading `?`. Never fails: empty pairs are
    /// skipped, a pair without `=` has an empty value, and malformed escapes stay as text.
    pub fn parse(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let pairs = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                let raw = v.split(',').map(|p| encode(&decode(p))).collect::<Vec<_>>();
                (decode(k), raw.join(","))
            })
            .collect();
        Query { pairs }
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The keys in order, each as often as it occurs.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys().any(|k| k == key)
    }

    /// The first value of `key`, decoded.
    pub fn get(&self, key: &str) -> Option<String> {
        self.get_all(key).next()
    }

    /// Every value of `key` in order (`bundle=A&bundle=B`), decoded.
    pub fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = String> + 'a {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| decode(v))
    }

    /// The comma-separated values of every `key` in order, decoded; a comma written `%2C`
    /// stays inside its value. Empty pieces are kept (the caller knows whether they matter).
    pub fn get_list(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| v.split(',').map(decode))
            .collect()
    }

    /// Every pair in order, the value decoded.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, String)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), decode(v)))
    }

    /// Every pair in order with the value split at its separating commas, each piece decoded.
    pub fn list_pairs(&self) -> impl Iterator<Item = (&str, Vec<String>)> {
        self.pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.split(',').map(decode).collect()))
    }

    /// Appends `key=value`.
    pub fn push(&mut self, key: &str, value: &str) -> &mut Self {
        self.pairs.push((key.to_string(), encode(value)));
        self
    }

    /// Appends `key=a,b,c`, each value encoded (its own commas as `%2C`).
    pub fn push_list<S: AsRef<str>>(&mut self, key: &str, values: &[S]) -> &mut Self {
        let raw: Vec<String> = values.iter().map(|v| encode(v.as_ref())).collect();
        self.pairs.push((key.to_string(), raw.join(",")));
        self
    }

    /// Sets `key` to `value` where it first occurs (else at the end), dropping its other
    /// occurrences; `None` removes it.
    pub fn set(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        let at = self.pairs.iter().position(|(k, _)| k == key);
        self.remove(key);
        if let Some(v) = value {
            let at = at.unwrap_or(self.pairs.len()).min(self.pairs.len());
            self.pairs.insert(at, (key.to_string(), encode(v)));
        }
        self
    }

    /// Sets `key` to the list `a,b,c` where it first occurs (else at the end), dropping its
    /// other occurrences. Also for values whose own syntax separates parts with commas (the
    /// map viewport, `@51.2,6.7,z4`), which then stay readable.
    pub fn set_list<S: AsRef<str>>(&mut self, key: &str, values: &[S]) -> &mut Self {
        let at = self.pairs.iter().position(|(k, _)| k == key);
        self.remove(key);
        let raw: Vec<String> = values.iter().map(|v| encode(v.as_ref())).collect();
        let at = at.unwrap_or(self.pairs.len()).min(self.pairs.len());
        self.pairs.insert(at, (key.to_string(), raw.join(",")));
        self
    }

    pub fn remove(&mut self, key: &str) -> &mut Self {
        self.pairs.retain(|(k, _)| k != key);
        self
    }

    /// The pairs of `keys`, in this query's order.
    pub fn only(&self, keys: &[&str]) -> Query {
        Query {
            pairs: self
                .pairs
                .iter()
                .filter(|(k, _)| keys.contains(&k.as_str()))
                .cloned()
                .collect(),
        }
    }

    /// Appends the pairs of `other` whose keys this query does not have yet.
    pub fn extend_missing(&mut self, other: &Query) -> &mut Self {
        let missing: Vec<(String, String)> = other
            .pairs
            .iter()
            .filter(|(k, _)| !self.contains(k))
            .cloned()
            .collect();
        self.pairs.extend(missing);
        self
    }

    /// The parameters of this query that must follow every internal link ([`STICKY`]).
    pub fn sticky(&self) -> Query {
        self.only(STICKY)
    }
}

/// The canonical query string without the leading `?`; empty for an empty query.
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                f.write_str("&")?;
            }
            write!(f, "{}", encode(k))?;
            if !v.is_empty() {
                write!(f, "={v}")?;
            }
        }
        Ok(())
    }
}

/// Where the site lives on its origin, read from the document's base URL: `""` at the root,
/// `"/reports"` for a site published under `/reports/` (`hallway build --base-url`). Route
/// paths (`/talks/<id>`) are the same under any base; only the address bar's carry it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    /// The root: every route path is its own address.
    pub fn root() -> Self {
        Base::default()
    }

    /// From the path of the document's base URL (`/`, `/reports/`, `/reports`); anything
    /// after the last `/` is a file name (`/reports/index.html`) and not part of the base.
    pub fn from_path(path: &str) -> Self {
        let dir = match path.rfind('/') {
            Some(i) => &path[..i],
            None => "",
        };
        let dir = dir.trim_end_matches('/');
        if dir.is_empty() || !dir.starts_with('/') {
            Base::root()
        } else {
            Base(dir.to_string())
        }
    }

    /// `""` or `/reports`, without a trailing slash: what goes in front of a route path.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The route path of an address bar path: `/reports/talks/a` is `/talks/a` under
    /// `/reports`; the base itself is `/`. A path outside the base is returned unchanged.
    pub fn route<'a>(&self, pathname: &'a str) -> &'a str {
        if self.0.is_empty() {
            return pathname;
        }
        match pathname.strip_prefix(self.0.as_str()) {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') => rest,
            _ => pathname,
        }
    }
}

/// An internal link: `path` (which may carry its own query, `/map?at=...`) with the sticky
/// parameters of `sticky` it does not set itself, so that every link keeps the reader's
/// bundle. `#fragment`s are kept at the end. For a site at the root; see [`href_in`].
pub fn href(path: &str, sticky: &Query) -> String {
    href_in(&Base::root(), path, sticky)
}

/// [`href`] for a site under `base`: the route path `/talks/a` is linked as `/reports/talks/a`.
/// Every internal link of the app goes through here (`src/url.rs`).
pub fn href_in(base: &Base, path: &str, sticky: &Query) -> String {
    let path = if path.starts_with('/') {
        format!("{}{path}", base.as_str())
    } else {
        path.to_string()
    };
    let path = path.as_str();
    let (rest, fragment) = match path.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (path, None),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut query = Query::parse(query);
    query.extend_missing(&sticky.sticky());
    let mut out = join(path, &query);
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// `path?query`, or just `path` when the query is empty.
pub fn join(path: &str, query: &Query) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// The path of a record's page, `/talks/<id>`. Ids are slugs, so encoding changes nothing for
/// a valid one; it is still applied so that no id can break out of its segment.
pub fn entity_path(kind: &str, id: &str) -> String {
    format!("/{kind}/{}", encode_segment(id))
}

/// Percent-encodes a query value: unreserved characters, and `/`, `:` and `@` (allowed in a
/// query and common in bundle URLs and map viewports), stay; a space becomes `+`; everything
/// else, including `,`, `&`, `=`, `+` and `%`, becomes `%XX`.
pub fn encode(s: &str) -> String {
    encode_with(s, b"/:@", true)
}

/// Percent-encodes a path segment: only unreserved characters stay; a space becomes `%20`.
pub fn encode_segment(s: &str) -> String {
    encode_with(s, b"", false)
}

fn encode_with(s: &str, keep: &[u8], plus_for_space: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' if plus_for_space => out.push('+'),
            b if keep.contains(&b) => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+`; a `%` not followed by two hex digits stays as it is, and invalid
/// UTF-8 becomes U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_decoding_is_lenient() {
        for s in [
            "",
            "a b",
            "C++, Rust & more",
            "Düsseldorf",
            "100%",
            "a=b&c",
            "/x:y@z",
        ] {
            assert_eq!(decode(&encode(s)), s);
            assert_eq!(decode(&encode_segment(s)), s);
        }
        assert_eq!(encode("C++, x"), "C%2B%2B%2C+x");
        assert_eq!(encode("https://x.org/b.json"), "https://x.org/b.json");
        assert_eq!(encode_segment("a b/c"), "a%20b%2Fc");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%C3%BC"), "ü");
        assert_eq!(decode("%FF"), "\u{FFFD}");
    }
}

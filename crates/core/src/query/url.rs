//! A [`Filter`] as a URL query string, so that every view can be shared and reloaded.
//!
//! `view=talks&q=tracing&project=kvm,qemu&city=dusseldorf&year=2014&from=2014-10&to=2015-12&sort=oldest`
//!
//! Parameters come in that canonical order (then `country`, `series`, `speaker`, `track` after
//! `year`), values sorted, defaults omitted, so one filter has exactly one URL. Several values of
//! a facet are comma-separated; a comma inside a value (a track name) is written `%2C`.
//!
//! Percent-encoding is written here rather than taken from the `percent-encoding` crate because
//! the rules are ours in both directions: commas inside values must be encoded while the
//! separators stay readable, `+` means a space (as browsers submit forms), and decoding must
//! accept anything a person pastes, keeping a malformed `%` as text instead of failing.

use super::{Facet, Filter, QueryIndex, Sort, View};
use crate::date::Date;
use crate::text::slug;

/// Parameters in their canonical order, facets in between.
const FACET_ORDER: [Facet; 7] = Facet::ALL;

impl Filter {
    /// The canonical query string, without the leading `?`; empty for the default filter.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.view != View::default() {
            parts.push(format!("view={}", self.view.as_str()));
        }
        if !self.text.is_empty() {
            parts.push(format!("q={}", encode(&self.text)));
        }
        for f in FACET_ORDER {
            if self.is_active(f) {
                let values: Vec<String> = self.selected(f).iter().map(|v| encode(v)).collect();
                parts.push(format!("{}={}", f.param(), values.join(",")));
            }
        }
        if let Some((from, to)) = self.range {
            parts.push(format!("from={from}"));
            parts.push(format!("to={to}"));
        }
        if self.sort != Sort::default() {
            parts.push("sort=oldest".into());
        }
        parts.join("&")
    }

    /// Reads a query string (with or without the leading `?`) against the loaded bundle.
    ///
    /// Never fails: a value the bundle does not know (a stale link, a typo) is left out and
    /// explained in a notice, in plain words for the reader. Parameters it does not know are
    /// ignored silently, since other parts of the app may keep their own state in the URL.
    /// Facet values are matched exactly, then by slug (`city=Düsseldorf` finds `dusseldorf`);
    /// countries also by name (`country=germany` finds `de`).
    pub fn from_query(query: &str, index: &QueryIndex) -> (Filter, Vec<String>) {
        let mut f = Filter::default();
        let mut notices = Vec::new();
        let (mut from, mut to) = (None, None);
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(k);
            match key.as_str() {
                "view" => match decode(raw).as_str() {
                    "events" => f.view = View::Events,
                    "talks" => f.view = View::Talks,
                    "reports" => f.view = View::Reports,
                    other => notices.push(format!(
                        "There is no `{other}` view; showing events instead. The views are events, talks and reports."
                    )),
                },
                "q" => f.text = decode(raw),
                "from" | "to" => {
                    let v = decode(raw);
                    match Date::parse(v.trim()) {
                        Ok(d) if key == "from" => from = Some(d),
                        Ok(d) => to = Some(d),
                        Err(e) => notices.push(format!("Ignored the date `{key}`: {e}.")),
                    }
                }
                "sort" => match decode(raw).as_str() {
                    "newest" => f.sort = Sort::Newest,
                    "oldest" => f.sort = Sort::Oldest,
                    other => notices.push(format!(
                        "Unknown sort order `{other}`; showing newest first (the choices are newest and oldest)."
                    )),
                },
                other => {
                    let Some(facet) = Facet::ALL.into_iter().find(|f| f.param() == other) else {
                        continue;
                    };
                    for v in raw.split(',').map(decode) {
                        let v = v.trim();
                        if v.is_empty() {
                            continue;
                        }
                        match index
                            .resolve(facet, v)
                            .or_else(|| index.resolve(facet, &slug(v)))
                        {
                            Some(k) => {
                                if !f.is_selected(facet, k) {
                                    f.toggle(facet, k);
                                }
                            }
                            None => notices.push(format!(
                                "This bundle has no {} `{v}`, so the filter leaves it out.",
                                facet.param()
                            )),
                        }
                    }
                }
            }
        }
        f.range = match (from, to) {
            (None, None) => None,
            (Some(a), None) => Some((a, Date::ymd(9999, 0, 0))),
            (None, Some(b)) => Some((Date::ymd(0, 0, 0), b)),
            (Some(a), Some(b)) if b < a => {
                notices.push(format!(
                    "The dates were the wrong way round ({a} after {b}); they have been swapped."
                ));
                Some((b, a))
            }
            (Some(a), Some(b)) => Some((a, b)),
        };
        (f, notices)
    }
}

/// Percent-encodes everything but unreserved characters; a space becomes `+`. Safe in a query
/// value and, since ids hold no spaces, in a path segment.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+`; a `%` not followed by two hex digits stays as it is, and invalid
/// UTF-8 becomes U+FFFD.
fn decode(s: &str) -> String {
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
        for s in ["", "a b", "C++, Rust & more", "Düsseldorf", "100%", "a=b&c"] {
            assert_eq!(decode(&encode(s)), s);
        }
        assert_eq!(encode("C++, x"), "C%2B%2B%2C+x");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%C3%BC"), "ü");
        assert_eq!(decode("%FF"), "\u{FFFD}");
    }
}

//! Where the bundle on screen comes from, and whether the site lets it be loaded: the origin
//! arithmetic behind the "This data comes from …" notice and the operator's
//! `<meta name="hallway-bundle-origins">` setting. See `docs/publishing.md` (Hosting).
//!
//! A `?bundle=` from another site renders under this site's name, so the app says so on every
//! page, and an operator can refuse other origins outright.

/// The `name` of the `<meta>` in `index.html` that lists the origins bundles may come from.
pub const SETTING: &str = "hallway-bundle-origins";

/// The `name` of the `<meta>` in `index.html` that lists the bundles the site shows by default
/// (merged in that order; see `merge`), separated by spaces.
pub const BUNDLES_SETTING: &str = "hallway-bundles";

/// The site's bundle when `hallway-bundles` is absent or empty, relative to the app.
pub const DEFAULT_BUNDLE: &str = "data/bundle.json";

/// The site's own bundles: the `hallway-bundles` setting's entries in order (repeats dropped),
/// or [`DEFAULT_BUNDLE`].
pub fn site_bundles(setting: Option<&str>) -> Vec<String> {
    let list = unique(setting.unwrap_or_default().split_whitespace());
    if list.is_empty() {
        vec![DEFAULT_BUNDLE.to_string()]
    } else {
        list
    }
}

/// The bundles a page shows: its `bundle` parameters in order (empty ones and repeats dropped),
/// else the site's own ([`site_bundles`]).
pub fn bundle_list<S: AsRef<str>>(requested: &[S], setting: Option<&str>) -> Vec<String> {
    let list = unique(requested.iter().map(|s| s.as_ref().trim()));
    if list.is_empty() {
        site_bundles(setting)
    } else {
        list
    }
}

fn unique<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items.filter(|i| !i.is_empty()) {
        if !out.iter().any(|o| o == item) {
            out.push(item.to_string());
        }
    }
    out
}

/// The origin (`scheme://host[:port]`) of an absolute http or https URL, normalized as browsers
/// do: scheme and host lowercased, the default port (80, 443) left out, user info dropped.
/// `None` for anything else (relative URLs, `data:`, `file:`, no host).
///
/// Written by hand: only the scheme and authority matter here, and the `url` crate's IDNA
/// tables would add to the app's wasm for that. The app passes URLs the browser has already
/// resolved and normalized; this mostly normalizes what an operator typed in the setting.
pub fn origin(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // The port follows the last ':' unless that ':' is inside an IPv6 literal `[...]`.
    let (host, port) = match host_port.rfind(':') {
        Some(i) if !host_port[i..].contains(']') => (&host_port[..i], &host_port[i + 1..]),
        _ => (host_port, ""),
    };
    if host.is_empty() || host.contains(['/', ' ']) {
        return None;
    }
    let host = host.to_ascii_lowercase();
    let port = match port {
        "" => None,
        p => Some(p.parse::<u16>().ok()?),
    };
    Some(match port {
        Some(p) if p != default_port => format!("{scheme}://{host}:{p}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// The host (with its port, if any) of an origin: `https://a.example:8443` → `a.example:8443`.
pub fn host(origin: &str) -> &str {
    origin.split_once("://").map_or(origin, |(_, h)| h)
}

/// Which origins the site lets the app load a bundle from: the `hallway-bundle-origins` setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Policy {
    /// No setting, or `*`: any origin (with the notice for foreign ones).
    Any,
    /// Only these: the page's own origin when `own` (`self` in the setting), and the listed ones.
    Only { own: bool, origins: Vec<String> },
}

/// The setting read, with what in it was not understood (ignored, so it allows nothing more).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedPolicy {
    pub policy: Policy,
    /// Entries that are neither `self`, `*` nor an http(s) origin: say so in the console.
    pub ignored: Vec<String>,
}

impl Policy {
    /// Reads the setting's `content`: origins and the word `self`, separated by spaces or
    /// commas; `*` anywhere (or no setting at all) allows any origin. An empty content allows
    /// only the default bundle (nothing listed).
    pub fn parse(content: Option<&str>) -> ParsedPolicy {
        let Some(content) = content else {
            return ParsedPolicy {
                policy: Policy::Any,
                ignored: Vec::new(),
            };
        };
        let mut own = false;
        let mut origins = Vec::new();
        let mut ignored = Vec::new();
        for entry in content
            .split([' ', ',', '\t', '\n', '\r'])
            .filter(|e| !e.is_empty())
        {
            if entry == "*" {
                return ParsedPolicy {
                    policy: Policy::Any,
                    ignored: Vec::new(),
                };
            }
            if entry.eq_ignore_ascii_case("self") || entry.eq_ignore_ascii_case("'self'") {
                own = true;
                continue;
            }
            // An origin with a path (`https://a.example/data/`) is the origin: say nothing.
            match origin(entry) {
                Some(o) => origins.push(o),
                None => ignored.push(entry.to_string()),
            }
        }
        ParsedPolicy {
            policy: Policy::Only { own, origins },
            ignored,
        }
    }

    /// Whether a bundle at `bundle_url` may be fetched by a page at `page_origin`. The site's
    /// default bundle is always allowed, whatever the setting: it is the site's own.
    pub fn allows(&self, page_origin: &str, bundle_url: &str, default_url: &str) -> bool {
        self.allows_among(page_origin, bundle_url, &[default_url])
    }

    /// [`Policy::allows`] for a site with several default bundles (`hallway-bundles`).
    pub fn allows_among(&self, page_origin: &str, bundle_url: &str, defaults: &[&str]) -> bool {
        if defaults.contains(&bundle_url) {
            return true;
        }
        match self {
            Policy::Any => true,
            Policy::Only { own, origins } => match origin(bundle_url) {
                None => false,
                Some(o) => {
                    (*own && origin(page_origin).as_deref() == Some(&o)) || origins.contains(&o)
                }
            },
        }
    }

    /// The setting as the error view quotes it.
    pub fn describe(&self) -> String {
        match self {
            Policy::Any => "*".into(),
            Policy::Only { own, origins } => {
                let mut parts: Vec<&str> = Vec::new();
                if *own {
                    parts.push("self");
                }
                parts.extend(origins.iter().map(String::as_str));
                if parts.is_empty() {
                    "nothing but the site's own bundle".into()
                } else {
                    parts.join(" ")
                }
            }
        }
    }
}

/// Where the bundle on screen comes from, as far as the reader needs to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The site's default bundle.
    Own,
    /// Another file on the site's own origin (`?bundle=/other.json`): the operator's host, but
    /// not necessarily the operator's data (shared hosts put many sites under one origin).
    OtherFile { url: String },
    /// Another origin's bundle.
    Foreign { host: String, url: String },
}

/// Classifies the bundle at `bundle_url` for a page at `page_origin` whose default bundle is
/// `default_url` (all absolute, as the browser resolved them).
///
/// Only the default bundle counts as the site's own: a notice shows whenever the bundle's
/// origin differs from the page's, and also for another file on the same origin, because one
/// origin can hold many publishers' files (`user.github.io/a` and `user.github.io/b`, upload
/// folders) and a reader cannot tell them apart from the address bar.
pub fn classify(page_origin: &str, bundle_url: &str, default_url: &str) -> Source {
    classify_among(page_origin, bundle_url, &[default_url])
}

/// [`classify`] for a site with several default bundles: any of them is the site's own.
pub fn classify_among(page_origin: &str, bundle_url: &str, defaults: &[&str]) -> Source {
    if defaults.contains(&bundle_url) {
        return Source::Own;
    }
    match origin(bundle_url) {
        Some(o) if origin(page_origin).as_deref() != Some(&o) => Source::Foreign {
            host: host(&o).to_string(),
            url: bundle_url.to_string(),
        },
        // Same origin, or a URL without one (`data:`): say which file it is.
        _ => Source::OtherFile {
            url: bundle_url.to_string(),
        },
    }
}

impl Source {
    /// The notice shown on every page, or `None` for the site's own bundle. `site` names this
    /// site (its host).
    pub fn notice(&self, site: &str) -> Option<String> {
        match self {
            Source::Own => None,
            Source::Foreign { host, .. } => Some(format!(
                "This data comes from {host}, not from {site}. Hallway shows it as published there."
            )),
            Source::OtherFile { .. } => Some(format!(
                "This data comes from another file on {site}, not from this site's own bundle."
            )),
        }
    }

    /// The bundle's URL, for the notice's link.
    pub fn url(&self) -> Option<&str> {
        match self {
            Source::Own => None,
            Source::OtherFile { url } | Source::Foreign { url, .. } => Some(url),
        }
    }
}

/// The error view's text when the setting refuses a bundle: names the origin and the setting.
pub fn refusal(bundle_url: &str, policy: &Policy) -> String {
    let from = origin(bundle_url).unwrap_or_else(|| bundle_url.to_string());
    format!(
        "This site does not load conference data from {from}. Its operator allows only: {}, in the <meta name=\"{SETTING}\"> of index.html. Open the data's own site instead, or ask this site's operator to add {from} there.",
        policy.describe()
    )
}

#[cfg(test)]
mod tests;

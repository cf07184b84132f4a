//! Embedding a view in another site: the `/embed/*` URLs, the matching full-page URLs, and the
//! iframe and `<hallway-view>` snippets the Embed dialog offers. See `docs/embedding.md`.
//!
//! Pure string building, so the snippets a publisher copies are tested here, natively.

use crate::query::{Facet, Filter, View};
use crate::url::{self, param, Query};

/// What an embed shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The timeline in one of its views (events, talks, reports), filtered.
    Timeline(View),
    /// The map of the filtered events.
    Map,
    /// One event's page.
    Event(String),
    /// One project's page.
    Project(String),
    /// One talk's page.
    Talk(String),
    /// One person's page.
    Person(String),
    /// One place's page.
    Place(String),
    /// One report's page.
    Report(String),
}

impl Target {
    /// The `view` attribute of `<hallway-view>` and the last segment of `/embed/<view>`.
    pub fn name(&self) -> &'static str {
        match self {
            Target::Timeline(View::Events) => "timeline",
            Target::Timeline(View::Talks) => "talks",
            Target::Timeline(View::Reports) => "reports",
            Target::Map => "map",
            Target::Event(_) => "event",
            Target::Project(_) => "project",
            Target::Talk(_) => "talk",
            Target::Person(_) => "person",
            Target::Place(_) => "place",
            Target::Report(_) => "report",
        }
    }

    /// A human name for titles: "Talks", "Map", "Event".
    pub fn title(&self) -> &'static str {
        match self {
            Target::Timeline(View::Events) => "Timeline",
            Target::Timeline(View::Talks) => "Talks",
            Target::Timeline(View::Reports) => "Reports",
            Target::Map => "Map",
            Target::Event(_) => "Event",
            Target::Project(_) => "Project",
            Target::Talk(_) => "Talk",
            Target::Person(_) => "Person",
            Target::Place(_) => "Place",
            Target::Report(_) => "Report",
        }
    }

    /// For one record's page: the path segment of its kind (`talks` in `/embed/talks/<id>`)
    /// and its id; `None` for the timelines and the map, which show a filtered collection.
    pub fn entity(&self) -> Option<(&'static str, &str)> {
        let (kind, id) = match self {
            Target::Timeline(_) | Target::Map => return None,
            Target::Event(id) => ("events", id),
            Target::Project(id) => ("projects", id),
            Target::Talk(id) => ("talks", id),
            Target::Person(id) => ("people", id),
            Target::Place(id) => ("places", id),
            Target::Report(id) => ("reports", id),
        };
        Some((kind, id.as_str()))
    }
}

/// The path segments of the record pages that have an embed (`/embed/<kind>/<id>`), in the
/// order of [`Target`]. `/embed/talks` alone is the talks timeline, `/embed/talks/<id>` a talk.
pub const ENTITY_KINDS: [&str; 6] = ["events", "projects", "talks", "people", "places", "reports"];

/// Every attribute of `<hallway-view>` that is a filter, in the URL's canonical order: exactly
/// the query parameters [`Filter::from_query`] reads, minus `view` (the element's `view` picks
/// the page). `public/embed/hallway-view.js` has the same list; a test compares them.
pub fn filter_params() -> Vec<&'static str> {
    let mut keys = vec!["q"];
    keys.extend(Facet::ALL.iter().map(|f| f.param()));
    keys.extend(["from", "to", "sort"]);
    keys
}

/// The filter's parameters without `view`, which the embed path carries instead.
fn query_without_view(filter: &Filter) -> Query {
    let mut f = filter.clone();
    f.view = View::default();
    f.to_params()
}

/// The view an embed timeline path shows when its query names none (`/embed/talks` shows
/// talks); `None` for paths that are not embed timelines.
pub fn frame_view(path: &str) -> Option<View> {
    match path.trim_end_matches('/') {
        "/embed/timeline" => Some(View::Events),
        "/embed/talks" => Some(View::Talks),
        "/embed/reports" => Some(View::Reports),
        _ => None,
    }
}

/// The filter an embed page shows: on `/embed/talks` the view is talks unless the query's
/// `view=` says otherwise.
pub fn frame_filter(path: &str, query: &str, mut filter: Filter) -> Filter {
    if let Some(view) = frame_view(path) {
        if !names_view(query) {
            filter.view = view;
        }
    }
    filter
}

/// Whether a query string has a `view` parameter.
fn names_view(query: &str) -> bool {
    Query::parse(query).contains(param::VIEW)
}

/// The query of a link to `filter` inside an embed timeline whose path shows `frame_view`:
/// the view is named only when it is not the path's own. A frame sandboxed without
/// same-origin may change only its URL's query, so filtering must not change the path.
pub fn query_in_frame(filter: &Filter, frame_view: View) -> String {
    let mut query = Query::new();
    if filter.view != frame_view {
        query.push(param::VIEW, filter.view.as_str());
    }
    query.extend_missing(&query_without_view(filter));
    query.to_string()
}

/// The frame's path and query: `/embed/talks?project=qemu&bundle=...`, one `bundle` per bundle
/// of the view, in order (merged, the first wins). Ids are slugs, so they are safe in a path
/// segment as they are; they are still encoded in case one is not.
pub fn embed_path(target: &Target, filter: &Filter, bundles: &[&str]) -> String {
    let path = match target.entity() {
        Some((kind, id)) => format!("/embed{}", url::entity_path(kind, id)),
        None => format!("/embed/{}", target.name()),
    };
    // Record pages show the whole record: no filter.
    let mut query = if target.entity().is_none() {
        query_without_view(filter)
    } else {
        Query::new()
    };
    for b in bundles.iter().filter(|b| !b.is_empty()) {
        query.push(param::BUNDLE, b);
    }
    url::join(&path, &query)
}

/// The full page an embed stands for, for its "Open in Hallway" link: `/embed/talks?x` is
/// `/?view=talks&x`, `/embed/map?x` is `/map?x`, `/embed/events/a` is `/events/a` (and so on
/// for every kind of [`ENTITY_KINDS`]). `None` for paths outside `/embed/`. The query is kept as it is (filters and `bundle`).
pub fn full_page_path(path: &str, query: &str) -> Option<String> {
    let query = Query::parse(query);
    if let Some(view) = frame_view(path) {
        // The full timeline shows events unless told otherwise.
        let mut full = Query::new();
        if view != View::default() && !query.contains(param::VIEW) {
            full.push(param::VIEW, view.as_str());
        }
        full.extend_missing(&query);
        return Some(url::join("/", &full));
    }
    let rest = path.strip_prefix("/embed/")?.trim_end_matches('/');
    if rest == "map" {
        return Some(url::join("/map", &query));
    }
    let (kind, id) = rest.split_once('/')?;
    if !ENTITY_KINDS.contains(&kind) || id.is_empty() || id.contains('/') {
        return None;
    }
    Some(url::join(&format!("/{kind}/{id}"), &query))
}

/// The two snippets of the Embed dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippets {
    /// A sandboxed `<iframe>`.
    pub iframe: String,
    /// The `<script type="module">` and a `<hallway-view>` element.
    pub element: String,
}

/// The sandbox flags of the iframe snippet (and of the element's own frame). `allow-scripts`
/// runs the app; `allow-popups` lets its links open the full page in a new tab, and
/// `allow-popups-to-escape-sandbox` lets that tab be a normal page (storage, offline support).
pub const SANDBOX: &str = "allow-scripts allow-popups allow-popups-to-escape-sandbox";

/// The snippets for `target` with `filter`, served from `origin` (`https://example.org`, or
/// with the path the app is published under, no trailing slash), reading `bundles` when the
/// view uses other bundles than the app's own (the element's `bundle` lists them separated by
/// spaces). `title` names the frame for screen readers.
pub fn snippets(
    origin: &str,
    target: &Target,
    filter: &Filter,
    bundles: &[&str],
    title: &str,
) -> Snippets {
    let origin = origin.trim_end_matches('/');
    let src = format!("{origin}{}", embed_path(target, filter, bundles));
    let iframe = format!(
        "<iframe src=\"{}\" title=\"{}\" sandbox=\"{SANDBOX}\" width=\"100%\" height=\"600\" loading=\"lazy\"></iframe>",
        attr(&src),
        attr(title)
    );
    let mut attrs = vec![("view", target.name().to_string())];
    let bundles: Vec<&str> = bundles.iter().copied().filter(|b| !b.is_empty()).collect();
    if !bundles.is_empty() {
        attrs.push(("bundle", bundles.join(" ")));
    }
    match target.entity() {
        // The record is named by its kind (`talk="<id>"`), not by `id`, which is the host
        // page's own (and must be unique there).
        Some((_, id)) => attrs.push((target.name(), id.to_string())),
        None => attrs.extend(filter_attributes(filter)),
    }
    let attrs: String = attrs
        .into_iter()
        .map(|(k, v)| format!(" {k}=\"{}\"", attr(&v)))
        .collect();
    let element = format!(
        "<script type=\"module\" src=\"{}\"></script>\n<hallway-view{attrs}></hallway-view>",
        attr(&format!("{origin}/embed/hallway-view.js"))
    );
    Snippets { iframe, element }
}

/// A filter as `<hallway-view>` attributes: plain text, several values of a facet separated by
/// commas, a comma inside a value written `%2C` (as in the URL).
fn filter_attributes(filter: &Filter) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if !filter.text.is_empty() {
        out.push(("q", filter.text.clone()));
    }
    for facet in Facet::ALL {
        let values = filter.selected(facet);
        if !values.is_empty() {
            let values: Vec<String> = values.iter().map(|v| v.replace(',', "%2C")).collect();
            out.push((facet.param(), values.join(",")));
        }
    }
    if let Some(range) = filter.range {
        if let Some(from) = range.from {
            out.push(("from", from.to_string()));
        }
        if let Some(to) = range.to {
            out.push(("to", to.to_string()));
        }
    }
    if filter.sort != Default::default() {
        out.push(("sort", "oldest".into()));
    }
    out
}

/// Escapes text for a double-quoted HTML attribute value (`&`, `<`, `>`, `"` and `'`), with the
/// escaper the Markdown renderer uses.
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

#[cfg(test)]
mod tests;

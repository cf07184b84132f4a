//! Exports of a filtered view (iCalendar, Atom, JSON Feed, CSV, GeoJSON, frab): the same code
//! serves the browser's download buttons and `hallway export`.
//!
//! Every exporter is a pure function of the dataset and the items a view shows (positions in the
//! view's collection, as [`crate::query::QueryIndex::run`] returns them, in that order) and gives
//! back text plus notes about anything it had to leave out. Nothing here reads a clock: the
//! timestamp formats require comes from [`Options::now`] or the bundle's `generated` field, so
//! that the same input always gives the same bytes.

pub mod csv;
pub mod feed;
pub mod frab;
pub mod geojson;
pub mod ical;

use crate::date::{Date, DateTime};
use crate::index::Dataset;
use crate::model::{Event, Id, Place, Talk};
use crate::query::{Facet, Filter, View};
use crate::text::slug;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// iCalendar (RFC 5545) of events or talks.
    Ical,
    /// Atom (RFC 4287) of reports.
    Atom,
    /// JSON Feed 1.1 of reports.
    JsonFeed,
    /// CSV (RFC 4180) of events, talks or reports.
    Csv,
    /// GeoJSON (RFC 7946) points of the events a view covers.
    GeoJson,
    /// GeoJSON points of the places (cities) of the events a view covers.
    GeoJsonPlaces,
    /// frab/C3VOC `schedule.json` of one event's talks; see [`frab::schedule`].
    Frab,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Ical,
        Format::Atom,
        Format::JsonFeed,
        Format::Csv,
        Format::GeoJson,
        Format::GeoJsonPlaces,
        Format::Frab,
    ];

    /// The name on the command line and in the app's URLs.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ical => "ics",
            Format::Atom => "atom",
            Format::JsonFeed => "jsonfeed",
            Format::Csv => "csv",
            Format::GeoJson => "geojson",
            Format::GeoJsonPlaces => "geojson-places",
            Format::Frab => "frab",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Ical => "ics",
            Format::Atom => "atom",
            Format::JsonFeed => "feed.json",
            Format::Csv => "csv",
            Format::GeoJson | Format::GeoJsonPlaces => "geojson",
            Format::Frab => "schedule.json",
        }
    }

    /// The IANA media type, for a download's `Blob`.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Ical => "text/calendar;charset=utf-8",
            Format::Atom => "application/atom+xml;charset=utf-8",
            Format::JsonFeed => "application/feed+json;charset=utf-8",
            Format::Csv => "text/csv;charset=utf-8;header=present",
            Format::GeoJson | Format::GeoJsonPlaces => "application/geo+json",
            Format::Frab => "application/json",
        }
    }

    /// The views the format can list; the first is used when the filter's view is not one.
    /// GeoJSON maps talks and reports to the events they belong to.
    pub fn views(self) -> &'static [View] {
        match self {
            Format::Ical => &[View::Events, View::Talks],
            Format::Atom | Format::JsonFeed => &[View::Reports],
            Format::Csv | Format::GeoJson | Format::GeoJsonPlaces => &View::ALL,
            Format::Frab => &[View::Talks],
        }
    }

    /// The view to run the filter in for this format: the filter's own when the format lists
    /// it, else the format's first.
    pub fn view_for(self, requested: View) -> View {
        let views = self.views();
        if views.contains(&requested) {
            requested
        } else {
            views[0]
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Choices that are not part of the data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Where the app is published (`https://example.org/hallway`), for links to its pages and
    /// for feed ids. Without it, links point to the records' own URLs where they have one.
    pub base_url: Option<String>,
    /// The time of the export, used only when the bundle has no `generated` time (iCalendar's
    /// `DTSTAMP`, a feed's `updated`). Without either, the Unix epoch stands in.
    pub now: Option<DateTime>,
    /// The view's `bundle` parameters (`?bundle=A&bundle=B`), kept on links to the app's pages
    /// so that they show the same, merged data. Empty for the site's own bundles.
    pub bundles: Vec<String>,
}

/// An export's text and what it left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exported {
    pub text: String,
    /// One line per skipped item or lost detail, for the reader (the CLI prints them).
    pub notes: Vec<String>,
}

/// Why an export could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// The format cannot list this view (see [`Format::views`]).
    WrongView {
        format: Format,
        view: View,
    },
    /// `frab` needs an event.
    NoEvent,
    NoSuchEvent(String),
    /// The event's dates are not full days, so frab cannot lay out its days.
    PartialEventDates(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::WrongView { format, view } => {
                let views: Vec<&str> = format.views().iter().map(|v| v.as_str()).collect();
                write!(
                    f,
                    "{format} cannot list {}; use view={} in the filter",
                    view.as_str(),
                    views.join(" or view=")
                )
            }
            ExportError::NoEvent => f.write_str(
                "the frab schedule covers one event; name it (on the command line: --event <id>)",
            ),
            ExportError::NoSuchEvent(id) => {
                write!(
                    f,
                    "this bundle has no event `{id}`; check the id in the event's URL"
                )
            }
            ExportError::PartialEventDates(id) => write!(
                f,
                "event `{id}` is dated only to the month or year, so its days cannot be laid out; \
                 give its start and end as YYYY-MM-DD"
            ),
        }
    }
}

impl std::error::Error for ExportError {}

/// Exports `items` of `view` in `format`, converting Markdown with core's parser ([`Parse`]).
/// `frab` needs an event; call [`frab::schedule`].
pub fn export(
    data: &Dataset,
    format: Format,
    view: View,
    items: &[u32],
    options: &Options,
) -> Result<Exported, ExportError> {
    export_with(data, format, view, items, options, &Parse)
}

/// [`export`] with the Markdown conversion passed in. The app's first load has no Markdown
/// parser: it asks its worker for the texts [`markdown_sources`] lists and passes the answers
/// as [`Converted`].
pub fn export_with(
    data: &Dataset,
    format: Format,
    view: View,
    items: &[u32],
    options: &Options,
    markdown: &dyn MarkdownText,
) -> Result<Exported, ExportError> {
    if !format.views().contains(&view) {
        return Err(ExportError::WrongView { format, view });
    }
    Ok(match (format, view) {
        (Format::Ical, View::Events) => ical::events(data, items, options),
        (Format::Ical, _) => ical::talks(data, items, options, markdown),
        (Format::Atom, _) => feed::atom(data, items, options, markdown),
        (Format::JsonFeed, _) => feed::json_feed(data, items, options, markdown),
        (Format::Csv, View::Events) => csv::events(data, items, options),
        (Format::Csv, View::Talks) => csv::talks(data, items, options),
        (Format::Csv, View::Reports) => csv::reports(data, items, options),
        (Format::GeoJson, _) => geojson::events(data, &crate::query::events_of(data, view, items)),
        (Format::GeoJsonPlaces, _) => {
            geojson::places(data, &crate::query::events_of(data, view, items))
        }
        (Format::Frab, _) => return Err(ExportError::NoEvent),
    })
}

/// How an export turns bundle Markdown into its output: HTML for feed bodies, plain text for
/// formats without markup (iCalendar descriptions).
pub trait MarkdownText {
    /// Safe HTML ([`crate::markdown::to_html`] of the parsed text).
    fn html(&self, markdown: &str) -> String;
    /// Plain text ([`crate::markdown::plain_text`] of the parsed text).
    fn plain(&self, markdown: &str) -> String;
}

/// Core's own conversion, parsing each text as it comes (the CLI, tests, the worker).
pub struct Parse;

impl MarkdownText for Parse {
    fn html(&self, markdown: &str) -> String {
        crate::markdown::to_html(&crate::markdown::parse(markdown))
    }
    fn plain(&self, markdown: &str) -> String {
        crate::markdown::plain_text(&crate::markdown::parse(markdown))
    }
}

/// The texts an export converts, each once, in the order it meets them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarkdownSources {
    pub html: Vec<String>,
    pub plain: Vec<String>,
}

/// The Markdown texts [`export_with`] will convert for these arguments, found by running the
/// export with a converter that only records (so the list cannot drift from the exporters).
/// Empty for formats without Markdown and for arguments [`export`] refuses.
pub fn markdown_sources(
    data: &Dataset,
    format: Format,
    view: View,
    items: &[u32],
    options: &Options,
) -> MarkdownSources {
    let recorder = Recorder::default();
    let _ = export_with(data, format, view, items, options, &recorder);
    recorder.sources.into_inner()
}

#[derive(Default)]
struct Recorder {
    sources: RefCell<MarkdownSources>,
}

impl MarkdownText for Recorder {
    fn html(&self, markdown: &str) -> String {
        let list = &mut self.sources.borrow_mut().html;
        if !list.iter().any(|m| m == markdown) {
            list.push(markdown.to_string());
        }
        String::new()
    }
    fn plain(&self, markdown: &str) -> String {
        let list = &mut self.sources.borrow_mut().plain;
        if !list.iter().any(|m| m == markdown) {
            list.push(markdown.to_string());
        }
        String::new()
    }
}

/// Conversions made elsewhere (the app's worker), looked up by source text. A text that is
/// missing (the worker was not asked for it) is given as the source itself: escaped, in one
/// paragraph, for HTML; unchanged for plain text. Never parsed here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Converted {
    html: HashMap<String, String>,
    plain: HashMap<String, String>,
}

impl Converted {
    /// Pairs each source of `sources` with its answer, in order (the worker answers a batch in
    /// the order asked). Extra or missing answers leave the rest unpaired.
    pub fn new(sources: MarkdownSources, html: Vec<String>, plain: Vec<String>) -> Converted {
        Converted {
            html: sources.html.into_iter().zip(html).collect(),
            plain: sources.plain.into_iter().zip(plain).collect(),
        }
    }
}

impl MarkdownText for Converted {
    fn html(&self, markdown: &str) -> String {
        match self.html.get(markdown) {
            Some(html) => html.clone(),
            None => {
                let mut out = String::from("<p>");
                let _ = pulldown_cmark_escape::escape_html(&mut out, markdown);
                out.push_str("</p>\n");
                out
            }
        }
    }
    fn plain(&self, markdown: &str) -> String {
        self.plain
            .get(markdown)
            .cloned()
            .unwrap_or_else(|| markdown.to_string())
    }
}

/// The download's file name for a filtered view: `hallway-qemu-dublin.ics`,
/// `hallway-all-talks.csv`. Built from slugs of the selected values, so it is safe on every
/// file system; long names are cut and end in a short hash so that different filters still
/// get different names.
pub fn file_name(filter: &Filter, ext: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for facet in Facet::ALL {
        parts.extend(filter.selected(facet).iter().map(|v| slug(v)));
    }
    parts.push(slug(&filter.text));
    match filter.range.map(|r| (r.from, r.to)) {
        Some((Some(from), Some(to))) => parts.push(format!("{from}-to-{to}")),
        Some((Some(from), None)) => parts.push(format!("from-{from}")),
        Some((None, Some(to))) => parts.push(format!("until-{to}")),
        Some((None, None)) | None => {}
    }
    parts.retain(|p| !p.is_empty());
    let mut stem = if parts.is_empty() {
        "all".to_string()
    } else {
        parts.join("-").to_ascii_lowercase()
    };
    // Slugs keep non-Latin letters; file names stay ASCII for old unzip tools and e-mail.
    stem = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    if stem.len() > 80 {
        let hash = fnv1a_128(filter.to_query().as_bytes()) as u32;
        stem.truncate(70);
        stem = format!("{}-{hash:08x}", stem.trim_end_matches('-'));
    }
    if filter.view != View::Events {
        stem.push('-');
        stem.push_str(filter.view.as_str());
    }
    format!("hallway-{stem}.{}", ext.trim_start_matches('.'))
}

/// FNV-1a with 128 bits: stable across platforms and releases, unlike `std`'s hasher, and a few
/// lines instead of a hashing crate in the wasm. Used for ids, never for security.
pub(crate) fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ b as u128).wrapping_mul(PRIME))
}

/// A deterministic UUID for a record, as frab's `guid` and feed ids need one.
///
/// Name-based UUIDs (v5) would need SHA-1 in the wasm for a value nobody verifies; what
/// matters is that the same record always gets the same id and different records different
/// ones. So this hashes `kind/id` with FNV-1a 128 and stamps the bits as UUIDv8 (RFC 9562's
/// "custom" version), which says honestly that it is neither random nor SHA-1.
pub fn uuid(kind: &str, id: &str) -> String {
    let mut key = Vec::with_capacity(kind.len() + id.len() + 9);
    key.extend_from_slice(b"hallway/");
    key.extend_from_slice(kind.as_bytes());
    key.push(b'/');
    key.extend_from_slice(id.as_bytes());
    let mut h = fnv1a_128(&key);
    h = (h & !(0xf << 76)) | (0x8 << 76); // version 8
    h = (h & !(0x3 << 62)) | (0x2 << 62); // RFC variant
    let x = format!("{h:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..]
    )
}

/// The app's page for a record, when the base URL is known: `{base}/{kind}/{id}`.
pub(crate) fn page_url(options: &Options, kind: &str, id: &str) -> Option<String> {
    let base = options.base_url.as_deref()?.trim_end_matches('/');
    let mut bundles = crate::url::Query::new();
    for b in &options.bundles {
        bundles.push(crate::url::param::BUNDLE, b);
    }
    let path = crate::url::href(&crate::url::entity_path(kind, id), &bundles);
    Some(format!("{base}{path}"))
}

/// A bundle URL usable where a format needs an absolute one: http or https only.
pub(crate) fn absolute_url(url: Option<&str>) -> Option<String> {
    let url = crate::text::safe_link_target(url?)?;
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(url)
}

/// The moment the data stands for: the bundle's `generated`, else [`Options::now`], else the
/// epoch. A bundle's time is preferred because a calendar's `DTSTAMP` means "last revised".
pub(crate) fn stamp(data: &Dataset, options: &Options) -> DateTime {
    data.bundle
        .generated
        .as_deref()
        .and_then(|g| DateTime::parse(g).ok())
        .or(options.now)
        .unwrap_or(DateTime {
            date: Date::ymd(1970, 1, 1),
            hour: 0,
            minute: 0,
            second: 0,
            offset_minutes: 0,
        })
}

/// An event's place, if it has one.
pub(crate) fn place_of<'a>(data: &'a Dataset, event: &Event) -> Option<&'a Place> {
    let p = *data.index.place_by_id.get(event.place.as_deref()?)?;
    data.bundle.places.get(p as usize)
}

/// An event's venue, if it has one.
pub(crate) fn venue_of<'a>(data: &'a Dataset, event: &Event) -> Option<&'a crate::model::Venue> {
    let v = *data.index.venue_by_id.get(event.venue.as_deref()?)?;
    data.bundle.venues.get(v as usize)
}

/// Where an event is on a map, `(lat, lon)`: its venue when that is geocoded, else its city.
pub(crate) fn coordinates(data: &Dataset, event: &Event) -> Option<(f64, f64)> {
    venue_of(data, event)
        .and_then(|v| v.lat.zip(v.lon))
        .or_else(|| place_of(data, event).and_then(|p| p.lat.zip(p.lon)))
}

/// "Venue, City, Country", "City, Country" or "Online".
pub(crate) fn location(data: &Dataset, event: &Event) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(v) = venue_of(data, event) {
        parts.push(&v.name);
    }
    if let Some(p) = place_of(data, event) {
        parts.push(&p.city);
        parts.push(&p.country);
    }
    if parts.is_empty() {
        return event.online.then(|| "Online".to_string());
    }
    Some(parts.join(", "))
}

/// Names of the people with these ids (unknown ids as written).
pub(crate) fn speaker_names<'a>(data: &'a Dataset, ids: &'a [Id]) -> Vec<&'a str> {
    ids.iter()
        .map(|id| match data.index.person_by_id.get(id) {
            Some(&p) => data.bundle.people[p as usize].name.as_str(),
            None => id.as_str(),
        })
        .collect()
}

/// A talk's project ids: its own, else its event's (as the query's project facet reads them).
pub(crate) fn talk_projects<'a>(data: &'a Dataset, talk: &'a Talk) -> &'a [Id] {
    if !talk.projects.is_empty() {
        return &talk.projects;
    }
    data.index
        .event_by_id
        .get(&talk.event)
        .map(|&e| data.bundle.events[e as usize].projects.as_slice())
        .unwrap_or(&[])
}

/// Project names for ids.
pub(crate) fn project_names<'a>(data: &'a Dataset, ids: &'a [Id]) -> Vec<&'a str> {
    ids.iter()
        .map(|id| match data.index.project_by_id.get(id) {
            Some(&p) => data.bundle.projects[p as usize].name.as_str(),
            None => id.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests;

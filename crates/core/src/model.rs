//! The bundle's records as Rust types: the single source of truth for the format and its JSON Schema.
//!
//! Every type is forward compatible: unknown fields are ignored, optional fields default.
//! Ids are stable slugs; a reference is the id of another record. See `docs/bundle-format.md`.

use crate::date::{Date, DateTime};
use serde::{Deserialize, Serialize};

/// The value of the bundle's `format` field.
pub const FORMAT: &str = "hallway-bundle";
/// The format version this code writes, and the highest it reads in full.
pub const VERSION_MAJOR: u32 = 1;
pub const VERSION_MINOR: u32 = 0;

pub use crate::shared::Shared;
/// A record's id, or a reference to one (see `shared`: ids decoded together share their text).
pub type Id = Shared;

/// A record's short list (speakers, projects, links), kept at its exact length.
///
/// serde grows a vector of unknown length from a capacity of four, so a talk's two speakers
/// would keep room for four: at 100,000 talks the lists left about 10 MB unused (natively;
/// about half in wasm32) for the page's life. Shrinking is in place (the allocator splits the
/// block).
fn exact<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::<T>::deserialize(d)?;
    list.shrink_to_fit();
    Ok(list)
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Generator {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// Credit for data or assets that the bundle carries.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// Where the long texts of a split bundle live (see "Split form" in the format docs).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TextShards {
    /// Shard URLs, relative to the main document. A talk's or report's `text_shard` indexes this list.
    pub shards: Vec<String>,
    /// The full-text search index of the long texts: its dictionary's URL, relative to the main
    /// document (`hallway_core::search_index`). Absent: only the in-memory index (titles,
    /// names) searches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// A city (or other locality). Coordinates are WGS84 degrees; both or neither.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub id: Id,
    pub city: String,
    pub country: String,
    /// ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Venue {
    pub id: Id,
    pub name: String,
    /// The place (city) the venue is in.
    pub place: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// A recurring conference: the editions are events that name it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<String>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Id>,
    pub start: Date,
    /// Last day (inclusive); the start day when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// IANA time zone name, e.g. `Europe/Berlin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The city; absent for online-only events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<Id>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub online: bool,
    /// Events held alongside this one; the link is shown in both directions.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "exact"
    )]
    pub colocated: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Reported attendance, free text such as "1,500-2,000".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "exact"
    )]
    pub projects: Vec<Id>,
}

impl Event {
    pub fn last_day(&self) -> Date {
        self.end.unwrap_or(self.start)
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// `slides`, `video`, `recording`, `paper`, `code`, `page` or anything else.
    pub kind: Shared,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Talk {
    pub id: Id,
    pub title: String,
    pub event: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<Shared>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<Shared>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "exact"
    )]
    pub speakers: Vec<Id>,
    /// The day of the talk when its time is unknown; ignored when `start` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_min: Option<u32>,
    /// CommonMark. Absent in the main document of a split bundle (see `text_shard`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#abstract: Option<String>,
    /// Split form: index into `texts.shards` of the shard holding the abstract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_shard: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "exact"
    )]
    pub projects: Vec<Id>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "exact"
    )]
    pub links: Vec<Link>,
}

impl Talk {
    /// The talk's day, from its start time, its date, or else unknown.
    pub fn day(&self) -> Option<Date> {
        self.start.map(|s| s.date).or(self.date)
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub id: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub published: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "exact"
    )]
    pub events: Vec<Id>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "exact"
    )]
    pub talks: Vec<Id>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "exact"
    )]
    pub projects: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// CommonMark. Absent in the main document of a split bundle (see `text_shard`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_shard: Option<u32>,
}

/// A whole bundle. Collections are flat and normalised; references are ids.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Always `hallway-bundle`.
    pub format: String,
    /// `MAJOR.MINOR`. Readers refuse a newer major version and accept a newer minor one.
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<Generator>,
    pub title: String,
    /// RFC 3339 timestamp of when the bundle was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "exact"
    )]
    pub attribution: Vec<Attribution>,
    /// Present only in the split form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub texts: Option<TextShards>,
    #[serde(default)]
    pub projects: Vec<Project>,
    #[serde(default)]
    pub places: Vec<Place>,
    #[serde(default)]
    pub venues: Vec<Venue>,
    #[serde(default)]
    pub series: Vec<Series>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub talks: Vec<Talk>,
    #[serde(default)]
    pub reports: Vec<Report>,
}

impl Bundle {
    pub fn new(title: impl Into<String>) -> Self {
        Bundle {
            format: FORMAT.into(),
            version: format!("{VERSION_MAJOR}.{VERSION_MINOR}"),
            generator: None,
            title: title.into(),
            generated: None,
            attribution: Vec::new(),
            texts: None,
            projects: Vec::new(),
            places: Vec::new(),
            venues: Vec::new(),
            series: Vec::new(),
            events: Vec::new(),
            people: Vec::new(),
            talks: Vec::new(),
            reports: Vec::new(),
        }
    }
}

/// One shard of long texts in the split form: talk abstracts and report bodies by id.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TextShard {
    /// Always `hallway-texts`.
    pub format: String,
    pub version: String,
    #[serde(default)]
    pub talks: std::collections::BTreeMap<Id, String>,
    #[serde(default)]
    pub reports: std::collections::BTreeMap<Id, String>,
}

pub const SHARD_FORMAT: &str = "hallway-texts";

//! Turns one TOML record into a bundle record, noting every reference to check once all ids are known.

use super::diagnostics::Diagnostics;
use super::fields::{At, Rec};
use hallway_core::model::*;

/// The collections a reference can point into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Project,
    Place,
    Venue,
    Series,
    Event,
    Person,
    Talk,
    Report,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Project => "project",
            Kind::Place => "place",
            Kind::Venue => "venue",
            Kind::Series => "series",
            Kind::Event => "event",
            Kind::Person => "person",
            Kind::Talk => "talk",
            Kind::Report => "report",
        }
    }
}

/// A reference found in the content, checked after every file is read.
pub struct Ref {
    pub kind: Kind,
    pub at: At,
}

/// What a conversion produces besides the record: its id (with position) and its references.
#[derive(Default)]
pub struct Found {
    pub refs: Vec<Ref>,
}

impl Found {
    fn one(&mut self, kind: Kind, at: &Option<At>) -> Option<Id> {
        at.as_ref().map(|a| {
            self.refs.push(Ref {
                kind,
                at: a.clone(),
            });
            Id::from(&a.value)
        })
    }

    fn many(&mut self, kind: Kind, list: Vec<At>) -> Vec<Id> {
        list.into_iter()
            .map(|a| {
                let v = Id::from(&a.value);
                self.refs.push(Ref { kind, at: a });
                v
            })
            .collect()
    }
}

fn text(at: Option<At>) -> Option<String> {
    at.map(|a| a.value)
}

/// Latitude and longitude, both or neither.
fn coordinates(rec: &Rec, d: &mut Diagnostics) -> (Option<f64>, Option<f64>) {
    let lat = rec.opt_degrees(d, "lat", 90.0);
    let lon = rec.opt_degrees(d, "lon", 180.0);
    let has_lat = rec.span_of("lat").is_some();
    let has_lon = rec.span_of("lon").is_some();
    if has_lat != has_lon {
        let span = rec
            .span_of("lat")
            .or(rec.span_of("lon"))
            .unwrap_or(rec.head(d));
        d.error(
            rec.file,
            span,
            "give both `lat` and `lon`, or neither".into(),
            None,
        );
        return (None, None);
    }
    (lat, lon)
}

pub const PROJECT_FIELDS: &[&str] = &["id", "name", "url", "summary"];
pub fn project(rec: &Rec, d: &mut Diagnostics, _f: &mut Found) -> Option<Project> {
    let name = rec.req_str(d, "name", "project");
    let url = text(rec.opt_str(d, "url"));
    let summary = text(rec.opt_str(d, "summary"));
    Some(Project {
        id: Id::default(),
        name: name?.value,
        url,
        summary,
    })
}

pub const PLACE_FIELDS: &[&str] = &["id", "city", "country", "country_code", "lat", "lon"];
pub fn place(rec: &Rec, d: &mut Diagnostics, _f: &mut Found) -> Option<Place> {
    let city = rec.req_str(d, "city", "place");
    let country = rec.req_str(d, "country", "place");
    let country_code = rec.opt_str(d, "country_code");
    if let Some(cc) = &country_code {
        if cc.value.len() != 2 || !cc.value.bytes().all(|b| b.is_ascii_uppercase()) {
            d.error(
                cc.file,
                cc.span.clone(),
                format!("`{}` is not an ISO 3166-1 alpha-2 code", cc.value),
                Some("use two capital letters, such as \"DE\"".into()),
            );
        }
    }
    let (lat, lon) = coordinates(rec, d);
    Some(Place {
        id: Id::default(),
        city: city?.value,
        country: country?.value,
        country_code: text(country_code),
        lat,
        lon,
    })
}

pub const VENUE_FIELDS: &[&str] = &["id", "name", "place", "lat", "lon"];
pub fn venue(rec: &Rec, d: &mut Diagnostics, f: &mut Found) -> Option<Venue> {
    let name = rec.req_str(d, "name", "venue");
    let place = rec.req_str(d, "place", "venue");
    let (lat, lon) = coordinates(rec, d);
    let place = f.one(Kind::Place, &place);
    Some(Venue {
        id: Id::default(),
        name: name?.value,
        place: place?,
        lat,
        lon,
    })
}

pub const SERIES_FIELDS: &[&str] = &["id", "name", "organizer"];
pub fn series(rec: &Rec, d: &mut Diagnostics, _f: &mut Found) -> Option<Series> {
    let name = rec.req_str(d, "name", "series");
    let organizer = text(rec.opt_str(d, "organizer"));
    Some(Series {
        id: Id::default(),
        name: name?.value,
        organizer,
    })
}

pub const EVENT_FIELDS: &[&str] = &[
    "id",
    "name",
    "series",
    "start",
    "end",
    "timezone",
    "place",
    "venue",
    "online",
    "colocated",
    "url",
    "attendance",
    "projects",
];
pub fn event(rec: &Rec, d: &mut Diagnostics, f: &mut Found) -> Option<Event> {
    let name = rec.req_str(d, "name", "event");
    let start = rec.req_date(d, "start", "event");
    let end = rec.opt_date(d, "end");
    if let (Some(s), Some(e), Some(span)) = (start, end, rec.span_of("end")) {
        if e < s {
            d.error(
                rec.file,
                span,
                format!("the event ends ({e}) before it starts ({s})"),
                None,
            );
        }
    }
    let timezone = rec.opt_str(d, "timezone");
    if let Some(tz) = &timezone {
        if tz.value != "UTC" && !tz.value.contains('/') {
            d.error(
                tz.file,
                tz.span.clone(),
                format!("`{}` is not an IANA time zone name", tz.value),
                Some("write a name such as \"Europe/Berlin\"".into()),
            );
        }
    }
    let series = rec.opt_str(d, "series");
    let place = rec.opt_str(d, "place");
    let venue = rec.opt_str(d, "venue");
    let online = rec.opt_bool(d, "online").unwrap_or(false);
    let colocated = rec.ids(d, "colocated");
    let url = text(rec.opt_str(d, "url"));
    let attendance = text(rec.opt_str(d, "attendance"));
    let projects = f.many(Kind::Project, rec.ids(d, "projects"));
    let (series, place, venue) = (
        f.one(Kind::Series, &series),
        f.one(Kind::Place, &place),
        f.one(Kind::Venue, &venue),
    );
    let colocated = f.many(Kind::Event, colocated);
    Some(Event {
        id: Id::default(),
        name: name?.value,
        series,
        start: start?,
        end,
        timezone: text(timezone),
        place,
        venue,
        online,
        colocated,
        url,
        attendance,
        projects,
    })
}

pub const PERSON_FIELDS: &[&str] = &["id", "name", "affiliation", "url"];
pub fn person(rec: &Rec, d: &mut Diagnostics, _f: &mut Found) -> Option<Person> {
    let name = rec.req_str(d, "name", "person");
    let affiliation = text(rec.opt_str(d, "affiliation"));
    let url = text(rec.opt_str(d, "url"));
    Some(Person {
        id: Id::default(),
        name: name?.value,
        affiliation,
        url,
    })
}

pub const TALK_FIELDS: &[&str] = &[
    "id",
    "title",
    "event",
    "track",
    "room",
    "speakers",
    "date",
    "start",
    "duration_min",
    "abstract",
    "projects",
    "links",
];
const LINK_FIELDS: &[&str] = &["kind", "url", "title"];
pub fn talk(rec: &Rec, d: &mut Diagnostics, f: &mut Found, strict: bool) -> Option<Talk> {
    let title = rec.req_str(d, "title", "talk");
    let event = rec.req_str(d, "event", "talk");
    let track = text(rec.opt_str(d, "track"));
    let room = text(rec.opt_str(d, "room"));
    let speakers = f.many(Kind::Person, rec.ids(d, "speakers"));
    let event = f.one(Kind::Event, &event);
    let date = rec.opt_date(d, "date");
    let start = rec.opt_datetime(d, "start");
    let duration_min = rec.opt_u32(d, "duration_min");
    let r#abstract = text(rec.opt_str(d, "abstract"));
    let projects = f.many(Kind::Project, rec.ids(d, "projects"));
    let mut links = Vec::new();
    for l in rec.tables(d, "links") {
        l.check_unknown(d, LINK_FIELDS, strict);
        let kind = l.req_str(d, "kind", "link");
        let url = l.req_str(d, "url", "link");
        let title = text(l.opt_str(d, "title"));
        if let (Some(kind), Some(url)) = (kind, url) {
            links.push(Link {
                kind: kind.value.into(),
                url: url.value,
                title,
            });
        }
    }
    Some(Talk {
        id: Id::default(),
        title: title?.value,
        event: event?,
        track: track.map(Shared::from),
        room: room.map(Shared::from),
        speakers,
        date,
        start,
        duration_min,
        r#abstract,
        text_shard: None,
        projects,
        links,
    })
}

/// Front matter fields of a report; the id is the file stem and the body follows the front matter.
pub const REPORT_FIELDS: &[&str] = &[
    "title",
    "author",
    "published",
    "events",
    "talks",
    "projects",
    "summary",
    "url",
];
pub fn report(rec: &Rec, d: &mut Diagnostics, f: &mut Found) -> Option<Report> {
    let title = rec.req_str(d, "title", "report's front matter");
    let author = text(rec.opt_str(d, "author"));
    let published = rec.req_date(d, "published", "report's front matter");
    let url = text(rec.opt_str(d, "url"));
    let events = f.many(Kind::Event, rec.ids(d, "events"));
    let talks = f.many(Kind::Talk, rec.ids(d, "talks"));
    let projects = f.many(Kind::Project, rec.ids(d, "projects"));
    let summary = text(rec.opt_str(d, "summary"));
    Some(Report {
        id: Id::default(),
        title: title?.value,
        author,
        published: published?,
        url,
        events,
        talks,
        projects,
        summary,
        body: None,
        text_shard: None,
    })
}

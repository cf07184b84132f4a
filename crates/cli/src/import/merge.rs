//! Merges draft events from any number of files into one bundle with stable, unique ids.
//!
//! Determinism: every collection is built in a sorted order that depends only on the data (never
//! on file order or hash order), ids are slugs with `-2`, `-3`... suffixes claimed in that order,
//! and no timestamp is written, so the same inputs give byte-identical bundles.
//! Identity: people are the same when their names fold equal (`text::fold`, case and accents);
//! events are the same when they start on the same day and have the same folded name or URL.
//! Series: editions whose names differ only by their year ("FOSDEM 2019", "FOSDEM 2020",
//! "FOSDEM") are one series, whatever file or format each came from (see [`form_series`]).

use super::{series, tz, SourceEvent, SourceTalk};
use crate::geocode::{self, Geocoder};
use hallway_core::text::{fold, slug};
use hallway_core::{
    Attribution, Bundle, Event, Generator, Id, Person, Place, Project, Series, Shared, Talk,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A merged bundle and the `city, country` pairs that could not be geocoded.
pub struct Merged {
    pub bundle: Bundle,
    pub unresolved: Vec<String>,
}

/// Hands out unique ids from slugs, in the order they are asked for.
#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    fn claim(&mut self, name: &str, fallback: &str) -> String {
        let mut base = slug(name);
        if base.is_empty() {
            base = fallback.to_string();
        }
        // Room for a suffix under the 200-byte id limit.
        if base.len() > 180 {
            let mut cut = 180;
            while !base.is_char_boundary(cut) {
                cut -= 1;
            }
            base.truncate(cut);
            base = base.trim_end_matches('-').to_string();
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.0.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// Names compare by folded words: "Jürgen  Groß" and "jurgen gross" are one person.
fn name_key(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// URLs compare without scheme, `www.`, case and trailing slash.
fn url_key(u: &str) -> String {
    let l = u.trim().to_ascii_lowercase();
    let l = l
        .split_once("://")
        .map_or(l.as_str(), |(_, r)| r)
        .to_string();
    l.trim_start_matches("www.")
        .trim_end_matches('/')
        .to_string()
}

/// Folds events that are the same conference (same day and same name or URL) into one.
fn dedupe(events: Vec<SourceEvent>) -> Vec<SourceEvent> {
    let mut out: Vec<SourceEvent> = Vec::new();
    let mut by_name: HashMap<(String, i64), usize> = HashMap::new();
    let mut by_url: HashMap<(String, i64), usize> = HashMap::new();
    for ev in events {
        let nk = (name_key(&ev.name), ev.start.key());
        let uk = ev.url.as_deref().map(|u| (url_key(u), ev.start.key()));
        let found = by_name
            .get(&nk)
            .or_else(|| uk.as_ref().and_then(|k| by_url.get(k)))
            .copied();
        let i = match found {
            Some(i) => {
                let t = &mut out[i];
                t.projects.extend(ev.projects);
                t.talks.extend(ev.talks);
                t.end = t.end.max(ev.end);
                t.online |= ev.online;
                t.series = t.series.take().or(ev.series);
                t.timezone = t.timezone.take().or(ev.timezone);
                t.url = t.url.take().or(ev.url);
                t.city = t.city.take().or(ev.city);
                t.country = t.country.take().or(ev.country);
                i
            }
            None => {
                out.push(ev);
                out.len() - 1
            }
        };
        by_name.entry(nk).or_insert(i);
        if let Some(k) = uk {
            by_url.entry(k).or_insert(i);
        }
    }
    out
}

/// Gives every edition of a recurring conference its series. A source may name the series
/// (a numbered frab/pentabarf acronym); otherwise an event's series is its name without the
/// year, kept when at least two editions (different start days) share it, so a one-off event
/// does not get a series of one.
fn form_series(events: &mut [SourceEvent]) {
    let base = |e: &SourceEvent| {
        series::without_year(&e.name, e.start.year).unwrap_or_else(|| e.name.trim().to_string())
    };
    let mut editions: HashMap<String, BTreeSet<i64>> = HashMap::new();
    for e in events.iter() {
        let name = e.series.clone().unwrap_or_else(|| base(e));
        editions
            .entry(name_key(&name))
            .or_default()
            .insert(e.start.key());
    }
    for e in events.iter_mut() {
        if e.series.is_none() {
            let b = base(e);
            if editions.get(&name_key(&b)).is_some_and(|d| d.len() >= 2) {
                e.series = Some(b);
            }
        }
    }
}

fn talk_order(a: &SourceTalk, b: &SourceTalk) -> std::cmp::Ordering {
    let at = |t: &SourceTalk| t.start.map(|s| s.unix_seconds());
    let day = |t: &SourceTalk| t.start.map(|s| s.date).or(t.date);
    day(a)
        .cmp(&day(b))
        .then(at(a).cmp(&at(b)))
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.room.cmp(&b.room))
        .then_with(|| a.speakers.cmp(&b.speakers))
}

pub fn merge(events: Vec<SourceEvent>, geocoder: &Geocoder, title: &str) -> Merged {
    let mut events = dedupe(events);
    form_series(&mut events);
    for e in &mut events {
        e.talks.sort_by(talk_order);
        e.projects.sort();
        e.projects.dedup();
    }
    events.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then_with(|| name_key(&a.name).cmp(&name_key(&b.name)))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.url.cmp(&b.url))
    });

    let mut bundle = Bundle::new(title);
    bundle.generator = Some(Generator {
        name: "hallway import".into(),
        version: Some(env!("CARGO_PKG_VERSION").into()),
    });

    // Projects and series: one per distinct folded name, ids claimed in name order.
    let mut project_ids: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut series_ids: BTreeMap<String, (String, String)> = BTreeMap::new();
    for e in &events {
        for p in &e.projects {
            project_ids
                .entry(name_key(p))
                .or_insert_with(|| (p.clone(), String::new()));
        }
        if let Some(s) = &e.series {
            series_ids
                .entry(name_key(s))
                .or_insert_with(|| (s.clone(), String::new()));
        }
    }
    let mut ids = Ids::default();
    for (name, id) in project_ids.values_mut() {
        *id = ids.claim(name, "project");
        bundle.projects.push(Project {
            id: Id::from(id.as_str()),
            name: name.clone(),
            url: None,
            summary: None,
        });
    }
    let mut ids = Ids::default();
    for (name, id) in series_ids.values_mut() {
        *id = ids.claim(name, "series");
        bundle.series.push(Series {
            id: Id::from(id.as_str()),
            name: name.clone(),
            organizer: None,
        });
    }

    // Places: geocode each distinct (city, country); resolved ones merge by gazetteer entry.
    let (place_of, places, unresolved, geocoded) = places(&events, geocoder);
    bundle.places = places;

    // People: one per folded name; the spelling shown is the first met in event/talk order.
    let mut people: BTreeMap<String, String> = BTreeMap::new();
    for t in events.iter().flat_map(|e| &e.talks) {
        for s in &t.speakers {
            people
                .entry(name_key(s))
                .or_insert_with(|| s.trim().to_string());
        }
    }
    let mut ids = Ids::default();
    let mut person_id: HashMap<String, String> = HashMap::new();
    for (key, name) in &people {
        let id = ids.claim(name, "person");
        person_id.insert(key.clone(), id.clone());
        bundle.people.push(Person {
            id: id.into(),
            name: name.clone(),
            affiliation: None,
            url: None,
        });
    }

    let mut event_ids = Ids::default();
    let mut talk_ids = Ids::default();
    for e in events {
        let base = edition_name(&e.name, e.start.year);
        let id = event_ids.claim(&base, "event");
        let place = e
            .city
            .as_ref()
            .and_then(|c| place_of.get(&(name_key(c), e.country.as_deref().map(name_key))))
            .cloned();
        for t in e.talks {
            let mut speakers: Vec<Id> = Vec::new();
            for s in &t.speakers {
                let pid = Id::from(&person_id[&name_key(s)]);
                if !speakers.contains(&pid) {
                    speakers.push(pid);
                }
            }
            bundle.talks.push(Talk {
                id: talk_ids.claim(&t.title, "talk").into(),
                title: t.title,
                event: Id::from(&id),
                track: t.track.map(Shared::from),
                room: t.room.map(Shared::from),
                speakers,
                date: if t.start.is_some() { None } else { t.date },
                start: t.start,
                duration_min: t.duration_min,
                r#abstract: t.r#abstract,
                text_shard: None,
                projects: Vec::new(),
                links: t.links,
            });
        }
        bundle.events.push(Event {
            id: id.into(),
            name: e.name,
            series: e.series.map(|s| Id::from(&series_ids[&name_key(&s)].1)),
            start: e.start,
            end: e.end.filter(|d| *d > e.start),
            timezone: e.timezone.filter(|z| tz::is_known(z)),
            place,
            venue: None,
            online: e.online,
            colocated: Vec::new(),
            url: e.url,
            attendance: None,
            projects: e
                .projects
                .iter()
                .map(|p| Id::from(&project_ids[&name_key(p)].1))
                .collect(),
        });
    }

    if geocoded {
        bundle.attribution.push(Attribution {
            text: geocode::ATTRIBUTION.into(),
            url: Some(geocode::ATTRIBUTION_URL.into()),
            license: Some(geocode::ATTRIBUTION_LICENSE.into()),
        });
    }
    bundle.events.sort_by(|a, b| a.id.cmp(&b.id));
    bundle.talks.sort_by(|a, b| a.id.cmp(&b.id));
    bundle.people.sort_by(|a, b| a.id.cmp(&b.id));
    bundle.places.sort_by(|a, b| a.id.cmp(&b.id));
    bundle.projects.sort_by(|a, b| a.id.cmp(&b.id));
    bundle.series.sort_by(|a, b| a.id.cmp(&b.id));
    Merged { bundle, unresolved }
}

/// The name an event's id is made from: with its year, unless the name already says which
/// edition it is ("DebConf 23", "JSConf EU 2018").
fn edition_name(name: &str, year: i32) -> String {
    let full = year.to_string();
    let short = format!("{:02}", year.rem_euclid(100));
    let s = slug(name);
    let has_year = s
        .split('-')
        .any(|w| w == full || w == short || w.ends_with(&full));
    if has_year {
        name.to_string()
    } else {
        format!("{name} {year}")
    }
}

type PlaceKey = (String, Option<String>);

/// The places of the events, a map from each event's (city, country) key to its place id,
/// the pairs that could not be geocoded, and whether any coordinates came from the gazetteer.
fn places(
    events: &[SourceEvent],
    geocoder: &Geocoder,
) -> (HashMap<PlaceKey, Id>, Vec<Place>, Vec<String>, bool) {
    // Distinct source pairs, with the spelling first met.
    let mut pairs: BTreeMap<PlaceKey, (String, Option<String>)> = BTreeMap::new();
    for e in events {
        if let Some(c) = &e.city {
            pairs
                .entry((name_key(c), e.country.as_deref().map(name_key)))
                .or_insert_with(|| (c.trim().to_string(), e.country.clone()));
        }
    }
    // One place per gazetteer entry (or per unresolved pair), keyed by what it resolved to.
    let mut resolved: BTreeMap<(String, String), (Place, Vec<PlaceKey>)> = BTreeMap::new();
    let mut unresolved = BTreeSet::new();
    let mut geocoded = false;
    for (key, (city, country)) in pairs {
        let country_name = country.clone().unwrap_or_default();
        let hit = geocoder.resolve(&city, &country_name);
        let (rkey, place) = match hit {
            Some(r) => {
                geocoded = true;
                let cc = r.country_code.clone().unwrap_or_default();
                // One spelling per country whatever the source wrote ("BE", "U.S.A."): the
                // table's name for the code the gazetteer found, the code beside it.
                let (country, code) = match geocode::country_name(&cc) {
                    Some(name) => (name, Some(cc.clone())),
                    None => geocode::normalize_country(&country_name),
                };
                let place = Place {
                    id: Id::default(),
                    city: r.city.clone(),
                    country,
                    country_code: code,
                    lat: Some(r.lat),
                    lon: Some(r.lon),
                };
                ((name_key(&r.city), cc), place)
            }
            None => {
                unresolved.insert(if country_name.is_empty() {
                    city.clone()
                } else {
                    format!("{city}, {country_name}")
                });
                if country_name.is_empty() {
                    continue; // A place needs a country; the event stays without one.
                }
                let (country, cc) = geocode::normalize_country(&country_name);
                let rkey = (key.0.clone(), format!("?{}", name_key(&country)));
                let place = Place {
                    id: Id::default(),
                    city: city.clone(),
                    country,
                    country_code: cc,
                    lat: None,
                    lon: None,
                };
                (rkey, place)
            }
        };
        resolved
            .entry(rkey)
            .or_insert_with(|| (place, Vec::new()))
            .1
            .push(key);
    }
    let mut ids = Ids::default();
    let mut place_of = HashMap::new();
    let mut out = Vec::new();
    for (_, (mut place, keys)) in resolved {
        place.id = ids.claim(&place.city, "place").into();
        for k in keys {
            place_of.insert(k, place.id.clone());
        }
        out.push(place);
    }
    (place_of, out, unresolved.into_iter().collect(), geocoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_name_the_edition_once() {
        assert_eq!(edition_name("DebConf 23", 2023), "DebConf 23");
        assert_eq!(edition_name("Camp2019", 2019), "Camp2019");
        assert_eq!(edition_name("rC3 Channels", 2020), "rC3 Channels 2020");
        assert_eq!(edition_name("JSConf EU", 2018), "JSConf EU 2018");
    }

    #[test]
    fn ids_are_unique_in_claim_order() {
        let mut ids = Ids::default();
        assert_eq!(ids.claim("Opening", "talk"), "opening");
        assert_eq!(ids.claim("opening!", "talk"), "opening-2");
        assert_eq!(ids.claim("Opening", "talk"), "opening-3");
        assert_eq!(ids.claim("???", "talk"), "talk");
    }
}

//! Semantic checks across collections: references, coordinates, dates, time zones and shards.
//!
//! Runs after every record parsed on its own; each problem is reported once, with the outcome
//! (skipped or repaired) that the loader applied.

use super::{Context, HasId, Outcome};
use crate::model::*;
// foldhash, not std's SipHash: the loader hashes every id two or three times, and SipHash was
// a third of the load time at a million records. Its per-process random seed still keeps
// crafted colliding ids from freezing the tab.
use foldhash::{HashMap, HashSet, HashSetExt};

fn valid_coordinates(lat: Option<f64>, lon: Option<f64>) -> Result<(), String> {
    match (lat, lon) {
        (None, None) => Ok(()),
        (Some(lat), Some(lon)) => {
            if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
                Err(format!("latitude {lat} is outside -90..90"))
            } else if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
                Err(format!("longitude {lon} is outside -180..180"))
            } else {
                Ok(())
            }
        }
        _ => Err("give both `lat` and `lon`, or neither".into()),
    }
}

/// Removes references to unknown ids from a list, reporting each.
#[allow(clippy::too_many_arguments)]
fn prune_refs(
    cx: &mut Context,
    collection: &'static str,
    index: usize,
    field: &str,
    refs: &mut Vec<Id>,
    known: &HashSet<&str>,
    kind: &str,
) {
    // Nearly every list is fine: check before building a new one. Its spare capacity (serde
    // grows a list to 4 for one id) goes: a few bytes a list, megabytes at 100,000 talks.
    if !cx.references || refs.iter().all(|r| known.contains(r.as_str())) {
        refs.shrink_to_fit();
        return;
    }
    let mut kept = Vec::with_capacity(refs.len());
    for (j, r) in refs.drain(..).enumerate() {
        if known.contains(r.as_str()) {
            kept.push(r);
        } else {
            cx.record_problem(
                collection,
                index,
                &format!(".{field}[{j}]"),
                format!("unknown {kind} \"{r}\"{}", suggest(&r, known)),
                Outcome::Repaired,
            );
        }
    }
    *refs = kept;
}

fn suggest(id: &str, known: &HashSet<&str>) -> String {
    match crate::text::closest(id, known.iter().copied()) {
        Some(best) => format!("; did you mean \"{best}\"?"),
        None => String::new(),
    }
}

fn ids<'a, T: HasId>(cx: &Context, items: &'a [T]) -> HashSet<&'a str> {
    // Without reference checks (a part of a merge) no set is looked at: spare building them.
    if !cx.references {
        return HashSet::new();
    }
    let mut set = HashSet::with_capacity(items.len());
    set.extend(items.iter().map(|r| r.id()));
    set
}

/// Semantic checks across collections. Paths name a record by its index among the records
/// that survived parsing, which equals its index in the file unless earlier records were skipped;
/// the line and column always point into the file.
pub(super) fn validate(b: &mut Bundle, cx: &mut Context) {
    for (i, p) in b.places.iter_mut().enumerate() {
        if let Err(why) = valid_coordinates(p.lat, p.lon) {
            cx.record_problem(
                "places",
                i,
                "",
                format!("{why}; the place is kept but not shown on the map"),
                Outcome::Repaired,
            );
            p.lat = None;
            p.lon = None;
        }
    }
    // The id sets borrow from collections that are no longer changed below; only events are
    // changed while their own ids are looked up, so only their ids are copied.
    let places_ref = ids(cx, &b.places);

    let mut keep = Vec::with_capacity(b.venues.len());
    for (i, v) in b.venues.iter_mut().enumerate() {
        if let Err(why) = valid_coordinates(v.lat, v.lon) {
            cx.record_problem(
                "venues",
                i,
                "",
                format!("{why}; the venue's own coordinates were dropped"),
                Outcome::Repaired,
            );
            v.lat = None;
            v.lon = None;
        }
        let ok = !cx.references || places_ref.contains(v.place.as_str());
        if !ok {
            cx.record_problem(
                "venues",
                i,
                ".place",
                format!(
                    "unknown place \"{}\"{}",
                    v.place,
                    suggest(&v.place, &places_ref)
                ),
                Outcome::Skipped,
            );
        }
        keep.push(ok);
    }
    retain_flagged(&mut b.venues, &keep);

    let venues: HashMap<&str, &str> = b
        .venues
        .iter()
        .map(|v| (v.id.as_str(), v.place.as_str()))
        .collect();
    let venue_ids = ids(cx, &b.venues);
    let series_ref = ids(cx, &b.series);
    let projects_ref = ids(cx, &b.projects);
    let event_ids: HashSet<Id> = if cx.references {
        b.events.iter().map(|e| e.id.clone()).collect()
    } else {
        HashSet::new()
    };
    let events_ref: HashSet<&str> = event_ids.iter().map(Id::as_str).collect();

    for (i, e) in b.events.iter_mut().enumerate() {
        if let Some(end) = e.end {
            if end < e.start {
                cx.record_problem(
                    "events",
                    i,
                    ".end",
                    format!(
                        "ends ({end}) before it starts ({}); the end date was dropped",
                        e.start
                    ),
                    Outcome::Repaired,
                );
                e.end = None;
            }
        }
        if let Some(p) = e.place.as_ref().filter(|_| cx.references) {
            if !places_ref.contains(p.as_str()) {
                cx.record_problem(
                    "events",
                    i,
                    ".place",
                    format!("unknown place \"{p}\"{}", suggest(p, &places_ref)),
                    Outcome::Repaired,
                );
                e.place = None;
            }
        }
        if let Some(v) = e.venue.as_ref().filter(|_| cx.references) {
            match venues.get(v.as_str()).copied() {
                None => {
                    cx.record_problem(
                        "events",
                        i,
                        ".venue",
                        format!("unknown venue \"{v}\"{}", suggest(v, &venue_ids)),
                        Outcome::Repaired,
                    );
                    e.venue = None;
                }
                Some(vp) if e.place.is_none() => e.place = Some(vp.into()),
                Some(vp) if e.place.as_deref() != Some(vp) => {
                    cx.record_problem(
                        "events",
                        i,
                        ".venue",
                        format!("venue \"{v}\" is in place \"{vp}\", not in the event's place"),
                        Outcome::Repaired,
                    );
                    e.venue = None;
                }
                Some(_) => {}
            }
        }
        if let Some(s) = e.series.as_ref().filter(|_| cx.references) {
            if !series_ref.contains(s.as_str()) {
                cx.record_problem(
                    "events",
                    i,
                    ".series",
                    format!("unknown series \"{s}\"{}", suggest(s, &series_ref)),
                    Outcome::Repaired,
                );
                e.series = None;
            }
        }
        if let Some(tz) = &e.timezone {
            if !looks_like_iana_zone(tz) {
                cx.record_problem(
                    "events",
                    i,
                    ".timezone",
                    format!("\"{tz}\" is not an IANA time zone name such as Europe/Berlin"),
                    Outcome::Repaired,
                );
                e.timezone = None;
            }
        }
        let own = e.id.clone();
        e.colocated.retain(|c| c != &own);
        prune_refs(
            cx,
            "events",
            i,
            "colocated",
            &mut e.colocated,
            &events_ref,
            "event",
        );
        prune_refs(
            cx,
            "events",
            i,
            "projects",
            &mut e.projects,
            &projects_ref,
            "project",
        );
    }

    let people_ref = ids(cx, &b.people);
    let mut keep = Vec::with_capacity(b.talks.len());
    for (i, t) in b.talks.iter_mut().enumerate() {
        let ok = !cx.references || events_ref.contains(t.event.as_str());
        if !ok {
            cx.record_problem(
                "talks",
                i,
                ".event",
                format!(
                    "unknown event \"{}\"{}",
                    t.event,
                    suggest(&t.event, &events_ref)
                ),
                Outcome::Skipped,
            );
        } else {
            prune_refs(
                cx,
                "talks",
                i,
                "speakers",
                &mut t.speakers,
                &people_ref,
                "person",
            );
            prune_refs(
                cx,
                "talks",
                i,
                "projects",
                &mut t.projects,
                &projects_ref,
                "project",
            );
            check_shard(cx, "talks", i, t.text_shard, b.texts.as_ref());
        }
        keep.push(ok);
    }
    retain_flagged(&mut b.talks, &keep);
    cx.kept_talks = keep;

    let talks_ref = ids(cx, &b.talks);
    for (i, r) in b.reports.iter_mut().enumerate() {
        prune_refs(
            cx,
            "reports",
            i,
            "events",
            &mut r.events,
            &events_ref,
            "event",
        );
        prune_refs(cx, "reports", i, "talks", &mut r.talks, &talks_ref, "talk");
        prune_refs(
            cx,
            "reports",
            i,
            "projects",
            &mut r.projects,
            &projects_ref,
            "project",
        );
        check_shard(cx, "reports", i, r.text_shard, b.texts.as_ref());
    }
}

fn check_shard(
    cx: &mut Context,
    collection: &'static str,
    i: usize,
    shard: Option<u32>,
    texts: Option<&TextShards>,
) {
    if let Some(s) = shard {
        let count = texts.map_or(0, |t| t.shards.len());
        if s as usize >= count {
            cx.record_problem(
                collection,
                i,
                ".text_shard",
                format!("shard {s} does not exist (the bundle lists {count})"),
                Outcome::Repaired,
            );
        }
    }
}

/// Shape check only: the app has no time-zone database, and the CLI checks names against one.
fn looks_like_iana_zone(tz: &str) -> bool {
    !tz.is_empty()
        && tz.len() < 64
        && (tz == "UTC" || tz.contains('/'))
        && tz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
}

pub(super) fn retain_flagged<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut i = 0;
    items.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

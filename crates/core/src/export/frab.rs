//! frab / C3VOC `schedule.json` of one event's talks, for schedule apps (Giggity, Fahrplan,
//! ConfClerk) and the C3VOC tooling. Valid against the C3VOC schema (`voc/schedule`,
//! `validator/json/schema.json`); the CLI tests check every export against it.
//!
//! Choices the format forces:
//! - Talks without a start time are left out, with a note: frab requires `date` and `start`,
//!   and placing them at the day's start would show a time that nobody announced.
//! - Times stay in the offset each talk was written with (frab's `date` is RFC 3339 with
//!   offset, `start` the local clock time), so no time-zone database is needed.
//! - `guid`s come from [`super::uuid`] (stable per talk id); the deprecated integer `id` is 31
//!   bits of the same hash, so it too survives edits of the bundle.
//! - A talk without a room goes into a room named after the venue, else `Main`.
//! - The acronym and slugs are reduced to the schema's character sets (`kvm-forum-2015`
//!   becomes `kvm_forum_2015`).

use super::{
    absolute_url, fnv1a_128, page_url, speaker_names, uuid, ExportError, Exported, Options,
};
use crate::date::{Date, DateTime};
use crate::index::Dataset;
use crate::model::{Event, Talk};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The schedule of event `event` (a position in `bundle.events`), with those of `talks`
/// (positions in `bundle.talks`) that belong to it, in time order.
pub fn schedule(
    data: &Dataset,
    event: u32,
    talks: &[u32],
    options: &Options,
) -> Result<Exported, ExportError> {
    let b = &data.bundle;
    let e = b
        .events
        .get(event as usize)
        .ok_or_else(|| ExportError::NoSuchEvent(format!("#{event}")))?;
    if !e.start.is_full() || !e.last_day().is_full() {
        return Err(ExportError::PartialEventDates(e.id.to_string()));
    }
    let mut notes = Vec::new();
    let mut timed: Vec<(&Talk, DateTime)> = Vec::new();
    for &t in talks {
        let Some(talk) = b.talks.get(t as usize) else {
            continue;
        };
        if talk.event != e.id {
            continue;
        }
        match talk.start {
            Some(s) => timed.push((talk, s)),
            None => notes.push(format!(
                "Left out talk `{}`: it has no start time, which frab requires.",
                talk.id
            )),
        }
    }
    crate::order::by(&mut timed, &|(a, sa), (b, sb)| {
        (sa.unix_seconds(), &a.id).cmp(&(sb.unix_seconds(), &b.id))
    });

    let acronym = acronym(&e.id);
    let default_room = e
        .venue
        .as_ref()
        .and_then(|v| data.index.venue_by_id.get(v))
        .map(|&v| b.venues[v as usize].name.clone())
        .unwrap_or_else(|| "Main".to_string());

    // Days: every day of the event, and any day a talk falls on outside it (a pre-event
    // workshop), each keyed by its date.
    let mut days: BTreeMap<Date, Vec<&(&Talk, DateTime)>> = BTreeMap::new();
    let (first, last) = (e.start.days_since_epoch(), e.last_day().days_since_epoch());
    for d in first..=last.max(first) {
        days.entry(Date::from_days_since_epoch(d)).or_default();
    }
    for t in &timed {
        days.entry(t.1.date).or_default().push(t);
    }
    let fallback_offset = timed.first().map_or(0, |t| t.1.offset_minutes);

    let mut room_names: Vec<String> = Vec::new();
    let mut day_values = Vec::new();
    for (n, (date, list)) in days.iter().enumerate() {
        let offset = list.first().map_or(fallback_offset, |t| t.1.offset_minutes);
        let midnight = at(*date, 0, 0, offset);
        let day_start = list.first().map_or(midnight, |t| t.1);
        let day_end = list
            .iter()
            .map(|(t, s)| end_of(s, t.duration_min.unwrap_or(0)))
            .max_by_key(DateTime::unix_seconds)
            .unwrap_or_else(|| at(*date, 23, 59, offset));
        let mut rooms: Map<String, Value> = Map::new();
        for (talk, start) in list {
            let room = talk
                .room
                .as_deref()
                .map_or_else(|| default_room.clone(), str::to_owned);
            if !room_names.contains(&room) {
                room_names.push(room.clone());
            }
            let v = talk_value(data, e, talk, *start, &room, &acronym, options);
            if let Value::Array(a) = rooms
                .entry(room)
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                a.push(v);
            }
        }
        day_values.push(json!({
            "index": n + 1,
            "date": date.to_string(),
            "day_start": day_start.to_string(),
            "day_end": day_end.to_string(),
            "rooms": rooms,
        }));
    }

    let mut conf = Map::new();
    conf.insert("acronym".into(), acronym.clone().into());
    conf.insert("title".into(), e.name.clone().into());
    conf.insert("start".into(), e.start.to_string().into());
    conf.insert("end".into(), e.last_day().to_string().into());
    conf.insert("daysCount".into(), days.len().into());
    conf.insert("timeslot_duration".into(), "00:05".into());
    if let Some(tz) = e.timezone.as_deref().filter(|tz| schema_accepts_zone(tz)) {
        conf.insert("time_zone_name".into(), tz.into());
    }
    if let Some(url) = absolute_url(e.url.as_deref()) {
        conf.insert("url".into(), url.into());
    }
    let rooms: Vec<Value> = room_names
        .iter()
        .map(|r| json!({ "name": r, "guid": uuid("room", &format!("{}/{r}", e.id)) }))
        .collect();
    conf.insert("rooms".into(), rooms.into());
    conf.insert("days".into(), day_values.into());

    let mut schedule = Map::new();
    schedule.insert(
        "version".into(),
        data.bundle
            .generated
            .clone()
            .unwrap_or_else(|| "1".into())
            .into(),
    );
    if let Some(base) = absolute_url(options.base_url.as_deref()) {
        schedule.insert("base_url".into(), base.into());
    }
    schedule.insert("conference".into(), Value::Object(conf));
    let doc = json!({
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": { "name": "hallway", "version": env!("CARGO_PKG_VERSION") },
        "schedule": schedule,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| String::from("{}"));
    text.push('\n');
    Ok(Exported { text, notes })
}

fn talk_value(
    data: &Dataset,
    e: &Event,
    t: &Talk,
    start: DateTime,
    room: &str,
    acronym: &str,
    options: &Options,
) -> Value {
    let guid = uuid("talk", &t.id);
    let id = (fnv1a_128(t.id.as_bytes()) as u32 & 0x7fff_ffff).max(1);
    let minutes = t.duration_min.unwrap_or(0);
    let page = t
        .links
        .iter()
        .find(|l| l.kind == "page")
        .map(|l| l.url.as_str());
    let url = page_url(options, "talks", &t.id)
        .or_else(|| absolute_url(page))
        .or_else(|| absolute_url(e.url.as_deref()))
        .unwrap_or_else(|| format!("urn:uuid:{guid}"));
    let persons: Vec<Value> = t
        .speakers
        .iter()
        .zip(speaker_names(data, &t.speakers))
        .map(|(id, name)| json!({ "name": name, "guid": uuid("person", id) }))
        .collect();
    let links: Vec<Value> = t
        .links
        .iter()
        .filter_map(|l| {
            let url = absolute_url(Some(&l.url))?;
            let mut v = json!({ "type": reference_type(&l.kind), "url": url });
            if let Some(title) = &l.title {
                v["title"] = title.clone().into();
            }
            Some(v)
        })
        .collect();
    let mut v = json!({
        "guid": guid,
        "id": id,
        "date": start.to_string(),
        "start": format!("{:02}:{:02}", start.hour, start.minute),
        "duration": format!("{:02}:{:02}", minutes / 60, minutes % 60),
        "room": room,
        "slug": slug(acronym, &t.id),
        "url": url,
        "title": t.title,
        "subtitle": "",
        "track": t.track,
        "type": "lecture",
        "language": Value::Null,
        "abstract": t.r#abstract,
        "description": Value::Null,
        "persons": persons,
        "links": links,
    });
    if t.duration_min.is_some() {
        v["end"] = end_of(&start, minutes).to_string().into();
    }
    v
}

fn at(date: Date, hour: u8, minute: u8, offset_minutes: i16) -> DateTime {
    DateTime {
        date,
        hour,
        minute,
        second: 0,
        offset_minutes,
    }
}

/// The end of a talk, in the offset it was written with.
fn end_of(start: &DateTime, minutes: u32) -> DateTime {
    let u = start.unix_seconds() + minutes as i64 * 60;
    let (days, secs) = (u.div_euclid(86_400), u.rem_euclid(86_400));
    DateTime {
        date: Date::from_days_since_epoch(days),
        hour: (secs / 3600) as u8,
        minute: (secs % 3600 / 60) as u8,
        second: (secs % 60) as u8,
        offset_minutes: 0,
    }
    .with_offset(start.offset_minutes)
}

/// The schema's link types; the bundle's kinds map onto the closest.
fn reference_type(kind: &str) -> &'static str {
    match kind {
        "slides" => "slides",
        "paper" => "paper",
        "video" | "recording" | "audio" => "media",
        "page" | "web" => "web",
        "blog" => "blog",
        "article" => "article",
        _ => "related",
    }
}

/// The schema wants `^[a-z0-9_-][a-z0-9_]{3,}…`: lowercase, `_` for anything else, at least
/// four characters.
fn acronym(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '_'
            }
        })
        .collect();
    while s.len() < 4 {
        s.push('_');
    }
    s
}

/// `^[a-z0-9_-]+[a-z0-9]$`, prefixed with the acronym as frab does.
fn slug(acronym: &str, id: &str) -> String {
    let mut s: String = format!("{acronym}-{id}")
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    while s.ends_with(['-', '_']) {
        s.pop();
    }
    s
}

/// The schema's `time_zone_name` pattern, `^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$`: a zone it would
/// reject (`Etc/GMT+2`) is left out, since the field is optional.
fn schema_accepts_zone(tz: &str) -> bool {
    let word = |s: &str| {
        let mut c = s.chars();
        c.next().is_some_and(|f| f.is_ascii_uppercase())
            && c.as_str().starts_with(|x: char| x.is_ascii_lowercase())
    };
    let area = |s: &str| word(s) && s[1..].chars().all(|c| c.is_ascii_lowercase());
    tz.ends_with("UTC")
        || tz
            .split_once('/')
            .is_some_and(|(a, city)| area(a) && word(city))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_the_schema_patterns() {
        assert_eq!(acronym("kvm-forum-2015"), "kvm_forum_2015");
        assert_eq!(acronym("kf"), "kf__");
        assert_eq!(
            slug("kvm_forum_2015", "Tracing.In-QEMU_"),
            "kvm_forum_2015-tracing-in-qemu"
        );
        assert!(schema_accepts_zone("Europe/Berlin"));
        assert!(schema_accepts_zone("America/New_York"));
        assert!(schema_accepts_zone("UTC"));
        assert!(!schema_accepts_zone("Etc/GMT+2"));
        assert!(!schema_accepts_zone("EST5EDT"));
    }

    #[test]
    fn ends_keep_the_start_offset_and_cross_midnight() {
        let s = DateTime::parse("2015-08-18T23:30:00-07:00").unwrap();
        assert_eq!(end_of(&s, 90).to_string(), "2015-08-19T01:00:00-07:00");
        assert_eq!(end_of(&s, 24 * 60).to_string(), "2015-08-19T23:30:00-07:00");
    }
}

//! frab schedule helpers for the `export_schemas` tests and the extra suite: running the frab
//! export, listing its talks, and a structural check of the C3VOC schedule format.
//!
//! The C3VOC JSON schema (voc/schedule, EUPL-1.2) is not in any package registry, so it is not
//! in the repository; the default run checks exports with [`shape_problems`], written by hand
//! from that schema's rules, and the extra suite (`shared_data.rs`) checks the same documents
//! against the schema itself and that the two agree on [`broken_variants`].

use super::*;
use serde_json::{json, Value};
use std::path::Path;

/// Runs `hallway export --format frab` and returns the schedule and stderr (the notes).
pub fn frab(bundle: &Path, event: &str, filter: &str) -> (Value, String) {
    let out = export(
        bundle,
        &["--format", "frab", "--event", event, "--filter", filter],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    (serde_json::from_str(&out.stdout).unwrap(), out.stderr)
}

/// Every talk of a schedule, in day and room order.
pub fn talks_of(doc: &Value) -> Vec<&Value> {
    doc["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["rooms"].as_object().unwrap().values())
        .flat_map(|r| r.as_array().unwrap())
        .collect()
}

/// Each talk of a frab schedule as (title, date, duration), sorted, for comparing two schedules.
pub fn title_date_duration(schedule: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = talks_of(schedule)
        .iter()
        .map(|t| {
            (
                t["title"].as_str().unwrap().trim().to_string(),
                t["date"].as_str().unwrap().to_string(),
                t["duration"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The hand-written frab schedule fixture (a fictional two-day camp: German text, a talk past
/// midnight, null fields, an empty room, shared speakers).
pub fn own_schedule_path() -> String {
    format!("{ROOT}/crates/cli/tests/fixtures/export/frab-schedule.json")
}

/// `hallway generate` with 2,000 talks (seed 3) into `dir`.
pub fn generate(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("generated.json");
    let o = assert_cmd::Command::cargo_bin("hallway")
        .unwrap()
        .args(["generate", "--talks", "2000", "--seed", "3", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM`.
fn is_date_time(s: &str) -> bool {
    let Some((date, time)) = s.split_once('T') else {
        return false;
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => return false,
    };
    let clock = clock.split('.').next().unwrap();
    let hms: Vec<&str> = clock.split(':').collect();
    let zone_ok = zone == "Z"
        || (zone.len() == 6
            && zone.as_bytes()[3] == b':'
            && digits(&zone[1..3])
            && digits(&zone[4..]));
    is_date(date) && hms.len() == 3 && hms.iter().all(|p| p.len() == 2 && digits(p)) && zone_ok
}

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.bytes().all(|c| c.is_ascii_hexdigit()))
}

/// The schema's `format: uri`: an absolute URI, so a scheme and a colon.
fn is_uri(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// `^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$`
fn is_acronym(s: &str) -> bool {
    let word = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
    let check = |head: &str| {
        let mut chars = head.chars();
        matches!(chars.next(), Some(c) if word(c) || c == '-')
            && chars.clone().count() >= 3
            && chars.all(word)
    };
    if check(s) {
        return true;
    }
    // The optional `-2YYY-name` suffix.
    let parts: Vec<&str> = s.rsplitn(3, '-').collect();
    parts.len() == 3
        && parts[0].chars().all(|c| c.is_ascii_lowercase())
        && !parts[0].is_empty()
        && parts[1].len() == 4
        && parts[1].starts_with('2')
        && parts[1].bytes().all(|c| c.is_ascii_digit())
        && check(parts[2])
}

/// `^[a-z0-9_-]+[a-z0-9]$`
fn is_slug(s: &str) -> bool {
    s.len() >= 2
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && s.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
}

const CONFERENCE_KEYS: &[&str] = &[
    "acronym",
    "title",
    "description",
    "start",
    "end",
    "daysCount",
    "timeslot_duration",
    "time_zone_name",
    "logo",
    "colors",
    "keywords",
    "url",
    "tracks",
    "rooms",
    "meta",
    "days",
];
const EVENT_KEYS: &[&str] = &[
    "guid",
    "code",
    "id",
    "logo",
    "date",
    "start",
    "end",
    "duration",
    "room",
    "slug",
    "url",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
    "recording_license",
    "do_not_record",
    "do_not_stream",
    "persons",
    "links",
    "feedback_url",
    "origin_url",
    "attachments",
];
const EVENT_REQUIRED: &[&str] = &[
    "abstract", "date", "duration", "guid", "id", "language", "links", "persons", "room", "slug",
    "start", "subtitle", "title", "track", "type", "url",
];

/// What a frab schedule breaks of the C3VOC schedule format's rules (required and allowed keys,
/// types, and the patterns and formats of dates, times, durations, ids, slugs and URLs), each
/// with its JSON path; empty when it follows them.
pub fn shape_problems(doc: &Value) -> Vec<String> {
    let mut p = Vec::new();
    let Some(top) = doc.as_object() else {
        return vec!["the document is not an object".into()];
    };
    for k in top.keys() {
        need(
            &mut p,
            ["schedule", "$schema", "generator"].contains(&k.as_str()),
            format!("/{k}: not allowed"),
        );
    }
    let s = &doc["schedule"];
    need(
        &mut p,
        s["version"].is_string(),
        "/schedule/version: a string is required".into(),
    );
    if let Some(base) = s.get("base_url") {
        need(
            &mut p,
            base.as_str().is_some_and(is_uri),
            "/schedule/base_url: not a URI".into(),
        );
    }
    let c = &s["conference"];
    let Some(conf) = c.as_object() else {
        p.push("/schedule/conference: an object is required".into());
        return p;
    };
    for k in conf.keys() {
        need(
            &mut p,
            CONFERENCE_KEYS.contains(&k.as_str()),
            format!("/schedule/conference/{k}: not allowed"),
        );
    }
    for k in ["title", "start", "end", "timeslot_duration"] {
        need(
            &mut p,
            c[k].is_string(),
            format!("/schedule/conference/{k}: a string is required"),
        );
    }
    need(
        &mut p,
        c["acronym"].as_str().is_some_and(is_acronym),
        format!(
            "/schedule/conference/acronym: {} does not match the pattern",
            c["acronym"]
        ),
    );
    if let Some(tz) = c.get("time_zone_name") {
        let ok = tz.as_str().is_some_and(|t| {
            t == "UTC"
                || t.split_once('/').is_some_and(|(a, b)| {
                    [a, b]
                        .iter()
                        .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
                })
        });
        need(
            &mut p,
            ok,
            format!("/schedule/conference/time_zone_name: {tz}"),
        );
    }
    let days = c["days"].as_array();
    need(
        &mut p,
        days.is_some(),
        "/schedule/conference/days: an array is required".into(),
    );
    let days = days.cloned().unwrap_or_default();
    need(
        &mut p,
        c["daysCount"].as_u64() == Some(days.len() as u64),
        format!(
            "/schedule/conference/daysCount: {} for {} days",
            c["daysCount"],
            days.len()
        ),
    );
    for (d, day) in days.iter().enumerate() {
        let at = format!("/schedule/conference/days/{d}");
        for k in day
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_else(Vec::new)
        {
            need(
                &mut p,
                ["index", "date", "day_start", "day_end", "rooms"].contains(&k.as_str()),
                format!("{at}/{k}: not allowed"),
            );
        }
        need(
            &mut p,
            day["index"].is_u64(),
            format!("{at}/index: an integer is required"),
        );
        need(
            &mut p,
            day["date"].as_str().is_some_and(is_date),
            format!("{at}/date: not a date"),
        );
        for k in ["day_start", "day_end"] {
            need(
                &mut p,
                day[k].as_str().is_some_and(is_date_time),
                format!("{at}/{k}: not a date-time"),
            );
        }
        let Some(rooms) = day["rooms"].as_object() else {
            p.push(format!("{at}/rooms: an object is required"));
            continue;
        };
        for (room, talks) in rooms {
            let Some(talks) = talks.as_array() else {
                p.push(format!("{at}/rooms/{room}: an array is required"));
                continue;
            };
            for (i, t) in talks.iter().enumerate() {
                event_problems(t, &format!("{at}/rooms/{room}/{i}"), &mut p);
            }
        }
    }
    p
}

fn event_problems(t: &Value, at: &str, p: &mut Vec<String>) {
    let Some(obj) = t.as_object() else {
        p.push(format!("{at}: an object is required"));
        return;
    };
    for k in obj.keys() {
        need(
            p,
            EVENT_KEYS.contains(&k.as_str()),
            format!("{at}/{k}: not allowed"),
        );
    }
    for k in EVENT_REQUIRED {
        need(p, obj.contains_key(*k), format!("{at}/{k}: required"));
    }
    let str_or_null = |v: &Value| v.is_string() || v.is_null();
    for k in ["subtitle", "track", "language", "abstract", "description"] {
        if let Some(v) = obj.get(k) {
            need(
                p,
                str_or_null(v),
                format!("{at}/{k}: a string or null is required"),
            );
        }
    }
    for k in ["title", "type", "room"] {
        need(
            p,
            t[k].is_string(),
            format!("{at}/{k}: a string is required"),
        );
    }
    need(
        p,
        t["id"].is_u64(),
        format!("{at}/id: an integer is required"),
    );
    need(
        p,
        t["guid"].as_str().is_some_and(is_uuid),
        format!("{at}/guid: not a UUID"),
    );
    need(
        p,
        t["date"].as_str().is_some_and(is_date_time),
        format!("{at}/date: not a date-time"),
    );
    if let Some(end) = obj.get("end") {
        need(
            p,
            end.as_str().is_some_and(is_date_time),
            format!("{at}/end: not a date-time"),
        );
    }
    let hh_mm = t["start"].as_str().is_some_and(|s| {
        let b = s.as_bytes();
        b.len() == 5
            && b[2] == b':'
            && s[..2].parse::<u8>().is_ok_and(|h| h < 24)
            && s[3..].parse::<u8>().is_ok_and(|m| m < 60)
            && s.bytes()
                .enumerate()
                .all(|(i, c)| i == 2 || c.is_ascii_digit())
    });
    need(p, hh_mm, format!("{at}/start: {} is not HH:MM", t["start"]));
    let duration = t["duration"].as_str().is_some_and(|d| {
        d.split_once(':').is_some_and(|(h, m)| {
            !h.is_empty()
                && h.bytes().all(|c| c.is_ascii_digit())
                && m.len() == 2
                && m.bytes().all(|c| c.is_ascii_digit())
        })
    });
    need(
        p,
        duration,
        format!("{at}/duration: {} is not H:MM", t["duration"]),
    );
    need(
        p,
        t["slug"].as_str().is_some_and(is_slug),
        format!("{at}/slug: {}", t["slug"]),
    );
    need(
        p,
        t["url"].as_str().is_some_and(is_uri),
        format!("{at}/url: not a URI"),
    );
    match t["persons"].as_array() {
        Some(persons) => {
            for (i, person) in persons.iter().enumerate() {
                let frab = person["public_name"].is_string() && person["id"].is_u64();
                let pretalx = person["name"].is_string();
                need(p, frab || pretalx, format!("{at}/persons/{i}: no name"));
                if let Some(g) = person.get("guid") {
                    need(
                        p,
                        g.as_str().is_some_and(is_uuid),
                        format!("{at}/persons/{i}/guid"),
                    );
                }
            }
        }
        None => p.push(format!("{at}/persons: an array is required")),
    }
    match t["links"].as_array() {
        Some(links) => {
            for (i, link) in links.iter().enumerate() {
                need(
                    p,
                    link["url"].as_str().is_some_and(is_uri),
                    format!("{at}/links/{i}/url"),
                );
            }
        }
        None => p.push(format!("{at}/links: an array is required")),
    }
}

fn need(p: &mut Vec<String>, ok: bool, what: String) {
    if !ok {
        p.push(what);
    }
}

/// The first talk of a schedule.
fn talk(doc: &mut Value) -> &mut Value {
    doc["schedule"]["conference"]["days"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|d| d["rooms"].as_object_mut().unwrap().values_mut())
        .flat_map(|r| r.as_array_mut().unwrap().iter_mut())
        .next()
        .expect("the schedule has no talk")
}

/// Broken copies of a valid schedule (which must have at least one talk), one rule broken in
/// each, with what was broken: the structural check and the schema must both refuse them all.
pub fn broken_variants(valid: &Value) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    let mut vary = |what: &'static str, f: &dyn Fn(&mut Value)| {
        let mut doc = valid.clone();
        f(&mut doc);
        out.push((what, doc));
    };
    vary("no version", &|d| {
        d["schedule"].as_object_mut().unwrap().remove("version");
    });
    vary("acronym with capitals", &|d| {
        d["schedule"]["conference"]["acronym"] = "Camp2019".into()
    });
    vary("unknown conference key", &|d| {
        d["schedule"]["conference"]["venue"] = "x".into()
    });
    vary("daysCount as a string", &|d| {
        d["schedule"]["conference"]["daysCount"] = "2".into()
    });
    vary("day date not a date", &|d| {
        d["schedule"]["conference"]["days"][0]["date"] = "16.06.2023".into()
    });
    vary("talk without guid", &|d| {
        talk(d).as_object_mut().unwrap().remove("guid");
    });
    vary("guid not a UUID", &|d| talk(d)["guid"] = "talk-101".into());
    vary("id as a string", &|d| talk(d)["id"] = "101".into());
    vary("start with seconds", &|d| {
        talk(d)["start"] = "10:30:00".into()
    });
    vary("duration in minutes", &|d| {
        talk(d)["duration"] = "30".into()
    });
    vary("slug ends in a dash", &|d| {
        talk(d)["slug"] = "opening-".into()
    });
    vary("date without a zone", &|d| {
        talk(d)["date"] = "2023-06-16 10:30".into()
    });
    vary("persons not a list", &|d| {
        talk(d)["persons"] = json!({"name": "x"})
    });
    vary("link without url", &|d| {
        talk(d)["links"] = json!([{"title": "Slides"}])
    });
    vary("unknown talk key", &|d| talk(d)["speaker"] = "x".into());
    out
}

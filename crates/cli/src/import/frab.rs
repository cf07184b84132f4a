//! frab and pretalx `schedule.json` (the C3VOC schedule JSON) into a draft event.
//!
//! Parsed into typed structs through `serde_path_to_error`, so a file that breaks the schema is
//! refused with the JSON path of the first bad value (`schedule.conference.days[0]...id`).

use super::{non_empty, parse_duration, SourceEvent, SourceTalk};
use hallway_core::{Date, DateTime, Link};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Root {
    schedule: Schedule,
}

#[derive(Deserialize)]
struct Schedule {
    #[serde(default)]
    base_url: Option<String>,
    conference: Conference,
}

#[derive(Deserialize)]
struct Conference {
    acronym: String,
    title: String,
    start: String,
    end: String,
    #[serde(default)]
    time_zone_name: Option<String>,
    #[serde(default)]
    url: Option<String>,
    days: Vec<Day>,
}

#[derive(Deserialize)]
struct Day {
    date: String,
    rooms: BTreeMap<String, Vec<Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    /// Unused, but typed as the schema says so that a file that breaks it is refused.
    #[allow(dead_code)]
    id: u64,
    date: String,
    #[serde(default)]
    start: Option<String>,
    duration: String,
    #[serde(default)]
    room: Option<String>,
    title: String,
    #[serde(default)]
    subtitle: Option<String>,
    #[serde(default)]
    track: Option<String>,
    #[serde(default)]
    r#abstract: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    url: Option<String>,
    persons: Vec<Person>,
    #[serde(default)]
    links: Vec<Reference>,
    #[serde(default)]
    attachments: Vec<Reference>,
}

#[derive(Deserialize)]
struct Person {
    #[allow(dead_code)]
    id: u64,
    #[serde(default)]
    public_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct Reference {
    url: String,
    #[serde(default)]
    title: Option<String>,
}

pub fn parse(bytes: &[u8]) -> Result<SourceEvent, String> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let root: Root = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            format!("not valid JSON: {inner}")
        } else {
            format!(
                "not a frab/pretalx schedule: at `{path}`: {inner}. The file must follow the C3VOC schedule JSON schema."
            )
        }
    })?;
    let conf = root.schedule.conference;
    let start = day_of(&conf.start).ok_or_else(|| {
        format!(
            "at `schedule.conference.start`: `{}` is not a date",
            conf.start
        )
    })?;
    let mut event = SourceEvent::new(conf.title.trim().to_string(), start);
    event.end = day_of(&conf.end).filter(|e| *e >= start);
    event.timezone = non_empty(conf.time_zone_name.as_deref());
    event.url = non_empty(conf.url.as_deref()).or(non_empty(root.schedule.base_url.as_deref()));
    event.series = super::series::from_acronym(&conf.acronym, &event.name, start.year);
    for (d, day) in conf.days.into_iter().enumerate() {
        let day_date = day_of(&day.date);
        for (room, entries) in day.rooms {
            for (i, e) in entries.into_iter().enumerate() {
                let at = || format!("schedule.conference.days[{d}].rooms.{room}[{i}]");
                let title = non_empty(Some(&e.title))
                    .ok_or_else(|| format!("at `{}.title`: the talk has no title", at()))?;
                let start = DateTime::parse(&e.date).ok();
                let (r#abstract, abstract_from_html) =
                    join_texts(&[e.subtitle, e.r#abstract, e.description]);
                let mut talk = SourceTalk {
                    title,
                    track: non_empty(e.track.as_deref()),
                    room: non_empty(e.room.as_deref()).or_else(|| non_empty(Some(&room))),
                    start,
                    date: if start.is_none() { day_date } else { None },
                    duration_min: parse_duration(&e.duration),
                    r#abstract,
                    abstract_from_html,
                    ..Default::default()
                };
                let _ = e.start; // "start" duplicates the time in `date` (deprecated in the schema).
                for p in e.persons {
                    if let Some(n) =
                        non_empty(p.public_name.as_deref()).or(non_empty(p.name.as_deref()))
                    {
                        talk.speakers.push(n);
                    }
                }
                if let Some(u) = non_empty(e.url.as_deref()) {
                    talk.links.push(Link {
                        kind: "page".into(),
                        url: u,
                        title: None,
                    });
                }
                for r in e.links.into_iter().chain(e.attachments) {
                    if let Some(u) = non_empty(Some(&r.url)) {
                        let title = non_empty(r.title.as_deref());
                        talk.links.push(Link {
                            kind: link_kind(&u, title.as_deref()).into(),
                            url: u,
                            title,
                        });
                    }
                }
                event.talks.push(talk);
            }
        }
    }
    Ok(event)
}

/// The date part of `2019-08-21` or `2019-08-21T10:00:00+02:00`.
fn day_of(s: &str) -> Option<Date> {
    s.get(..10)
        .and_then(|d| Date::parse(d).ok())
        .filter(Date::is_full)
}

/// Subtitle, abstract and description as one CommonMark text, skipping empty and repeated
/// parts; parts written in HTML are converted (see `html`). The flag says whether any was.
pub(crate) fn join_texts(parts: &[Option<String>]) -> (Option<String>, bool) {
    let mut out: Vec<String> = Vec::new();
    let mut converted = false;
    for p in parts.iter().flatten() {
        let t = p.replace("\r\n", "\n");
        let t = match super::html::to_markdown(&t) {
            Some(md) => {
                converted = true;
                md
            }
            None => t,
        };
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    ((!out.is_empty()).then(|| out.join("\n\n")), converted)
}

/// A link's kind from where it points: the model's words where they fit, else `page`.
pub(crate) fn link_kind(url: &str, title: Option<&str>) -> &'static str {
    let u = url.to_ascii_lowercase();
    let t = title.unwrap_or("").to_ascii_lowercase();
    if t.contains("slide") || u.contains("slide") || u.contains("speakerdeck") {
        "slides"
    } else if u.contains("media.ccc.de")
        || u.contains("youtube")
        || u.contains("youtu.be")
        || u.contains("vimeo")
    {
        "video"
    } else if u.contains("github.com") || u.contains("gitlab") || u.contains("codeberg") {
        "code"
    } else if u.ends_with(".pdf") || t.contains("paper") {
        "paper"
    } else {
        "page"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("00:30"), Some(30));
        assert_eq!(parse_duration("1:45"), Some(105));
        assert_eq!(parse_duration("x"), None);
    }
}

//! pentabarf / frab `schedule.xml` into a draft event, read with quick-xml's streaming reader.
//!
//! Times: a talk's `<date>` with an offset is the instant; it is shown at the offset of the
//! conference's `<time_zone_name>` when one is given. Without `<date>`, the day's date and the
//! talk's `<start>` are read as wall-clock time in that zone. With neither an instant nor a zone,
//! the talk keeps only its day (`date`), since a wall-clock time without an offset is not an
//! RFC 3339 date-time and guessing the offset would put the talk at the wrong hour.

use super::frab::{join_texts, link_kind};
use super::{non_empty, parse_duration, tz, SourceEvent, SourceTalk};
use hallway_core::{Date, DateTime, Link};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

#[derive(Default)]
struct Conf {
    title: Option<String>,
    acronym: Option<String>,
    start: Option<String>,
    end: Option<String>,
    time_zone: Option<String>,
    city: Option<String>,
    venue: Option<String>,
    base_url: Option<String>,
}

#[derive(Default)]
struct Raw {
    date: Option<String>,
    start: Option<String>,
    duration: Option<String>,
    room: Option<String>,
    track: Option<String>,
    title: Option<String>,
    subtitle: Option<String>,
    r#abstract: Option<String>,
    description: Option<String>,
    url: Option<String>,
    persons: Vec<String>,
    links: Vec<(String, Option<String>)>,
    day: Option<String>,
    room_attr: Option<String>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.trim().to_string())
}

pub fn parse(bytes: &[u8]) -> Result<SourceEvent, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut conf = Conf::default();
    let mut raws: Vec<Raw> = Vec::new();
    let mut current: Option<Raw> = None;
    let mut day: Option<String> = None;
    let mut room: Option<String> = None;
    let mut link_href: Option<String> = None;
    let mut saw_schedule = false;
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(|e| {
            format!(
                "not well-formed XML near byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(ev, Event::Empty(_));
                let name = e.name().as_ref().to_string();
                match name.as_str() {
                    "schedule" => saw_schedule = true,
                    "day" => day = attr(e, "date"),
                    "room" if current.is_none() => room = attr(e, "name"),
                    "event" => {
                        current = Some(Raw {
                            day: day.clone(),
                            room_attr: room.clone(),
                            ..Default::default()
                        })
                    }
                    "link" => link_href = attr(e, "href"),
                    _ => {}
                }
                text.clear();
                if is_empty {
                    let parents = &path;
                    end_element(
                        &name,
                        parents,
                        "",
                        &mut conf,
                        &mut current,
                        &mut raws,
                        &mut link_href,
                    );
                } else {
                    path.push(name);
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    text.push_str(match &*r {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let t = std::mem::take(&mut text);
                end_element(
                    &name,
                    &path,
                    t.trim(),
                    &mut conf,
                    &mut current,
                    &mut raws,
                    &mut link_href,
                );
                if name == "room" && current.is_none() {
                    room = None;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_schedule {
        return Err("not a pentabarf schedule: there is no <schedule> element".into());
    }
    build(conf, raws)
}

#[allow(clippy::too_many_arguments)]
fn end_element(
    name: &str,
    parents: &[String],
    t: &str,
    conf: &mut Conf,
    current: &mut Option<Raw>,
    raws: &mut Vec<Raw>,
    link_href: &mut Option<String>,
) {
    let value = non_empty(Some(t));
    let parent = parents.last().map(String::as_str);
    if let Some(raw) = current.as_mut() {
        match (name, parent) {
            ("event", _) => raws.extend(current.take()),
            ("person", _) => raw.persons.extend(value),
            ("link", _) => {
                if let Some(h) = link_href.take() {
                    raw.links.push((h, value));
                }
            }
            (_, Some("event")) => {
                let slot = match name {
                    "date" => &mut raw.date,
                    "start" => &mut raw.start,
                    "duration" => &mut raw.duration,
                    "room" => &mut raw.room,
                    "track" => &mut raw.track,
                    "title" => &mut raw.title,
                    "subtitle" => &mut raw.subtitle,
                    "abstract" => &mut raw.r#abstract,
                    "description" => &mut raw.description,
                    "url" => &mut raw.url,
                    _ => return,
                };
                *slot = value;
            }
            _ => {}
        }
    } else if parent == Some("conference") {
        let slot = match name {
            "title" => &mut conf.title,
            "acronym" => &mut conf.acronym,
            "start" => &mut conf.start,
            "end" => &mut conf.end,
            "time_zone_name" => &mut conf.time_zone,
            "city" => &mut conf.city,
            "venue" => &mut conf.venue,
            "base_url" => &mut conf.base_url,
            _ => return,
        };
        *slot = value;
    }
}

fn build(conf: Conf, raws: Vec<Raw>) -> Result<SourceEvent, String> {
    let title = conf.title.ok_or("the <conference> has no <title>")?;
    let first_day = raws
        .iter()
        .filter_map(|r| r.day.as_deref())
        .filter_map(|d| Date::parse(d).ok())
        .min();
    let start = conf
        .start
        .as_deref()
        .and_then(|s| s.get(..10))
        .and_then(|s| Date::parse(s).ok())
        .or(first_day)
        .ok_or("the <conference> has no <start> date and no <day date=...>")?;
    let mut event = SourceEvent::new(title, start);
    event.end = conf
        .end
        .as_deref()
        .and_then(|s| s.get(..10))
        .and_then(|s| Date::parse(s).ok())
        .filter(|e| *e >= start);
    event.timezone = conf.time_zone.filter(|z| tz::is_known(z));
    event.series = conf
        .acronym
        .as_deref()
        .and_then(|a| super::series::from_acronym(a, &event.name, start.year));
    event.city = conf.city;
    event.url = conf.base_url;
    let _ = conf.venue; // A venue needs a place with a country, which pentabarf does not give.
    for (i, r) in raws.into_iter().enumerate() {
        let title = r
            .title
            .ok_or_else(|| format!("<event> number {} has no <title>", i + 1))?;
        let (start, date) = talk_time(
            r.date.as_deref(),
            r.day.as_deref(),
            r.start.as_deref(),
            event.timezone.as_deref(),
        );
        let (r#abstract, abstract_from_html) =
            join_texts(&[r.subtitle, r.r#abstract, r.description]);
        let mut talk = SourceTalk {
            title,
            track: r.track,
            room: r.room.or(r.room_attr),
            speakers: r.persons,
            start,
            date,
            duration_min: r.duration.as_deref().and_then(parse_duration),
            r#abstract,
            abstract_from_html,
            links: Vec::new(),
        };
        if let Some(u) = r.url {
            talk.links.push(Link {
                kind: "page".into(),
                url: u,
                title: None,
            });
        }
        for (url, title) in r.links {
            talk.links.push(Link {
                kind: link_kind(&url, title.as_deref()).into(),
                url,
                title,
            });
        }
        event.talks.push(talk);
    }
    Ok(event)
}

/// See the module comment for the rules.
fn talk_time(
    instant: Option<&str>,
    day: Option<&str>,
    start: Option<&str>,
    zone: Option<&str>,
) -> (Option<DateTime>, Option<Date>) {
    if let Some(dt) = instant.and_then(|s| DateTime::parse(s).ok()) {
        let shown = zone.and_then(|z| tz::in_zone(dt, z)).unwrap_or(dt);
        return (Some(shown), None);
    }
    let day = day
        .or(instant)
        .and_then(|d| d.get(..10))
        .and_then(|d| Date::parse(d).ok());
    let hm = start.and_then(|s| {
        let (h, m) = s.split_once(':')?;
        Some((h.parse::<u8>().ok()?, m.get(..2)?.parse::<u8>().ok()?))
    });
    let local = match (day, hm, zone) {
        (Some(d), Some((h, m)), Some(z)) => tz::local(d, h, m, 0, z),
        _ => None,
    };
    match local {
        Some(dt) => (Some(dt), None),
        None => (None, day),
    }
}

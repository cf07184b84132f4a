//! iCalendar (RFC 5545) of events (all-day) or talks (timed, in UTC).
//!
//! Written by hand: the format is a few dozen lines of text, and the crates that write it pull
//! chrono and a time-zone database into the wasm. What needs care is here and tested:
//! escaping (§3.3.11), folding at 75 octets without splitting a UTF-8 character (§3.1), CRLF.
//!
//! Talk times are written in UTC (`DTSTART:20141013T073000Z`), not as `DTSTART;TZID=…`. RFC 5545
//! requires a VTIMEZONE with the zone's rules for every TZID; core carries no time-zone database,
//! and a VTIMEZONE that only knew the talk's fixed offset, named after the IANA zone, would be
//! wrong on the other side of a DST change and may be overridden by clients that know the name
//! (pretalx #2081, #2588 were calendars an hour off for these reasons). A talk's start carries
//! the exact offset it was written with, so the UTC instant is always right, and calendars show
//! it in the reader's zone. Lengths are `DURATION`, which does not depend on any zone.

use super::{
    absolute_url, location, page_url, project_names, speaker_names, stamp, talk_projects, Exported,
    MarkdownText, Options,
};
use crate::date::{Date, DateTime};
use crate::index::Dataset;
use std::fmt::Write;

/// One all-day VEVENT per event. Events dated only to the month or year are left out, with
/// a note: a calendar has no way to say "sometime in October".
pub fn events(data: &Dataset, items: &[u32], options: &Options) -> Exported {
    let mut cal = Calendar::new(data, options);
    for &i in items {
        let Some(e) = data.bundle.events.get(i as usize) else {
            continue;
        };
        let last = e.last_day();
        if !e.start.is_full() || !last.is_full() {
            cal.notes.push(format!(
                "Left out event `{}`: it is dated only to {}, and a calendar needs days.",
                e.id, e.start
            ));
            continue;
        }
        cal.begin("event", &e.id);
        cal.prop("DTSTART;VALUE=DATE", &date_value(e.start));
        // DTEND of an all-day event is exclusive: the day after the last.
        let end = Date::from_days_since_epoch(
            last.days_since_epoch().max(e.start.days_since_epoch()) + 1,
        );
        cal.prop("DTEND;VALUE=DATE", &date_value(end));
        cal.text("SUMMARY", &e.name);
        if let Some(loc) = location(data, e) {
            cal.text("LOCATION", &loc);
        }
        if let Some((lat, lon)) = super::coordinates(data, e) {
            cal.prop("GEO", &format!("{lat};{lon}"));
        }
        if let Some(url) =
            absolute_url(e.url.as_deref()).or_else(|| page_url(options, "events", &e.id))
        {
            cal.prop("URL", &url);
        }
        let mut desc = Vec::new();
        if let Some(s) = e
            .series
            .as_ref()
            .and_then(|s| data.index.series_by_id.get(s))
        {
            desc.push(format!("Series: {}", data.bundle.series[*s as usize].name));
        }
        if let Some(a) = &e.attendance {
            desc.push(format!("Attendance: {a}"));
        }
        if let Some(p) = page_url(options, "events", &e.id) {
            desc.push(p);
        }
        if !desc.is_empty() {
            cal.text("DESCRIPTION", &desc.join("\n"));
        }
        cal.categories(&project_names(data, &e.projects));
        cal.end();
    }
    cal.finish()
}

/// One VEVENT per talk: timed in UTC when the talk has a start, all-day when it has only a
/// day, left out (with a note) when it has neither.
/// Abstracts become plain text through `markdown`.
pub fn talks(
    data: &Dataset,
    items: &[u32],
    options: &Options,
    markdown: &dyn MarkdownText,
) -> Exported {
    let mut cal = Calendar::new(data, options);
    for &i in items {
        let Some(t) = data.bundle.talks.get(i as usize) else {
            continue;
        };
        let event = data
            .index
            .event_by_id
            .get(&t.event)
            .map(|&e| &data.bundle.events[e as usize]);
        match (t.start, t.day()) {
            (Some(_), _)
            | (
                None,
                Some(Date {
                    month: 1..=12,
                    day: 1..=31,
                    ..
                }),
            ) => {}
            _ => {
                cal.notes.push(format!(
                    "Left out talk `{}`: it has no day, so a calendar cannot place it.",
                    t.id
                ));
                continue;
            }
        }
        cal.begin("talk", &t.id);
        if let Some(start) = t.start {
            cal.prop("DTSTART", &utc_value(start));
            if let Some(d) = t.duration_min {
                cal.prop("DURATION", &duration_value(d));
            }
        } else if let Some(day) = t.day() {
            cal.prop("DTSTART;VALUE=DATE", &date_value(day));
            let next = Date::from_days_since_epoch(day.days_since_epoch() + 1);
            cal.prop("DTEND;VALUE=DATE", &date_value(next));
        }
        cal.text("SUMMARY", &t.title);
        let mut loc: Vec<String> = t.room.iter().map(|r| r.to_string()).collect();
        loc.extend(event.and_then(|e| location(data, e)));
        if !loc.is_empty() {
            cal.text("LOCATION", &loc.join(", "));
        }
        let link = t
            .links
            .iter()
            .find(|l| l.kind == "page")
            .map(|l| l.url.as_str());
        if let Some(url) = page_url(options, "talks", &t.id)
            .or_else(|| absolute_url(link))
            .or_else(|| absolute_url(event.and_then(|e| e.url.as_deref())))
        {
            cal.prop("URL", &url);
        }
        let mut desc = Vec::new();
        let speakers = speaker_names(data, &t.speakers);
        if !speakers.is_empty() {
            desc.push(format!("Speakers: {}", speakers.join(", ")));
        }
        if let Some(e) = event {
            desc.push(format!("Event: {}", e.name));
        }
        if let Some(track) = &t.track {
            desc.push(format!("Track: {track}"));
        }
        if let Some(a) = &t.r#abstract {
            desc.push(String::new());
            desc.push(markdown.plain(a));
        }
        if !desc.is_empty() {
            cal.text("DESCRIPTION", &desc.join("\n"));
        }
        cal.categories(&project_names(data, talk_projects(data, t)));
        cal.end();
    }
    cal.finish()
}

struct Calendar {
    out: String,
    notes: Vec<String>,
    dtstamp: String,
}

impl Calendar {
    fn new(data: &Dataset, options: &Options) -> Self {
        let mut c = Calendar {
            out: String::new(),
            notes: Vec::new(),
            dtstamp: utc_value(stamp(data, options)),
        };
        c.prop("BEGIN", "VCALENDAR");
        c.prop("VERSION", "2.0");
        c.prop("PRODID", "-//Hallway//Hallway export//EN");
        c.prop("CALSCALE", "GREGORIAN");
        c.text("X-WR-CALNAME", &data.bundle.title);
        c
    }

    fn begin(&mut self, kind: &str, id: &str) {
        self.prop("BEGIN", "VEVENT");
        // Ids are unique per kind and stable across exports, so a re-import updates in place.
        self.prop("UID", &format!("{kind}-{id}@hallway"));
        let stamp = self.dtstamp.clone();
        self.prop("DTSTAMP", &stamp);
    }

    fn end(&mut self) {
        self.prop("END", "VEVENT");
    }

    fn finish(mut self) -> Exported {
        self.prop("END", "VCALENDAR");
        Exported {
            text: self.out,
            notes: self.notes,
        }
    }

    /// A property whose value is already in its final form (dates, URIs, numbers).
    fn prop(&mut self, name: &str, value: &str) {
        let line = format!("{name}:{value}");
        fold_into(&mut self.out, &line);
    }

    /// A TEXT property, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.prop(name, &escape_text(value));
    }

    fn categories(&mut self, names: &[&str]) {
        if !names.is_empty() {
            let v: Vec<String> = names.iter().map(|n| escape_text(n)).collect();
            self.prop("CATEGORIES", &v.join(","));
        }
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` and newlines. Other control
/// characters are not allowed in TEXT and are dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (continuation lines start with one space, which
/// counts toward their 75), never inside a UTF-8 character, each line ended by CRLF.
pub fn fold_into(out: &mut String, line: &str) {
    let (mut start, mut room) = (0, 75);
    while line.len() - start > room {
        let mut end = start + room;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&line[start..end]);
        out.push_str("\r\n ");
        start = end;
        room = 74;
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

fn date_value(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month.max(1), d.day.max(1))
}

/// The UTC form of a start time: the instant is the same whatever offset it was written in.
fn utc_value(t: DateTime) -> String {
    let u = t.with_offset(0);
    let mut s = date_value(u.date);
    let _ = write!(s, "T{:02}{:02}{:02}Z", u.hour, u.minute, u.second);
    s
}

fn duration_value(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole_and_lines_short() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "Düsseldorf ✓ 日本語 ".repeat(12));
        fold_into(&mut out, &line);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert!(!out.contains('\n') || out.matches('\n').count() == out.matches("\r\n").count());
    }

    #[test]
    fn folding_moves_a_straddling_character_whole() {
        let mut out = String::new();
        fold_into(&mut out, &format!("{}😀x", "a".repeat(74)));
        assert_eq!(out, format!("{}\r\n 😀x\r\n", "a".repeat(74)));
        let mut exact = String::new();
        fold_into(&mut exact, &"b".repeat(75));
        assert_eq!(exact, format!("{}\r\n", "b".repeat(75)), "75 octets fit");
    }

    #[test]
    fn text_escapes_the_four_specials() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\u{7}"),
            "a\\\\b\\;c\\,d\\ne\\nf"
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_value(45), "PT45M");
        assert_eq!(duration_value(120), "PT2H");
        assert_eq!(duration_value(90), "PT1H30M");
    }
}

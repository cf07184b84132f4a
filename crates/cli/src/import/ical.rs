//! iCalendar (`.ics`) into one draft event with a talk per VEVENT, parsed with `icalendar`.
//!
//! The event is named from `X-WR-CALNAME` (else the file name). Times keep their offset:
//! `TZID=` local times get the offset of that zone on that day (jiff's bundled tz database);
//! UTC times are shown at the calendar's zone (`X-WR-TIMEZONE`, else the first `TZID` seen)
//! when there is one and stay UTC otherwise; date-only and floating times keep only the day.
//!
//! Lines are unfolded on bytes, before the text is decoded: producers fold long lines in the
//! middle of a multi-byte UTF-8 character (RFC 5545 forbids it, readers accept it), which
//! `icalendar`'s unfolding of a `&str` cannot see, and some end lines in CR CR LF.

use super::{non_empty, tz, SourceEvent, SourceTalk};
use hallway_core::{Date, DateTime, Link};
use icalendar::parser::{read_calendar, Component, Property};
use std::path::Path;

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a Property<'a>> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn value(c: &Component, name: &str) -> Option<String> {
    prop(c, name).and_then(|p| non_empty(Some(p.val.as_str())))
}

fn param(p: &Property, key: &str) -> Option<String> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str().trim_matches('"').trim().to_string())
}

/// A parsed DTSTART/DTEND: an instant with offset, or only a day.
enum When {
    At(DateTime),
    Day(Date),
}

fn when(p: &Property, calendar_zone: Option<&str>) -> Option<When> {
    let v = p.val.as_str().trim();
    let num = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<u32>().ok());
    let date = Date::parse(&format!(
        "{:04}-{:02}-{:02}",
        num(0..4)?,
        num(4..6)?,
        num(6..8)?
    ))
    .ok()?;
    if v.len() == 8 {
        return Some(When::Day(date));
    }
    if v.as_bytes().get(8) != Some(&b'T') {
        return None;
    }
    let (h, m, s) = (num(9..11)? as u8, num(11..13)? as u8, num(13..15)? as u8);
    if v.ends_with('Z') {
        let utc = DateTime {
            date,
            hour: h,
            minute: m,
            second: s,
            offset_minutes: 0,
        };
        let shown = calendar_zone
            .and_then(|z| tz::in_zone(utc, z))
            .unwrap_or(utc);
        return Some(When::At(shown));
    }
    match param(p, "TZID").and_then(|z| tz::local(date, h, m, s, &z)) {
        Some(dt) => Some(When::At(dt)),
        // A floating time has no offset: keep the day rather than invent one.
        None => Some(When::Day(date)),
    }
}

pub fn parse(bytes: &[u8], path: &Path) -> Result<SourceEvent, String> {
    let (unfolded, moves) = unfold_bytes(bytes);
    let text = std::str::from_utf8(&unfolded).map_err(|e| {
        let (line, col) = line_col(bytes, original_offset(&moves, e.valid_up_to()));
        format!(
            "line {line}, column {col}: not UTF-8 text (the file must be saved as UTF-8; \
             re-export it or convert it with `iconv -t UTF-8`)"
        )
    })?;
    let cal = read_calendar(text).map_err(|e| format!("not a valid iCalendar file: {e}"))?;
    if !text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with("BEGIN:VCALENDAR")
    {
        return Err("not an iCalendar file: it does not start with BEGIN:VCALENDAR".into());
    }
    let cal_prop = |name: &str| {
        cal.properties
            .iter()
            .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
            .and_then(|p| non_empty(Some(p.val.as_str())))
    };
    let name = cal_prop("X-WR-CALNAME").unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Calendar".into())
    });
    let vevents: Vec<&Component> = cal
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
        .collect();
    let zone = cal_prop("X-WR-TIMEZONE")
        .filter(|z| tz::is_known(z))
        .or_else(|| {
            vevents
                .iter()
                .filter_map(|c| prop(c, "DTSTART"))
                .filter_map(|p| param(p, "TZID"))
                .find(|z| tz::is_known(z))
        });
    let mut talks = Vec::new();
    for (i, c) in vevents.iter().enumerate() {
        let title =
            value(c, "SUMMARY").ok_or_else(|| format!("VEVENT number {} has no SUMMARY", i + 1))?;
        let start = prop(c, "DTSTART")
            .and_then(|p| when(p, zone.as_deref()))
            .ok_or_else(|| {
                format!(
                    "VEVENT number {} (`{title}`) has no readable DTSTART",
                    i + 1
                )
            })?;
        let end = prop(c, "DTEND").and_then(|p| when(p, zone.as_deref()));
        let speakers: Vec<String> = c
            .properties
            .iter()
            .filter(|p| p.name.as_str().eq_ignore_ascii_case("ATTENDEE"))
            .filter_map(|p| param(p, "CN"))
            .filter(|n| !n.is_empty())
            .collect();
        // Some calendars carry HTML descriptions (X-ALT-DESC is the proper place, but not all
        // producers use it).
        let description = value(c, "DESCRIPTION").map(|d| {
            let d = strip_byline(&d, &speakers);
            match super::html::to_markdown(&d) {
                Some(md) => (md, true),
                None => (d, false),
            }
        });
        let mut talk = SourceTalk {
            title,
            room: value(c, "LOCATION"),
            track: value(c, "CATEGORIES"),
            r#abstract: description.as_ref().map(|d| d.0.clone()),
            abstract_from_html: description.as_ref().is_some_and(|d| d.1),
            speakers,
            ..Default::default()
        };
        match start {
            When::At(s) => {
                talk.start = Some(s);
                if let Some(When::At(e)) = end {
                    let mins = (e.unix_seconds() - s.unix_seconds()) / 60;
                    talk.duration_min = u32::try_from(mins).ok().filter(|m| *m > 0);
                }
            }
            When::Day(d) => talk.date = Some(d),
        }
        talk.r#abstract = talk.r#abstract.filter(|a| !a.is_empty());
        if let Some(u) = value(c, "URL") {
            talk.links.push(Link {
                kind: "page".into(),
                url: u,
                title: None,
            });
        }
        talks.push(talk);
    }
    let days: Vec<Date> = talks
        .iter()
        .filter_map(|t| t.start.map(|s| s.date).or(t.date))
        .collect();
    let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
        return Err("the calendar has no VEVENT, so there is no event to import".into());
    };
    let mut event = SourceEvent::new(name, *first);
    event.end = (last > first).then_some(*last);
    event.timezone = zone;
    event.talks = talks;
    Ok(event)
}

/// Drops a first paragraph such as "von: Jakob Semere" or "by: ..." that only repeats the
/// speakers, who are listed as attendees anyway.
fn strip_byline(description: &str, speakers: &[String]) -> String {
    let d = description.replace("\r\n", "\n");
    let (first, rest) = d.split_once("\n\n").unwrap_or((&d, ""));
    let lower = first.to_lowercase();
    let is_byline = ["von:", "by:", "speaker:", "speakers:"]
        .iter()
        .any(|p| lower.starts_with(p))
        && speakers.iter().any(|s| first.contains(s.as_str()));
    if is_byline {
        rest.trim().to_string()
    } else {
        d.trim().to_string()
    }
}

/// Joins folded lines (a line break, then a space or tab) and writes every line break as
/// CRLF, on bytes. A line break is LF after any number of CRs, so CR CR LF ends a line too.
/// Also returns where the output skipped input: `(output offset, input offset)` pairs, for
/// [`original_offset`].
fn unfold_bytes(bytes: &[u8]) -> (Vec<u8>, Vec<(usize, usize)>) {
    let mut out = Vec::with_capacity(bytes.len());
    let mut moves = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'\r' && b != b'\n' {
            out.push(b);
            i += 1;
            continue;
        }
        let mut j = i;
        while bytes.get(j) == Some(&b'\r') {
            j += 1;
        }
        if bytes.get(j) != Some(&b'\n') {
            // A lone CR (or CRs) not ending a line: kept as it is.
            out.extend_from_slice(&bytes[i..j]);
            i = j;
            continue;
        }
        let after = j + 1;
        if matches!(bytes.get(after), Some(b' ' | b'\t')) {
            i = after + 1;
        } else {
            out.extend_from_slice(b"\r\n");
            i = after;
        }
        moves.push((out.len(), i));
    }
    (out, moves)
}

/// The input offset of an offset in [`unfold_bytes`]'s output.
fn original_offset(moves: &[(usize, usize)], at: usize) -> usize {
    let k = moves.partition_point(|(o, _)| *o <= at);
    match k.checked_sub(1).map(|k| moves[k]) {
        Some((o, i)) => i + (at - o),
        None => at,
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let at = at.min(bytes.len());
    let before = &bytes[..at];
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_inside_characters_and_after_cr_cr_lf() {
        let (out, _) = unfold_bytes(b"A:d\xe2\r\n \x80\x99x\r\r\nB:\xc3\n \xa9\r\n");
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            "A:d\u{2019}x\r\nB:\u{e9}\r\n"
        );
    }

    #[test]
    fn bad_bytes_are_placed_by_line_and_column() {
        let bytes = b"BEGIN:VCALENDAR\r\nX:ab\r\n c\xffd\r\n";
        let (out, moves) = unfold_bytes(bytes);
        let bad = std::str::from_utf8(&out).unwrap_err().valid_up_to();
        assert_eq!(line_col(bytes, original_offset(&moves, bad)), (3, 3));
    }
}

//! What the entity pages show beside the record itself: related talks, series neighbours,
//! talks grouped by day and track, a project's years, "did you mean" suggestions and talk times.
//!
//! Everything takes a [`Dataset`] and returns positions (`u32` indexes into the bundle's
//! collections) so that pages only look records up and render them.

use crate::date::{month_name, Date, DateTime};
use crate::index::Dataset;
use std::collections::BTreeMap;

/// How many talks each "More" list shows: enough to browse on, short enough to scan.
pub const MORE_CAP: usize = 6;

/// Other talks worth reading after one talk. A talk appears in the first list it fits, in the
/// order speakers, event, projects, so the three lists never repeat each other.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoreTalks {
    /// Talks sharing a speaker, in time order.
    pub by_speakers: Vec<u32>,
    /// Other talks of the same event, nearest in time first.
    pub at_event: Vec<u32>,
    /// Talks about the same projects: most shared projects first, then nearest in time.
    pub about_projects: Vec<u32>,
}

impl MoreTalks {
    pub fn is_empty(&self) -> bool {
        self.by_speakers.is_empty() && self.at_event.is_empty() && self.about_projects.is_empty()
    }
}

/// The "More" lists for talk `ti`, each capped at `cap`. Unknown positions give empty lists.
pub fn more_talks(d: &Dataset, ti: u32, cap: usize) -> MoreTalks {
    let Some(talk) = d.bundle.talks.get(ti as usize) else {
        return MoreTalks::default();
    };
    let ix = &d.index;
    let mut seen = vec![ti];
    let take = |candidates: Vec<u32>, seen: &mut Vec<u32>| -> Vec<u32> {
        let mut out = Vec::new();
        for c in candidates {
            if out.len() == cap {
                break;
            }
            if !seen.contains(&c) {
                seen.push(c);
                out.push(c);
            }
        }
        out
    };

    let mut by_speakers: Vec<u32> = talk
        .speakers
        .iter()
        .filter_map(|s| d.person(s))
        .flat_map(|(pi, _)| ix.talks_of_person[pi as usize].iter().copied())
        .collect();
    // Several speakers' lists interleave; the index's talk order is chronological.
    crate::order::rows_by_key(&mut by_speakers, |t| talk_time_key(d, t));
    by_speakers.dedup();
    let by_speakers = take(by_speakers, &mut seen);

    let here = talk_time_key(d, ti);
    let mut at_event: Vec<u32> = d
        .event(&talk.event)
        .map(|(ei, _)| ix.talks_of_event[ei as usize].to_vec())
        .unwrap_or_default();
    crate::order::rows_by_key(&mut at_event, |t| (distance(talk_time_key(d, t), here), t));
    let at_event = take(at_event, &mut seen);

    let mut shared: BTreeMap<u32, usize> = BTreeMap::new();
    for (pi, _) in talk.projects.iter().filter_map(|p| d.project(p)) {
        for &t in &ix.talks_of_project[pi as usize] {
            *shared.entry(t).or_default() += 1;
        }
    }
    let mut about: Vec<(u32, usize)> = shared.into_iter().collect();
    crate::order::by_key(&mut about, |&(t, n)| {
        (std::cmp::Reverse(n), distance(talk_time_key(d, t), here), t)
    });
    let about_projects = take(about.into_iter().map(|(t, _)| t).collect(), &mut seen);

    MoreTalks {
        by_speakers,
        at_event,
        about_projects,
    }
}

/// Seconds since the epoch of a talk's start (or its day's, or its event's), for ordering.
fn talk_time_key(d: &Dataset, ti: u32) -> i64 {
    let Some(t) = d.bundle.talks.get(ti as usize) else {
        return i64::MAX;
    };
    t.start
        .map(|s| s.unix_seconds())
        .or_else(|| t.day().map(|day| day.days_since_epoch() * 86_400))
        .or_else(|| {
            d.event_of_talk_row(ti)
                .map(|e| e.start.days_since_epoch() * 86_400)
        })
        .unwrap_or(i64::MAX)
}

fn distance(a: i64, b: i64) -> u64 {
    a.abs_diff(b)
}

/// An event's place in its series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesNav {
    pub series: u32,
    pub previous: Option<u32>,
    pub next: Option<u32>,
    /// How many editions the bundle holds, this one included.
    pub editions: usize,
}

/// The previous and next editions of event `ei` in its series, or `None` when it has no series.
pub fn series_nav(d: &Dataset, ei: u32) -> Option<SeriesNav> {
    let event = d.bundle.events.get(ei as usize)?;
    let (si, _) = d.series(event.series.as_deref()?)?;
    let editions = &d.index.events_of_series[si as usize];
    let at = editions.iter().position(|&e| e == ei)?;
    Some(SeriesNav {
        series: si,
        previous: at.checked_sub(1).map(|i| editions[i]),
        next: editions.get(at + 1).copied(),
        editions: editions.len(),
    })
}

/// One day of an event's programme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayGroup {
    /// `None` collects the talks whose day is unknown; it comes last.
    pub day: Option<Date>,
    pub tracks: Vec<TrackGroup>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackGroup {
    /// `None` for talks without a track.
    pub track: Option<crate::model::Shared>,
    /// In time order.
    pub talks: Vec<u32>,
}

/// Event `ei`'s talks by day, then by track in order of each track's first talk that day.
pub fn talks_by_day_and_track(d: &Dataset, ei: u32) -> Vec<DayGroup> {
    let Some(talks) = d.index.talks_of_event.get(ei as usize) else {
        return Vec::new();
    };
    let mut sorted = talks.to_vec();
    crate::order::rows_by_key(&mut sorted, |t| {
        (
            d.bundle.talks[t as usize].day().is_none(),
            talk_time_key(d, t),
            t,
        )
    });
    let mut days: Vec<DayGroup> = Vec::new();
    for t in sorted {
        let talk = &d.bundle.talks[t as usize];
        let day = talk.day();
        if days.last().is_none_or(|g| g.day != day) {
            days.push(DayGroup {
                day,
                tracks: Vec::new(),
            });
        }
        let Some(group) = days.last_mut() else {
            continue;
        };
        match group.tracks.iter_mut().find(|g| g.track == talk.track) {
            Some(g) => g.talks.push(t),
            None => group.tracks.push(TrackGroup {
                track: talk.track.clone(),
                talks: vec![t],
            }),
        }
    }
    days
}

/// Reports covering any talk of person `pi`, oldest first, without repeats.
pub fn reports_of_person(d: &Dataset, pi: u32) -> Vec<u32> {
    let Some(talks) = d.index.talks_of_person.get(pi as usize) else {
        return Vec::new();
    };
    let mut out: Vec<u32> = talks
        .iter()
        .flat_map(|&t| d.index.reports_of_talk[t as usize].iter().copied())
        .collect();
    crate::order::rows_by_key(&mut out, |r| (d.bundle.reports[r as usize].published, r));
    out.dedup();
    out
}

/// One year of a project's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearGroup {
    pub year: i32,
    pub events: Vec<u32>,
    pub talks: Vec<u32>,
    pub reports: Vec<u32>,
}

/// Project `pi`'s events, talks and reports by year, oldest year first. A talk counts in its
/// event's year when its own day is unknown.
pub fn project_years(d: &Dataset, pi: u32) -> Vec<YearGroup> {
    let ix = &d.index;
    let mut years: BTreeMap<i32, YearGroup> = BTreeMap::new();
    let mut add = |y: i32, f: &dyn Fn(&mut YearGroup) -> &mut Vec<u32>, v: u32| {
        let g = years.entry(y).or_insert_with(|| YearGroup {
            year: y,
            ..YearGroup::default()
        });
        f(g).push(v);
    };
    let p = pi as usize;
    for &e in ix.events_of_project.get(p).into_iter().flatten() {
        add(
            d.bundle.events[e as usize].start.year,
            &|g| &mut g.events,
            e,
        );
    }
    for &t in ix.talks_of_project.get(p).into_iter().flatten() {
        let talk = &d.bundle.talks[t as usize];
        let year = talk
            .day()
            .or_else(|| d.event_of_talk_row(t).map(|e| e.start))
            .map(|day| day.year);
        if let Some(y) = year {
            add(y, &|g| &mut g.talks, t);
        }
    }
    for &r in ix.reports_of_project.get(p).into_iter().flatten() {
        add(
            d.bundle.reports[r as usize].published.year,
            &|g| &mut g.reports,
            r,
        );
    }
    years.into_values().collect()
}

/// The closest matches for an unknown id among `(id, label)` pairs, best first: labels are
/// ranked against the id read as words, so `/talks/tracing-qemu` suggests the QEMU tracing talk.
pub fn suggestions<'a>(
    wanted: &str,
    items: impl IntoIterator<Item = (&'a str, &'a str)>,
    n: usize,
) -> Vec<(&'a str, &'a str)> {
    let items: Vec<(&str, &str)> = items.into_iter().collect();
    let words = wanted.replace(['-', '_'], " ");
    let mut out: Vec<(&str, &str)> = Vec::new();
    for label in crate::text::ranked(&words, items.iter().map(|(_, l)| *l), n) {
        // Several records may share a label; suggest each once.
        for &(id, l) in items.iter().filter(|(_, l)| *l == label) {
            if out.len() < n && !out.iter().any(|(i, _)| *i == id) {
                out.push((id, l));
            }
        }
    }
    out
}

/// "UTC+02:00", "UTC−03:30" (with a real minus sign), "UTC".
pub fn offset_label(offset_minutes: i16) -> String {
    if offset_minutes == 0 {
        return "UTC".into();
    }
    let sign = if offset_minutes < 0 { '\u{2212}' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// "Mon 13 October 2014".
pub fn day_label(day: Date) -> String {
    if !day.is_full() {
        return day.long();
    }
    format!(
        "{} {} {} {}",
        WEEKDAYS[day.weekday() as usize % 7],
        day.day,
        month_name(day.month),
        day.year
    )
}

/// A talk's time at `offset_minutes`, with a zone label:
/// "Mon 13 October 2014, 09:30–10:15 (Europe/Berlin, UTC+02:00)". An end on the next day
/// names that day; `zone` may be empty, then only the offset is shown.
pub fn talk_time(
    start: DateTime,
    duration_min: Option<u32>,
    offset_minutes: i16,
    zone: &str,
) -> String {
    let s = start.with_offset(offset_minutes);
    let mut out = format!("{}, {:02}:{:02}", day_label(s.date), s.hour, s.minute);
    if let Some(min) = duration_min.filter(|&m| m > 0) {
        // Durations beyond a week are data errors; don't let them overflow the arithmetic.
        let min = min.min(7 * 24 * 60) as i64;
        let end = DateTime { second: 0, ..s };
        let end_secs = end.unix_seconds() + min * 60;
        let local = end_secs + offset_minutes as i64 * 60;
        let end_day = Date::from_days_since_epoch(local.div_euclid(86_400));
        let secs = local.rem_euclid(86_400);
        let (h, m) = (secs / 3600, secs % 3600 / 60);
        if end_day == s.date {
            out.push_str(&format!("\u{2013}{h:02}:{m:02}"));
        } else {
            out.push_str(&format!(" \u{2013} {}, {h:02}:{m:02}", day_label(end_day)));
        }
    }
    let offset = offset_label(offset_minutes);
    if zone.is_empty() {
        out.push_str(&format!(" ({offset})"));
    } else {
        out.push_str(&format!(" ({zone}, {offset})"));
    }
    out
}

/// "45 min", "1 h 30 min", "2 h".
pub fn duration_label(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

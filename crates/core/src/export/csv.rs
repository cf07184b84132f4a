//! CSV (RFC 4180) of events, talks or reports: a header row, CRLF line ends, fields quoted when
//! they hold a comma, quote, CR or LF (quotes doubled). Lists inside a field are joined by `; `.
//!
//! Written by hand because quoting is ten lines and the `csv` crate is a sizeable dependency
//! for the wasm; the tests read the output back with that crate.
//!
//! Columns:
//! - events: `id, name, start, end, series, city, country, country_code, venue, lat, lon,
//!   online, timezone, url, projects, attendance, talks, page` (`end` is the last day,
//!   inclusive; `lat`/`lon` are the venue's, else the city's; `talks` counts the event's talks;
//!   `page` is the app's page when the base URL is known)
//! - talks: `id, title, event, event_name, date, start, start_utc, duration_min, room, track,
//!   speakers, projects, links, page` (`start` as written, with its offset; `date` the talk's
//!   day; `projects` the talk's own, else its event's; `links` the URLs)
//! - reports: `id, title, author, published, url, events, talks, projects, summary, page`
//!
//! Bundle text is untrusted and CSV files are opened in spreadsheets, which run a cell that
//! starts with `=`, `+`, `-` or `@` as a formula (OWASP "CSV injection"). Such a cell gets a
//! leading `'`, which spreadsheets show as text; numbers such as a longitude of `-6.26` are left
//! as they are.

use super::{page_url, project_names, speaker_names, talk_projects, Exported, Options};
use crate::index::Dataset;

pub const EVENT_COLUMNS: [&str; 18] = [
    "id",
    "name",
    "start",
    "end",
    "series",
    "city",
    "country",
    "country_code",
    "venue",
    "lat",
    "lon",
    "online",
    "timezone",
    "url",
    "projects",
    "attendance",
    "talks",
    "page",
];

pub const TALK_COLUMNS: [&str; 14] = [
    "id",
    "title",
    "event",
    "event_name",
    "date",
    "start",
    "start_utc",
    "duration_min",
    "room",
    "track",
    "speakers",
    "projects",
    "links",
    "page",
];

pub const REPORT_COLUMNS: [&str; 10] = [
    "id",
    "title",
    "author",
    "published",
    "url",
    "events",
    "talks",
    "projects",
    "summary",
    "page",
];

pub fn events(data: &Dataset, items: &[u32], options: &Options) -> Exported {
    let (b, ix) = (&data.bundle, &data.index);
    let mut out = String::new();
    row(&mut out, EVENT_COLUMNS.iter().map(|s| s.to_string()));
    for &i in items {
        let Some(e) = b.events.get(i as usize) else {
            continue;
        };
        let place = super::place_of(data, e);
        let venue = super::venue_of(data, e);
        let (lat, lon) = super::coordinates(data, e).unzip();
        let series = e
            .series
            .as_ref()
            .and_then(|s| ix.series_by_id.get(s))
            .map(|&s| b.series[s as usize].name.clone());
        row(
            &mut out,
            [
                e.id.to_string(),
                e.name.clone(),
                e.start.to_string(),
                e.last_day().to_string(),
                series.unwrap_or_default(),
                place.map(|p| p.city.clone()).unwrap_or_default(),
                place.map(|p| p.country.clone()).unwrap_or_default(),
                place
                    .and_then(|p| p.country_code.clone())
                    .unwrap_or_default(),
                venue.map(|v| v.name.clone()).unwrap_or_default(),
                lat.map(|v| v.to_string()).unwrap_or_default(),
                lon.map(|v| v.to_string()).unwrap_or_default(),
                e.online.to_string(),
                e.timezone.clone().unwrap_or_default(),
                e.url.clone().unwrap_or_default(),
                project_names(data, &e.projects).join("; "),
                e.attendance.clone().unwrap_or_default(),
                ix.talks_of_event
                    .get(i as usize)
                    .map_or(0, <[u32]>::len)
                    .to_string(),
                page_url(options, "events", &e.id).unwrap_or_default(),
            ],
        );
    }
    Exported {
        text: out,
        notes: Vec::new(),
    }
}

pub fn talks(data: &Dataset, items: &[u32], options: &Options) -> Exported {
    let (b, ix) = (&data.bundle, &data.index);
    let mut out = String::new();
    row(&mut out, TALK_COLUMNS.iter().map(|s| s.to_string()));
    for &i in items {
        let Some(t) = b.talks.get(i as usize) else {
            continue;
        };
        let event_name = ix
            .event_by_id
            .get(&t.event)
            .map(|&e| b.events[e as usize].name.clone());
        let links: Vec<&str> = t.links.iter().map(|l| l.url.as_str()).collect();
        row(
            &mut out,
            [
                t.id.to_string(),
                t.title.clone(),
                t.event.to_string(),
                event_name.unwrap_or_default(),
                t.day().map(|d| d.to_string()).unwrap_or_default(),
                t.start.map(|s| s.to_string()).unwrap_or_default(),
                t.start
                    .map(|s| s.with_offset(0).to_string())
                    .unwrap_or_default(),
                t.duration_min.map(|d| d.to_string()).unwrap_or_default(),
                t.room.as_deref().unwrap_or_default().to_string(),
                t.track.as_deref().unwrap_or_default().to_string(),
                speaker_names(data, &t.speakers).join("; "),
                project_names(data, talk_projects(data, t)).join("; "),
                links.join(" "),
                page_url(options, "talks", &t.id).unwrap_or_default(),
            ],
        );
    }
    Exported {
        text: out,
        notes: Vec::new(),
    }
}

pub fn reports(data: &Dataset, items: &[u32], options: &Options) -> Exported {
    let mut out = String::new();
    row(&mut out, REPORT_COLUMNS.iter().map(|s| s.to_string()));
    for &i in items {
        let Some(r) = data.bundle.reports.get(i as usize) else {
            continue;
        };
        row(
            &mut out,
            [
                r.id.to_string(),
                r.title.clone(),
                r.author.clone().unwrap_or_default(),
                r.published.to_string(),
                r.url.clone().unwrap_or_default(),
                r.events.join("; "),
                r.talks.join("; "),
                project_names(data, &r.projects).join("; "),
                r.summary.clone().unwrap_or_default(),
                page_url(options, "reports", &r.id).unwrap_or_default(),
            ],
        );
    }
    Exported {
        text: out,
        notes: Vec::new(),
    }
}

fn row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (n, f) in fields.into_iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        field(out, &f);
    }
    out.push_str("\r\n");
}

/// One field, defused if a spreadsheet would run it, and quoted only when it must be
/// (RFC 4180 §2.6-2.7).
pub fn field(out: &mut String, f: &str) {
    let guarded;
    let f = if could_run_as_formula(f) {
        guarded = format!("'{f}");
        guarded.as_str()
    } else {
        f
    };
    if f.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

fn could_run_as_formula(f: &str) -> bool {
    f.starts_with(['=', '+', '-', '@', '\t', '\r']) && f.parse::<f64>().is_err()
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_a_spreadsheet_would_run_are_defused_and_numbers_are_not() {
        let mut out = String::new();
        for f in [
            "=HYPERLINK(\"https://evil.example\",\"x\")",
            "+1+2",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "-6.26",
            "+44",
            "a=b",
        ] {
            super::field(&mut out, f);
            out.push('|');
        }
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"|'+1+2|'-2+3|'@SUM(A1)|'\t=1|-6.26|+44|a=b|"
        );
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut out = String::new();
        for f in ["plain", "a,b", "say \"hi\"", "two\nlines", ""] {
            super::field(&mut out, f);
            out.push('|');
        }
        assert_eq!(out, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"||");
    }
}

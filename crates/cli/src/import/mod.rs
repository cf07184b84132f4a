//! `hallway import`: reads conference schedules and lists in other formats into one bundle.
//!
//! Each format module turns its file into [`SourceEvent`]s, a format-neutral draft that names
//! things instead of giving them ids; [`merge`] then assigns stable ids, folds duplicate people,
//! events and places together, geocodes places and sorts everything so reruns are byte-identical.

pub mod confs_tech;
pub mod frab;
pub mod html;
pub mod ical;
pub mod merge;
pub mod pentabarf;
pub mod series;
mod tz;

use crate::geocode::Geocoder;
use clap::ValueEnum;
use hallway_core::{Date, DateTime, Link};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The input formats `hallway import --from` understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// frab or pretalx `schedule.json` (the C3VOC schedule JSON).
    Frab,
    /// pentabarf / frab `schedule.xml`.
    Pentabarf,
    /// iCalendar (`.ics`): one event, one talk per VEVENT.
    Ical,
    /// confs.tech `conferences/<year>/<topic>.json` lists.
    ConfsTech,
}

/// A talk as a source describes it, before ids are assigned.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceTalk {
    pub title: String,
    pub track: Option<String>,
    pub room: Option<String>,
    /// Speaker names, in the source's order.
    pub speakers: Vec<String>,
    pub start: Option<DateTime>,
    /// The day, when the time is unknown.
    pub date: Option<Date>,
    pub duration_min: Option<u32>,
    pub r#abstract: Option<String>,
    /// The abstract was HTML and is now Markdown (counted in the import report).
    pub abstract_from_html: bool,
    pub links: Vec<Link>,
}

/// An event (conference edition) as a source describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceEvent {
    pub name: String,
    /// The recurring conference this is an edition of, by name.
    pub series: Option<String>,
    pub start: Date,
    pub end: Option<Date>,
    /// IANA name, when the source gives one.
    pub timezone: Option<String>,
    pub url: Option<String>,
    pub online: bool,
    pub city: Option<String>,
    pub country: Option<String>,
    /// Topic or project names (confs.tech topics).
    pub projects: Vec<String>,
    pub talks: Vec<SourceTalk>,
}

impl SourceEvent {
    pub fn new(name: String, start: Date) -> Self {
        SourceEvent {
            name,
            series: None,
            start,
            end: None,
            timezone: None,
            url: None,
            online: false,
            city: None,
            country: None,
            projects: Vec::new(),
            talks: Vec::new(),
        }
    }
}

/// The format of a file from its extension and, for JSON, its first character: `.ics` is
/// iCalendar, `.xml` pentabarf, a JSON array a confs.tech list and a JSON object frab/pretalx.
pub fn detect(path: &Path, bytes: &[u8]) -> Option<Format> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "ics" | "ical" | "ifb" => Some(Format::Ical),
        "xml" => Some(Format::Pentabarf),
        "json" => match bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
        {
            Some(b'[') => Some(Format::ConfsTech),
            Some(b'{') => Some(Format::Frab),
            _ => None,
        },
        _ => None,
    }
}

/// Reads one file into draft events, in the given format or else the detected one.
pub fn read(format: Option<Format>, path: &Path) -> Result<Vec<SourceEvent>, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let shown = path.display().to_string();
    let format = format.or_else(|| detect(path, &bytes)).ok_or_else(|| {
        format!("{shown}: cannot tell the format from the file name; pass --from frab, pentabarf, ical or confs-tech")
    })?;
    let result = match format {
        Format::Frab => frab::parse(&bytes).map(|e| vec![e]),
        Format::Pentabarf => pentabarf::parse(&bytes).map(|e| vec![e]),
        Format::Ical => ical::parse(&bytes, path).map(|e| vec![e]),
        Format::ConfsTech => confs_tech::parse(&bytes, path),
    };
    result.map_err(|e| format!("{shown}: {e}"))
}

/// Options of `hallway import`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The format of every input file. Without it each file's format is detected (`.ics`,
    /// `.xml`, a `.json` object for frab/pretalx or array for confs.tech), so formats can mix.
    #[arg(long, value_enum)]
    pub from: Option<Format>,
    /// Input files (several are merged into one bundle).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Where to write the bundle JSON.
    #[arg(long, required_unless_present = "content")]
    pub out: Option<PathBuf>,
    /// Write a content tree (the TOML data files `hallway build` reads) into this folder instead
    /// of a bundle, to be merged with hand-written content (see scripts/demo-import.sh).
    #[arg(long, conflicts_with = "out")]
    pub content: Option<PathBuf>,
    /// The bundle's title (default: the event's name, or "N events").
    #[arg(long)]
    pub title: Option<String>,
    /// A TOML file of `[[place]]` tables (city, country, lat, lon) for places the built-in
    /// gazetteer does not know or gets wrong.
    #[arg(long)]
    pub places: Option<PathBuf>,
}

/// Runs `hallway import`: exit 0 on success (unresolved places are warnings), 1 on bad input,
/// 2 when the output cannot be written.
pub fn run(args: ImportArgs) -> ExitCode {
    let mut geocoder = match Geocoder::embedded() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(p) = &args.places {
        if let Err(e) = geocoder.load_overrides(p) {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    }
    let bar = progress(args.files.len() as u64);
    let mut events = Vec::new();
    for f in &args.files {
        bar.set_message(f.display().to_string());
        match read(args.from, f) {
            Ok(mut e) => events.append(&mut e),
            Err(e) => {
                bar.finish_and_clear();
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let converted = events
        .iter()
        .flat_map(|e| &e.talks)
        .filter(|t| t.abstract_from_html)
        .count();
    let title = args.title.unwrap_or_else(|| default_title(&events));
    let merged = merge::merge(events, &geocoder, &title);
    for u in &merged.unresolved {
        eprintln!(
            "warning: no coordinates for `{u}`; add it to a --places file to place it on the map"
        );
    }
    if !merged.unresolved.is_empty() {
        eprintln!(
            "note: the built-in gazetteer knows {} places (15,000+ people, and all capitals); \
             a --places file takes [[place]] tables with city, country, lat and lon",
            geocoder.len()
        );
    }
    if let Some(dir) = &args.content {
        if let Err(e) = crate::build::write_content(&merged.bundle, dir, false) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        println!(
            "{}: content for {} events",
            dir.display(),
            merged.bundle.events.len()
        );
        print!("{}", report(&merged, converted));
        return ExitCode::SUCCESS;
    }
    let Some(out) = &args.out else {
        eprintln!("error: give --out <BUNDLE.json> or --content <DIR>");
        return ExitCode::from(2);
    };
    let json = match serde_json::to_string_pretty(&merged.bundle) {
        Ok(j) => j + "\n",
        Err(e) => {
            eprintln!("error: cannot serialise the bundle: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::write(out, json) {
        eprintln!("error: cannot write `{}`: {e}", out.display());
        return ExitCode::from(2);
    }
    let b = &merged.bundle;
    println!(
        "{}: {} events, {} talks, {} people, {} places ({} without coordinates)",
        out.display(),
        b.events.len(),
        b.talks.len(),
        b.people.len(),
        b.places.len(),
        merged.unresolved.len()
    );
    print!("{}", report(&merged, converted));
    ExitCode::SUCCESS
}

/// What a publisher should look at after an import, with counts: talks without a speaker or
/// a time, places without coordinates, abstracts converted from HTML and the series formed.
pub fn report(merged: &merge::Merged, html_abstracts: usize) -> String {
    let b = &merged.bundle;
    let no_speaker = b.talks.iter().filter(|t| t.speakers.is_empty()).count();
    let no_time = b.talks.iter().filter(|t| t.start.is_none()).count();
    let mut series: Vec<(usize, &str)> = b
        .series
        .iter()
        .map(|s| {
            let n = b
                .events
                .iter()
                .filter(|e| e.series.as_deref() == Some(s.id.as_str()))
                .count();
            (n, s.name.as_str())
        })
        .collect();
    // Largest first, then by name, so the list reads the same on every run.
    series.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let shown: Vec<String> = series
        .iter()
        .take(10)
        .map(|(n, name)| format!("{name} ({n})"))
        .collect();
    let more = series.len().saturating_sub(shown.len());
    let mut out = String::from("Check before publishing:\n");
    out += &format!("  talks without a speaker: {no_speaker}\n");
    out += &format!("  talks without a start time (day only): {no_time}\n");
    out += &format!(
        "  places without coordinates: {}{}\n",
        merged.unresolved.len(),
        if merged.unresolved.is_empty() {
            String::new()
        } else {
            " (listed above; fix them with --places)".to_string()
        }
    );
    out += &format!("  abstracts converted from HTML to Markdown: {html_abstracts}\n");
    out += &format!("  series formed: {}", series.len());
    if !shown.is_empty() {
        out += &format!(", editions: {}", shown.join(", "));
        if more > 0 {
            out += &format!(" and {more} more");
        }
    }
    out.push('\n');
    out
}

fn default_title(events: &[SourceEvent]) -> String {
    match events {
        [one] => one.name.clone(),
        _ => format!("{} events", events.len()),
    }
}

/// A progress bar on an interactive terminal only, so logs and pipes stay clean.
fn progress(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// "HH:MM" (or "H:MM", or "HH:MM:SS") as minutes.
pub(crate) fn parse_duration(s: &str) -> Option<u32> {
    let mut parts = s.trim().split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    (m < 60).then_some(h * 60 + m)
}

/// Trims a string and drops it when nothing is left.
pub(crate) fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

//! Reads a content directory (see `docs/publishing.md`): `bundle.toml`, one TOML file per
//! collection (plus `talks/*.toml`), and `reports/*.md` with TOML front matter between `+++` lines.

use super::diagnostics::{Diagnostics, FileId};
use super::fields::{At, Rec};
use super::records::{self, Found, Kind, Ref};
use hallway_core::model::*;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use toml::de::DeTable;

/// Everything read from the content directory, before references are checked.
pub struct Content {
    pub bundle: Bundle,
    pub refs: Vec<Ref>,
    /// Where each id was defined, per collection, for reference checks and duplicate reports.
    pub ids: HashMap<Kind, HashMap<String, (FileId, Range<usize>)>>,
    /// Where each venue was defined, for the venue-in-place check.
    pub venue_at: HashMap<String, At>,
}

/// One collection file: its name, the array-of-tables key inside it, and what it holds.
const COLLECTIONS: &[(&str, &str, Kind)] = &[
    ("projects.toml", "project", Kind::Project),
    ("places.toml", "place", Kind::Place),
    ("venues.toml", "venue", Kind::Venue),
    ("series.toml", "series", Kind::Series),
    ("events.toml", "event", Kind::Event),
    ("people.toml", "person", Kind::Person),
    ("talks.toml", "talk", Kind::Talk),
];

fn read(d: &mut Diagnostics, dir: &Path, rel: &str) -> Option<FileId> {
    let path = dir.join(rel);
    match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(d.add_file(rel.to_string(), s)),
            Err(_) => {
                d.global(format!("`{rel}` is not UTF-8 text; save it as UTF-8"));
                None
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            d.global(format!("cannot read `{}`: {e}", path.display()));
            None
        }
    }
}

/// Parses a TOML text, reporting every syntax error; `None` when there was any.
fn parse<'i>(d: &mut Diagnostics, file: FileId, text: &'i str, base: usize) -> Option<DeTable<'i>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table.into_inner());
    }
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        d.error(
            file,
            span.start + base..span.end + base,
            format!("TOML syntax: {}", e.message().trim_end()),
            None,
        );
    }
    None
}

/// Files under `dir/sub` with the extension `ext`, sorted by name so the output is deterministic.
fn list(d: &mut Diagnostics, dir: &Path, sub: &str, ext: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    for e in entries {
        match e {
            Ok(e) => {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.ends_with(ext) && !name.starts_with('.') {
                    names.push(format!("{sub}/{name}"));
                }
            }
            Err(err) => d.global(format!("cannot list `{sub}/`: {err}")),
        }
    }
    names.sort();
    names
}

impl Content {
    pub fn read(dir: &Path, strict: bool, d: &mut Diagnostics) -> Content {
        let mut c = Content {
            bundle: Bundle::new(String::new()),
            refs: Vec::new(),
            ids: HashMap::new(),
            venue_at: HashMap::new(),
        };
        c.read_head(dir, strict, d);
        // Every collection is `<name>.toml` plus any `<name>/*.toml`, so that imported data
        // (scripts/demo-import.sh) sits beside hand-written data without editing it.
        for &(file, key, kind) in COLLECTIONS {
            let mut files = vec![file.to_string()];
            files.extend(list(d, dir, file.trim_end_matches(".toml"), ".toml"));
            for p in parse_files(dir, &files, key, kind, strict) {
                c.absorb(p, d);
            }
        }
        for rel in list(d, dir, "reports", ".md") {
            c.read_report(dir, &rel, strict, d);
        }
        // Newest last, ties by id: reports have no natural file order.
        c.bundle
            .reports
            .sort_by(|a, b| a.published.cmp(&b.published).then_with(|| a.id.cmp(&b.id)));
        c
    }

    fn read_head(&mut self, dir: &Path, strict: bool, d: &mut Diagnostics) {
        let Some(file) = read(d, dir, "bundle.toml") else {
            d.global(format!(
                "`{}` has no `bundle.toml`; create one with at least `title = \"...\"`",
                dir.display()
            ));
            return;
        };
        let text = d.source(file).to_string();
        let Some(table) = parse(d, file, &text, 0) else {
            return;
        };
        let rec = Rec {
            file,
            table: &table,
            span: 0..0,
            base: 0,
        };
        rec.check_unknown(d, &["title", "attribution"], strict);
        if let Some(t) = rec.req_str(d, "title", "bundle.toml") {
            self.bundle.title = t.value;
        }
        for a in rec.tables(d, "attribution") {
            a.check_unknown(d, &["text", "url", "license"], strict);
            let text = a.req_str(d, "text", "attribution");
            let url = a.opt_str(d, "url").map(|x| x.value);
            let license = a.opt_str(d, "license").map(|x| x.value);
            if let Some(text) = text {
                self.bundle.attribution.push(Attribution {
                    text: text.value,
                    url,
                    license,
                });
            }
        }
    }

    /// Adds the records of a parsed file, checking each id against those already read.
    fn absorb(&mut self, p: Parsed, d: &mut Diagnostics) {
        let offset = d.absorb(p.d);
        for mut r in p.refs {
            r.at.file += offset;
            self.refs.push(r);
        }
        for (id, record) in p.items {
            let Some(mut id) = id else { continue };
            id.file += offset;
            let kind = record.kind();
            if !self.define(kind, &id, d) {
                continue;
            }
            let b = &mut self.bundle;
            macro_rules! put {
                ($r:expr, $list:expr) => {{
                    let mut r = $r;
                    r.id = Id::from(&id.value);
                    $list.push(r);
                }};
            }
            match record {
                Any::Project(Some(r)) => put!(r, b.projects),
                Any::Place(Some(r)) => put!(r, b.places),
                Any::Venue(Some(r)) => {
                    put!(r, b.venues);
                    self.venue_at.insert(id.value.clone(), id);
                }
                Any::Series(Some(r)) => put!(r, b.series),
                Any::Event(Some(r)) => put!(r, b.events),
                Any::Person(Some(r)) => put!(r, b.people),
                Any::Talk(Some(r)) => put!(r, b.talks),
                // Something required was missing; that was reported when converting.
                _ => {}
            }
        }
    }

    /// Registers an id; false (with a diagnostic) when it is malformed or already taken.
    fn define(&mut self, kind: Kind, id: &At, d: &mut Diagnostics) -> bool {
        if let Err(why) = hallway_core::load::check_id(&id.value) {
            d.error(id.file, id.span.clone(), why, None);
            return false;
        }
        let seen = self.ids.entry(kind).or_default();
        if let Some((file, span)) = seen.get(&id.value) {
            d.error_with_other(
                id.file,
                id.span.clone(),
                format!("duplicate {} id `{}`", kind.noun(), id.value),
                (*file, span.clone(), "first defined here".into()),
            );
            return false;
        }
        seen.insert(id.value.clone(), (id.file, id.span.clone()));
        true
    }

    fn read_report(&mut self, dir: &Path, rel: &str, strict: bool, d: &mut Diagnostics) {
        let Some(file) = read(d, dir, rel) else {
            return;
        };
        let text = d.source(file).to_string();
        let Some((front, base, body)) = split_front_matter(d, file, rel, &text) else {
            return;
        };
        let Some(table) = parse(d, file, front, base) else {
            return;
        };
        let rec = Rec {
            file,
            table: &table,
            span: 0..front.len(),
            base,
        };
        rec.check_unknown(d, records::REPORT_FIELDS, strict);
        let stem = rel
            .trim_start_matches("reports/")
            .trim_end_matches(".md")
            .to_string();
        let id = At {
            value: stem,
            file,
            span: 0..3,
        };
        let id_ok = self.define(Kind::Report, &id, d);
        let mut found = Found::default();
        let report = records::report(&rec, d, &mut found);
        self.refs.append(&mut found.refs);
        if let (Some(mut r), true) = (report, id_ok) {
            r.id = id.value.into();
            let body = body.trim();
            r.body = (!body.is_empty()).then(|| body.to_string());
            self.bundle.reports.push(r);
        }
    }
}

/// A record converted from TOML (`None` when something required is missing), before its id is
/// checked against the other records.
enum Any {
    Project(Option<Project>),
    Place(Option<Place>),
    Venue(Option<Venue>),
    Series(Option<Series>),
    Event(Option<Event>),
    Person(Option<Person>),
    Talk(Option<Talk>),
}

impl Any {
    fn kind(&self) -> Kind {
        match self {
            Any::Project(_) => Kind::Project,
            Any::Place(_) => Kind::Place,
            Any::Venue(_) => Kind::Venue,
            Any::Series(_) => Kind::Series,
            Any::Event(_) => Kind::Event,
            Any::Person(_) => Kind::Person,
            Any::Talk(_) => Kind::Talk,
        }
    }
}

/// One data file read and converted on its own, with its own diagnostics, so that many talk
/// files can be parsed on several threads and merged in file order.
struct Parsed {
    d: Diagnostics,
    items: Vec<(Option<At>, Any)>,
    refs: Vec<Ref>,
}

/// Parses several files of one collection on all cores; the result keeps the order of `files`.
fn parse_files(dir: &Path, files: &[String], key: &str, kind: Kind, strict: bool) -> Vec<Parsed> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || files.len() < 2 {
        return files
            .iter()
            .map(|f| parse_file(dir, f, key, kind, strict))
            .collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|f| parse_file(dir, f, key, kind, strict))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(parsed) => parsed,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

fn parse_file(dir: &Path, rel: &str, key: &str, kind: Kind, strict: bool) -> Parsed {
    let mut p = Parsed {
        d: Diagnostics::default(),
        items: Vec::new(),
        refs: Vec::new(),
    };
    let d = &mut p.d;
    let Some(file) = read(d, dir, rel) else {
        return p;
    };
    // The source lives in `d`; a copy lets records borrow it while `d` collects diagnostics.
    let text = d.source(file).to_string();
    let Some(table) = parse(d, file, &text, 0) else {
        return p;
    };
    for (k, v) in table.iter() {
        let name: &str = k.get_ref();
        if name != key {
            let hint = hallway_core::text::closest(name, [key])
                .map(|b| format!("did you mean `[[{b}]]`?"))
                .or_else(|| Some(format!("`{rel}` holds only `[[{key}]]` tables")));
            d.error(
                file,
                k.span(),
                format!("unexpected `{name}` in `{rel}`"),
                hint,
            );
            continue;
        }
        let Some(items) = v.get_ref().as_array() else {
            d.error(
                file,
                v.span(),
                format!("`{key}` must be an array of tables: write each record under `[[{key}]]`"),
                None,
            );
            continue;
        };
        for item in items.iter() {
            let Some(t) = item.get_ref().as_table() else {
                d.error(
                    file,
                    item.span(),
                    format!("each `{key}` must be a table"),
                    None,
                );
                continue;
            };
            let rec = Rec {
                file,
                table: t,
                span: item.span(),
                base: 0,
            };
            let (id, record) = convert(&rec, kind, strict, d, &mut p.refs);
            p.items.push((id, record));
        }
    }
    p
}

/// Converts one record, reporting its problems; the id is checked later, against all files.
fn convert(
    rec: &Rec,
    kind: Kind,
    strict: bool,
    d: &mut Diagnostics,
    refs: &mut Vec<Ref>,
) -> (Option<At>, Any) {
    let known = match kind {
        Kind::Project => records::PROJECT_FIELDS,
        Kind::Place => records::PLACE_FIELDS,
        Kind::Venue => records::VENUE_FIELDS,
        Kind::Series => records::SERIES_FIELDS,
        Kind::Event => records::EVENT_FIELDS,
        Kind::Person => records::PERSON_FIELDS,
        // Reports come from Markdown files (`read_report`), never through here.
        Kind::Talk | Kind::Report => records::TALK_FIELDS,
    };
    rec.check_unknown(d, known, strict);
    let id = rec.req_str(d, "id", kind.noun());
    let mut f = Found::default();
    let any = match kind {
        Kind::Project => Any::Project(records::project(rec, d, &mut f)),
        Kind::Place => Any::Place(records::place(rec, d, &mut f)),
        Kind::Venue => Any::Venue(records::venue(rec, d, &mut f)),
        Kind::Series => Any::Series(records::series(rec, d, &mut f)),
        Kind::Event => Any::Event(records::event(rec, d, &mut f)),
        Kind::Person => Any::Person(records::person(rec, d, &mut f)),
        Kind::Talk | Kind::Report => Any::Talk(records::talk(rec, d, &mut f, strict)),
    };
    refs.append(&mut f.refs);
    (id, any)
}

/// Splits `+++\n<toml>\n+++\n<body>`; returns the TOML, its offset in the file, and the body.
fn split_front_matter<'t>(
    d: &mut Diagnostics,
    file: FileId,
    rel: &str,
    text: &'t str,
) -> Option<(&'t str, usize, &'t str)> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[bom..].find('\n').map_or(text.len(), |n| bom + n);
    if text[bom..first_end].trim_end() != "+++" {
        d.error(
            file,
            bom..first_end,
            format!("Couldn't find front matter in `{rel}`. Did you forget `+++`?"),
            Some("start the file with a line `+++`, the TOML front matter (title, published, ...), then another `+++` line".into()),
        );
        return None;
    }
    let start = (first_end + 1).min(text.len());
    let mut pos = start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |n| pos + n);
        if text[pos..end].trim_end() == "+++" {
            let body = &text[(end + 1).min(text.len())..];
            return Some((&text[start..pos], start, body));
        }
        pos = end + 1;
    }
    d.error(
        file,
        bom..first_end,
        format!("the front matter in `{rel}` is never closed"),
        Some("add a line `+++` after the front matter, before the report's text".into()),
    );
    None
}

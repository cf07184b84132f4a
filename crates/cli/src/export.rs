//! `hallway export`: a filtered view of a bundle as iCalendar, Atom, JSON Feed, CSV, GeoJSON or
//! a frab schedule, with the same core code as the app's download buttons.

use hallway_core::export::{self, Exported, Format, Options};
use hallway_core::load::merge_shard;
use hallway_core::query::{Filter, QueryIndex};
use hallway_core::{load_shard, load_with, Dataset, DateTime, LoadOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// ics, atom, jsonfeed, csv, geojson (events), geojson-places or frab.
    #[arg(long, value_parser = parse_format)]
    format: Format,
    /// The view to export, as the app's URL writes it: `project=qemu&city=dublin&view=talks`.
    /// Feeds always list reports, frab always talks; iCalendar lists events unless
    /// `view=talks`.
    #[arg(long, default_value = "")]
    filter: String,
    /// The event whose talks a frab schedule holds (its id).
    #[arg(long)]
    event: Option<String>,
    /// Where the app is published, for links to its pages and for feed ids.
    #[arg(long)]
    base_url: Option<String>,
    /// The bundle's main JSON document (split bundles: texts are read from their shards).
    bundle: PathBuf,
    #[command(flatten)]
    limits: crate::check::Limits,
    /// Write here instead of standard output; given a directory, the file inside it is named
    /// after the view as the app names downloads (`hallway-qemu-dublin.ics`).
    #[arg(long)]
    out: Option<PathBuf>,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format `{s}`; choose one of {}", names.join(", "))
    })
}

impl Args {
    pub fn run(self) -> ExitCode {
        match self.export() {
            Ok((out, name)) => {
                for n in &out.notes {
                    eprintln!("note: {n}");
                }
                let written = match &self.out {
                    Some(p) => {
                        let p = if p.is_dir() { p.join(name) } else { p.clone() };
                        std::fs::write(&p, &out.text)
                            .map(|()| eprintln!("wrote {}", p.display()))
                            .map_err(|e| format!("cannot write `{}`: {e}", p.display()))
                    }
                    None => std::io::stdout()
                        .write_all(out.text.as_bytes())
                        .map_err(|e| format!("cannot write to standard output: {e}")),
                };
                match written {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("error: {e}");
                        ExitCode::from(2)
                    }
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        }
    }

    /// The export and the file name the app would give it.
    fn export(&self) -> Result<(Exported, String), String> {
        let data = std::sync::Arc::new(read_dataset(&self.bundle, &self.limits.options())?);
        let query = QueryIndex::new(&data);
        let (mut filter, notices) = Filter::from_query(&self.filter, &query);
        for n in notices {
            eprintln!("note: {n}");
        }
        let view = self.format.view_for(filter.view);
        if view != filter.view && self.filter.contains("view=") {
            eprintln!(
                "note: {} lists {}, so the filter runs in that view.",
                self.format,
                view.as_str()
            );
        }
        filter.view = view;
        let name = export::file_name(&filter, self.format.extension());
        let items = query.items(&filter);
        let options = Options {
            base_url: self.base_url.clone(),
            now: now(),
            ..Options::default()
        };
        if self.format == Format::Frab {
            let id = self
                .event
                .as_deref()
                .ok_or_else(|| export::ExportError::NoEvent.to_string())?;
            let e = *data.index.event_by_id.get(id).ok_or_else(|| {
                let hint = hallway_core::text::closest(
                    id,
                    data.bundle.events.iter().map(|e| e.id.as_str()),
                )
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
                format!("{}{hint}", export::ExportError::NoSuchEvent(id.into()))
            })?;
            // Without a filter, the whole event; with one, the event's talks it keeps.
            let talks: Vec<u32> = if filter.is_narrowed() {
                items
            } else {
                data.index.talks_of_event[e as usize].to_vec()
            };
            return export::frab::schedule(&data, e, &talks, &options)
                .map(|x| (x, name))
                .map_err(|e| e.to_string());
        }
        if self.event.is_some() {
            eprintln!("note: --event applies to frab only; narrow other exports with --filter.");
        }
        export::export(&data, self.format, view, &items, &options)
            .map(|x| (x, name))
            .map_err(|e| e.to_string())
    }
}

/// Loads a bundle as the app does (problems are reported and the rest is exported), with the
/// long texts of a split bundle put back from its shards.
pub fn read_dataset(path: &Path, options: &LoadOptions) -> Result<Dataset, String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    let loaded = load_with(&bytes, options).map_err(|e| format!("{shown}: {e}"))?;
    for n in &loaded.notices {
        eprintln!("note: {n}");
    }
    if !loaded.problems.is_empty() {
        eprintln!(
            "note: {} record(s) have problems and are exported as the app shows them; run `hallway check {shown}` for details.",
            loaded.problems.len()
        );
    }
    let mut bundle = loaded.bundle;
    if let Some(texts) = bundle.texts.take() {
        let dir = path.parent().unwrap_or(Path::new("."));
        for (i, rel) in (0u32..).zip(&texts.shards) {
            let p = dir.join(rel);
            let shard = std::fs::read(&p)
                .map_err(|e| e.to_string())
                .and_then(|b| load_shard(&b, options).map_err(|e| e.to_string()))
                .map_err(|e| format!("text shard `{}`: {e}", p.display()))?;
            merge_shard(&mut bundle, i, &shard);
        }
    }
    Ok(Dataset::new(bundle))
}

/// The current time, for bundles that do not say when they were written.
fn now() -> Option<DateTime> {
    DateTime::parse(&jiff::Timestamp::now().to_string()).ok()
}

//! `hallway check`: load a bundle the way the app does and report what the app would skip.

use hallway_core::load::missing_texts;
use hallway_core::{load_shard, load_with, LoadOptions, Outcome};
use std::path::Path;
use std::process::ExitCode;

/// The caps the app applies to a bundle, adjustable for a publisher's own checks.
#[derive(clap::Args, Clone, Debug)]
pub struct Limits {
    /// Refuse bundles larger than this many bytes.
    #[arg(long, default_value_t = hallway_core::load::DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,
    /// Refuse bundles with more records than this in one collection.
    #[arg(long, default_value_t = hallway_core::load::DEFAULT_MAX_RECORDS)]
    pub max_records: usize,
}

impl Limits {
    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            max_bytes: self.max_bytes,
            max_records: self.max_records,
            ..LoadOptions::default()
        }
    }
}

pub fn run(path: &Path, limits: &Limits) -> ExitCode {
    let shown = path.display();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read `{shown}`: {e}");
            return ExitCode::from(2);
        }
    };
    let options = limits.options();
    let loaded = match load_with(&bytes, &options) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {shown}: {e}");
            return ExitCode::from(1);
        }
    };
    for notice in &loaded.notices {
        eprintln!("note: {notice}");
    }
    let mut errors = 0;
    for p in &loaded.problems {
        let level = match p.outcome {
            Outcome::Skipped => "error",
            Outcome::Repaired => "warning",
        };
        eprintln!(
            "{level}: {}: {}\n  --> {shown}:{}:{}",
            p.path, p.message, p.line, p.column
        );
        errors += 1;
    }
    errors += check_shards(path, &loaded.bundle, &options);

    let b = &loaded.bundle;
    let counts = counts(b);
    if errors == 0 {
        println!("{shown}: ok ({counts})");
        ExitCode::SUCCESS
    } else {
        println!("{shown}: {errors} problem(s); the app would show {counts}");
        ExitCode::from(1)
    }
}

/// `hallway check A B ...`: each bundle on its own (its shards too), then merged as the app
/// merges them, with every problem naming its bundle.
pub fn run_several(paths: &[std::path::PathBuf], limits: &Limits) -> ExitCode {
    let parts = match crate::merge_cmd::load_parts(paths, limits, false) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let options = limits.options();
    let mut errors = 0;
    for (path, part) in paths.iter().zip(&parts) {
        errors += check_shards(path, &part.loaded.bundle, &options);
    }
    let merged = hallway_core::merge::merge(parts);
    errors += crate::merge_cmd::print_problems(&merged);
    let b = &merged.bundle;
    let counts = counts(b);
    let n = paths.len();
    if errors == 0 {
        println!("{n} bundles: ok together ({counts})");
        ExitCode::SUCCESS
    } else {
        println!("{n} bundles: {errors} problem(s); the app would show {counts}");
        ExitCode::from(1)
    }
}

/// In the split form, every shard must load and hold the texts the main document promises.
fn check_shards(path: &Path, bundle: &hallway_core::Bundle, options: &LoadOptions) -> usize {
    let Some(texts) = &bundle.texts else { return 0 };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut errors = 0;
    let mut merged = bundle.clone();
    for (i, rel) in texts.shards.iter().enumerate() {
        let shard_path = dir.join(rel);
        let shard = match std::fs::read(&shard_path)
            .map_err(|e| e.to_string())
            .and_then(|b| load_shard(&b, options).map_err(|e| e.to_string()))
        {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: texts.shards[{i}]: `{}`: {e}", shard_path.display());
                errors += 1;
                continue;
            }
        };
        for missing in missing_texts(bundle, i as u32, &shard) {
            eprintln!("error: {missing}: shard {i} is `{rel}`");
            errors += 1;
        }
        hallway_core::load::merge_shard(&mut merged, i as u32, &shard);
    }
    if let Some(rel) = &texts.search {
        if errors > 0 {
            eprintln!("note: texts.search (`{rel}`) is not compared with texts that did not load");
        } else {
            errors += check_search_index(&dir.join(rel), rel, &merged);
        }
    }
    errors
}

/// The search index must be the one the texts give: rebuilt from the merged shards and compared
/// file by file (its chunk names are content hashes, so a stale chunk has a stale name).
fn check_search_index(index_path: &Path, rel: &str, merged: &hallway_core::Bundle) -> usize {
    let dictionary = match std::fs::read(index_path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: texts.search: `{}`: {e}", index_path.display());
            return 1;
        }
    };
    let rebuilt = hallway_core::search_index::build(merged);
    let dir = index_path.parent().unwrap_or(Path::new("."));
    let differences = hallway_core::search_index::compare(&rebuilt, &dictionary, |name| {
        std::fs::read(dir.join(name)).ok()
    });
    for d in &differences {
        eprintln!(
            "error: texts.search (`{rel}`): {d}; rebuild the bundle with `hallway build --split` so the index matches its texts"
        );
    }
    differences.len()
}

/// What a bundle holds, as the summary line says it.
fn counts(b: &hallway_core::Bundle) -> String {
    format!(
        "{} events, {} talks, {} people, {} reports, {} projects, {} places",
        b.events.len(),
        b.talks.len(),
        b.people.len(),
        b.reports.len(),
        b.projects.len(),
        b.places.len()
    )
}

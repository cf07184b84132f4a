//! `hallway merge A B ... --out C`: several bundles as one, by core's rules (`hallway_core::merge`,
//! the code the app runs for `?bundle=A&bundle=B`), printing every disagreement as a diagnostic.
//! Also the loading behind `hallway check A B` (several bundles checked together).

use crate::check::Limits;
use hallway_core::load::{merge_shard, missing_texts};
use hallway_core::merge::{self, Merged, Part};
use hallway_core::{load_shard, Outcome};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The bundles, in order: where they disagree about a record, the first one wins.
    #[arg(required = true, num_args = 2..)]
    pub bundles: Vec<PathBuf>,
    /// Where to write the merged bundle.
    #[arg(long)]
    pub out: PathBuf,
    /// Write the split form (main document plus long-text shards).
    #[arg(long)]
    pub split: bool,
    #[command(flatten)]
    pub limits: Limits,
}

impl Args {
    pub fn run(self) -> ExitCode {
        let parts = match load_parts(&self.bundles, &self.limits, true) {
            Ok(p) => p,
            Err(code) => return code,
        };
        let mut merged = merge::merge(parts);
        print_problems(&merged);
        match hallway_cli::split::write(&mut merged.bundle, &self.out, self.split) {
            Ok(w) => {
                println!(
                    "{}",
                    hallway_cli::split::summary_with_limit(
                        &self.out,
                        &merged.bundle,
                        &w,
                        self.limits.max_bytes
                    )
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        }
    }
}

/// Reads and loads each bundle as a part of a merge (references wait for the merge). With
/// `inline`, a split bundle's texts are read from its shards into its records, so the merged
/// bundle stands on its own wherever it is written; without, shards are only checked.
/// Exit code 2 when a file cannot be read, 1 when one is not a usable bundle.
pub fn load_parts(paths: &[PathBuf], limits: &Limits, inline: bool) -> Result<Vec<Part>, ExitCode> {
    let options = limits.options();
    let mut parts = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            eprintln!("error: cannot read `{shown}`: {e}");
            ExitCode::from(2)
        })?;
        let mut loaded = merge::load_part(&bytes, &options).map_err(|e| {
            eprintln!("error: {shown}: {e}");
            ExitCode::from(1)
        })?;
        if inline {
            inline_shards(path, &mut loaded.bundle, &options)?;
        }
        parts.push(Part {
            url: shown.clone(),
            href: shown,
            loaded,
        });
    }
    Ok(parts)
}

/// Puts a split bundle's long texts back into its records and drops its shard list.
fn inline_shards(
    path: &Path,
    bundle: &mut hallway_core::Bundle,
    options: &hallway_core::LoadOptions,
) -> Result<(), ExitCode> {
    let Some(texts) = bundle.texts.take() else {
        return Ok(());
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    for (i, rel) in texts.shards.iter().enumerate() {
        let shard_path = dir.join(rel);
        let shard = std::fs::read(&shard_path)
            .map_err(|e| e.to_string())
            .and_then(|b| load_shard(&b, options).map_err(|e| e.to_string()))
            .map_err(|e| {
                eprintln!(
                    "error: {}: texts.shards[{i}]: `{}`: {e}",
                    path.display(),
                    shard_path.display()
                );
                ExitCode::from(1)
            })?;
        for missing in missing_texts(bundle, i as u32, &shard) {
            eprintln!(
                "warning: {}: {missing}: shard {i} is `{rel}`",
                path.display()
            );
        }
        merge_shard(bundle, i as u32, &shard);
    }
    for t in &mut bundle.talks {
        t.text_shard = None;
    }
    for r in &mut bundle.reports {
        r.text_shard = None;
    }
    Ok(())
}

/// Every problem as a diagnostic naming its bundle; returns how many there were.
pub fn print_problems(merged: &Merged) -> usize {
    for notice in &merged.notices {
        eprintln!("note: {notice}");
    }
    for p in &merged.problems {
        let level = match p.problem.outcome {
            Outcome::Skipped => "error",
            Outcome::Repaired => "warning",
        };
        eprintln!("{level}: {}", merged.describe(p));
    }
    merged.problems.len()
}

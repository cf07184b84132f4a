//! `hallway init DIR`: writes a content folder that builds as it is (one report, one event,
//! place, person and project, the site's title and a README), from templates compiled into the
//! binary so that a publisher needs nothing but `hallway`.

use std::path::Path;
use std::process::ExitCode;

/// The files of a new content folder: path relative to it, and contents.
pub const FILES: &[(&str, &str)] = &[
    ("README.md", include_str!("../templates/init/README.md")),
    ("bundle.toml", include_str!("../templates/init/bundle.toml")),
    ("events.toml", include_str!("../templates/init/events.toml")),
    ("places.toml", include_str!("../templates/init/places.toml")),
    ("people.toml", include_str!("../templates/init/people.toml")),
    (
        "projects.toml",
        include_str!("../templates/init/projects.toml"),
    ),
    (
        "reports/example-conf-2026.md",
        include_str!("../templates/init/reports/example-conf-2026.md"),
    ),
];

/// Writes the template into `dir`, which must not exist or be empty: a publisher's own files
/// are never overwritten.
pub fn init(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(format!("`{}` exists and is not a folder", dir.display()));
        }
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "`{}` is not empty; give a new or empty folder (nothing was written)",
                dir.display()
            ));
        }
    }
    for (name, text) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

/// Command-line arguments of `hallway init`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to create (or an empty one).
    dir: std::path::PathBuf,
}

impl Args {
    pub fn run(self) -> ExitCode {
        match init(&self.dir) {
            Ok(()) => {
                let d = self.dir.display();
                println!("Created a Hallway content folder in {d}. Next:");
                println!("  hallway serve {d}               # preview, reloads when you save");
                println!("  hallway build {d} --site site   # the site to upload, in site/");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        }
    }
}

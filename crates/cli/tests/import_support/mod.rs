//! Shared helpers of the `import_*` tests: run `hallway import`, load the result with core.
#![allow(dead_code)]

use assert_cmd::Command;
use hallway_core::text::fold;
use hallway_core::Bundle;
use std::path::{Path, PathBuf};

/// The project's own hand-written fixtures (`tests/fixtures/import/`), used by the default run.
pub fn fixture(rel: &str) -> String {
    format!("{}/tests/fixtures/import/{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// The third-party files beside the project (`../shared/data`, or the folder named by
/// `HALLWAY_SHARED_DATA`), read only by the `import_shared` target; `None` when absent.
pub fn shared_data() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("HALLWAY_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    dir.canonicalize().ok().filter(|d| d.is_dir())
}

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub out: PathBuf,
    _dir: tempfile::TempDir,
}

/// Runs `hallway import <args> --out <tmp>/bundle.json`.
pub fn import(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bundle.json");
    let o = Command::cargo_bin("hallway")
        .unwrap()
        .arg("import")
        .args(args)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    Run {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        out,
        _dir: dir,
    }
}

/// The bundle a successful run wrote, loaded as the app loads it, with zero problems.
pub fn bundle(run: &Run) -> Bundle {
    assert_eq!(run.code, Some(0), "import failed: {}", run.stderr);
    load_clean(&run.out)
}

pub fn load_clean(path: &Path) -> Bundle {
    let bytes = std::fs::read(path).unwrap();
    let loaded = hallway_core::load(&bytes).expect("the bundle loads");
    assert!(
        loaded.problems.is_empty(),
        "problems: {:?}",
        loaded.problems
    );
    loaded.bundle
}

/// People as the importer identifies them: by folded, whitespace-collapsed name.
pub fn person_key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn talk<'a>(b: &'a Bundle, title: &str) -> &'a hallway_core::Talk {
    b.talks
        .iter()
        .find(|t| t.title == title)
        .unwrap_or_else(|| panic!("no talk `{title}`"))
}

pub fn person_names(b: &Bundle, ids: &[hallway_core::Id]) -> Vec<String> {
    ids.iter()
        .map(|id| b.people.iter().find(|p| &p.id == id).unwrap().name.clone())
        .collect()
}

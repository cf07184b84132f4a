//! Compiles the app's release build (`dist/`, written by `scripts/build.sh`) into the `hallway`
//! binary, so that `hallway build --site` and `hallway serve` need nothing else at run time.
//!
//! The folder is `HALLWAY_APP_DIR` when set, else `dist/` of the workspace. Without it the
//! binary still builds (the bundle commands work) and `--site`/`serve` say how to get the app.
//! `data/` is left out: a site's bundle is its publisher's, never the demo's.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=HALLWAY_APP_DIR");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let dir = match std::env::var_os("HALLWAY_APP_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => manifest.join("../../dist"),
    };
    let mut code = String::new();
    if dir.join("index.html").is_file() {
        // A directory is scanned as a whole: any new build of the app reruns this.
        println!("cargo:rerun-if-changed={}", dir.display());
        let dir = dir.canonicalize().unwrap();
        let mut files = Vec::new();
        walk(&dir, &dir, &mut files);
        files.sort();
        code.push_str("/// The app's files: path relative to the site's root, and contents.\n");
        code.push_str("pub const APP: Option<&[(&str, &[u8])]> = Some(&[\n");
        for (rel, abs) in &files {
            writeln!(
                code,
                "    ({rel:?}, include_bytes!({:?})),",
                abs.display().to_string()
            )
            .unwrap();
        }
        code.push_str("]);\n");
        writeln!(
            code,
            "pub const APP_DIR: &str = {:?};",
            dir.display().to_string()
        )
        .unwrap();
    } else {
        // Watching a missing path would rerun this script, and so recompile the CLI, on every
        // cargo command; scripts/build.sh touches this file instead when it has made dist/.
        println!("cargo:rerun-if-changed=build.rs");
        println!(
            "cargo:warning=no app at {} (run scripts/build.sh, then rebuild): this hallway cannot write sites or serve",
            dir.display()
        );
        code.push_str("pub const APP: Option<&[(&str, &[u8])]> = None;\n");
        writeln!(
            code,
            "pub const APP_DIR: &str = {:?};",
            dir.display().to_string()
        )
        .unwrap();
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("app_files.rs");
    std::fs::write(out, code).unwrap();
}

/// Every file under `dir` but `data/`, as (`a/b.js`, absolute path).
fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "data" {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            out.push((rel, path));
        }
    }
}

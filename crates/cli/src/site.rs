//! A complete static site (`hallway build --site OUT`): the app's release build, compiled into
//! this binary by `build.rs`, under a base path of the publisher's choice, with their bundle at
//! `data/bundle.json`. `hallway serve` serves the same files from memory.
//!
//! The build makes every URL relative to the document's `<base href>` (scripts/postbuild-csp.mjs),
//! so a base path changes `index.html`/`404.html` and what is derived from them: the app shell's
//! version (asset-manifest.json, stamped into sw.js) and the `_headers` paths. Nothing with
//! Subresource Integrity changes.

use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/app_files.rs"));

/// Where the app reads its default bundle (`DEFAULT_BUNDLE` in src/data.rs).
pub const BUNDLE_PATH: &str = "data/bundle.json";

/// What a binary built before the app says when asked for a site.
pub fn no_app() -> String {
    format!(
        "this hallway was built without the app: run scripts/build.sh, then rebuild hallway \
         (it looked for the app's release build in {APP_DIR}; set HALLWAY_APP_DIR to use another folder)"
    )
}

/// The app's files, path relative to the site's root, as compiled in.
pub fn app() -> Result<BTreeMap<&'static str, &'static [u8]>, String> {
    APP.map(|files| files.iter().copied().collect())
        .ok_or_else(no_app)
}

/// A base path as `<base href>` wants it: `/`, or `/reports/` (leading and trailing slash).
/// Accepts `reports`, `/reports`, `/a/b/`. Refuses what could break out of the attribute or
/// name another origin.
pub fn normalize_base(base: &str) -> Result<String, String> {
    let trimmed = base.trim().trim_matches('/');
    let ok = trimmed.split('/').all(|seg| {
        !seg.is_empty()
            && seg != "."
            && seg != ".."
            && seg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%+@".contains(&b))
    });
    if trimmed.is_empty() {
        return Ok("/".into());
    }
    if !ok {
        return Err(format!(
            "--base-url `{base}` is not a path such as /reports/ (letters, digits, `-._~%+@` between slashes)"
        ));
    }
    Ok(format!("/{trimmed}/"))
}

/// The app shell's version: the same hash as scripts/postbuild-csp.mjs (every shell asset's
/// URL and bytes in the order of asset-manifest.json, then index.html), first 16 hex digits.
pub fn shell_version(files: &BTreeMap<String, Cow<'static, [u8]>>) -> Result<String, String> {
    let manifest = asset_manifest(files)?;
    let mut h = Sha256::new();
    for url in manifest
        .assets
        .iter()
        .filter(|u| u.as_str() != "index.html")
    {
        let bytes = files
            .get(url.as_str())
            .ok_or_else(|| format!("asset-manifest.json lists `{url}`, which the app lacks"))?;
        h.update(url.as_bytes());
        h.update(bytes);
    }
    h.update(files.get("index.html").ok_or("the app has no index.html")?);
    let digest = h.finalize();
    Ok(digest[..8].iter().map(|b| format!("{b:02x}")).collect())
}

#[derive(serde::Deserialize)]
struct AssetManifest {
    version: String,
    assets: Vec<String>,
}

fn asset_manifest(files: &BTreeMap<String, Cow<'static, [u8]>>) -> Result<AssetManifest, String> {
    let bytes = files
        .get("asset-manifest.json")
        .ok_or("the app has no asset-manifest.json")?;
    serde_json::from_slice(bytes).map_err(|e| format!("the app's asset-manifest.json: {e}"))
}

fn text(files: &BTreeMap<String, Cow<'static, [u8]>>, name: &str) -> Result<String, String> {
    let bytes = files
        .get(name)
        .ok_or_else(|| format!("the app has no {name}"))?;
    String::from_utf8(bytes.to_vec()).map_err(|_| format!("the app's {name} is not UTF-8"))
}

/// The app's files for a site under `base` (from [`normalize_base`]).
pub fn app_files(base: &str) -> Result<BTreeMap<String, Cow<'static, [u8]>>, String> {
    let mut files: BTreeMap<String, Cow<'static, [u8]>> = app()?
        .into_iter()
        .map(|(k, v)| (k.to_string(), Cow::Borrowed(v)))
        .collect();
    if base == "/" {
        return Ok(files);
    }
    let html = text(&files, "index.html")?;
    const ROOT_BASE: &str = "<base href=\"/\">";
    if html.matches(ROOT_BASE).count() != 1 {
        return Err(format!("the app's index.html has no single {ROOT_BASE}"));
    }
    let html = html.replace(ROOT_BASE, &format!("<base href=\"{base}\">"));
    files.insert("index.html".into(), Cow::Owned(html.clone().into_bytes()));
    files.insert("404.html".into(), Cow::Owned(html.into_bytes()));

    let old = asset_manifest(&files)?.version;
    let new = shell_version(&files)?;
    for name in ["asset-manifest.json", "sw.js"] {
        let t = text(&files, name)?;
        if !t.contains(&old) {
            return Err(format!("the app's {name} does not carry its build {old}"));
        }
        files.insert(name.into(), Cow::Owned(t.replace(&old, &new).into_bytes()));
    }
    if files.contains_key("_headers") {
        let headers = prefix_headers(&text(&files, "_headers")?, base);
        files.insert("_headers".into(), Cow::Owned(headers.into_bytes()));
    }
    Ok(files)
}

/// `_headers` rules name paths from the host's root: `/embed/*` becomes `/reports/embed/*`.
fn prefix_headers(headers: &str, base: &str) -> String {
    let prefix = base.trim_end_matches('/');
    headers
        .lines()
        .map(|line| {
            if line.starts_with('/') {
                format!("{prefix}{line}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

/// Makes `out` ready for a new site: created if missing; a previous site (it has
/// asset-manifest.json) is emptied so no stale hashed file stays, except its hidden files
/// (`.htaccess`, `.well-known/`: the host's, never the app's); any other folder with files
/// in it is refused, so that a typo never deletes someone's work.
pub fn prepare_out(out: &Path) -> Result<(), String> {
    if out.exists() && !out.is_dir() {
        return Err(format!("`{}` exists and is not a folder", out.display()));
    }
    if out.is_dir() {
        let entries: Vec<_> = std::fs::read_dir(out)
            .map_err(|e| format!("cannot read `{}`: {e}", out.display()))?
            .flatten()
            .collect();
        if !entries.is_empty() && !out.join("asset-manifest.json").is_file() {
            return Err(format!(
                "`{}` has files in it and is not a Hallway site; give a new or empty folder",
                out.display()
            ));
        }
        for e in entries {
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let p = e.path();
            let r = if p.is_dir() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
            r.map_err(|e| format!("cannot remove `{}`: {e}", p.display()))?;
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))
}

/// Writes the app's files into `out` (prepared with [`prepare_out`]).
pub fn write_app(out: &Path, files: &BTreeMap<String, Cow<'static, [u8]>>) -> Result<(), String> {
    for (name, bytes) in files {
        let path = out.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalized_or_refused() {
        assert_eq!(normalize_base("/").unwrap(), "/");
        assert_eq!(normalize_base("").unwrap(), "/");
        assert_eq!(normalize_base("reports").unwrap(), "/reports/");
        assert_eq!(normalize_base("/a/b/").unwrap(), "/a/b/");
        for bad in [
            "/a b/",
            "/\"x/",
            "/a/../b/",
            "/a//b/",
            "https://x/",
            "/a?b/",
        ] {
            assert!(normalize_base(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn headers_rules_move_under_the_base() {
        let h = "# c\n/*\n  X: 1\n/embed/*\n  Y: 2\n";
        assert_eq!(
            prefix_headers(h, "/reports/"),
            "# c\n/reports/*\n  X: 1\n/reports/embed/*\n  Y: 2\n"
        );
    }
}

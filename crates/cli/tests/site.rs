//! `hallway build --site`: the app compiled into the binary plus the publisher's bundle, at the
//! root or under a base path. These tests need the app (`scripts/build.sh` before building the
//! CLI; scripts/test.sh does so) and fail, never skip, without it.

use assert_cmd::Command;
use hallway_cli::site;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn hallway() -> Command {
    let mut c = Command::cargo_bin("hallway").unwrap();
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}

/// `hallway init DIR`, which must succeed.
fn init(dir: &Path) {
    let o = hallway().arg("init").arg(dir).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn need_app() {
    if let Err(e) = site::app() {
        panic!("{e}");
    }
}

/// Every file under `dir`, relative path to bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p: PathBuf = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn text(t: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(t.get(name).unwrap_or_else(|| panic!("no {name}")).clone()).unwrap()
}

fn version(t: &BTreeMap<String, Vec<u8>>) -> String {
    let m: serde_json::Value = serde_json::from_str(&text(t, "asset-manifest.json")).unwrap();
    m["version"].as_str().unwrap().to_string()
}

#[test]
fn the_demo_site_equals_the_release_build() {
    need_app();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = hallway()
        .args(["build", &format!("{ROOT}/content"), "--site"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    // The app the binary carries is the folder scripts/build.sh wrote, data/ included: the
    // demo's bundle is built from content/ (tests/build.rs checks that).
    let built = tree(&out);
    let dist = tree(Path::new(site::APP_DIR));
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        dist.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &dist {
        assert!(
            &built[name] == bytes,
            "{name} differs from {}",
            site::APP_DIR
        );
    }
}

#[test]
fn the_shell_version_is_computed_as_the_build_stamps_it() {
    need_app();
    let files = site::app_files("/").unwrap();
    let m: serde_json::Value = serde_json::from_slice(&files["asset-manifest.json"]).unwrap();
    assert_eq!(site::shell_version(&files).unwrap(), m["version"]);
}

/// `hallway build CONTENT --site OUT` with `extra` arguments.
fn build_site(
    content: &std::path::Path,
    out: &std::path::Path,
    extra: &[&str],
) -> std::process::Output {
    hallway()
        .arg("build")
        .arg(content)
        .arg("--site")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn init_then_a_site_under_a_base_path() {
    need_app();
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let out = tmp.path().join("site");
    init(&content);
    let o = build_site(&content, &out, &["--base-url", "/reports/"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let t = tree(&out);
    let html = text(&t, "index.html");
    assert!(html.contains(r#"<base href="/reports/">"#), "{html}");
    assert_eq!(text(&t, "404.html"), html);
    assert!(!html.contains("_hallway"), "no live reload in a built site");
    // Every URL of the page is relative to the base element.
    let others = html.replace(r#"<base href="/reports/">"#, "");
    for attr in ["src=\"/", "href=\"/"] {
        assert!(
            !others.contains(attr),
            "an absolute {attr} escapes the base"
        );
    }
    // The Markdown worker's files, named (relative, content-hashed) by the hallway-worker meta
    // element, ship with the site: the app loads them on demand from under the base.
    let meta = html
        .split("<meta name=\"hallway-worker\"")
        .nth(1)
        .and_then(|m| m.split('>').next())
        .expect("index.html names the Markdown worker");
    for attr in ["content", "data-script", "data-wasm"] {
        let name = meta
            .split(&format!(" {attr}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap_or_else(|| panic!("no {attr} in {meta}"));
        assert!(
            name.starts_with("hallway-worker-") && !name.contains('/'),
            "{name}"
        );
        assert!(t.contains_key(name), "{name} is in the site");
    }
    // The shell changed, so its version did: in the manifest and in the worker alike.
    let root = site::app_files("/").unwrap();
    let root_version: serde_json::Value =
        serde_json::from_slice(&root["asset-manifest.json"]).unwrap();
    let v = version(&t);
    assert_ne!(v, root_version["version"].as_str().unwrap());
    assert!(text(&t, "sw.js").contains(&format!("const BUILD = '{v}';")));
    let owned: BTreeMap<String, std::borrow::Cow<'static, [u8]>> = t
        .iter()
        .map(|(k, v)| (k.clone(), std::borrow::Cow::Owned(v.clone())))
        .collect();
    assert_eq!(site::shell_version(&owned).unwrap(), v);
    let headers = text(&t, "_headers");
    assert!(headers.contains("\n/reports/embed/*\n"), "{headers}");
    assert!(!headers.lines().any(|l| l.starts_with("/*")), "{headers}");
    // The publisher's bundle, not the demo's.
    let bundle: serde_json::Value = serde_json::from_str(&text(&t, "data/bundle.json")).unwrap();
    assert_eq!(bundle["title"], "Our conference reports");
    // Hashed files are the app's own, byte for byte (their integrity still holds).
    for (name, bytes) in &root {
        if name.contains('-') && (name.ends_with(".js") || name.ends_with(".wasm")) {
            assert!(t[name] == bytes.as_ref(), "{name}");
        }
    }
}

#[test]
fn a_site_replaces_an_earlier_site_but_never_other_files() {
    need_app();
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    init(&content);
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("thesis.txt"), "years of work").unwrap();
    let o = build_site(&content, &mine, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a Hallway site"));
    assert!(mine.join("thesis.txt").is_file());

    let out = tmp.path().join("site");
    let build = || {
        let o = build_site(&content, &out, &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    build();
    build();
    std::fs::write(out.join("stale-0000.js"), "old").unwrap();
    std::fs::write(out.join(".htaccess"), "FallbackResource /index.html").unwrap();
    build();
    assert!(
        !out.join("stale-0000.js").exists(),
        "a stale file of the last site stays"
    );
    assert!(
        out.join(".htaccess").is_file(),
        "the host's hidden files are kept"
    );
}

#[test]
fn a_broken_content_folder_leaves_the_last_site_alone() {
    need_app();
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let out = tmp.path().join("site");
    init(&content);
    assert!(build_site(&content, &out, &[]).status.success());
    let before = tree(&out);
    std::fs::write(
        content.join("places.toml"),
        "[[place]]\nid = \"berlin\"\ncity = 3\n",
    )
    .unwrap();
    let o = build_site(&content, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("places.toml:3:"),
        "{o:?}"
    );
    assert!(tree(&out) == before);
}

#[test]
fn bad_base_paths_are_refused() {
    let o = hallway()
        .args(["build", "x", "--site", "y", "--base-url", "/a b/"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--base-url"));
    let o = hallway()
        .args(["build", "x", "--out", "y.json", "--base-url", "/a/"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "--base-url needs --site");
}

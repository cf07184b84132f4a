//! The split form's search index on disk: `hallway generate --split` writes it, rebuilding it
//! from the shards gives the same files, and `hallway check` reports an index that does not
//! match its shards.

use assert_cmd::Command;
use hallway_core::load::{load_shard, merge_shard};
use hallway_core::search_index::{build, compare};
use hallway_core::{load_with, LoadOptions};
use std::path::Path;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("hallway")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn generate(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("b.json");
    let (code, stdout, err) = run(&[
        "generate",
        "--talks",
        "3000",
        "--seed",
        "5",
        "--split",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.contains("search index in b.search/"), "{stdout}");
    out
}

#[test]
fn the_index_rebuilt_from_the_shards_is_the_one_on_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let out = generate(tmp.path());
    let mut b = load_with(&std::fs::read(&out).unwrap(), &LoadOptions::unlimited())
        .unwrap()
        .bundle;
    let texts = b.texts.clone().unwrap();
    assert_eq!(texts.search.as_deref(), Some("b.search/index.json"));
    for (i, rel) in texts.shards.iter().enumerate() {
        let bytes = std::fs::read(tmp.path().join(rel)).unwrap();
        merge_shard(
            &mut b,
            i as u32,
            &load_shard(&bytes, &LoadOptions::unlimited()).unwrap(),
        );
    }
    let rebuilt = build(&b);
    let dir = tmp.path().join("b.search");
    let dictionary = std::fs::read(dir.join("index.json")).unwrap();
    let diff = compare(&rebuilt, &dictionary, |f| std::fs::read(dir.join(f)).ok());
    assert!(diff.is_empty(), "{diff:?}");
    // Every chunk on disk is listed, nothing else is there.
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(on_disk, rebuilt.chunks.len() + 1);
    let (code, _, err) = run(&["check", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn check_reports_an_index_that_does_not_match_its_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let out = generate(tmp.path());
    // An abstract edited in its shard after the build: still a valid shard.
    let shard = tmp.path().join("b.texts/0.json");
    let mut s: serde_json::Value = serde_json::from_slice(&std::fs::read(&shard).unwrap()).unwrap();
    let first = s["talks"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    s["talks"][&first] = "Zyxwvut appears nowhere else".into();
    std::fs::write(&shard, serde_json::to_vec(&s).unwrap()).unwrap();
    let (code, _, err) = run(&["check", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "error: texts.search (`b.search/index.json`): the dictionary does not match the texts"
        ),
        "{err}"
    );
    assert!(
        err.contains("rebuild the bundle with `hallway build --split`"),
        "{err}"
    );
}

#[test]
fn check_reports_a_missing_chunk() {
    let tmp = tempfile::tempdir().unwrap();
    let out = generate(tmp.path());
    let dir = tmp.path().join("b.search");
    let chunk = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n != "index.json")
        .unwrap();
    std::fs::remove_file(dir.join(&chunk)).unwrap();
    let (code, _, err) = run(&["check", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!("chunk `{chunk}` is missing")),
        "{err}"
    );
}

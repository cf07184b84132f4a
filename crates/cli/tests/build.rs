//! `hallway build` and `hallway generate` end to end: the demo content, broken content fixtures,
//! determinism and the split form (checked with `hallway check`).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn hallway() -> Command {
    let mut c = Command::cargo_bin("hallway").unwrap();
    // The output must not depend on the environment of whoever runs the tests.
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const INVALID: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/content-invalid"
);

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = hallway().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_committed_demo_bundle_is_built_from_content() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bundle.json");
    let (code, _, err) = run(&[
        "build",
        &format!("{ROOT}/content"),
        "--out",
        path(&out),
        "--strict",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.is_empty(),
        "a clean build prints nothing on stderr: {err}"
    );
    let built = std::fs::read(&out).unwrap();
    let committed = std::fs::read(format!("{ROOT}/public/data/bundle.json")).unwrap();
    assert!(
        built == committed,
        "public/data/bundle.json is stale; run `cargo run -p hallway-cli -- build content --out public/data/bundle.json`"
    );
}

#[test]
fn every_broken_content_case_reports_its_diagnostics() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(INVALID)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "fixtures missing: {cases:?}");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("never.json");
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected = std::fs::read_to_string(case.join("expected.txt"))
            .unwrap_or_else(|_| panic!("{name}: no expected.txt"));
        let extra = std::fs::read_to_string(case.join("args.txt")).unwrap_or_default();
        let mut args = vec!["build", path(&case), "--out", path(&out)];
        args.extend(extra.split_whitespace());
        let (code, _, err) = run(&args);
        assert_eq!(code, Some(1), "{name}: expected exit 1\n{err}");
        for line in expected.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                err.lines().any(|l| l.trim_end() == line.trim_end()),
                "{name}: missing line\n  {line}\nin\n{err}"
            );
        }
        assert!(!out.exists(), "{name}: a broken build wrote a bundle");
    }
}

#[test]
fn unknown_fields_are_warnings_without_strict() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("b.json");
    let case = format!("{INVALID}/unknown-field-strict");
    let (code, _, err) = run(&["build", &case, "--out", path(&out)]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("warning: unknown field `organiser` is ignored"),
        "{err}"
    );
    assert!(out.exists());
}

#[test]
fn the_split_demo_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("demo.json");
    let (code, _, err) = run(&[
        "build",
        &format!("{ROOT}/content"),
        "--out",
        path(&out),
        "--split",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let main = std::fs::read_to_string(&out).unwrap();
    assert!(
        main.contains(
            r#""texts": {"shards":["demo.texts/0.json"],"search":"demo.search/index.json"}"#
        ),
        "{main}"
    );
    assert!(
        !main.contains("\"abstract\""),
        "abstracts moved to the shard"
    );
    assert!(tmp.path().join("demo.texts/0.json").exists());
    let (code, stdout, err) = run(&["check", path(&out)]);
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.contains("ok (1136 events, 1 talks"), "{stdout}");
}

#[test]
fn out_creates_the_folders_it_needs() {
    let tmp = tempfile::tempdir().unwrap();
    let content = format!("{ROOT}/content");
    for (name, split) in [("whole", ""), ("split", "--split")] {
        let out = tmp.path().join(name).join("a/b/bundle.json");
        let mut args = vec!["build", &content, "--out", path(&out)];
        args.extend(split.split_whitespace());
        let (code, _, err) = run(&args);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert!(out.exists(), "{name}");
    }
}

#[test]
fn check_names_a_text_its_shard_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("demo.json");
    let content = format!("{ROOT}/content");
    let (code, _, err) = run(&["build", &content, "--out", path(&out), "--split"]);
    assert_eq!(code, Some(0), "{err}");
    let shard_path = tmp.path().join("demo.texts/0.json");
    let mut shard: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&shard_path).unwrap()).unwrap();
    let talks = shard["talks"].as_object_mut().unwrap();
    let lost = talks.keys().next().unwrap().clone();
    talks.remove(&lost);
    std::fs::write(&shard_path, serde_json::to_vec(&shard).unwrap()).unwrap();
    let (code, _, err) = run(&["check", path(&out)]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "(`{lost}`): its abstract is not in its text shard"
        )),
        "{err}"
    );
}

#[test]
fn generated_comes_from_the_flag_or_source_date_epoch() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("b.json");
    let content = format!("{ROOT}/content");
    let out_s = path(&out).to_string();
    let built = hallway()
        .args(["build", &content, "--out", &out_s])
        .env("SOURCE_DATE_EPOCH", "1416268800")
        .output()
        .unwrap();
    assert!(built.status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains(r#""generated": "2014-11-18T00:00:00Z""#),
        "{text}"
    );
    let (code, _, _) = run(&[
        "build",
        &content,
        "--out",
        &out_s,
        "--generated",
        "yesterday",
    ]);
    assert_eq!(code, Some(2));
}

#[test]
fn generate_is_deterministic_and_loads_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.json");
    let b = tmp.path().join("b.json");
    for out in [&a, &b] {
        let (code, _, err) = run(&[
            "generate",
            "--talks",
            "3000",
            "--seed",
            "7",
            "--out",
            path(out),
        ]);
        assert_eq!(code, Some(0), "{err}");
    }
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap());
    let (code, stdout, err) = run(&["check", path(&a)]);
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.contains("3000 talks"), "{stdout}");
    let (_, _, _) = run(&[
        "generate",
        "--talks",
        "3000",
        "--seed",
        "8",
        "--out",
        path(&b),
    ]);
    assert!(
        std::fs::read(&a).unwrap() != std::fs::read(&b).unwrap(),
        "the seed matters"
    );
}

#[test]
fn a_generated_split_bundle_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("g.json");
    let (code, stdout, err) = run(&[
        "generate",
        "--talks",
        "12000",
        "--seed",
        "3",
        "--out",
        path(&out),
        "--split",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.contains("text shard(s)"), "{stdout}");
    // 12,000 abstracts plus the reports' bodies at 5,000 texts a shard.
    assert!(tmp.path().join("g.texts/2.json").exists());
    let (code, stdout, err) = run(&["check", path(&out)]);
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.contains("12000 talks"), "{stdout}");
}

/// The generator's content tree and its bundle hold the same records: `build` reads back
/// everything `generate` writes (talk files are per event, so only the talk order differs).
#[test]
fn a_generated_content_tree_builds_to_the_generated_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content");
    let direct = tmp.path().join("direct.json");
    let built = tmp.path().join("built.json");
    let args = ["generate", "--talks", "800", "--seed", "5"];
    let (code, _, err) = run(&[&args[..], &["--content-dir", path(&dir)]].concat());
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run(&[&args[..], &["--out", path(&direct)]].concat());
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run(&["build", path(&dir), "--out", path(&built), "--strict"]);
    assert_eq!(code, Some(0), "{err}");
    let read = |p: &Path| {
        let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
        v["talks"]
            .as_array_mut()
            .unwrap()
            .sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
        v
    };
    assert_eq!(read(&direct), read(&built));
}

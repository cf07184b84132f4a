//! `hallway merge` and `hallway check A B`: the CLI merges with core's code, so its file is
//! byte for byte what core's merge (the app's) gives for the same bundles.

use assert_cmd::Command;
use hallway_core::merge::{load_part, merge, Part};
use hallway_core::LoadOptions;

fn hallway() -> Command {
    Command::cargo_bin("hallway").unwrap()
}

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/e2e/fixtures/merge"
);

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}/bundle.json")
}

fn core_merge(paths: &[&str]) -> hallway_core::merge::Merged {
    let parts = paths
        .iter()
        .map(|p| Part {
            url: p.to_string(),
            href: p.to_string(),
            loaded: load_part(&std::fs::read(p).unwrap(), &LoadOptions::default()).unwrap(),
        })
        .collect();
    merge(parts)
}

#[test]
fn hallway_merge_writes_what_core_merges() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("merged/bundle.json");
    let (a, b) = (fixture("a"), fixture("b"));
    let run = hallway()
        .args(["merge", &a, &b, "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let written = std::fs::read(&out).unwrap();
    let merged = core_merge(&[&a, &b]);
    assert_eq!(
        String::from_utf8(written).unwrap(),
        String::from_utf8(hallway_cli::split::to_json(&merged.bundle).unwrap()).unwrap()
    );
    // One KVM Forum 2014, both reports.
    assert_eq!(
        merged
            .bundle
            .events
            .iter()
            .filter(|e| e.id == "kvm-forum-2014")
            .count(),
        1
    );
    assert_eq!(merged.bundle.reports.len(), 2);
}

#[test]
fn conflicts_are_printed_as_warnings_naming_both_bundles_and_the_first_wins() {
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join("other.json");
    let text = std::fs::read_to_string(fixture("b")).unwrap().replacen(
        "\"name\": \"KVM Forum 2014\"",
        "\"name\": \"KVM Forum Düsseldorf\"",
        1,
    );
    assert!(text.contains("KVM Forum Düsseldorf"));
    std::fs::write(&other, text).unwrap();
    let out = tmp.path().join("m.json");
    let a = fixture("a");
    let run = hallway()
        .args([
            "merge",
            &a,
            other.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains(".name: disagrees"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        line.starts_with("warning: Düsseldorf 2014: a second publisher ("),
        "{line}"
    );
    assert!(line.contains("other.json): events[3].name"), "{line}");
    assert!(
        line.contains("\"KVM Forum Düsseldorf\" here, \"KVM Forum 2014\" there"),
        "{line}"
    );
    assert!(
        line.contains(&format!("Düsseldorf 2014: the demo's report ({a})")),
        "{line}"
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("\"name\":\"KVM Forum 2014\""));
    assert!(!written.contains("KVM Forum Düsseldorf"));
}

#[test]
fn check_takes_several_bundles_and_resolves_references_across_them() {
    let tmp = tempfile::tempdir().unwrap();
    // A report that covers a talk only the first bundle lists.
    let lone = tmp.path().join("lone.json");
    std::fs::write(
        &lone,
        r#"{"format":"hallway-bundle","version":"1.0","title":"Lone report",
            "reports":[{"id":"lone","title":"On tracing","published":"2014-11-01",
                        "talks":["tracing-in-the-qemu-emulator"]}]}"#,
    )
    .unwrap();
    let a = fixture("a");
    let together = hallway()
        .args(["check", &a, lone.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        together.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&together.stderr)
    );
    assert!(String::from_utf8_lossy(&together.stdout).starts_with("2 bundles: ok together"));
    // Alone, the reference resolves nowhere.
    let alone = hallway()
        .args(["check", lone.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(alone.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&alone.stderr).contains("unknown talk"));
}

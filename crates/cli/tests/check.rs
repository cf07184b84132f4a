//! `hallway check` end to end: exit codes and diagnostics on real files.

use assert_cmd::Command;

fn hallway() -> Command {
    Command::cargo_bin("hallway").unwrap()
}

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/bundle.json");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

#[test]
fn the_demo_bundle_is_clean() {
    let out = hallway().args(["check", DEMO]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok (1136 events, 1 talks"));
}

#[test]
fn a_dangling_reference_exits_1_with_its_json_path() {
    let out = hallway()
        .args(["check", &format!("{FIXTURES}/dangling-event.json")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            r#"talks[1].event: unknown event "kvm-forum-2041"; did you mean "kvm-forum-2014"?"#
        ),
        "{err}"
    );
    assert!(err.contains("dangling-event.json:8:"), "{err}");
}

#[test]
fn a_syntax_error_names_line_and_column() {
    let out = hallway()
        .args(["check", &format!("{FIXTURES}/syntax-error.json")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 5, column 3"));
}

#[test]
fn the_record_cap_is_adjustable_and_its_refusal_says_what_to_do() {
    // The demo has 1,136 events: under the default cap, over a cap of 1,000.
    let out = hallway()
        .args(["check", "--max-records", "1000", DEMO])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1136 records in `events`, over the limit of 1000"),
        "{err}"
    );
    assert!(err.contains("--max-records"), "{err}");
}

#[test]
fn an_unreadable_file_exits_2() {
    let out = hallway()
        .args(["check", "/nonexistent/bundle.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_shipped_schema_is_up_to_date() {
    let shipped = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/schema/bundle-v1.json"))
        .expect("public/schema/bundle-v1.json exists; regenerate it with `cargo run -p hallway-cli -- schema > public/schema/bundle-v1.json`");
    assert!(
        shipped == hallway_core::schema::bundle_schema_json(),
        "public/schema/bundle-v1.json is stale; regenerate it with `cargo run -p hallway-cli -- schema > public/schema/bundle-v1.json`"
    );
}

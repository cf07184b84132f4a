//! Fuzz target: the confs.tech importer, then merging and geocoding; whatever it writes must load.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

#[path = "support/import.rs"]
mod support;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("conferences/2017/rust.json");
    if let Ok(events) = hallway_cli::import::confs_tech::parse(data, path) {
        support::merge_and_load(events);
    }
});

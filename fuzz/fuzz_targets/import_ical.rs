//! Fuzz target: the iCalendar importer, then merging and geocoding; whatever it writes must load.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

#[path = "support/import.rs"]
mod support;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = hallway_cli::import::ical::parse(data, Path::new("fuzz.ics")) {
        support::merge_and_load(vec![event]);
    }
});

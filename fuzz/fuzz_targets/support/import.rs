//! Shared by the importer targets: what an importer produced is merged, written and loaded
//! back, as `hallway import` then `hallway check` would; the written bundle must be usable.

use hallway_cli::geocode::Geocoder;
use hallway_cli::import::{merge::merge, SourceEvent};
use std::sync::OnceLock;

fn geocoder() -> &'static Geocoder {
    static GEOCODER: OnceLock<Geocoder> = OnceLock::new();
    GEOCODER.get_or_init(|| Geocoder::embedded().expect("the embedded gazetteer loads"))
}

pub fn merge_and_load(events: Vec<SourceEvent>) {
    let merged = merge(events, geocoder(), "fuzz");
    let json = serde_json::to_vec(&merged.bundle).expect("a bundle always serialises");
    if let Err(e) = hallway_core::load(&json) {
        panic!("the importer wrote a bundle that does not load: {e}");
    }
}

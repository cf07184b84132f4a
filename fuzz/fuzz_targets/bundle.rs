//! Fuzz target: any bytes through the loader, and whatever loads through the indexes the app
//! builds next (Dataset, QueryIndex), as `src/data.rs` does.
#![no_main]

use hallway_core::query::QueryIndex;
use hallway_core::{load, Dataset};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = load(data) else { return };
    for p in &loaded.problems {
        // Positions are 1-based and paths name a collection.
        assert!(p.line >= 1 && p.column >= 1, "{p}");
        assert!(!p.path.is_empty());
    }
    let dataset = Dataset::new(loaded.bundle);
    let _ = QueryIndex::new(&dataset);
});

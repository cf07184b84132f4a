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
    let dataset = std::sync::Arc::new(Dataset::new(loaded.bundle));
    // The search index is built on first need; build it here so that it is fuzzed too.
    QueryIndex::new(&dataset).prepare_search();
});

//! Fuzz target: the URL filter decoder against the demo bundle's query index. A decoded filter
//! must encode to a URL that decodes to the same filter, or shared links would drift.
#![no_main]

use hallway_core::query::{Filter, QueryIndex};
use hallway_core::{load, Dataset};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn index() -> &'static QueryIndex {
    static INDEX: OnceLock<QueryIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let demo = include_bytes!("../../public/data/bundle.json");
        let loaded = load(demo).expect("the demo bundle loads");
        QueryIndex::new(&std::sync::Arc::new(Dataset::new(loaded.bundle)))
    })
}

fuzz_target!(|query: &str| {
    let (filter, _notices) = Filter::from_query(query, index());
    let again = Filter::from_query(&filter.to_query(), index()).0;
    assert_eq!(filter, again, "{query:?} -> {:?}", filter.to_query());
});

//! Hostile sizes: an oversize bundle, 100,000-deep nesting and a 10 MB string are each refused
//! or handled quickly, with a clear message and no panic; a million tiny records are refused
//! quickly by the record cap, and below the cap records load in linear time.
//!
//! Time limits are for release builds (`cargo test --release`); debug builds get ten times as
//! long, since unoptimised serde is that much slower and this is about hangs, not benchmarks.

use hallway_core::{load, load_with, LoadError, LoadOptions};
use std::sync::Mutex;
use std::time::{Duration, Instant};

fn budget() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(10)
    } else {
        Duration::from_secs(1)
    }
}

/// Timed sections run one at a time: the test harness runs tests in parallel, and two large
/// loads sharing two cores would each look twice as slow.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    println!("{what}: {took:?}");
    assert!(took < budget(), "{what} took {took:?}, over {:?}", budget());
    out
}

fn header() -> String {
    r#"{"format":"hallway-bundle","version":"1.0","title":"t""#.to_string()
}

#[test]
fn a_bundle_over_the_configured_cap_is_refused_before_parsing() {
    // Not even JSON: the cap is checked first, so the size alone decides.
    let bytes = vec![b'x'; 2_000_001];
    let options = LoadOptions {
        max_bytes: 2_000_000,
        ..LoadOptions::default()
    };
    let err = timed("oversize", || load_with(&bytes, &options)).unwrap_err();
    assert_eq!(
        err,
        LoadError::TooLarge {
            size: 2_000_001,
            limit: 2_000_000
        }
    );
    let msg = err.to_string();
    assert!(
        msg.contains("2000001 bytes") && msg.contains("hallway build --split"),
        "{msg}"
    );
}

#[test]
fn nesting_100000_deep_is_refused_without_a_stack_overflow() {
    let depth = 100_000;
    // Balanced, this is valid JSON: the loader fails on the first element's type and serde_json
    // checks the rest by skipping, which does not recurse, so it is "not a bundle".
    let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    match timed("deep arrays", || load(doc.as_bytes())) {
        Err(LoadError::NotABundle { reason }) => assert!(reason.contains("top level"), "{reason}"),
        other => panic!("{other:?}"),
    }
    // Unbalanced, it is a syntax error at the end of the text.
    match timed("deep unclosed", || load(&doc.as_bytes()[..depth + 10])) {
        Err(LoadError::Syntax { line: 1, .. }) => {}
        other => panic!("{other:?}"),
    }
    // Where a value is only skipped over (an unknown field, or a record's raw text kept for
    // the second pass), serde_json skips without recursing, so the depth costs nothing; the
    // record whose field it is gets skipped with a type error, and nothing overflows.
    let doc = format!(
        r#"{},"junk":{},"talks":[{{"id":"a","title":{}{}}}]}}"#,
        header(),
        "[".repeat(depth) + &"]".repeat(depth),
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let loaded = timed("deep field", || load(doc.as_bytes())).unwrap();
    assert!(loaded.bundle.talks.is_empty());
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].path, "talks[0].title");
    assert!(loaded.problems[0].message.contains("expected a string"));
}

#[test]
fn a_10_mb_string_is_loaded_or_refused_quickly() {
    let big = "a".repeat(10 * 1024 * 1024);
    let doc = format!(
        r#"{},"events":[{{"id":"e","name":"E","start":"2015-10-05"}}],"talks":[{{"id":"t","title":"T","event":"e","abstract":"{big}"}}]}}"#,
        header()
    );
    let loaded = timed("10 MB abstract", || load(doc.as_bytes())).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(
        loaded.bundle.talks[0].r#abstract.as_ref().map(String::len),
        Some(big.len())
    );
    // As an id, the same string is refused with its reason and the rest loads.
    let doc = format!(
        r#"{},"people":[{{"id":"{big}","name":"N"}},{{"id":"ok","name":"M"}}]}}"#,
        header()
    );
    let loaded = timed("10 MB id", || load(doc.as_bytes())).unwrap();
    assert_eq!(loaded.bundle.people.len(), 1);
    assert!(loaded.problems[0].message.contains("longer than 200 bytes"));
}

fn tiny_records(n: usize) -> String {
    let mut doc = header();
    doc.push_str(r#","people":["#);
    for i in 0..n {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str(&format!(r#"{{"id":"p{i}","name":"P"}}"#));
    }
    doc.push_str("]}");
    doc
}

fn fastest_load(doc: &str, n: usize) -> Duration {
    (0..2)
        .map(|_| {
            let start = Instant::now();
            let loaded = load(doc.as_bytes()).unwrap();
            let took = start.elapsed();
            assert_eq!(loaded.bundle.people.len(), n);
            took
        })
        .min()
        .unwrap()
}

/// Guards against anything quadratic in the record count (a per-record scan of the document,
/// say): four times the records may take at most ten times as long (linear is four, quadratic
/// sixteen). A ratio, because absolute times swing with the machine's load.
#[test]
fn loading_time_grows_linearly_with_the_record_count() {
    let (small, large) = (20_000, 80_000);
    let t_small = fastest_load(&tiny_records(small), small);
    let t_large = fastest_load(&tiny_records(large), large);
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    println!("{small} records: {t_small:?}, {large}: {t_large:?}, ratio {ratio:.1}");
    assert!(ratio < 10.0, "4x the records took {ratio:.1}x as long");
}

/// A million tiny records (27 MB) are over the default cap of records in one collection: refused
/// within the budget, naming the collection, the count and what to do.
#[test]
fn a_million_tiny_records_are_refused_quickly_with_the_count() {
    let n = 1_000_000;
    let doc = tiny_records(n);
    let err = timed("1M tiny records, refused", || load(doc.as_bytes())).unwrap_err();
    assert_eq!(
        err,
        LoadError::TooManyRecords {
            collection: "people".into(),
            count: n,
            limit: hallway_core::load::DEFAULT_MAX_RECORDS,
        }
    );
    let message = err.to_string();
    assert!(message.contains("1000000 records in `people`"), "{message}");
    assert!(message.contains("--max-records"), "{message}");
}

/// Just under the cap, a collection loads whole; one more record is refused.
#[test]
fn the_record_cap_is_inclusive() {
    let doc = tiny_records(1_000);
    let at = LoadOptions {
        max_records: 1_000,
        ..LoadOptions::default()
    };
    assert_eq!(
        load_with(doc.as_bytes(), &at).unwrap().bundle.people.len(),
        1_000
    );
    let under = LoadOptions {
        max_records: 999,
        ..LoadOptions::default()
    };
    assert!(matches!(
        load_with(doc.as_bytes(), &under),
        Err(LoadError::TooManyRecords {
            count: 1_000,
            limit: 999,
            ..
        })
    ));
}

/// With the cap lifted, a million tiny records load completely. Measured, not held to the 1 s
/// budget (about 1.3 s in release on a loaded 2-core machine, from 5 s before the duplicate and
/// reference checks stopped copying ids). Ignored for its run time:
/// `cargo test --release --test limits -- --ignored --nocapture`.
#[test]
#[ignore]
fn a_million_tiny_records_load_completely_without_the_cap() {
    let n = 1_000_000;
    let doc = tiny_records(n);
    let start = Instant::now();
    let loaded = load_with(doc.as_bytes(), &LoadOptions::unlimited()).unwrap();
    println!(
        "1M tiny records ({} MB): {:?}",
        doc.len() / 1_000_000,
        start.elapsed()
    );
    assert_eq!(loaded.bundle.people.len(), n);
    assert!(loaded.problems.is_empty());
}
